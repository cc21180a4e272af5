package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaEmKernel.SPECIES;
import static org.emkernel.internal.vectorization.PanamaEmKernel.V;

import jdk.incubator.vector.DoubleVector;

/**
 * Phase B of the vector kernel's recurrence path: N_j and S_j as polynomials in ρ_j (or 1/ρ_j) by Horner's
 * rule, members in groups of four, three, two or one (the unrolled arms are checked against {@code horner1}).
 */
final class PanamaHorner {
  private PanamaHorner() {}

  /*
   * Phase B. A falling member's terms are e_i = anchor·ρ^i from its anchor at the run's start, so
   * N_j gains anchor·Σ_i w_i ρ^i and S_j gains anchor·Σ_i w_i x_i ρ^i: polynomials in ρ, evaluated by Horner's
   * rule from the run's last vector back to its first, two fused multiply-adds per cell. A rising member's
   * terms are e_i = end·(1/ρ)^(last − i) from its value at the run's last vector: Horner's rule in 1/ρ from
   * the first vector forward. Either way every power is at most 1. A group covers the union of its members'
   * spans (all the run without floors): over a member's inactive vectors its polynomial adds the true terms,
   * below its floor or e^−700 of the reference (phase A's sums hold them at 0).
   */

  /** Phase B for four members of one direction. */
  static void horner4(int from, int to, PanamaScratch scratch, boolean rising, int j0, int j1, int j2, int j3) {
    final double[] rows = scratch.doubles;
    final int ratios = rising ? scratch.inverseRatio : scratch.ratio;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[ratios + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[ratios + j1]);
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[ratios + j2]);
    final DoubleVector r3 = DoubleVector.broadcast(SPECIES, rows[ratios + j3]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = scratch.runWeights + start;
    final int moments = scratch.runLogs + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector p2 = p0;
    DoubleVector p3 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    DoubleVector q2 = p0;
    DoubleVector q3 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, rows, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, rows, moments + off);
      p0 = r0.fma(p0, w);
      q0 = r0.fma(q0, wx);
      p1 = r1.fma(p1, w);
      q1 = r1.fma(q1, wx);
      p2 = r2.fma(p2, w);
      q2 = r2.fma(q2, wx);
      p3 = r3.fma(p3, w);
      q3 = r3.fma(q3, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? scratch.runEnds : scratch.runAnchors;
    final int accN = scratch.accN;
    final int accS = scratch.accS;
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, rows, accN + j0 * V)).intoArray(rows, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, rows, accS + j0 * V)).intoArray(rows, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, rows, accN + j1 * V)).intoArray(rows, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, rows, accS + j1 * V)).intoArray(rows, accS + j1 * V);
    final DoubleVector e2 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j2 * V);
    e2.fma(p2, DoubleVector.fromArray(SPECIES, rows, accN + j2 * V)).intoArray(rows, accN + j2 * V);
    e2.fma(q2, DoubleVector.fromArray(SPECIES, rows, accS + j2 * V)).intoArray(rows, accS + j2 * V);
    final DoubleVector e3 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j3 * V);
    e3.fma(p3, DoubleVector.fromArray(SPECIES, rows, accN + j3 * V)).intoArray(rows, accN + j3 * V);
    e3.fma(q3, DoubleVector.fromArray(SPECIES, rows, accS + j3 * V)).intoArray(rows, accS + j3 * V);
  }

  /** Phase B for three members of one direction. */
  static void horner3(int from, int to, PanamaScratch scratch, boolean rising, int j0, int j1, int j2) {
    final double[] rows = scratch.doubles;
    final int ratios = rising ? scratch.inverseRatio : scratch.ratio;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[ratios + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[ratios + j1]);
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[ratios + j2]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = scratch.runWeights + start;
    final int moments = scratch.runLogs + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector p2 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    DoubleVector q2 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, rows, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, rows, moments + off);
      p0 = r0.fma(p0, w);
      q0 = r0.fma(q0, wx);
      p1 = r1.fma(p1, w);
      q1 = r1.fma(q1, wx);
      p2 = r2.fma(p2, w);
      q2 = r2.fma(q2, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? scratch.runEnds : scratch.runAnchors;
    final int accN = scratch.accN;
    final int accS = scratch.accS;
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, rows, accN + j0 * V)).intoArray(rows, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, rows, accS + j0 * V)).intoArray(rows, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, rows, accN + j1 * V)).intoArray(rows, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, rows, accS + j1 * V)).intoArray(rows, accS + j1 * V);
    final DoubleVector e2 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j2 * V);
    e2.fma(p2, DoubleVector.fromArray(SPECIES, rows, accN + j2 * V)).intoArray(rows, accN + j2 * V);
    e2.fma(q2, DoubleVector.fromArray(SPECIES, rows, accS + j2 * V)).intoArray(rows, accS + j2 * V);
  }

  /** Phase B for two members of one direction. */
  static void horner2(int from, int to, PanamaScratch scratch, boolean rising, int j0, int j1) {
    final double[] rows = scratch.doubles;
    final int ratios = rising ? scratch.inverseRatio : scratch.ratio;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[ratios + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[ratios + j1]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = scratch.runWeights + start;
    final int moments = scratch.runLogs + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, rows, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, rows, moments + off);
      p0 = r0.fma(p0, w);
      q0 = r0.fma(q0, wx);
      p1 = r1.fma(p1, w);
      q1 = r1.fma(q1, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? scratch.runEnds : scratch.runAnchors;
    final int accN = scratch.accN;
    final int accS = scratch.accS;
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, rows, accN + j0 * V)).intoArray(rows, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, rows, accS + j0 * V)).intoArray(rows, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, rows, accN + j1 * V)).intoArray(rows, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, rows, accS + j1 * V)).intoArray(rows, accS + j1 * V);
  }

  /** Phase B for one member. */
  static void horner1(int from, int to, PanamaScratch scratch, boolean rising, int j0) {
    final double[] rows = scratch.doubles;
    final int ratios = rising ? scratch.inverseRatio : scratch.ratio;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[ratios + j0]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = scratch.runWeights + start;
    final int moments = scratch.runLogs + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector q0 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      p0 = r0.fma(p0, DoubleVector.fromArray(SPECIES, rows, weights + off));
      q0 = r0.fma(q0, DoubleVector.fromArray(SPECIES, rows, moments + off));
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? scratch.runEnds : scratch.runAnchors;
    final int accN = scratch.accN;
    final int accS = scratch.accS;
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, rows, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, rows, accN + j0 * V)).intoArray(rows, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, rows, accS + j0 * V)).intoArray(rows, accS + j0 * V);
  }
}
