package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;

/**
 * The vector kernel on {@code jdk.incubator.vector}. Lanes run across consecutive bins, the component loop
 * inside. Log-joints are taken relative to a reference component m in compensated arithmetic (as in the
 * scalar reference), so both kernels compute the same well-conditioned quantity.
 *
 * <p>Two paths. The <em>exp path</em> evaluates one exponential per (bin, component) cell. The
 * <em>recurrence path</em> serves runs of {@link #RUN_BLOCKS} vectors of consecutive outcomes: with m the
 * upper envelope's component at the run's centre, {@code e_j(x) = exp(l_j(x) − l_m(x))} is a geometric
 * sequence in x, so after one anchor per run (e^d at its first lane, exact to an ulp, times powers of
 * {@code ρ₁_j = exp(η_j − η_m)} across the lanes; one exponential serves V components) each vector of terms is
 * the previous one times the constant {@code ρ_j = exp(V·(η_j − η_m))}: one multiplication per cell instead of
 * an exponential.
 * A run falls back to the exp path when its outcomes are not consecutive, when a term could overflow,
 * when a ratio overflows, or for the varying-trials z column. Terms below e^−708 relative to the reference
 * (negligible, and subnormal if kept) are held at exactly 0 until they grow past it, when they are anchored
 * afresh, and set to 0 once they shrink below it.
 *
 * <p>A run has three sweeps. Phase A sums the terms per vector, four components at a time in registers
 * (one load and store of the sums per four cells). Then, per vector, the log-likelihood from log Σ and the
 * weights w = c / Σ. Phase B needs N_j += Σ w·e_j and S_j += Σ w·x·e_j; with e_j geometric these are
 * polynomials in ρ_j (falling terms, from their anchor at the run's start) or in 1/ρ_j (rising terms, from
 * their value at its end), evaluated by Horner's rule: two fused multiply-adds per cell, no term stored.
 *
 * <p>With floors (see {@link EmKernel#accumulate}), a term below its component's floor is dropped instead of
 * e^−708: on well-separated mixtures most components then take part in a run only near their own outcomes,
 * and phase A and B cover just those vectors (members sorted by span so that a group's span is close to each
 * member's).
 *
 * <p>Exponentials and logarithms come from {@link VectorMath}, not {@code lanewise(EXP/LOG)}: those give
 * different bits before and after JIT compilation, so results would depend on when a fit ran.
 */
public final class PanamaEmKernel implements EmKernel {

  /** The vector kernel with the recurrence path. */
  public static final PanamaEmKernel INSTANCE = new PanamaEmKernel(true);
  /** The vector kernel with one exponential per cell everywhere (for comparison). */
  public static final PanamaEmKernel EXP_ONLY = new PanamaEmKernel(false);

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  /** Vectors per recurrence run: one anchor per run, multiplications in between. */
  static final int RUN_BLOCKS = 64;
  private static final int RUN = RUN_BLOCKS * V;
  /**
   * Shorter runs take the exp path: a run's fixed costs (reference, ratios, classification, anchors) outweigh
   * a few vectors of exponentials.
   */
  static final int MIN_RUN_BLOCKS = 4;
  /**
   * Floors apply on runs of at least this many vectors. On shorter ones the terms they would drop are few and
   * the per-member spans cost more than they save.
   */
  static final int FLOOR_BLOCKS = 16;
  /** Terms below e^NEGLIGIBLE relative to the reference are negligible (and would be subnormal). */
  private static final double NEGLIGIBLE = -708;
  /** Largest log-ratio to the reference allowed on a run: e^690 times up to e^19 terms stays finite. */
  private static final double CEILING = 690;
  /** Largest log-ratio step per vector of an active term: zeroed lanes before its anchor stay below e^-620. */
  private static final double STEEPEST = 80;
  /** Growing terms are anchored where every lane is at least e^ANCHOR, a normal double with margin. */
  private static final double ANCHOR = NEGLIGIBLE + 8;
  private static final int NEVER = Integer.MAX_VALUE;
  private static final double LN2 = Math.log(2);
  /** Bits in a lane index (V is a power of two). */
  private static final int LANE_INDEX_BITS = Integer.numberOfTrailingZeros(V);
  /** Per bit of the lane index, that bit of each lane's index, then its complement 1 − bit (see anchors). */
  static final double[] LANE_BITS = laneBits();

  private final boolean recurrence;

  private static double[] laneBits() {
    double[] bits = new double[2 * Math.max(3, LANE_INDEX_BITS) * V];
    for (int bit = 0; bit < Math.max(3, LANE_INDEX_BITS); bit++) {
      for (int i = 0; i < V; i++) {
        bits[2 * bit * V + i] = (i >> bit) & 1;
        bits[(2 * bit + 1) * V + i] = 1 - ((i >> bit) & 1);
      }
    }
    return bits;
  }

  private PanamaEmKernel(boolean recurrence) {
    this.recurrence = recurrence;
  }

  @Override
  public Logarithms logarithms(int k) {
    // The same bits either way (DeterministicLog); below 4 components the scalar logs are the quicker.
    return k < 4 ? Logarithms.SCALAR : new PanamaLogarithms(k);
  }

  @Override
  public Powers powers() {
    return PanamaPowers.INSTANCE;
  }

  @Override
  public MStepArithmetic mStepArithmetic() {
    return PanamaMStep.INSTANCE;
  }

  @Override
  public boolean usesFloors(int bins) {
    return recurrence && bins >= FLOOR_BLOCKS * V; // Floors apply only on runs of FLOOR_BLOCKS vectors.
  }

  @Override
  public int lanes() {
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

  /**
   * Per-component compensated coefficient differences and run data: aHi, aLo, eHi, eLo, zHi, zLo, ratio ρ,
   * first active vector, end of the active vectors, inverse ratio 1/ρ, first and end vector of phase B, ratio
   * per outcome ρ₁ = exp(η_j − η_m).
   */
  private static int coef(int k, int which) {
    return 4 * k * V + 2 * V + which * k;
  }

  /** Recurrence buffers: each term's anchor vector at its first active vector. */
  private static int runAnchors(int k) {
    return coef(k, 13);
  }

  /** Each rising term's value at the run's last vector. */
  private static int runEnds(int k) {
    return runAnchors(k) + k * V;
  }

  /** The run's sums Σ per vector, later the weights c / Σ. */
  private static int runWeights(int k) {
    return runEnds(k) + k * V;
  }

  /** The run's log Σ per vector, later the weights times the outcomes. */
  private static int runLogs(int k) {
    return runWeights(k) + RUN;
  }

  /** The run's active components: falling ones (ρ ≤ 1) from the front, rising ones from the back. */
  private static int members(int k) {
    return runLogs(k) + RUN;
  }

  /** A row of zeros: the anchor of an empty group slot. */
  private static int zeroRow(int k) {
    return members(k) + k;
  }

  /** The reference component whose differences and ratios the coefficient rows hold (−1: none yet). */
  private static int cachedReference(int k) {
    return zeroRow(k) + V;
  }

  /** The tail's padded copy: V outcomes, then V counts, then V trials. */
  private static int tail(int k) {
    return cachedReference(k) + 1;
  }

  /** Counting sort of a run's members: RUN_BLOCKS + 1 counters, then k places. */
  private static int sortBuffer(int k) {
    return tail(k) + 3 * V;
  }

  /** The ratios' 3k exponents, padded to whole vectors. */
  private static int packedExponents(int k) {
    return sortBuffer(k) + RUN_BLOCKS + 1 + k;
  }

  @Override
  public int scratchLength(int k) {
    return Math.max(packedExponents(k) + 3 * k + V, PanamaProducts.scratchLength(k));
  }

  @Override
  public boolean usesProducts() {
    return recurrence; // The exp-only variant stays the per-cell exponential for comparison.
  }

  @Override
  public double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading) {
    return PanamaProducts.ordinary(scale, rho, k, x0, end, massAtLast, fading);
  }

  @Override
  public double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, double[] scratch) {
    return PanamaProducts.accumulate(x, c, from, to, scale, rho, k, n, s, scratch);
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, double[] floors, int k,
      double[] n, double[] s, double[] t, double[] scratch) {
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    assert scratch.length >= scratchLength(k);
    assert floors == null || floors.length >= k;
    assert z == null || (zeta != null && t != null && z.length >= to);
    fill(scratch, rowN(k), rowT(k), 0.0);
    if (z != null) {
      fill(scratch, rowT(k), rowT(k) + k * V, 0.0);
    }
    fill(scratch, logLikRow(k), logLikRow(k) + V, 0.0);
    fill(scratch, zeroRow(k), zeroRow(k) + V, 0.0);
    // The last bins as a whole vector when the arrays are padded with counts 0 past them (EmData's layout).
    final int upper = padded(x, z, c, from, to) ? from + SPECIES.loopBound(to - from + V - 1)
        : from + SPECIES.loopBound(to - from);
    scratch[cachedReference(k)] = -1; // The coefficients are new on every call.
    if (recurrence && z == null) {
      for (int b = from; b < upper; ) {
        int blocks = Math.min(RUN_BLOCKS, (upper - b) / V);
        recurrenceOrExp(x, c, b, blocks, a, eta, floors, k, scratch);
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
      n[j] += laneSum(scratch, rowN(k) + j * V);
      s[j] += laneSum(scratch, rowS(k) + j * V);
      if (z != null) {
        t[j] += laneSum(scratch, rowT(k) + j * V);
      }
    }
    return laneSum(scratch, logLikRow(k));
  }

  /**
   * The V doubles from {@code at} added in lane order. Not reduceLanes(ADD): its order is unspecified, and on
   * JDK 24 and later C2 compiles it to a tree while the interpreter adds in order, so bits would depend on
   * compile state.
   */
  static double laneSum(double[] scratch, int at) {
    double sum = scratch[at];
    for (int i = 1; i < V; i++) {
      sum += scratch[at + i];
    }
    return sum;
  }

  /** Sets whole vectors [from, to) of scratch to value (C2 does not vectorise Arrays.fill of doubles). */
  private static void fill(double[] scratch, int from, int to, double value) {
    assert (to - from) % V == 0;
    DoubleVector v = DoubleVector.broadcast(SPECIES, value);
    for (int i = from; i < to; i += V) {
      v.intoArray(scratch, i);
    }
  }

  /** Whether the vector holding bin to − 1 may be read whole: arrays long enough, counts 0 past {@code to}. */
  static boolean padded(double[] x, double[] z, double[] c, int from, int to) {
    long end = from + ((long) to - from + V - 1) / V * V;
    if (end <= to || x.length < end || c.length < end || (z != null && z.length < end)) {
      return false;
    }
    for (int b = to; b < end; b++) {
      if (c[b] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * ρ_j = exp(V·(η_j − η_m)) = exp(V·hi)·(1 + V·lo) from the compensated differences, and its inverse
   * exp(−V·(η_j − η_m)) and the ratio per outcome ρ₁_j = exp(η_j − η_m) computed the same way.
   */
  private static void ratios(int k, double[] scratch) {
    final int hi = coef(k, 2);
    final int lo = coef(k, 3);
    final int out = coef(k, 6);
    final int inv = coef(k, 9);
    final int one = coef(k, 12);
    // The 3k exponents in one buffer, so that one call takes them all: for each whole vector of components
    // three vectors (h, V·h, −V·h), then the remaining components' three kinds packed, padded with 0.
    final int packed = packedExponents(k);
    final int whole = k / V * V;
    for (int j = 0; j < whole; j += V) {
      DoubleVector h = DoubleVector.fromArray(SPECIES, scratch, hi + j);
      h.intoArray(scratch, packed + 3 * j);
      h.mul(V).intoArray(scratch, packed + 3 * j + V);
      h.mul(V).neg().intoArray(scratch, packed + 3 * j + 2 * V);
    }
    final int rest = k - whole;
    final int tail = packed + 3 * whole;
    for (int j = 0; j < rest; j++) {
      double h = scratch[hi + whole + j];
      scratch[tail + j] = h;
      scratch[tail + rest + j] = h * V;
      scratch[tail + 2 * rest + j] = -(h * V);
    }
    final int end = packed + (3 * k + V - 1) / V * V;
    for (int i = tail + 3 * rest; i < end; i++) {
      scratch[i] = 0.0;
    }
    VectorMath.exp(scratch, packed, end);
    for (int j = 0; j < whole; j += V) {
      DoubleVector l = DoubleVector.fromArray(SPECIES, scratch, lo + j);
      DoubleVector lv = l.mul(V);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j).mul(l.add(1.0)).intoArray(scratch, one + j);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j + V).mul(lv.add(1.0)).intoArray(scratch, out + j);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j + 2 * V).mul(lv.neg().add(1.0))
          .intoArray(scratch, inv + j);
    }
    for (int j = 0; j < rest; j++) {
      double l = scratch[lo + whole + j];
      scratch[one + whole + j] = scratch[tail + j] * (1 + l);
      scratch[out + whole + j] = scratch[tail + rest + j] * (1 + l * V);
      scratch[inv + whole + j] = scratch[tail + 2 * rest + j] * (1 - l * V);
    }
  }

  /** Fills the coefficient-difference rows for reference component m (a vector of components at a time). */
  private static void differences(double[] a, double[] eta, double[] zeta, int k, int m, double[] scratch) {
    final int whole = k / V * V;
    for (int j = 0; j < whole; j += V) {
      twoDiff(a, j, a[m], scratch, coef(k, 0) + j, coef(k, 1) + j);
      twoDiff(eta, j, eta[m], scratch, coef(k, 2) + j, coef(k, 3) + j);
      if (zeta != null) {
        twoDiff(zeta, j, zeta[m], scratch, coef(k, 4) + j, coef(k, 5) + j);
      }
    }
    for (int j = whole; j < k; j++) {
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
   * {@link Compensated#diffHi} and {@link Compensated#diffLo} of p[from..] − q for a vector of components,
   * into scratch at hi and lo (lo is 0 where p is −∞).
   */
  private static void twoDiff(double[] p, int from, double q, double[] scratch, int hi, int lo) {
    DoubleVector pv = DoubleVector.fromArray(SPECIES, p, from);
    DoubleVector sum = pv.sub(q);
    DoubleVector bv = sum.sub(pv);
    DoubleVector err = pv.sub(sum.sub(bv)).add(bv.neg().sub(q));
    sum.intoArray(scratch, hi);
    err.blend(0.0, pv.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY)).intoArray(scratch, lo);
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
      // Pass 2: shifted exponentials (all rows in one call) and their sum.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).intoArray(scratch, j * V);
      }
      VectorMath.exp(scratch, 0, k * V);
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        sum = sum.add(DoubleVector.fromArray(SPECIES, scratch, j * V));
      }
      DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
      if (hasZ) {
        lm = zv.fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
      }
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + cShift);
      sum.intoArray(scratch, laneBuf(k));
      VectorMath.log(scratch, laneBuf(k));
      logLik = cv.fma(lm.add(max.add(DoubleVector.fromArray(SPECIES, scratch, laneBuf(k)))), logLik);
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

  /**
   * A run of whole vectors by recurrence; where it does not qualify, its halves, down to the exp path (and
   * the exp path below {@link #MIN_RUN_BLOCKS}).
   */
  private static void recurrenceOrExp(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, double[] floors, int k, double[] scratch) {
    if (blocks >= MIN_RUN_BLOCKS && recurrenceRun(x, c, b, blocks, a, eta, floors, k, scratch)) {
      return;
    }
    if (blocks >= 4) {
      int half = blocks / 2;
      recurrenceOrExp(x, c, b, half, a, eta, floors, k, scratch);
      recurrenceOrExp(x, c, b + half * V, blocks - half, a, eta, floors, k, scratch);
    } else {
      expBlocks(x, null, c, b, b + blocks * V, 0, 0, a, eta, null, k, scratch);
    }
  }

  /**
   * The recurrence path over one run of {@code blocks} vectors from bin b, of consecutive outcomes; returns
   * false, having changed no accumulator, when the run does not qualify.
   */
  private static boolean recurrenceRun(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, double[] floors, int k, double[] scratch) {
    final int length = blocks * V;
    final double x0 = x[b];
    final double xLast = x[b + length - 1];
    if (xLast - x0 != length - 1) {
      return false; // Outcomes not consecutive: the sequence is not geometric.
    }
    final int m = Compensated.argmax(a, eta, null, k, x[b + length / 2], 0);
    if (Double.isInfinite(a[m]) || Double.isInfinite(eta[m])) {
      return false; // No finite reference (every weight 0): the exp path says what that means.
    }
    final int ratio = coef(k, 6);
    if (scratch[cachedReference(k)] != m) {
      // Differences and ratios depend only on the reference: runs sharing it reuse them.
      differences(a, eta, null, k, m, scratch);
      ratios(k, scratch);
      scratch[cachedReference(k)] = m;
    }
    final int act = coef(k, 7);
    final int deact = coef(k, 8);
    final int hornerFrom = coef(k, 10);
    final int hornerTo = coef(k, 11);
    // Floors apply to max(1, x)·term: on this run x is at most xLast (outcomes are consecutive, from 0 up).
    // On a short run, spans save less than their bookkeeping costs: every term is computed (as floors allow).
    final boolean useFloors = floors != null && blocks >= FLOOR_BLOCKS;
    final double logX = useFloors ? Math.log(Math.max(1.0, xLast)) : 0;
    // Active components other than the reference (whose term is exactly 1: d_m = 0, ρ_m = 1, taken apart),
    // listed as they are classified: falling (ρ ≤ 1: active from the run's start) from the front, rising
    // (active to its end) from the back; with each, the exponent of its anchor (d at its first active vector's
    // first lane), falling ones' from the front of the exp path's rows and rising ones' from position k back.
    final int list = members(k);
    final int exps = rowE(k);
    int falling = 0;
    int rising = 0;
    // Whether each list comes out in the order phase A and B want (keys not decreasing as j grows).
    boolean fallingInOrder = true;
    boolean risingInOrder = true;
    double fallingKey = 0;
    double risingKey = 0;
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
      boolean floored = useFloors && floors[j] > EXACT_FLOOR;
      // Below the floor (at least −618 for outcomes under 2^31) a term may be dropped; else below e^−708 only.
      double floor = floored ? floors[j] * LN2 - logX : NEGLIGIBLE;
      if (Math.max(dFirst, dLast) < (floored ? floor - 1 : floor)) {
        first = NEVER;
        last = NEVER;
      } else if (dFirst >= floor && dLast >= floor) {
        first = 0;
        last = NEVER;
      } else if (dFirst < floor) {
        if (floored) {
          // Growing: anchored at the first block whose last lane is at least floor − 1, so every zeroed lane
          // is below the floor; the anchor's lanes are at least floor − 1 − STEEPEST > −708, normal doubles.
          double outcomes = (floor - 1 - dFirst) / slope;
          first = Math.max(0, Math.ceil((outcomes - (V - 1)) / V));
        } else {
          // Growing: anchored exactly at the first block whose first lane is at least ANCHOR, so every
          // anchored lane is a normal double and none is stuck at an underflowed 0. The blocks before it are
          // zeroed: their lanes lie below ANCHOR + |slope|·(V − 1) <= ANCHOR + STEEPEST, negligible next to
          // the reference's 1.
          double outcomes = (ANCHOR - dFirst) / slope;
          first = Math.max(0, Math.ceil(outcomes / V));
        }
        last = NEVER;
        if (first >= blocks) {
          if (Math.abs(slope) * V > STEEPEST) {
            // Too steep to anchor, yet not negligible at the run's end (a point mass at the last outcome: a
            // bias of 1): lanes of the last vector may matter, so the exp path takes them.
            return false;
          }
          first = NEVER;
        }
      } else {
        // Shrinking: zero from the block whose first lane is below the floor (one block late is harmless;
        // a floor has a margin of 1 instead).
        double outcomes = ((floored ? floor - 1 : NEGLIGIBLE) - dFirst) / slope;
        first = 0;
        last = Math.ceil(outcomes / V) + (floored ? 0 : 1);
      }
      if (first < last && first < blocks && Math.abs(slope) * V > STEEPEST) {
        return false; // An active term this steep: its ratio per vector is too large to step by.
      }
      scratch[act + j] = first;
      scratch[deact + j] = last;
      // Phase B covers the active blocks of a floored term, every block otherwise (adding the true terms).
      double from = floored ? Math.min(first, blocks) : 0;
      double to = floored ? Math.min(last, blocks) : blocks;
      scratch[hornerFrom + j] = from;
      scratch[hornerTo + j] = to;
      first = Math.min(first, blocks);
      last = Math.min(last, blocks);
      if (j == m || first >= last) {
        continue; // The reference, or negligible on the whole run.
      }
      // The anchor's exponent, as d at the run's ends above (the outcome there is x0 + first·V, exactly).
      double xa = x0 + first * V;
      double d = first == 0 ? dFirst : Math.fma(eHi, xa, aHi) + Math.fma(eLo, xa, aLo);
      // Rising terms are active to the run's end; falling ones from its start (the shrinking case starts at 0).
      if (last == blocks && (first > 0 || scratch[ratio + j] > 1.0)) {
        risingInOrder &= from >= risingKey;
        risingKey = from;
        scratch[exps + k - 1 - rising] = d;
        scratch[list + k - 1 - rising++] = j;
      } else {
        fallingInOrder &= to >= fallingKey;
        fallingKey = to;
        scratch[exps + falling] = d;
        scratch[list + falling++] = j;
      }
    }
    final int rise = list + k - rising;
    // Rising exponents next to the falling ones: one call exponentiates them all (see anchors).
    System.arraycopy(scratch, exps + k - rising, scratch, exps + falling, rising);
    // Members with alike spans side by side, so that a group's span (their union) is little more than each
    // member's: falling ones by the end of their phase B, rising ones by its start. Each list's order is the
    // one components sorted by parameter give (falling in ascending j, rising in descending j), so for them
    // the sort finds its input in order and returns.
    anchors(k, scratch, list, falling, rise, rising);
    if (!fallingInOrder) {
      sortMembers(scratch, k, list, falling, hornerTo, blocks, false);
    }
    if (!risingInOrder) {
      sortMembers(scratch, k, rise, rising, hornerFrom, blocks, true);
    }
    // Phase A in groups of four of one direction onto sums that start at the reference's 1.
    fill(scratch, runWeights(k), runWeights(k) + blocks * V, 1.0);
    // A member left alone takes a one-chain loop: four chains with three empty would cost four times as much.
    for (int g = 0; g < falling; g += 4) {
      if (falling - g == 1) {
        termSingle(blocks, k, scratch, false, (int) scratch[list + g]);
      } else {
        termGroup(x, b, blocks, k, scratch, 4, member(scratch, list, g, falling),
            member(scratch, list, g + 1, falling), member(scratch, list, g + 2, falling),
            member(scratch, list, g + 3, falling));
      }
    }
    for (int g = 0; g < rising; g += 4) {
      if (rising - g == 1) {
        termSingle(blocks, k, scratch, true, (int) scratch[rise + g]);
      } else {
        termGroup(x, b, blocks, k, scratch, 0, member(scratch, rise, g, rising), member(scratch, rise, g + 1, rising),
            member(scratch, rise, g + 2, rising), member(scratch, rise, g + 3, rising));
      }
    }
    runLogLikelihood(x, c, b, blocks, a[m], eta[m], m, k, scratch);
    // Phase B in groups of four, two, one of the same direction.
    hornerGroups(blocks, k, scratch, list, falling, false);
    hornerGroups(blocks, k, scratch, rise, rising, true);
    return true;
  }

  /** The g-th of {@code count} members listed from {@code list}; −1 past them. */
  private static int member(double[] scratch, int list, int g, int count) {
    return g < count ? (int) scratch[list + g] : -1;
  }

  /**
   * Sorts {@code count} members listed from {@code list} by their key row (whole numbers in [0, blocks]),
   * ascending or descending, stably: insertion sort for a few, else a counting sort, linear in members and
   * blocks. Called only for a list recurrenceRun found out of order.
   */
  private static void sortMembers(double[] scratch, int k, int list, int count, int key, int blocks,
      boolean descending) {
    if (count <= 8) {
      // Few members: insertion sort, without the counters' passes.
      for (int i = 1; i < count; i++) {
        double j = scratch[list + i];
        double v = scratch[key + (int) j];
        int at = i;
        for (; at > 0 && (descending ? scratch[key + (int) scratch[list + at - 1]] < v
            : scratch[key + (int) scratch[list + at - 1]] > v); at--) {
          scratch[list + at] = scratch[list + at - 1];
        }
        scratch[list + at] = j;
      }
      return;
    }
    final int counters = sortBuffer(k);
    final int places = counters + RUN_BLOCKS + 1;
    java.util.Arrays.fill(scratch, counters, counters + blocks + 1, 0.0);
    for (int i = 0; i < count; i++) {
      int v = (int) scratch[key + (int) scratch[list + i]];
      scratch[counters + (descending ? blocks - v : v)]++;
    }
    // Counters become each key's first place.
    double next = 0;
    for (int v = 0; v <= blocks; v++) {
      double n = scratch[counters + v];
      scratch[counters + v] = next;
      next += n;
    }
    for (int i = 0; i < count; i++) {
      double j = scratch[list + i];
      int v = (int) scratch[key + (int) j];
      int slot = counters + (descending ? blocks - v : v);
      scratch[places + (int) scratch[slot]++] = j;
    }
    System.arraycopy(scratch, places, scratch, list, count);
  }


  /**
   * Phase B over {@code count} members of one direction listed from {@code list} (sorted by span): groups of
   * 4, then the rest, each over the union of its members' spans.
   */
  private static void hornerGroups(int blocks, int k, double[] scratch, int list, int count, boolean rising) {
    for (int g = 0; g < count; g += 4) {
      int lead = (int) scratch[list + g];
      // The union of the members' spans: rising ones end at the run's end, falling ones start at its start.
      int from = blocks;
      int to = 0;
      for (int i = g; i < Math.min(count, g + 4); i++) {
        int j = (int) scratch[list + i];
        from = Math.min(from, (int) scratch[coef(k, 10) + j]);
        to = Math.max(to, (int) scratch[coef(k, 11) + j]);
      }
      from = rising ? from : 0;
      to = rising ? blocks : to;
      if (count - g >= 4) {
        horner4(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1],
            (int) scratch[list + g + 2], (int) scratch[list + g + 3]);
      } else if (count - g == 3) {
        horner3(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1], (int) scratch[list + g + 2]);
      } else if (count - g == 2) {
        horner2(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1]);
      } else {
        horner1(from, to, k, scratch, rising, lead);
      }
    }
  }

  /** First active vector of component j on a run of {@code blocks} (blocks when j is −1 or inactive). */
  private static int first(double[] scratch, int k, int j, int blocks) {
    return j < 0 ? blocks : (int) Math.min(scratch[coef(k, 7) + j], blocks);
  }

  /** End of the active vectors of component j on a run of {@code blocks} (0 when j is −1). */
  private static int last(double[] scratch, int k, int j, int blocks) {
    return j < 0 ? 0 : (int) Math.min(scratch[coef(k, 8) + j], blocks);
  }

  /** Coefficient row {@code which} of component j, 0 when j is −1. */
  private static double coefficient(double[] scratch, int k, int which, int j) {
    return j < 0 ? 0.0 : scratch[coef(k, which) + j];
  }

  /**
   * Stores every member's anchor at its first active vector in its anchor row: e^d at the vector's first lane
   * (the exponents, left in member order in the exp path's rows by recurrenceRun, exponentiated in one call), times
   * the powers ρ₁^lane of the ratio per outcome, so one exponential serves V members instead of one.
   * Outcomes on a run are consecutive, so lane i is the first lane's outcome plus i. Products of at most four
   * roundings of ρ₁ and its squares: within some 16 ulp of e^d in every lane, which the 1e-12 budget absorbs.
   * The first lane is a normal double (see recurrenceRun), so no lane is stuck at an underflowed 0 while
   * rising; a falling lane may underflow gradually, as its exact exponential would.
   */
  private static void anchors(int k, double[] scratch, int list, int falling, int rise, int rising) {
    final int count = falling + rising;
    final int exps = rowE(k);
    final int whole = (count + V - 1) / V * V;
    for (int p = count; p < whole; p++) {
      scratch[exps + p] = 0.0;
    }
    VectorMath.exp(scratch, exps, exps + whole);
    // ρ₁^lane = Π over the lane index's bits of (ρ₁^(2^bit))^bit, each factor an exact fma(bit, ρ, 1 − bit).
    // Bits 0 to 2 from vectors loaded once (bits past V − 1 are 0 in every lane: factors of 1), more in a loop.
    final DoubleVector bit0 = DoubleVector.fromArray(SPECIES, LANE_BITS, 0);
    final DoubleVector not0 = DoubleVector.fromArray(SPECIES, LANE_BITS, V);
    final DoubleVector bit1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * V);
    final DoubleVector not1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 3 * V);
    final DoubleVector bit2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 4 * V);
    final DoubleVector not2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 5 * V);
    final int one = coef(k, 12);
    for (int p = 0; p < count; p++) {
      int j = (int) scratch[p < falling ? list + p : rise + p - falling];
      double r = scratch[one + j];
      double r2 = r * r;
      double r4 = r2 * r2;
      DoubleVector powers = bit0.fma(DoubleVector.broadcast(SPECIES, r), not0)
          .mul(bit1.fma(DoubleVector.broadcast(SPECIES, r2), not1))
          .mul(bit2.fma(DoubleVector.broadcast(SPECIES, r4), not2).mul(scratch[exps + p]));
      r = r4 * r4;
      for (int bit = 3; bit < LANE_INDEX_BITS; bit++) {
        powers = powers.mul(DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * bit * V)
            .fma(DoubleVector.broadcast(SPECIES, r), DoubleVector.fromArray(SPECIES, LANE_BITS, (2 * bit + 1) * V)));
        r *= r;
      }
      powers.intoArray(scratch, runAnchors(k) + j * V);
    }
  }

  /**
   * Phase A for a group of up to four components (−1: empty slot): their terms, each its anchor times
   * powers of its ratio over its active vectors and 0 elsewhere, in registers, added into the per-vector sums.
   * The active set changes only at the members' first and last vectors, so the loop runs in segments
   * between those. Rising members' terms at the last vector are stored for phase B.
   */
  private static void termGroup(double[] x, int b, int blocks, int k, double[] scratch, int risingFrom,
      int j0, int j1, int j2, int j3) {
    final int f0 = first(scratch, k, j0, blocks);
    final int f1 = first(scratch, k, j1, blocks);
    final int f2 = first(scratch, k, j2, blocks);
    final int f3 = first(scratch, k, j3, blocks);
    final int l0 = last(scratch, k, j0, blocks);
    final int l1 = last(scratch, k, j1, blocks);
    final int l2 = last(scratch, k, j2, blocks);
    final int l3 = last(scratch, k, j3, blocks);
    // Vectors never cross a method boundary (a call not inlined would box them): helpers go through scratch.
    final DoubleVector zero = DoubleVector.zero(SPECIES);
    final int anchors = runAnchors(k);
    // Vectors are never chosen by a condition either (C2 would box them at the merge): rows and factors are.
    final int zeros = zeroRow(k);
    final DoubleVector a0 = DoubleVector.fromArray(SPECIES, scratch, f0 < blocks ? anchors + j0 * V : zeros);
    final DoubleVector a1 = DoubleVector.fromArray(SPECIES, scratch, f1 < blocks ? anchors + j1 * V : zeros);
    final DoubleVector a2 = DoubleVector.fromArray(SPECIES, scratch, f2 < blocks ? anchors + j2 * V : zeros);
    final DoubleVector a3 = DoubleVector.fromArray(SPECIES, scratch, f3 < blocks ? anchors + j3 * V : zeros);
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, 6, j0));
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, 6, j1));
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, 6, j2));
    final DoubleVector r3 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, 6, j3));
    final int sums = runWeights(k);
    DoubleVector e0 = zero;
    DoubleVector e1 = zero;
    DoubleVector e2 = zero;
    DoubleVector e3 = zero;
    int i = Math.min(Math.min(f0, f1), Math.min(f2, f3));
    final int end = Math.max(Math.max(l0, l1), Math.max(l2, l3));
    // Every vector but the last steps the chains on; the last adds without stepping (a rising term's step
    // past the run could overflow), so the chains end holding the terms at the last vector.
    final int stop = end - 1;
    while (true) {
      // Members starting here take their anchor; members ending here drop to 0 (terms are finite).
      e0 = e0.mul(i == f0 || i == l0 ? 0.0 : 1.0).add(a0.mul(i == f0 ? 1.0 : 0.0));
      e1 = e1.mul(i == f1 || i == l1 ? 0.0 : 1.0).add(a1.mul(i == f1 ? 1.0 : 0.0));
      e2 = e2.mul(i == f2 || i == l2 ? 0.0 : 1.0).add(a2.mul(i == f2 ? 1.0 : 0.0));
      e3 = e3.mul(i == f3 || i == l3 ? 0.0 : 1.0).add(a3.mul(i == f3 ? 1.0 : 0.0));
      if (i >= stop) {
        break;
      }
      int next = stop;
      next = f0 > i && f0 < next ? f0 : next;
      next = f1 > i && f1 < next ? f1 : next;
      next = f2 > i && f2 < next ? f2 : next;
      next = f3 > i && f3 < next ? f3 : next;
      next = l0 > i && l0 < next ? l0 : next;
      next = l1 > i && l1 < next ? l1 : next;
      next = l2 > i && l2 < next ? l2 : next;
      next = l3 > i && l3 < next ? l3 : next;
      for (; i < next; i++) {
        int at = sums + i * V;
        DoubleVector.fromArray(SPECIES, scratch, at).add(e0.add(e1).add(e2.add(e3))).intoArray(scratch, at);
        e0 = e0.mul(r0);
        e1 = e1.mul(r1);
        e2 = e2.mul(r2);
        e3 = e3.mul(r3);
      }
    }
    final int at = sums + stop * V;
    DoubleVector.fromArray(SPECIES, scratch, at).add(e0.add(e1).add(e2.add(e3))).intoArray(scratch, at);
    // Rising members are active to the run's end: their terms there anchor phase B.
    final int ends = runEnds(k);
    if (j0 >= 0 && risingFrom <= 0) {
      e0.intoArray(scratch, ends + j0 * V);
    }
    if (j1 >= 0 && risingFrom <= 1) {
      e1.intoArray(scratch, ends + j1 * V);
    }
    if (j2 >= 0 && risingFrom <= 2) {
      e2.intoArray(scratch, ends + j2 * V);
    }
    if (j3 >= 0 && risingFrom <= 3) {
      e3.intoArray(scratch, ends + j3 * V);
    }
  }

  /**
   * Phase A for one member: its anchor times powers of its ratio over its active vectors, added into the
   * sums; the last active vector adds without stepping, and a rising member's term there is kept for phase B.
   */
  private static void termSingle(int blocks, int k, double[] scratch, boolean rising, int j) {
    final int f = first(scratch, k, j, blocks);
    final int l = last(scratch, k, j, blocks);
    assert f < l;
    final DoubleVector r = DoubleVector.broadcast(SPECIES, scratch[coef(k, 6) + j]);
    final int sums = runWeights(k);
    DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, runAnchors(k) + j * V);
    for (int i = f; i < l - 1; i++) {
      int at = sums + i * V;
      DoubleVector.fromArray(SPECIES, scratch, at).add(e).intoArray(scratch, at);
      e = e.mul(r);
    }
    final int at = sums + (l - 1) * V;
    DoubleVector.fromArray(SPECIES, scratch, at).add(e).intoArray(scratch, at);
    if (rising) {
      e.intoArray(scratch, runEnds(k) + j * V);
    }
  }

  /**
   * Per vector of a run: the log-likelihood from log Σ, then the weights c / Σ over the sums and the weights
   * times the outcomes over the logs; the reference m's N and S (its terms are 1) are their plain sums.
   */
  private static void runLogLikelihood(double[] x, double[] c, int b, int blocks, double aRef, double etaRef,
      int m, int k, double[] scratch) {
    final int sums = runWeights(k);
    // The logarithms alone first: the call to the vector LOG then has few live registers to spill.
    final int logs = runLogs(k);
    VectorMath.log(scratch, sums, scratch, logs, blocks * V);
    DoubleVector logLik = DoubleVector.fromArray(SPECIES, scratch, logLikRow(k));
    DoubleVector am = DoubleVector.broadcast(SPECIES, aRef);
    DoubleVector em = DoubleVector.broadcast(SPECIES, etaRef);
    final int accN = rowN(k) + m * V;
    final int accS = rowS(k) + m * V;
    DoubleVector nm = DoubleVector.fromArray(SPECIES, scratch, accN);
    DoubleVector sm = DoubleVector.fromArray(SPECIES, scratch, accS);
    for (int i = 0; i < blocks * V; i += V) {
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + i);
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b + i);
      logLik = cv.fma(xv.fma(em, am).add(DoubleVector.fromArray(SPECIES, scratch, logs + i)), logLik);
      DoubleVector w = cv.div(DoubleVector.fromArray(SPECIES, scratch, sums + i));
      DoubleVector wx = w.mul(xv);
      w.intoArray(scratch, sums + i);
      wx.intoArray(scratch, logs + i);
      nm = nm.add(w);
      sm = sm.add(wx);
    }
    nm.intoArray(scratch, accN);
    sm.intoArray(scratch, accS);
    logLik.intoArray(scratch, logLikRow(k));
  }

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
  private static void horner4(int from, int to, int k, double[] scratch, boolean rising, int j0, int j1, int j2, int j3) {
    final int which = rising ? 9 : 6;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j1]);
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j2]);
    final DoubleVector r3 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j3]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = runWeights(k) + start;
    final int moments = runLogs(k) + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector p2 = p0;
    DoubleVector p3 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    DoubleVector q2 = p0;
    DoubleVector q3 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, scratch, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, scratch, moments + off);
      p0 = p0.fma(r0, w);
      q0 = q0.fma(r0, wx);
      p1 = p1.fma(r1, w);
      q1 = q1.fma(r1, wx);
      p2 = p2.fma(r2, w);
      q2 = q2.fma(r2, wx);
      p3 = p3.fma(r3, w);
      q3 = q3.fma(r3, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? runEnds(k) : runAnchors(k);
    final int accN = rowN(k);
    final int accS = rowS(k);
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, scratch, accN + j0 * V)).intoArray(scratch, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, scratch, accS + j0 * V)).intoArray(scratch, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, scratch, accN + j1 * V)).intoArray(scratch, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, scratch, accS + j1 * V)).intoArray(scratch, accS + j1 * V);
    final DoubleVector e2 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j2 * V);
    e2.fma(p2, DoubleVector.fromArray(SPECIES, scratch, accN + j2 * V)).intoArray(scratch, accN + j2 * V);
    e2.fma(q2, DoubleVector.fromArray(SPECIES, scratch, accS + j2 * V)).intoArray(scratch, accS + j2 * V);
    final DoubleVector e3 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j3 * V);
    e3.fma(p3, DoubleVector.fromArray(SPECIES, scratch, accN + j3 * V)).intoArray(scratch, accN + j3 * V);
    e3.fma(q3, DoubleVector.fromArray(SPECIES, scratch, accS + j3 * V)).intoArray(scratch, accS + j3 * V);
  }

  /** Phase B for three members of one direction. */
  private static void horner3(int from, int to, int k, double[] scratch, boolean rising, int j0, int j1, int j2) {
    final int which = rising ? 9 : 6;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j1]);
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j2]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = runWeights(k) + start;
    final int moments = runLogs(k) + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector p2 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    DoubleVector q2 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, scratch, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, scratch, moments + off);
      p0 = p0.fma(r0, w);
      q0 = q0.fma(r0, wx);
      p1 = p1.fma(r1, w);
      q1 = q1.fma(r1, wx);
      p2 = p2.fma(r2, w);
      q2 = q2.fma(r2, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? runEnds(k) : runAnchors(k);
    final int accN = rowN(k);
    final int accS = rowS(k);
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, scratch, accN + j0 * V)).intoArray(scratch, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, scratch, accS + j0 * V)).intoArray(scratch, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, scratch, accN + j1 * V)).intoArray(scratch, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, scratch, accS + j1 * V)).intoArray(scratch, accS + j1 * V);
    final DoubleVector e2 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j2 * V);
    e2.fma(p2, DoubleVector.fromArray(SPECIES, scratch, accN + j2 * V)).intoArray(scratch, accN + j2 * V);
    e2.fma(q2, DoubleVector.fromArray(SPECIES, scratch, accS + j2 * V)).intoArray(scratch, accS + j2 * V);
  }

  /** Phase B for two members of one direction. */
  private static void horner2(int from, int to, int k, double[] scratch, boolean rising, int j0, int j1) {
    final int which = rising ? 9 : 6;
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j0]);
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, scratch[coef(k, which) + j1]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = runWeights(k) + start;
    final int moments = runLogs(k) + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector p1 = p0;
    DoubleVector q0 = p0;
    DoubleVector q1 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      DoubleVector w = DoubleVector.fromArray(SPECIES, scratch, weights + off);
      DoubleVector wx = DoubleVector.fromArray(SPECIES, scratch, moments + off);
      p0 = p0.fma(r0, w);
      q0 = q0.fma(r0, wx);
      p1 = p1.fma(r1, w);
      q1 = q1.fma(r1, wx);
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? runEnds(k) : runAnchors(k);
    final int accN = rowN(k);
    final int accS = rowS(k);
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, scratch, accN + j0 * V)).intoArray(scratch, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, scratch, accS + j0 * V)).intoArray(scratch, accS + j0 * V);
    final DoubleVector e1 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j1 * V);
    e1.fma(p1, DoubleVector.fromArray(SPECIES, scratch, accN + j1 * V)).intoArray(scratch, accN + j1 * V);
    e1.fma(q1, DoubleVector.fromArray(SPECIES, scratch, accS + j1 * V)).intoArray(scratch, accS + j1 * V);
  }

  /** Phase B for one member. */
  private static void horner1(int from, int to, int k, double[] scratch, boolean rising, int j0) {
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[coef(k, rising ? 9 : 6) + j0]);
    final int step = rising ? V : -V;
    final int start = (rising ? from : to - 1) * V;
    final int count = to - from;
    final int weights = runWeights(k) + start;
    final int moments = runLogs(k) + start;
    DoubleVector p0 = DoubleVector.zero(SPECIES);
    DoubleVector q0 = p0;
    for (int t = 0, off = 0; t < count; t++, off += step) {
      p0 = p0.fma(r0, DoubleVector.fromArray(SPECIES, scratch, weights + off));
      q0 = q0.fma(r0, DoubleVector.fromArray(SPECIES, scratch, moments + off));
    }
    // N_j += anchor ⊙ p and S_j += anchor ⊙ q, straight from the registers.
    final int anchorRow = rising ? runEnds(k) : runAnchors(k);
    final int accN = rowN(k);
    final int accS = rowS(k);
    final DoubleVector e0 = DoubleVector.fromArray(SPECIES, scratch, anchorRow + j0 * V);
    e0.fma(p0, DoubleVector.fromArray(SPECIES, scratch, accN + j0 * V)).intoArray(scratch, accN + j0 * V);
    e0.fma(q0, DoubleVector.fromArray(SPECIES, scratch, accS + j0 * V)).intoArray(scratch, accS + j0 * V);
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch) {
    assert base <= from && out.length >= (long) (to - base) * k;
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
        DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).intoArray(scratch, lane);
        VectorMath.exp(scratch, lane);
        sum = sum.add(DoubleVector.fromArray(SPECIES, scratch, lane));
      }
      sum.intoArray(scratch, lane);
      VectorMath.log(scratch, lane);
      DoubleVector logSum = DoubleVector.fromArray(SPECIES, scratch, lane);
      if (lse != null) {
        DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
        if (hasZ) {
          lm = zv.fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
        }
        lm.add(max.add(logSum)).intoArray(lse, b - base);
      }
      // (d − max) − log Σ, transposed from lanes into the row-major output.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).sub(logSum).intoArray(scratch, lane);
        for (int i = 0; i < V; i++) {
          out[(b + i - base) * k + j] = scratch[lane + i];
        }
      }
    }
    if (upper < to) {
      DefaultEmKernel.INSTANCE.logPosteriors(x, z, upper, to, base, a, eta, zeta, k, out, lse, scratch);
    }
  }

  @Override
  public String name() {
    return recurrence ? "vector" : "vector-exp";
  }
}
