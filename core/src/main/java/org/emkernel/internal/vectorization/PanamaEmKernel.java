package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaRecurrence.recurrenceOrExp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;
import org.emkernel.internal.ScalarArithmetic;

/**
 * The vector kernel on {@code jdk.incubator.vector}: lanes across consecutive bins, log-joints relative to a
 * reference component in compensated arithmetic, as in the scalar reference. This class holds the contract and
 * the exp path (one {@link VectorMath#exp} per cell); runs of consecutive outcomes take the recurrence path
 * ({@link PanamaRecurrence}, {@link PanamaHorner}) and consecutive bins up to {@link EmKernel#PRODUCT_LIMIT} the
 * product path ({@link PanamaProducts}). docs/kernel.md describes each path and its bounds.
 *
 * <p>In every vector kernel, a vector carried from one loop iteration to the next (a running maximum, sum,
 * product or Horner value) is an operation's argument, never its receiver, where the operation commutes; the exp
 * path also stores only fresh results. C2 in JDK 17 knows the exact class of a vector an operation has just made,
 * but not of a loop's running value, so an operation on that value is a virtual call bound only through the JDK
 * method's type profile; when other vector shapes in the same JVM (or a profile gathered at a low tier) leave
 * that profile unusable, the call stays virtual and boxes its vectors on every iteration, for as long as the
 * compiled code lives (docs/kernel.md).
 */
public final class PanamaEmKernel implements EmKernel {

  /** The vector kernel with the recurrence path. */
  public static final PanamaEmKernel INSTANCE = new PanamaEmKernel(true);
  /** The vector kernel with one exponential per cell everywhere (for comparison). */
  public static final PanamaEmKernel EXP_ONLY = new PanamaEmKernel(false);

  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  static final int V = SPECIES.length();
  /** Vectors per recurrence run: one anchor per run, multiplications in between. */
  static final int RUN_BLOCKS = 64;
  static final int RUN = RUN_BLOCKS * V;
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
  static final double NEGLIGIBLE = -708;
  /** Largest log-ratio to the reference allowed on a run: e^690 times up to e^19 terms stays finite. */
  static final double CEILING = 690;
  /** Largest log-ratio step per vector of an active term: zeroed lanes before its anchor stay below e^-620. */
  static final double STEEPEST = 80;
  /** Growing terms are anchored where every lane is at least e^ANCHOR, a normal double with margin. */
  static final double ANCHOR = NEGLIGIBLE + 8;
  static final int NEVER = Integer.MAX_VALUE;
  static final double LN2 = Math.log(2);
  /** Bits in a lane index (V is a power of two). */
  static final int LANE_INDEX_BITS = Integer.numberOfTrailingZeros(V);
  /** Per bit of the lane index, that bit of each lane's index, then its complement 1 − bit (see anchors). */
  static final double[] LANE_BITS = laneBits();

  private final boolean recurrence;

  static double[] laneBits() {
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
    return k < 4 ? ScalarArithmetic.INSTANCE : new PanamaLogarithms(k);
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

  @Override
  public KernelScratch scratch(int k, KernelScratch reuse) {
    return reuse instanceof PanamaScratch && ((PanamaScratch) reuse).capacity >= k ? reuse : PanamaScratch.create(k);
  }

  @Override
  public boolean usesProducts() {
    return recurrence; // The exp-only variant stays the per-cell exponential for comparison.
  }

  @Override
  public double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading) {
    return PanamaProductChecks.ordinary(scale, rho, k, x0, end, massAtLast, fading);
  }

  @Override
  public double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, KernelScratch scratch) {
    return PanamaProducts.accumulate(x, c, from, to, scale, rho, k, n, s, (PanamaScratch) scratch);
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, double[] floors, int k,
      double[] n, double[] s, double[] t, KernelScratch memory) {
    final PanamaScratch scratch = (PanamaScratch) memory;
    final double[] rows = scratch.doubles;
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    assert scratch.capacity >= k;
    assert floors == null || floors.length >= k;
    assert z == null || (zeta != null && t != null && z.length >= to);
    fill(rows, scratch.accN, scratch.accN + k * V, 0.0);
    fill(rows, scratch.accS, scratch.accS + k * V, 0.0);
    if (z != null) {
      fill(rows, scratch.accT, scratch.accT + k * V, 0.0);
    }
    fill(rows, scratch.logLik, scratch.logLik + V, 0.0);
    fill(rows, scratch.zeros, scratch.zeros + V, 0.0);
    // The last bins as a whole vector when the arrays are padded with counts 0 past them (EmData's layout).
    final int upper = padded(x, z, c, from, to) ? from + SPECIES.loopBound(to - from + V - 1)
        : from + SPECIES.loopBound(to - from);
    scratch.reference = -1; // The coefficients are new on every call.
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
      final int pad = scratch.tailOutcomes;
      for (int i = 0; i < V; i++) {
        int b = Math.min(upper + i, to - 1);
        rows[pad + i] = x[b];
        rows[scratch.tailCounts + i] = upper + i < to ? c[b] : 0;
        rows[scratch.tailTrials + i] = z == null ? 0 : z[b];
      }
      expBlocks(rows, z == null ? null : rows, rows, pad, pad + V, scratch.tailCounts - pad, scratch.tailTrials - pad,
          a, eta, zeta, k, scratch);
    }
    for (int j = 0; j < k; j++) {
      n[j] += laneSum(rows, scratch.accN + j * V);
      s[j] += laneSum(rows, scratch.accS + j * V);
      if (z != null) {
        t[j] += laneSum(rows, scratch.accT + j * V);
      }
    }
    return laneSum(rows, scratch.logLik);
  }

  /**
   * The V doubles from {@code at} added in lane order. Not reduceLanes(ADD): its order is unspecified, and on
   * JDK 24 and later C2 compiles it to a tree while the interpreter adds in order, so bits would depend on
   * compile state.
   */
  static double laneSum(double[] values, int at) {
    double sum = values[at];
    for (int i = 1; i < V; i++) {
      sum += values[at + i];
    }
    return sum;
  }

  /** Sets whole vectors [from, to) of rows to value (C2 does not vectorise Arrays.fill of doubles). */
  static void fill(double[] rows, int from, int to, double value) {
    assert (to - from) % V == 0;
    DoubleVector v = DoubleVector.broadcast(SPECIES, value);
    for (int i = from; i < to; i += V) {
      v.intoArray(rows, i);
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

  /** Fills the coefficient-difference rows for reference component m (a vector of components at a time). */
  static void differences(double[] a, double[] eta, double[] zeta, int k, int m, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int aHi = scratch.aHi;
    final int aLo = scratch.aLo;
    final int etaHi = scratch.etaHi;
    final int etaLo = scratch.etaLo;
    final int zetaHi = scratch.zetaHi;
    final int zetaLo = scratch.zetaLo;
    final int whole = k / V * V;
    for (int j = 0; j < whole; j += V) {
      twoDiff(a, j, a[m], rows, aHi + j, aLo + j);
      twoDiff(eta, j, eta[m], rows, etaHi + j, etaLo + j);
      if (zeta != null) {
        twoDiff(zeta, j, zeta[m], rows, zetaHi + j, zetaLo + j);
      }
    }
    for (int j = whole; j < k; j++) {
      rows[aHi + j] = Compensated.diffHi(a[j], a[m]);
      rows[aLo + j] = Compensated.diffLo(a[j], a[m]);
      rows[etaHi + j] = Compensated.diffHi(eta[j], eta[m]);
      rows[etaLo + j] = Compensated.diffLo(eta[j], eta[m]);
      if (zeta != null) {
        rows[zetaHi + j] = Compensated.diffHi(zeta[j], zeta[m]);
        rows[zetaLo + j] = Compensated.diffLo(zeta[j], zeta[m]);
      }
    }
  }

  /**
   * {@link Compensated#diffHi} and {@link Compensated#diffLo} of p[from..] − q for a vector of components,
   * into rows at hi and lo (lo is 0 where p is −∞).
   */
  static void twoDiff(double[] p, int from, double q, double[] rows, int hi, int lo) {
    DoubleVector pv = DoubleVector.fromArray(SPECIES, p, from);
    DoubleVector sum = pv.sub(q);
    DoubleVector bv = sum.sub(pv);
    DoubleVector err = pv.sub(sum.sub(bv)).add(bv.neg().sub(q));
    sum.intoArray(rows, hi);
    err.blend(0.0, pv.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY)).intoArray(rows, lo);
  }

  /**
   * d_j = l_j − l_m over the lanes with a z column, from the coefficient-difference rows, written to
   * component j's terms row. Vectors never cross a method boundary here, so nothing is boxed.
   */
  static void relativeZ(double[] x, double[] z, int b, int zShift, int j, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int out = scratch.terms + j * V;
    double aHi = rows[scratch.aHi + j];
    if (aHi == Double.NEGATIVE_INFINITY) {
      DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY).intoArray(rows, out);
      return;
    }
    DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
    DoubleVector zv = DoubleVector.fromArray(SPECIES, z, b + zShift);
    double eHi = rows[scratch.etaHi + j];
    double zHi = rows[scratch.zetaHi + j];
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
    DoubleVector low = te.add(se).add(pe).add(qe).add(rows[scratch.aLo + j])
        .add(xv.mul(rows[scratch.etaLo + j])).add(zv.mul(rows[scratch.zetaLo + j]));
    tt.add(low).intoArray(rows, out);
  }

  /** The exp path over whole vectors [from, to): one exponential per cell. */
  static void expBlocks(double[] x, double[] z, double[] c, int from, int to, int cShift, int zShift,
      double[] a, double[] eta, double[] zeta, int k, PanamaScratch scratch) {
    final boolean hasZ = z != null;
    final double[] rows = scratch.doubles;
    final int terms = scratch.terms;
    final int accN = scratch.accN;
    final int accS = scratch.accS;
    final int accT = scratch.accT;
    final int lane = scratch.laneBuffer;
    final int aHi = scratch.aHi;
    final int aLo = scratch.aLo;
    final int etaHi = scratch.etaHi;
    final int etaLo = scratch.etaLo;
    int cachedM = -1;
    for (int b = from; b < to; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      // Reference component: the best at the middle lane; differences recomputed only when it changes.
      int mid = b + V / 2;
      int m = Compensated.argmax(a, eta, zeta, k, x[mid], hasZ ? z[mid + zShift] : 0);
      if (m != cachedM) {
        differences(a, eta, zeta, k, m, scratch);
        cachedM = m;
        scratch.reference = -1; // The recurrence's ratios no longer match the rows.
      }
      // Pass 1: differences to the reference and their lane-wise maximum.
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        if (hasZ) {
          relativeZ(x, z, b, zShift, j, scratch);
        } else {
          // d = (Δa_hi + Δη_hi·x) + (Δa_lo + Δη_lo·x); −∞ for a component of weight 0.
          xv.fma(rows[etaHi + j], rows[aHi + j])
              .add(xv.fma(rows[etaLo + j], rows[aLo + j]))
              .intoArray(rows, terms + j * V);
        }
        // The running maximum is the argument, never the receiver (see the class comment).
        max = DoubleVector.fromArray(SPECIES, rows, terms + j * V).max(max);
      }
      // Pass 2: shifted exponentials (all rows in one call) and their sum, the last row added outside the loop so
      // that the sum stored is an operation's result, not the loop's running value.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, rows, terms + j * V).sub(max).intoArray(rows, terms + j * V);
      }
      VectorMath.exp(rows, terms, terms + k * V);
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k - 1; j++) {
        sum = DoubleVector.fromArray(SPECIES, rows, terms + j * V).add(sum);
      }
      sum = DoubleVector.fromArray(SPECIES, rows, terms + (k - 1) * V).add(sum);
      DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
      if (hasZ) {
        lm = DoubleVector.fromArray(SPECIES, z, b + zShift).fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
      }
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + cShift);
      sum.intoArray(rows, lane);
      VectorMath.log(rows, lane);
      // The log-likelihood's lanes stay in the scratch between blocks, for the same reason.
      cv.fma(lm.add(DoubleVector.fromArray(SPECIES, rows, lane).add(max)),
          DoubleVector.fromArray(SPECIES, rows, scratch.logLik)).intoArray(rows, scratch.logLik);
      // Pass 3: count-weighted posteriors into the per-component lane accumulators.
      DoubleVector w = cv.div(sum);
      for (int j = 0; j < k; j++) {
        DoubleVector r = DoubleVector.fromArray(SPECIES, rows, terms + j * V).mul(w);
        DoubleVector.fromArray(SPECIES, rows, accN + j * V).add(r).intoArray(rows, accN + j * V);
        r.fma(xv, DoubleVector.fromArray(SPECIES, rows, accS + j * V)).intoArray(rows, accS + j * V);
        if (hasZ) {
          r.fma(DoubleVector.fromArray(SPECIES, z, b + zShift), DoubleVector.fromArray(SPECIES, rows, accT + j * V))
              .intoArray(rows, accT + j * V);
        }
      }
    }
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, KernelScratch memory) {
    final PanamaScratch scratch = (PanamaScratch) memory;
    assert base <= from && out.length >= (long) (to - base) * k;
    assert scratch.capacity >= k;
    final boolean hasZ = z != null;
    final double[] rows = scratch.doubles;
    final int terms = scratch.terms;
    final int lane = scratch.laneBuffer;
    final int upper = from + SPECIES.loopBound(to - from);
    int cachedM = -1;
    for (int b = from; b < upper; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      int mid = b + V / 2;
      int m = Compensated.argmax(a, eta, zeta, k, x[mid], hasZ ? z[mid] : 0);
      if (m != cachedM) {
        differences(a, eta, zeta, k, m, scratch);
        cachedM = m;
      }
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        if (hasZ) {
          relativeZ(x, z, b, 0, j, scratch);
        } else {
          xv.fma(rows[scratch.etaHi + j], rows[scratch.aHi + j])
              .add(xv.fma(rows[scratch.etaLo + j], rows[scratch.aLo + j]))
              .intoArray(rows, terms + j * V);
        }
        max = DoubleVector.fromArray(SPECIES, rows, terms + j * V).max(max);
      }
      // Σ exp(d − max), the last term added after the loop: the sum stored is an operation's result.
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, rows, terms + j * V).sub(max).intoArray(rows, lane);
        VectorMath.exp(rows, lane);
        if (j < k - 1) {
          sum = DoubleVector.fromArray(SPECIES, rows, lane).add(sum);
        }
      }
      DoubleVector.fromArray(SPECIES, rows, lane).add(sum).intoArray(rows, lane);
      VectorMath.log(rows, lane);
      DoubleVector logSum = DoubleVector.fromArray(SPECIES, rows, lane);
      if (lse != null) {
        DoubleVector lm = xv.fma(DoubleVector.broadcast(SPECIES, eta[m]), DoubleVector.broadcast(SPECIES, a[m]));
        if (hasZ) {
          lm = DoubleVector.fromArray(SPECIES, z, b).fma(DoubleVector.broadcast(SPECIES, zeta[m]), lm);
        }
        lm.add(logSum.add(max)).intoArray(lse, b - base);
      }
      // (d − max) − log Σ, transposed from lanes into the row-major output.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, rows, terms + j * V).sub(max).sub(logSum).intoArray(rows, lane);
        for (int i = 0; i < V; i++) {
          out[(b + i - base) * k + j] = rows[lane + i];
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
