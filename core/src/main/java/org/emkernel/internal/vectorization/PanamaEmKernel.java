package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernel on {@code jdk.incubator.vector}. Lanes run across consecutive bins, the component loop
 * inside. Log-joints are taken relative to a reference component m in compensated arithmetic (as in the
 * scalar reference), so both kernels compute the same well-conditioned quantity.
 *
 * <p>Two paths. The <em>exp path</em> evaluates one exponential per (bin, component) cell. The
 * <em>recurrence path</em> serves runs of {@link #RUN_BLOCKS} vectors of consecutive outcomes: with m the
 * upper envelope's component at the run's centre, {@code e_j(x) = exp(l_j(x) − l_m(x))} is a geometric
 * sequence in x, so after one exact anchor per run each vector of terms is the previous one times the
 * constant {@code ρ_j = exp(V·(η_j − η_m))}: one multiplication per cell instead of an exponential.
 * A run falls back to the exp path when its outcomes are not consecutive, when a term could overflow,
 * when a ratio overflows, or for the varying-trials z column. Terms below e^−708 relative to the reference
 * (negligible, and subnormal if kept) are held at exactly 0 until they grow past it, when they are anchored
 * exactly, and set to 0 once they shrink below it.
 */
public final class PanamaEmKernel implements EmKernel {

  /** The vector kernel with the recurrence path. */
  public static final PanamaEmKernel INSTANCE = new PanamaEmKernel(true);
  /** The vector kernel with one exponential per cell everywhere (for comparison). */
  public static final PanamaEmKernel EXP_ONLY = new PanamaEmKernel(false);

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  /** Vectors per recurrence run: one exact anchor per run, multiplications in between. */
  static final int RUN_BLOCKS = 32;
  private static final int RUN = RUN_BLOCKS * V;
  /** Terms below e^NEGLIGIBLE relative to the reference are negligible (and would be subnormal). */
  private static final double NEGLIGIBLE = -708;
  /** Largest log-ratio to the reference allowed on a run: e^690 times up to e^19 terms stays finite. */
  private static final double CEILING = 690;
  /** Largest log-ratio step per vector of an active term: zeroed lanes before its anchor stay below e^-620. */
  private static final double STEEPEST = 80;
  /** Growing terms are anchored where every lane is at least e^ANCHOR, a normal double with margin. */
  private static final double ANCHOR = NEGLIGIBLE + 8;
  private static final int NEVER = Integer.MAX_VALUE;

  private final boolean recurrence;

  private PanamaEmKernel(boolean recurrence) {
    this.recurrence = recurrence;
  }

  /** Number of doubles per vector on this machine. */
  public static int lanes() {
    return V;
  }

  // Scratch layout, in units of doubles: rows of V per component, then per-component scalars.
  private static int rowE(int k) {
    return 0;
  }

  private static int rowN(int k) {
    return k * V;
  }

  private static int rowS(int k) {
    return 2 * k * V;
  }

  private static int rowT(int k) {
    return 3 * k * V;
  }

  private static int laneBuf(int k) {
    return 4 * k * V;
  }

  private static int logLikRow(int k) {
    return 4 * k * V + V;
  }

  /** Per-component compensated coefficient differences: aHi, aLo, eHi, eLo, zHi, zLo, ratio, act, deact. */
  private static int coef(int k, int which) {
    return 4 * k * V + 2 * V + which * k;
  }

  /** Recurrence buffers: each term's exact anchor vector, then the run's sums Σ (later the weights c / Σ). */
  private static int runAnchors(int k) {
    return coef(k, 9);
  }

  private static int runWeights(int k) {
    return coef(k, 9) + k * V;
  }

  /** The run's log Σ per vector. */
  private static int runLogs(int k) {
    return runWeights(k) + RUN;
  }

  /** The reference component whose differences and ratios the coefficient rows hold (−1: none yet). */
  private static int cachedReference(int k) {
    return runLogs(k) + RUN;
  }

  /** The tail's padded copy: V outcomes, then V counts, then V trials. */
  private static int tail(int k) {
    return cachedReference(k) + 1;
  }

  @Override
  public int scratchLength(int k) {
    return tail(k) + 3 * V;
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, int k,
      double[] n, double[] s, double[] t, double[] scratch) {
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    assert scratch.length >= scratchLength(k);
    assert z == null || (zeta != null && t != null && z.length >= to);
    java.util.Arrays.fill(scratch, rowN(k), logLikRow(k) + V, 0.0);
    java.util.Arrays.fill(scratch, laneBuf(k), laneBuf(k) + V, 0.0);
    final int upper = from + SPECIES.loopBound(to - from);
    scratch[cachedReference(k)] = -1; // The coefficients are new on every call.
    if (recurrence && z == null) {
      for (int b = from; b < upper; ) {
        int blocks = Math.min(RUN_BLOCKS, (upper - b) / V);
        recurrenceOrExp(x, c, b, blocks, a, eta, k, scratch);
        b += blocks * V;
      }
    } else {
      expBlocks(x, z, c, from, upper, 0, 0, a, eta, zeta, k, scratch);
    }
    if (upper < to) {
      // The tail shorter than a vector, padded to one with the last outcome at count 0 (adding nothing).
      int pad = tail(k);
      for (int i = 0; i < V; i++) {
        int b = Math.min(upper + i, to - 1);
        scratch[pad + i] = x[b];
        scratch[pad + V + i] = upper + i < to ? c[b] : 0;
        scratch[pad + 2 * V + i] = z == null ? 0 : z[b];
      }
      expBlocks(scratch, z == null ? null : scratch, scratch, pad, pad + V, V, 2 * V, a, eta, zeta, k, scratch);
    }
    for (int j = 0; j < k; j++) {
      n[j] += DoubleVector.fromArray(SPECIES, scratch, rowN(k) + j * V).reduceLanes(VectorOperators.ADD);
      s[j] += DoubleVector.fromArray(SPECIES, scratch, rowS(k) + j * V).reduceLanes(VectorOperators.ADD);
      if (z != null) {
        t[j] += DoubleVector.fromArray(SPECIES, scratch, rowT(k) + j * V).reduceLanes(VectorOperators.ADD);
      }
    }
    return DoubleVector.fromArray(SPECIES, scratch, logLikRow(k)).reduceLanes(VectorOperators.ADD);
  }

  /** ρ_j = exp(V·(η_j − η_m)) = exp(V·hi)·(1 + V·lo) from the compensated differences, a vector at a time. */
  private static void ratios(int k, double[] scratch) {
    int hi = coef(k, 2);
    int lo = coef(k, 3);
    int out = coef(k, 6);
    int j = 0;
    for (; j + V <= k; j += V) {
      DoubleVector.fromArray(SPECIES, scratch, hi + j).mul(V).lanewise(VectorOperators.EXP)
          .mul(DoubleVector.fromArray(SPECIES, scratch, lo + j).fma(V, 1.0))
          .intoArray(scratch, out + j);
    }
    for (; j < k; j++) {
      scratch[out + j] = Math.exp(scratch[hi + j] * V) * (1 + scratch[lo + j] * V);
    }
  }

  /** Fills the coefficient-difference rows for reference component m. */
  private static void differences(double[] a, double[] eta, double[] zeta, int k, int m, double[] scratch) {
    for (int j = 0; j < k; j++) {
      scratch[coef(k, 0) + j] = Compensated.diffHi(a[j], a[m]);
      scratch[coef(k, 1) + j] = Compensated.diffLo(a[j], a[m]);
      scratch[coef(k, 2) + j] = Compensated.diffHi(eta[j], eta[m]);
      scratch[coef(k, 3) + j] = Compensated.diffLo(eta[j], eta[m]);
      if (zeta != null) {
        scratch[coef(k, 4) + j] = Compensated.diffHi(zeta[j], zeta[m]);
        scratch[coef(k, 5) + j] = Compensated.diffLo(zeta[j], zeta[m]);
      }
    }
  }

  /**
   * d_j = l_j − l_m over the lanes with a z column, from the coefficient-difference rows, written to
   * scratch row j. Vectors never cross a method boundary here, so nothing is boxed.
   */
  private static void relativeZ(double[] x, double[] z, int b, int zShift, int j, int k, double[] scratch) {
    double aHi = scratch[coef(k, 0) + j];
    if (aHi == Double.NEGATIVE_INFINITY) {
      DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY).intoArray(scratch, j * V);
      return;
    }
    DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
    DoubleVector zv = DoubleVector.fromArray(SPECIES, z, b + zShift);
    double eHi = scratch[coef(k, 2) + j];
    double zHi = scratch[coef(k, 4) + j];
    // Both products and their sum as exact hi + lo parts (TwoProduct by fma, TwoSum), then the offset.
    DoubleVector p = xv.mul(eHi);
    DoubleVector pe = xv.fma(DoubleVector.broadcast(SPECIES, eHi), p.neg());
    DoubleVector q = zv.mul(zHi);
    DoubleVector qe = zv.fma(DoubleVector.broadcast(SPECIES, zHi), q.neg());
    DoubleVector sum = p.add(q);
    DoubleVector bv = sum.sub(p);
    DoubleVector se = p.sub(sum.sub(bv)).add(q.sub(bv));
    DoubleVector tt = sum.add(aHi);
    bv = tt.sub(sum);
    DoubleVector te = sum.sub(tt.sub(bv)).add(DoubleVector.broadcast(SPECIES, aHi).sub(bv));
    DoubleVector low = te.add(se).add(pe).add(qe).add(scratch[coef(k, 1) + j])
        .add(xv.mul(scratch[coef(k, 3) + j])).add(zv.mul(scratch[coef(k, 5) + j]));
    tt.add(low).intoArray(scratch, j * V);
  }

  /** The exp path over whole vectors [from, to): one exponential per cell. */
  private static void expBlocks(double[] x, double[] z, double[] c, int from, int to, int cShift, int zShift,
      double[] a, double[] eta, double[] zeta, int k, double[] scratch) {
    final boolean hasZ = z != null;
    final int accN = rowN(k);
    final int accS = rowS(k);
    final int accT = rowT(k);
    DoubleVector logLik = DoubleVector.fromArray(SPECIES, scratch, logLikRow(k));
    int cachedM = -1;
    for (int b = from; b < to; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      DoubleVector zv = hasZ ? DoubleVector.fromArray(SPECIES, z, b + zShift) : null;
      // Reference component: the best at the middle lane; differences recomputed only when it changes.
      int mid = b + V / 2;
      int m = Compensated.argmax(a, eta, zeta, k, x[mid], hasZ ? z[mid + zShift] : 0);
      if (m != cachedM) {
        differences(a, eta, zeta, k, m, scratch);
        cachedM = m;
        scratch[cachedReference(k)] = -1; // The recurrence's ratios no longer match the rows.
      }
      // Pass 1: differences to the reference and their lane-wise maximum.
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        if (hasZ) {
          relativeZ(x, z, b, zShift, j, k, scratch);
        } else {
          // d = (Δa_hi + Δη_hi·x) + (Δa_lo + Δη_lo·x); −∞ for a component of weight 0.
          xv.fma(scratch[coef(k, 2) + j], scratch[coef(k, 0) + j])
              .add(xv.fma(scratch[coef(k, 3) + j], scratch[coef(k, 1) + j]))
              .intoArray(scratch, j * V);
        }
        max = max.max(DoubleVector.fromArray(SPECIES, scratch, j * V));
      }
      // Pass 2: shifted exponentials and their sum.
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).lanewise(VectorOperators.EXP);
        e.intoArray(scratch, j * V);
        sum = sum.add(e);
      }
      DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
      if (hasZ) {
        lm = zv.fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
      }
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + cShift);
      logLik = cv.fma(lm.add(max.add(sum.lanewise(VectorOperators.LOG))), logLik);
      // Pass 3: count-weighted posteriors into the per-component lane accumulators.
      DoubleVector w = cv.div(sum);
      for (int j = 0; j < k; j++) {
        DoubleVector r = DoubleVector.fromArray(SPECIES, scratch, j * V).mul(w);
        DoubleVector.fromArray(SPECIES, scratch, accN + j * V).add(r).intoArray(scratch, accN + j * V);
        r.fma(xv, DoubleVector.fromArray(SPECIES, scratch, accS + j * V)).intoArray(scratch, accS + j * V);
        if (hasZ) {
          r.fma(zv, DoubleVector.fromArray(SPECIES, scratch, accT + j * V)).intoArray(scratch, accT + j * V);
        }
      }
    }
    logLik.intoArray(scratch, logLikRow(k));
  }

  /** A run of whole vectors by recurrence; where it does not qualify, its halves, down to the exp path. */
  private static void recurrenceOrExp(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, int k, double[] scratch) {
    if (blocks >= 2 && recurrenceRun(x, c, b, blocks, a, eta, k, scratch)) {
      return;
    }
    if (blocks >= 4) {
      int half = blocks / 2;
      recurrenceOrExp(x, c, b, half, a, eta, k, scratch);
      recurrenceOrExp(x, c, b + half * V, blocks - half, a, eta, k, scratch);
    } else {
      expBlocks(x, null, c, b, b + blocks * V, 0, 0, a, eta, null, k, scratch);
    }
  }

  /**
   * The recurrence path over one run of {@code blocks} vectors from bin b, of consecutive outcomes; returns
   * false, having changed no accumulator, when the run does not qualify.
   */
  private static boolean recurrenceRun(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, int k, double[] scratch) {
    final int length = blocks * V;
    final double x0 = x[b];
    final double xLast = x[b + length - 1];
    if (xLast - x0 != length - 1) {
      return false; // Outcomes not consecutive: the sequence is not geometric.
    }
    final int m = Compensated.argmax(a, eta, null, k, x[b + length / 2], 0);
    final int ratio = coef(k, 6);
    if (scratch[cachedReference(k)] != m) {
      // Differences and ratios depend only on the reference: runs sharing it reuse them.
      differences(a, eta, null, k, m, scratch);
      ratios(k, scratch);
      scratch[cachedReference(k)] = m;
    }
    final int act = coef(k, 7);
    final int deact = coef(k, 8);
    for (int j = 0; j < k; j++) {
      // d_j at the run's ends from the cached difference rows (the same arithmetic as Compensated.relative).
      double aHi = scratch[coef(k, 0) + j];
      double aLo = scratch[coef(k, 1) + j];
      double eHi = scratch[coef(k, 2) + j];
      double eLo = scratch[coef(k, 3) + j];
      double dFirst = Math.fma(eHi, x0, aHi) + Math.fma(eLo, x0, aLo);
      double dLast = Math.fma(eHi, xLast, aHi) + Math.fma(eLo, xLast, aLo);
      double slope = scratch[coef(k, 2) + j] + scratch[coef(k, 3) + j];
      if (Math.max(dFirst, dLast) > CEILING) {
        return false; // A term could overflow.
      }
      // Blocks where the term is not negligible in some lane: from first (anchored there) until last.
      double first;
      double last;
      if (Math.max(dFirst, dLast) < NEGLIGIBLE) {
        first = NEVER;
        last = NEVER;
      } else if (dFirst >= NEGLIGIBLE && dLast >= NEGLIGIBLE) {
        first = 0;
        last = NEVER;
      } else if (dFirst < NEGLIGIBLE) {
        // Growing: anchored exactly at the first block whose first lane is at least ANCHOR, so every anchored
        // lane is a normal double and none is stuck at an underflowed 0. The blocks before it are zeroed:
        // their lanes lie below ANCHOR + |slope|·(V − 1) <= ANCHOR + STEEPEST, negligible next to the
        // reference's 1.
        double outcomes = (ANCHOR - dFirst) / slope;
        first = Math.max(0, Math.ceil(outcomes / V));
        last = NEVER;
        if (first >= blocks) {
          first = NEVER;
        }
      } else {
        // Shrinking: zero from the block whose first lane is below NEGLIGIBLE (one block late is harmless).
        double outcomes = (NEGLIGIBLE - dFirst) / slope;
        first = 0;
        last = Math.ceil(outcomes / V) + 1;
      }
      if (first < last && first < blocks && Math.abs(slope) * V > STEEPEST) {
        return false; // An active term this steep: its ratio per vector is too large to step by.
      }
      scratch[act + j] = first;
      scratch[deact + j] = last;
    }
    runTerms(x, c, b, blocks, a[m], eta[m], k, scratch);
    runSums(x, b, blocks, k, scratch);
    return true;
  }

  /**
   * Phase A of a run, component by component: each term over its active vectors [first, last) is its exact
   * anchor times powers of its ratio, a register chain, added into the per-vector sums (the terms themselves
   * are not stored: phase B runs the same chain again). Then, vector by vector, the log-likelihood and the
   * weights c / Σ, stored over the sums.
   */
  private static void runTerms(double[] x, double[] c, int b, int blocks, double aRef, double etaRef, int k,
      double[] scratch) {
    final int anchors = runAnchors(k);
    final int sums = runWeights(k);
    java.util.Arrays.fill(scratch, sums, sums + blocks * V, 0.0);
    for (int j = 0; j < k; j++) {
      int first = (int) Math.min(scratch[coef(k, 7) + j], blocks);
      int last = (int) Math.min(scratch[coef(k, 8) + j], blocks);
      if (first >= last) {
        continue; // Negligible on the whole run.
      }
      double rho = scratch[coef(k, 6) + j];
      // Exact anchor: one exponential per term and run.
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b + first * V);
      DoubleVector e = xv.fma(scratch[coef(k, 2) + j], scratch[coef(k, 0) + j])
          .add(xv.fma(scratch[coef(k, 3) + j], scratch[coef(k, 1) + j]))
          .lanewise(VectorOperators.EXP);
      e.intoArray(scratch, anchors + j * V);
      for (int at = sums + first * V, end = sums + last * V; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, scratch, at).add(e).intoArray(scratch, at);
        e = e.mul(rho);
      }
    }
    // The logarithms alone first: the call to the vector LOG then has few live registers to spill.
    final int logs = runLogs(k);
    for (int i = 0; i < blocks * V; i += V) {
      DoubleVector.fromArray(SPECIES, scratch, sums + i).lanewise(VectorOperators.LOG).intoArray(scratch, logs + i);
    }
    DoubleVector logLik = DoubleVector.fromArray(SPECIES, scratch, logLikRow(k));
    DoubleVector am = DoubleVector.broadcast(SPECIES, aRef);
    DoubleVector em = DoubleVector.broadcast(SPECIES, etaRef);
    for (int i = 0; i < blocks * V; i += V) {
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + i);
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b + i);
      logLik = cv.fma(xv.fma(em, am).add(DoubleVector.fromArray(SPECIES, scratch, logs + i)), logLik);
      cv.div(DoubleVector.fromArray(SPECIES, scratch, sums + i)).intoArray(scratch, sums + i);
    }
    logLik.intoArray(scratch, logLikRow(k));
  }

  /**
   * Phase B of a run, component by component: the same chain as phase A from the stored anchor, and
   * N_j += Σ e·w, S_j += Σ e·w·x in register accumulators.
   */
  private static void runSums(double[] x, int b, int blocks, int k, double[] scratch) {
    final int anchors = runAnchors(k);
    final int weights = runWeights(k);
    final int accN = rowN(k);
    final int accS = rowS(k);
    for (int j = 0; j < k; j++) {
      int first = (int) Math.min(scratch[coef(k, 7) + j], blocks);
      int last = (int) Math.min(scratch[coef(k, 8) + j], blocks);
      if (first >= last) {
        continue;
      }
      double rho = scratch[coef(k, 6) + j];
      DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, anchors + j * V);
      DoubleVector n = DoubleVector.zero(SPECIES);
      DoubleVector sx = DoubleVector.zero(SPECIES);
      for (int i = first * V, end = last * V; i < end; i += V) {
        DoubleVector r = e.mul(DoubleVector.fromArray(SPECIES, scratch, weights + i));
        n = n.add(r);
        sx = r.fma(DoubleVector.fromArray(SPECIES, x, b + i), sx);
        e = e.mul(rho);
      }
      DoubleVector.fromArray(SPECIES, scratch, accN + j * V).add(n).intoArray(scratch, accN + j * V);
      DoubleVector.fromArray(SPECIES, scratch, accS + j * V).add(sx).intoArray(scratch, accS + j * V);
    }
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch) {
    assert out.length >= (long) to * k;
    assert scratch.length >= scratchLength(k);
    final boolean hasZ = z != null;
    final int lane = laneBuf(k);
    final int upper = from + SPECIES.loopBound(to - from);
    int cachedM = -1;
    for (int b = from; b < upper; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      DoubleVector zv = hasZ ? DoubleVector.fromArray(SPECIES, z, b) : null;
      int mid = b + V / 2;
      int m = Compensated.argmax(a, eta, zeta, k, x[mid], hasZ ? z[mid] : 0);
      if (m != cachedM) {
        differences(a, eta, zeta, k, m, scratch);
        cachedM = m;
      }
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        if (hasZ) {
          relativeZ(x, z, b, 0, j, k, scratch);
        } else {
          xv.fma(scratch[coef(k, 2) + j], scratch[coef(k, 0) + j])
              .add(xv.fma(scratch[coef(k, 3) + j], scratch[coef(k, 1) + j]))
              .intoArray(scratch, j * V);
        }
        max = max.max(DoubleVector.fromArray(SPECIES, scratch, j * V));
      }
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        sum = sum.add(DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).lanewise(VectorOperators.EXP));
      }
      DoubleVector logSum = sum.lanewise(VectorOperators.LOG);
      if (lse != null) {
        DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
        if (hasZ) {
          lm = zv.fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
        }
        lm.add(max.add(logSum)).intoArray(lse, b);
      }
      // (d − max) − log Σ, transposed from lanes into the row-major output.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).sub(logSum).intoArray(scratch, lane);
        for (int i = 0; i < V; i++) {
          out[(b + i) * k + j] = scratch[lane + i];
        }
      }
    }
    if (upper < to) {
      DefaultEmKernel.INSTANCE.logPosteriors(x, z, upper, to, a, eta, zeta, k, out, lse, scratch);
    }
  }

  @Override
  public String name() {
    return recurrence ? "vector" : "vector-exp";
  }
}
