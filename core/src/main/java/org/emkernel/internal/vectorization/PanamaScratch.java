package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaEmKernel.RUN;
import static org.emkernel.internal.vectorization.PanamaEmKernel.RUN_BLOCKS;
import static org.emkernel.internal.vectorization.PanamaEmKernel.V;

/**
 * The vector kernel's scratch for up to {@link #capacity} components: where each row lives in {@link #doubles}
 * (offsets fixed at construction, in doubles), and the recurrence path's integer data in int arrays. The exp and
 * recurrence paths' rows and the product path's rows share the doubles: no call uses both.
 */
final class PanamaScratch extends KernelScratch {
  /** Components the layout holds: calls for up to this many may use it. */
  final int capacity;

  // Exp and recurrence paths: per component a vector (V doubles) of terms and of the N, S and T lane sums.
  /** Per component a vector of terms (exp path: differences, then exponentials; recurrence: anchor exponents). */
  final int terms;
  final int accN;
  final int accS;
  final int accT;
  /** One vector for a lane-wise exp or log. */
  final int laneBuffer;
  /** The log-likelihood's lane sums. */
  final int logLik;
  // Per component a double: the compensated differences against the reference component (high and low parts).
  final int aHi;
  final int aLo;
  final int etaHi;
  final int etaLo;
  final int zetaHi;
  final int zetaLo;
  /** The ratio ρ = exp(V·(η_j − η_m)) of successive vectors' terms, its inverse, and the ratio per outcome. */
  final int ratio;
  final int inverseRatio;
  final int ratioPerOutcome;
  /** Per component a vector: each term at its first active vector, and a rising term at the run's last. */
  final int runAnchors;
  final int runEnds;
  /** Per bin of a run: the sums Σ, later the weights c / Σ; then log Σ, later the weights times the outcomes. */
  final int runWeights;
  final int runLogs;
  /** A vector of zeros: the anchor of an empty group slot. */
  final int zeros;
  /** The tail's padded copy: a vector of outcomes, then of counts, then of trials. */
  final int tailOutcomes;
  final int tailCounts;
  final int tailTrials;
  /** The ratios' 3 exponents per component, padded to whole vectors. */
  final int packedExponents;

  // Product path: per component (rounded up to whole vectors, stride apart) the start term scale·ρ^x0 and ρ^(2^i)
  // up to ρ^V; the current terms; per vector of bins the sums, their logarithms, the weights c/Σ and c·x/Σ.
  /** Components rounded up to whole vectors: the product path's row length. */
  final int stride;
  final int productStart;
  /** ρ^(2^i) at productRatios + i·stride, i = 0 .. log2 V; the last is the step ρ^V. */
  final int productRatios;
  final int productStep;
  /** The current terms: one per component (component layout), a vector per component (outcome layout). */
  final int productCurrent;
  final int productSums;
  final int productLogs;
  final int productWeights;
  final int productWeightedX;
  /** One vector: the counts of an unpadded tail, later the log-likelihood's lanes. */
  final int productCounts;
  /**
   * Lane products: in the outcome layout a vector per component for N (from productLanes), then for S (from
   * productLanesS); in the component layout first a vector of partial sums per bin, then a row of component lanes
   * for N and one for S (from productComponentS).
   */
  final int productLanes;
  final int productLanesS;
  final int productComponentS;

  // The recurrence path's integer data, per component unless said.
  /** A run's active components: falling ones from the front, rising ones from the back. */
  final int[] members;
  /** Each component's first active vector on the run, and the end of its active vectors (both at most the run's). */
  final int[] firstActive;
  final int[] endActive;
  /** The first and end vector phase B covers. */
  final int[] firstB;
  final int[] endB;
  /** Counting sort of a run's members: a counter per key (RUN_BLOCKS + 1 keys), then the members in place. */
  final int[] sortCounters;
  final int[] sortPlaces;
  /** The reference component whose differences and ratios the coefficient rows hold (−1: none yet). */
  int reference = -1;

  /** A scratch for up to capacity components; its doubles are allocated first, where a bare array would be. */
  static PanamaScratch create(int capacity) {
    double[] doubles = new double[length(capacity)];
    return new PanamaScratch(capacity, doubles);
  }

  private PanamaScratch(int capacity, double[] doubles) {
    super(doubles);
    this.capacity = capacity;
    final int rowsOfVectors = capacity * V;
    terms = 0;
    accN = terms + rowsOfVectors;
    accS = accN + rowsOfVectors;
    accT = accS + rowsOfVectors;
    laneBuffer = accT + rowsOfVectors;
    logLik = laneBuffer + V;
    aHi = logLik + V;
    aLo = aHi + capacity;
    etaHi = aLo + capacity;
    etaLo = etaHi + capacity;
    zetaHi = etaLo + capacity;
    zetaLo = zetaHi + capacity;
    ratio = zetaLo + capacity;
    inverseRatio = ratio + capacity;
    ratioPerOutcome = inverseRatio + capacity;
    runAnchors = ratioPerOutcome + capacity;
    runEnds = runAnchors + rowsOfVectors;
    runWeights = runEnds + rowsOfVectors;
    runLogs = runWeights + RUN;
    zeros = runLogs + RUN;
    tailOutcomes = zeros + V;
    tailCounts = tailOutcomes + V;
    tailTrials = tailCounts + V;
    packedExponents = tailTrials + V;
    assert packedExponents + 3 * capacity + V <= recurrenceLength(capacity);

    stride = PanamaProducts.padded(capacity);
    productStart = 0;
    productRatios = productStart + stride;
    productStep = productRatios + PanamaProducts.LOG_V * stride;
    productCurrent = productStep + stride;
    productSums = productCurrent + stride * V;
    productLogs = productSums + PanamaProducts.MAX_VECTORS * V;
    productWeights = productLogs + PanamaProducts.MAX_VECTORS * V;
    productWeightedX = productWeights + PanamaProducts.MAX_VECTORS * V;
    productCounts = productWeightedX + PanamaProducts.MAX_VECTORS * V;
    productLanes = productCounts + V;
    productLanesS = productLanes + stride * V;
    productComponentS = productLanes + stride;
    assert productLanes + Math.max(2 * stride * V, PanamaProducts.MAX_VECTORS * V * V) <= productLength(capacity);

    members = new int[capacity];
    firstActive = new int[capacity];
    endActive = new int[capacity];
    firstB = new int[capacity];
    endB = new int[capacity];
    sortCounters = new int[RUN_BLOCKS + 1];
    sortPlaces = new int[capacity];
  }

  private static int length(int capacity) {
    return Math.max(recurrenceLength(capacity), productLength(capacity));
  }

  /** Doubles of the exp and recurrence paths' rows, in the order the constructor places them. */
  private static int recurrenceLength(int capacity) {
    return 4 * capacity * V + 2 * V + 9 * capacity + 2 * capacity * V + 2 * RUN + 4 * V + 3 * capacity + V;
  }

  private static int productLength(int capacity) {
    int stride = PanamaProducts.padded(capacity);
    return (2 + PanamaProducts.LOG_V) * stride + stride * V + 4 * PanamaProducts.MAX_VECTORS * V + V
        + Math.max(2 * stride * V, PanamaProducts.MAX_VECTORS * V * V);
  }
}
