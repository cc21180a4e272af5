package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaEmKernel.*;
import static org.emkernel.internal.vectorization.PanamaHorner.*;
import static org.emkernel.internal.vectorization.PanamaRecurrence.*;


/**
 * The vector kernel's scratch layout: where each row lives in the one {@code double[]} a kernel call gets, in
 * units of doubles. Rows of V per component (E, N, S, T), the lane buffer and the log-likelihood, then the
 * named coefficient rows of k doubles each, then the recurrence run's buffers.
 */
final class PanamaScratch {
  private PanamaScratch() {}

  // Scratch layout, in units of doubles: rows of V per component, then per-component scalars.
  static int rowE(int k) {
    return 0;
  }

  static int rowN(int k) {
    return k * V;
  }

  static int rowS(int k) {
    return 2 * k * V;
  }

  static int rowT(int k) {
    return 3 * k * V;
  }

  static int laneBuf(int k) {
    return 4 * k * V;
  }

  static int logLikRow(int k) {
    return 4 * k * V + V;
  }

  // The coefficient rows, k doubles each: the compensated coefficient differences against the reference
  // component (a, η, ζ as high and low parts), then the run data.
  static final int A_HI = 0;
  static final int A_LO = 1;
  static final int ETA_HI = 2;
  static final int ETA_LO = 3;
  static final int ZETA_HI = 4;
  static final int ZETA_LO = 5;
  /** The ratio ρ of successive vectors' terms. */
  static final int RATIO = 6;
  /** The first active vector of the run, and the end of the active vectors. */
  static final int FIRST_ACTIVE = 7;
  static final int END_ACTIVE = 8;
  /** 1/ρ, for rising terms. */
  static final int INVERSE_RATIO = 9;
  /** The first and end vector phase B covers. */
  static final int FIRST_B = 10;
  static final int END_B = 11;
  /** The ratio per outcome ρ₁ = exp(η_j − η_m). */
  static final int RATIO_PER_OUTCOME = 12;
  /** How many coefficient rows there are: the run buffers follow them. */
  static final int COEFFICIENT_ROWS = 13;

  /** Coefficient row {@code which} (one of the names above), k doubles. */
  static int coef(int k, int which) {
    return 4 * k * V + 2 * V + which * k;
  }

  /** Recurrence buffers: each term's anchor vector at its first active vector. */
  static int runAnchors(int k) {
    return coef(k, COEFFICIENT_ROWS);
  }

  /** Each rising term's value at the run's last vector. */
  static int runEnds(int k) {
    return runAnchors(k) + k * V;
  }

  /** The run's sums Σ per vector, later the weights c / Σ. */
  static int runWeights(int k) {
    return runEnds(k) + k * V;
  }

  /** The run's log Σ per vector, later the weights times the outcomes. */
  static int runLogs(int k) {
    return runWeights(k) + RUN;
  }

  /** The run's active components: falling ones (ρ ≤ 1) from the front, rising ones from the back. */
  static int members(int k) {
    return runLogs(k) + RUN;
  }

  /** A row of zeros: the anchor of an empty group slot. */
  static int zeroRow(int k) {
    return members(k) + k;
  }

  /** The reference component whose differences and ratios the coefficient rows hold (−1: none yet). */
  static int cachedReference(int k) {
    return zeroRow(k) + V;
  }

  /** The tail's padded copy: V outcomes, then V counts, then V trials. */
  static int tail(int k) {
    return cachedReference(k) + 1;
  }

  /** Counting sort of a run's members: RUN_BLOCKS + 1 counters, then k places. */
  static int sortBuffer(int k) {
    return tail(k) + 3 * V;
  }

  /** The ratios' 3k exponents, padded to whole vectors. */
  static int packedExponents(int k) {
    return sortBuffer(k) + RUN_BLOCKS + 1 + k;
  }
}
