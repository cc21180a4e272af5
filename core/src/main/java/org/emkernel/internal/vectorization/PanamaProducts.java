package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernel's product path ({@link EmKernel#accumulateProducts}): terms scale_j·ρ_j^x over consecutive
 * outcomes by multiplication alone, one vector logarithm and one division per vector of bins. Two layouts:
 * by outcome (lanes are outcomes, components one after another), for few components; by component (lanes
 * are components, bins one after another), for many components over few bins. Both sum N and S by Horner's
 * rule in the ratio, Σ_b t_b·w_b = t_0·Σ_b ρ^b·w_b, so the second pass needs no terms, only two fused
 * multiply-adds per vector. Every operation is an IEEE one in a fixed order: the same bits in every compile
 * state.
 */
final class PanamaProducts {
  private PanamaProducts() {}

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  /** Vectors of bins the product path can hold: outcomes 0 to PRODUCT_LIMIT, and one more for alignment. */
  private static final int MAX_VECTORS = (EmKernel.PRODUCT_LIMIT + 1 + V - 1) / V + 1;
  /** Bits in a lane index. */
  private static final int LOG_V = Integer.numberOfTrailingZeros(V);
  /** Lane i holds i (outcomes of a vector relative to its first). */
  private static final double[] IOTA = iota();

  private static double[] iota() {
    double[] iota = new double[V];
    for (int i = 0; i < V; i++) {
      iota[i] = i;
    }
    return iota;
  }

  /** Components rounded up to whole vectors. */
  private static int padded(int k) {
    return (k + V - 1) / V * V;
  }

  /** Scratch the product path needs for k components. */
  static int scratchLength(int k) {
    return (2 + LOG_V) * padded(k) + padded(k) * V + 4 * MAX_VECTORS * V + V
        + Math.max(2 * padded(k) * V, MAX_VECTORS * V * V);
  }

  // Scratch layout: per component (padded to whole vectors) the start term scale·ρ^x0 and ρ^(2^i) up to ρ^V;
  // the current terms (component layout: one per component; outcome layout: a vector per component); per
  // vector of bins the sums, their logarithms, the weights c/Σ and c·x/Σ; a count vector for an unpadded
  // tail; lane products.
  private static int start(int k) {
    return 0;
  }

  /** ρ^(2^i), i = 0 .. log2 V. */
  private static int power(int k, int i) {
    return (1 + i) * padded(k);
  }

  private static int current(int k) {
    return (2 + LOG_V) * padded(k);
  }

  private static int sums(int k) {
    return (2 + LOG_V) * padded(k) + padded(k) * V;
  }

  private static int logs(int k) {
    return sums(k) + MAX_VECTORS * V;
  }

  private static int weights(int k) {
    return logs(k) + MAX_VECTORS * V;
  }

  private static int weightedX(int k) {
    return weights(k) + MAX_VECTORS * V;
  }

  private static int tailCounts(int k) {
    return weightedX(k) + MAX_VECTORS * V;
  }

  /**
   * Per component a vector of lane products for N, then one for S; in the component layout first a vector of
   * partial sums per bin, then two rows of component lanes.
   */
  private static int lanes(int k) {
    return tailCounts(k) + V;
  }

  /**
   * Whether the component layout is the quicker for k components over this many vectors of bins. The outcome
   * layout pays per component (first terms, two lane sums), the component layout per bin (a lane sum); the
   * thresholds are where the component layout was measured the quicker (from 16 components over up to 8 vectors
   * of bins, from 5 over up to 2).
   */
  static boolean componentLayout(int k, int vectors) {
    return (k >= 16 && vectors <= 8) || (k >= 5 && vectors <= 2);
  }

  /** See {@link EmKernel#productsOrdinary}: the same answer as the scalar check, 8 components at a time. */
  static double ordinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading) {
    final int kp = padded(k);
    // Arrays shorter than whole vectors take the scalar check (at K = 3 the vector one is no quicker).
    if (scale.length < kp || rho.length < kp || fading.length < kp) {
      return DefaultEmKernel.ordinaryProducts(scale, rho, k, (long) x0, (long) end, massAtLast, fading);
    }
    // Per lane, quantities that are negative where a condition fails: exact small integers, +0 where a bound is
    // met exactly. OR-ing their bits keeps every sign, so a few bitwise ORs replace compares and blends.
    final DoubleVector iota = DoubleVector.fromArray(SPECIES, IOTA, 0);
    final double m = Math.max(x0, 8);
    final DoubleVector top = DoubleVector.broadcast(SPECIES, 1023.0);
    final DoubleVector under = DoubleVector.broadcast(SPECIES, 899.0);
    final DoubleVector first = DoubleVector.broadcast(SPECIES, x0);
    final DoubleVector last = DoubleVector.broadcast(SPECIES, end);
    final DoubleVector negFirst = first.neg();
    final DoubleVector negLast = last.neg();
    final double infinity = massAtLast ? Double.POSITIVE_INFINITY : Double.NaN;
    LongVector failed = LongVector.zero(LONGS);
    LongVector irregular = LongVector.broadcast(LONGS, -1L);
    LongVector fades = LongVector.zero(LONGS);
    for (int j = 0; j < kp; j += V) {
      DoubleVector sc = DoubleVector.fromArray(SPECIES, scale, j);
      DoubleVector r = DoubleVector.fromArray(SPECIES, rho, j);
      // Unbiased binary exponents as doubles (scale, ρ ≥ 0): −1023 for 0 and subnormals, 1024 for ∞.
      // (Written out, not a helper method: a helper taking and returning vectors boxes them whenever C2 has
      // compiled it on its own before its caller and then will not inline it.) The biased exponent lands in
      // the low bits of 1.5·2^52; subtracting 1.5·2^52 + 1023 leaves the unbiased one.
      DoubleVector es = sc.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 52)
          .add(org.emkernel.internal.DeterministicLog.SHIFTER_BITS).reinterpretAsDoubles()
          .sub(org.emkernel.internal.DeterministicLog.SHIFTER + 1023);
      DoubleVector er = r.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 52)
          .add(org.emkernel.internal.DeterministicLog.SHIFTER_BITS).reinterpretAsDoubles()
          .sub(org.emkernel.internal.DeterministicLog.SHIFTER + 1023);
      // log2 of a term at x lies in [es + x·er, es + 1 + x·(er + 1)); both bounds are affine in x, so x0 and end
      // cover every outcome between. (|er| + 1)·max(x0, 8) ≤ 900 bounds ρ^y and also makes ρ normal.
      DoubleVector low = es.add(900.0);
      DoubleVector high = under.sub(es);
      DoubleVector er1 = er.add(1.0);
      LongVector rhoBad = er.fma(first, low).reinterpretAsLongs()
          .or(er.fma(last, low).reinterpretAsLongs())
          .or(er1.fma(negFirst, high).reinterpretAsLongs())
          .or(er1.fma(negLast, high).reinterpretAsLongs())
          .or(er.abs().add(1.0).fma(-m, 900.0).reinterpretAsLongs());
      LongVector scaleLow = es.add(1022.0).reinterpretAsLongs();
      // A component out of range may fade: es in [−1022, 0], er in [−1022, −1] (never ρ = 0 or ∞, nor padding).
      // (−es as (1023 − es) − 1023 and −1 − er as −er − 1: +0 where a bound is met, where a plain negation gives
      // −0, negative by its sign bit. DoubleVector.zero is no help: C2 does not unbox that constant, and the
      // operation falls back to allocating Java code.)
      LongVector fadeBad = scaleLow.or(top.sub(es).sub(1023.0).reinterpretAsLongs())
          .or(er.add(1022.0).reinterpretAsLongs()).or(er.neg().sub(1.0).reinterpretAsLongs());
      fades = fades.or(rhoBad.and(fadeBad.not()));
      // ρ = 0 (and ρ = ∞ when the last bin takes a mass) needs only a normal scale; a fading ρ passes as it is.
      // (Two blends: JDK 17 compiles mask-with-mask operations to long sequences.)
      // (No branch on massAtLast: a vector assigned in a branch can end up boxed; no lane equals NaN.)
      DoubleVector rhoPart = rhoBad.and(fadeBad).reinterpretAsDoubles().blend(0.0, r.compare(VectorOperators.EQ, 0.0))
          .blend(0.0, r.compare(VectorOperators.EQ, infinity));
      VectorMask<Double> padding = iota.compare(VectorOperators.GE, k - j);
      LongVector lane = rhoPart.reinterpretAsLongs()
          .or(scaleLow)
          .or(top.sub(es).reinterpretAsLongs());
      failed = failed.or(lane.reinterpretAsDoubles().blend(0.0, padding).reinterpretAsLongs());
      irregular = irregular.and(rhoBad.reinterpretAsDoubles().blend(-1.0, padding).reinterpretAsLongs());
    }
    // No live lane failed, and some live lane has a normal ρ in range. (Every test before any branch: a vector
    // live across a branch can be boxed.)
    final boolean anyFailed = failed.compare(VectorOperators.LT, 0L).anyTrue();
    final boolean anyRegular = irregular.compare(VectorOperators.GE, 0L).anyTrue();
    final boolean anyFading = fades.compare(VectorOperators.LT, 0L).anyTrue();
    if (anyFailed | !anyRegular) {
      return Double.NaN;
    }
    return anyFading ? fadingFloor(scale, rho, k, x0, end, fading) : Double.POSITIVE_INFINITY;
  }

  /**
   * For {@link #ordinary} when some component fades (so every component passed): each one's fading flag, and
   * the largest least exponent bound of a regular component's terms.
   */
  private static double fadingFloor(double[] scale, double[] rho, int k, double x0, double end, double[] fading) {
    final int kp = padded(k);
    final double m = Math.max(x0, 8);
    final DoubleVector iota = DoubleVector.fromArray(SPECIES, IOTA, 0);
    final DoubleVector under = DoubleVector.broadcast(SPECIES, 899.0);
    final DoubleVector top = DoubleVector.broadcast(SPECIES, 1023.0);
    final DoubleVector first = DoubleVector.broadcast(SPECIES, x0);
    final DoubleVector last = DoubleVector.broadcast(SPECIES, end);
    final DoubleVector negFirst = first.neg();
    final DoubleVector negLast = last.neg();
    final LongVector sign = LongVector.broadcast(LONGS, Long.MIN_VALUE);
    final LongVector one = LongVector.broadcast(LONGS, Double.doubleToRawLongBits(1.0));
    DoubleVector floor = DoubleVector.broadcast(SPECIES, -4096.0);
    for (int j = 0; j < kp; j += V) {
      // The exponents and bounds of ordinary, again.
      DoubleVector es = DoubleVector.fromArray(SPECIES, scale, j).reinterpretAsLongs()
          .lanewise(VectorOperators.LSHR, 52).add(org.emkernel.internal.DeterministicLog.SHIFTER_BITS)
          .reinterpretAsDoubles().sub(org.emkernel.internal.DeterministicLog.SHIFTER + 1023);
      DoubleVector er = DoubleVector.fromArray(SPECIES, rho, j).reinterpretAsLongs()
          .lanewise(VectorOperators.LSHR, 52).add(org.emkernel.internal.DeterministicLog.SHIFTER_BITS)
          .reinterpretAsDoubles().sub(org.emkernel.internal.DeterministicLog.SHIFTER + 1023);
      DoubleVector low = es.add(900.0);
      DoubleVector high = under.sub(es);
      DoubleVector er1 = er.add(1.0);
      DoubleVector lowFirst = er.fma(first, low);
      DoubleVector lowLast = er.fma(last, low);
      LongVector rhoBad = lowFirst.reinterpretAsLongs()
          .or(lowLast.reinterpretAsLongs())
          .or(er1.fma(negFirst, high).reinterpretAsLongs())
          .or(er1.fma(negLast, high).reinterpretAsLongs())
          .or(er.abs().add(1.0).fma(-m, 900.0).reinterpretAsLongs());
      LongVector scaleLow = es.add(1022.0).reinterpretAsLongs();
      LongVector fadeBad = scaleLow.or(top.sub(es).sub(1023.0).reinterpretAsLongs())
          .or(er.add(1022.0).reinterpretAsLongs()).or(er.neg().sub(1.0).reinterpretAsLongs());
      // −1 where fading, 1 elsewhere: the sign bit of rhoBad & ~fadeBad on the bits of 1.
      rhoBad.and(fadeBad.not()).and(sign).or(one).reinterpretAsDoubles().intoArray(fading, j);
      // Regular: ρ in range (every live lane passed, so its scale is normal), not padding. Its bound is the
      // lesser end with 900 taken off again; any other lane gives −4096: with nr its sign bit as 0 or 1 (by the
      // shifter), bound·(1 − nr) − 4096·nr, every bound being finite.
      LongVector regular = rhoBad.reinterpretAsDoubles().blend(-1.0, iota.compare(VectorOperators.GE, k - j))
          .reinterpretAsLongs().or(scaleLow);
      DoubleVector nr = regular.lanewise(VectorOperators.LSHR, 63)
          .add(org.emkernel.internal.DeterministicLog.SHIFTER_BITS).reinterpretAsDoubles()
          .sub(org.emkernel.internal.DeterministicLog.SHIFTER);
      floor = floor.max(lowFirst.min(lowLast).sub(900.0).mul(nr.neg().add(1.0)).sub(nr.mul(4096.0)));
    }
    return floor.reduceLanes(VectorOperators.MAX);
  }

  /** See {@link EmKernel#accumulateProducts}. */
  static double accumulate(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, double[] scratch) {
    assert from >= 0 && from < to && to <= x.length && to <= c.length : from + ".." + to;
    assert to - from <= EmKernel.PRODUCT_LIMIT + 1 : to - from;
    assert scratch.length >= scratchLength(k);
    final int vectors = (to - from + V - 1) / V;
    final double x0 = x[from];
    final boolean masses = powers(scale, rho, x0, k, !componentLayout(k, vectors), scratch);
    // Pass 1 sums the terms per bin; the weights c/Σ, c·x/Σ and log Σ follow; pass 2 sums N and S.
    if (componentLayout(k, vectors)) {
      sumsByComponent(from, to, vectors, k, scratch);
    } else {
      sumsByOutcome(vectors, k, scratch);
    }
    if (masses) {
      lastBin(0, scale, rho, to - 1 - from, k, n, s, scratch);
    }
    final double logLik = weights(c, from, to, vectors, x0, k, scratch);
    if (componentLayout(k, vectors)) {
      statisticsByComponent(to - from, k, n, s, scratch);
    } else {
      statisticsByOutcome(vectors, k, n, s, scratch);
    }
    if (masses) {
      lastBin(1, scale, rho, to - 1 - from, k, n, s, scratch);
    }
    return logLik;
  }

  /**
   * The start terms scale·ρ^x0 (binary powering, components across lanes), ρ, and with {@code squares} (the
   * outcome layout) ρ^(2^i) up to ρ^V; padding components get scale 0 and ρ 1. Returns whether some component
   * is a mass at the last bin.
   */
  private static boolean powers(double[] scale, double[] rho, double x0, int k, boolean squares, double[] scratch) {
    final int kp = padded(k);
    final int st = start(k);
    final int r1 = power(k, 0);
    // Inputs padded to whole vectors (scale 0, ρ 1 past k, as the interface asks) are read in place.
    final boolean whole = scale.length >= kp && rho.length >= kp;
    if (!whole) {
      System.arraycopy(scale, 0, scratch, st, k);
      java.util.Arrays.fill(scratch, st + k, st + kp, 0.0);
      System.arraycopy(rho, 0, scratch, r1, k);
      java.util.Arrays.fill(scratch, r1 + k, r1 + kp, 1.0);
    }
    final long e0 = (long) x0;
    // Lanes with a mass, counted without a branch per vector.
    DoubleVector massLanes = DoubleVector.zero(SPECIES);
    for (int j = 0; j < kp; j += V) {
      DoubleVector r = DoubleVector.fromArray(SPECIES, whole ? rho : scratch, whole ? j : r1 + j);
      DoubleVector p = DoubleVector.fromArray(SPECIES, whole ? scale : scratch, whole ? j : st + j);
      // A mass at the last bin (ρ = ∞) takes no part in the passes: scale 0, ρ 1 there; added by lastBin.
      VectorMask<Double> mass = r.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      massLanes = massLanes.blend(1.0, mass);
      r = r.blend(1.0, mass);
      p = p.blend(0.0, mass);
      r.intoArray(scratch, r1 + j);
      if (squares) {
        // ρ^(2^i) by squaring, for the outcome layout: their products give every lane power below V, the last
        // one is the step ρ^V (all within 2^±900: the caller bounds ρ^8).
        DoubleVector q = r;
        for (int i = 1; i <= LOG_V; i++) {
          q = q.mul(q);
          q.intoArray(scratch, power(k, i) + j);
        }
      }
      p.intoArray(scratch, st + j);
    }
    final boolean masses = massLanes.compare(VectorOperators.NE, 0.0).anyTrue();
    if (e0 == 0) {
      return masses;
    }
    // scale·ρ^x0 (the caller guarantees every ρ^y, y ≤ x0, and every term in range), a bit of x0 at a time over
    // every vector (vectors carried through a loop with a branch in it are boxed by JDK 17's C2, and every call
    // would allocate), the powers of ρ in the current row meanwhile (free until pass 1).
    System.arraycopy(scratch, r1, scratch, current(k), kp);
    PanamaPowers.power(scratch, st, scratch, current(k), kp, e0);
    return masses;
  }

  /**
   * Masses at the last bin (ρ = ∞): before the weights (pass 0) adds each to the last bin's sum; after
   * (pass 1) adds each one's N and S from that bin's weights.
   */
  private static void lastBin(int pass, double[] scale, double[] rho, int last, int k, double[] n, double[] s,
      double[] scratch) {
    for (int j = 0; j < k; j++) {
      if (rho[j] == Double.POSITIVE_INFINITY) {
        if (pass == 0) {
          scratch[sums(k) + last] += scale[j];
        } else {
          n[j] += scale[j] * scratch[weights(k) + last];
          s[j] += scale[j] * scratch[weightedX(k) + last];
        }
      }
    }
  }

  /**
   * Whether both passes of the outcome layout take components j, j + 1, j + 2 as a group of three: three are
   * left, or two and a padding component (scale 0) exists to make up the third. One rule, so pass 2 reads the
   * first-vector terms pass 1 wrote.
   */
  private static boolean threeLeft(int k, int j) {
    return k - j == 3 || (k - j == 2 && j + 3 <= padded(k));
  }

  /**
   * Lanes are outcomes; components four at a time (their terms stay in registers), then three at a time for
   * the last two or three (a padding component, scale 0, makes up two), then one. Each component's
   * first-vector terms are kept in the current row for pass 2.
   */
  private static void sumsByOutcome(int vectors, int k, double[] scratch) {
    final int sums = sums(k);
    final int step = power(k, LOG_V);
    final int cur = current(k);
    final int st = start(k);
    final int end = sums + vectors * V;
    final DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int at = sums; at < end; at += V) {
      zero.intoArray(scratch, at);
    }
    // Pass 1: each vector's sums over components, the terms by one multiplication per vector.
    int j = 0;
    for (; j + 4 <= k; j += 4) {
      // First terms: scale·ρ^x0 times ρ^lane from exact bit factors, bit·ρ^(2^i) + (1 − bit) being exactly
      // ρ^(2^i) or 1. (Written out here, not in a helper returning a vector: such a helper boxes its result
      // whenever C2 has compiled it on its own first and then does not inline it.)
      DoubleVector t0 = DoubleVector.broadcast(SPECIES, scratch[st + j]);
      DoubleVector t1 = DoubleVector.broadcast(SPECIES, scratch[st + j + 1]);
      DoubleVector t2 = DoubleVector.broadcast(SPECIES, scratch[st + j + 2]);
      DoubleVector t3 = DoubleVector.broadcast(SPECIES, scratch[st + j + 3]);
      for (int i = 0; i < LOG_V; i++) {
        DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
        DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
        int p = power(k, i) + j;
        t0 = t0.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p]), not));
        t1 = t1.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p + 1]), not));
        t2 = t2.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p + 2]), not));
        t3 = t3.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p + 3]), not));
      }
      t0.intoArray(scratch, cur + j * V);
      t1.intoArray(scratch, cur + (j + 1) * V);
      t2.intoArray(scratch, cur + (j + 2) * V);
      t3.intoArray(scratch, cur + (j + 3) * V);
      final double r0 = scratch[step + j];
      final double r1 = scratch[step + j + 1];
      final double r2 = scratch[step + j + 2];
      final double r3 = scratch[step + j + 3];
      for (int at = sums; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, scratch, at).add(t0.add(t1).add(t2.add(t3))).intoArray(scratch, at);
        t0 = t0.mul(r0);
        t1 = t1.mul(r1);
        t2 = t2.mul(r2);
        t3 = t3.mul(r3);
      }
    }
    if (threeLeft(k, j)) {
      // Two or three left: three at a time (a padding component, scale 0, makes up two).
      DoubleVector t0 = DoubleVector.broadcast(SPECIES, scratch[st + j]);
      DoubleVector t1 = DoubleVector.broadcast(SPECIES, scratch[st + j + 1]);
      DoubleVector t2 = DoubleVector.broadcast(SPECIES, scratch[st + j + 2]);
      for (int i = 0; i < LOG_V; i++) {
        DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
        DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
        int p = power(k, i) + j;
        t0 = t0.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p]), not));
        t1 = t1.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p + 1]), not));
        t2 = t2.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[p + 2]), not));
      }
      t0.intoArray(scratch, cur + j * V);
      t1.intoArray(scratch, cur + (j + 1) * V);
      t2.intoArray(scratch, cur + (j + 2) * V);
      final double r0 = scratch[step + j];
      final double r1 = scratch[step + j + 1];
      final double r2 = scratch[step + j + 2];
      for (int at = sums; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, scratch, at).add(t0.add(t1).add(t2)).intoArray(scratch, at);
        t0 = t0.mul(r0);
        t1 = t1.mul(r1);
        t2 = t2.mul(r2);
      }
      j += 3;
    }
    for (; j < k; j++) {
      DoubleVector t = DoubleVector.broadcast(SPECIES, scratch[st + j]);
      for (int i = 0; i < LOG_V; i++) {
        DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
        DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
        t = t.mul(bit.fma(DoubleVector.broadcast(SPECIES, scratch[power(k, i) + j]), not));
      }
      t.intoArray(scratch, cur + j * V);
      final double r = scratch[step + j];
      for (int at = sums; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, scratch, at).add(t).intoArray(scratch, at);
        t = t.mul(r);
      }
    }
  }

  /** Pass 2 of the outcome layout: N_j = Σ_lanes t_0·Σ_v ρ^(V·v)·w_v (Horner's rule from the last vector). */
  private static void statisticsByOutcome(int vectors, int k, double[] n, double[] s, double[] scratch) {
    final int step = power(k, LOG_V);
    final int cur = current(k);
    final int w = weights(k) + (vectors - 1) * V;
    final int wx = weightedX(k) + (vectors - 1) * V;
    final int ln = lanes(k);
    final int ls = ln + padded(k) * V;
    int j = 0;
    for (; j + 4 <= k; j += 4) {
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, scratch[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, scratch[step + j + 2]);
      final DoubleVector r3 = DoubleVector.broadcast(SPECIES, scratch[step + j + 3]);
      DoubleVector wLast = DoubleVector.fromArray(SPECIES, scratch, w);
      DoubleVector wxLast = DoubleVector.fromArray(SPECIES, scratch, wx);
      DoubleVector hn0 = wLast;
      DoubleVector hn1 = wLast;
      DoubleVector hn2 = wLast;
      DoubleVector hn3 = wLast;
      DoubleVector hs0 = wxLast;
      DoubleVector hs1 = wxLast;
      DoubleVector hs2 = wxLast;
      DoubleVector hs3 = wxLast;
      for (int v = 1; v < vectors; v++) {
        DoubleVector wv = DoubleVector.fromArray(SPECIES, scratch, w - v * V);
        DoubleVector wxv = DoubleVector.fromArray(SPECIES, scratch, wx - v * V);
        hn0 = hn0.fma(r0, wv);
        hn1 = hn1.fma(r1, wv);
        hn2 = hn2.fma(r2, wv);
        hn3 = hn3.fma(r3, wv);
        hs0 = hs0.fma(r0, wxv);
        hs1 = hs1.fma(r1, wxv);
        hs2 = hs2.fma(r2, wxv);
        hs3 = hs3.fma(r3, wxv);
      }
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, scratch, cur + j * V);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, scratch, cur + (j + 1) * V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, scratch, cur + (j + 2) * V);
      DoubleVector t3 = DoubleVector.fromArray(SPECIES, scratch, cur + (j + 3) * V);
      t0.mul(hn0).intoArray(scratch, ln + j * V);
      t1.mul(hn1).intoArray(scratch, ln + (j + 1) * V);
      t2.mul(hn2).intoArray(scratch, ln + (j + 2) * V);
      t3.mul(hn3).intoArray(scratch, ln + (j + 3) * V);
      t0.mul(hs0).intoArray(scratch, ls + j * V);
      t1.mul(hs1).intoArray(scratch, ls + (j + 1) * V);
      t2.mul(hs2).intoArray(scratch, ls + (j + 2) * V);
      t3.mul(hs3).intoArray(scratch, ls + (j + 3) * V);
    }
    if (threeLeft(k, j)) {
      // Two or three left: three at a time, as in pass 1.
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, scratch[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, scratch[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, scratch[step + j + 2]);
      DoubleVector wLast = DoubleVector.fromArray(SPECIES, scratch, w);
      DoubleVector wxLast = DoubleVector.fromArray(SPECIES, scratch, wx);
      DoubleVector hn0 = wLast;
      DoubleVector hn1 = wLast;
      DoubleVector hn2 = wLast;
      DoubleVector hs0 = wxLast;
      DoubleVector hs1 = wxLast;
      DoubleVector hs2 = wxLast;
      for (int v = 1; v < vectors; v++) {
        DoubleVector wv = DoubleVector.fromArray(SPECIES, scratch, w - v * V);
        DoubleVector wxv = DoubleVector.fromArray(SPECIES, scratch, wx - v * V);
        hn0 = hn0.fma(r0, wv);
        hn1 = hn1.fma(r1, wv);
        hn2 = hn2.fma(r2, wv);
        hs0 = hs0.fma(r0, wxv);
        hs1 = hs1.fma(r1, wxv);
        hs2 = hs2.fma(r2, wxv);
      }
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, scratch, cur + j * V);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, scratch, cur + (j + 1) * V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, scratch, cur + (j + 2) * V);
      t0.mul(hn0).intoArray(scratch, ln + j * V);
      t1.mul(hn1).intoArray(scratch, ln + (j + 1) * V);
      t2.mul(hn2).intoArray(scratch, ln + (j + 2) * V);
      t0.mul(hs0).intoArray(scratch, ls + j * V);
      t1.mul(hs1).intoArray(scratch, ls + (j + 1) * V);
      t2.mul(hs2).intoArray(scratch, ls + (j + 2) * V);
      j += 3;
    }
    for (; j < k; j++) {
      final DoubleVector r = DoubleVector.broadcast(SPECIES, scratch[step + j]);
      DoubleVector hn = DoubleVector.fromArray(SPECIES, scratch, w);
      DoubleVector hs = DoubleVector.fromArray(SPECIES, scratch, wx);
      for (int v = 1; v < vectors; v++) {
        hn = hn.fma(r, DoubleVector.fromArray(SPECIES, scratch, w - v * V));
        hs = hs.fma(r, DoubleVector.fromArray(SPECIES, scratch, wx - v * V));
      }
      DoubleVector t = DoubleVector.fromArray(SPECIES, scratch, cur + j * V);
      t.mul(hn).intoArray(scratch, ln + j * V);
      t.mul(hs).intoArray(scratch, ls + j * V);
    }
    // Lane sums in lane order, after every store (a vector lane shuffle costs more than these loads).
    for (j = 0; j < k; j++) {
      n[j] = PanamaEmKernel.laneSum(scratch, ln + j * V);
      s[j] = PanamaEmKernel.laneSum(scratch, ls + j * V);
    }
  }

  /** Lanes are components; bins one after another. */
  private static void sumsByComponent(int from, int to, int vectors, int k, double[] scratch) {
    final int kp = padded(k);
    final int st = start(k);
    final int r1 = power(k, 0);
    final int sums = sums(k);
    final int binLanes = lanes(k);
    final int bins = to - from;
    // Pass 1: each bin's sums per lane over the component vectors, in order, the terms by one multiplication per
    // bin. Four vectors of components at a time stay in registers while the bins go by (carried through memory,
    // every step's chain would take a store and a load); each bin's row takes their sum.
    int j = 0;
    for (; j + 4 * V <= kp; j += 4 * V) {
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, scratch, st + j);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, scratch, st + j + V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, scratch, st + j + 2 * V);
      DoubleVector t3 = DoubleVector.fromArray(SPECIES, scratch, st + j + 3 * V);
      final DoubleVector q0 = DoubleVector.fromArray(SPECIES, scratch, r1 + j);
      final DoubleVector q1 = DoubleVector.fromArray(SPECIES, scratch, r1 + j + V);
      final DoubleVector q2 = DoubleVector.fromArray(SPECIES, scratch, r1 + j + 2 * V);
      final DoubleVector q3 = DoubleVector.fromArray(SPECIES, scratch, r1 + j + 3 * V);
      if (j == 0) {
        for (int b = 0; b < bins; b++) {
          t0.add(t1).add(t2).add(t3).intoArray(scratch, binLanes + b * V);
          t0 = t0.mul(q0);
          t1 = t1.mul(q1);
          t2 = t2.mul(q2);
          t3 = t3.mul(q3);
        }
      } else {
        for (int b = 0; b < bins; b++) {
          final int at = binLanes + b * V;
          DoubleVector.fromArray(SPECIES, scratch, at).add(t0).add(t1).add(t2).add(t3).intoArray(scratch, at);
          t0 = t0.mul(q0);
          t1 = t1.mul(q1);
          t2 = t2.mul(q2);
          t3 = t3.mul(q3);
        }
      }
    }
    for (; j < kp; j += V) {
      DoubleVector t = DoubleVector.fromArray(SPECIES, scratch, st + j);
      final DoubleVector q = DoubleVector.fromArray(SPECIES, scratch, r1 + j);
      for (int b = 0; b < bins; b++) {
        final int at = binLanes + b * V;
        if (j == 0) {
          t.intoArray(scratch, at);
        } else {
          DoubleVector.fromArray(SPECIES, scratch, at).add(t).intoArray(scratch, at);
        }
        t = t.mul(q);
      }
    }
    // Lane sums in lane order, after every store (a vector lane shuffle costs more than these loads).
    for (int b = 0; b < bins; b++) {
      scratch[sums + b] = PanamaEmKernel.laneSum(scratch, binLanes + b * V);
    }
    for (int b = bins; b < vectors * V; b++) {
      scratch[sums + b] = 1; // Past the last bin: log 1 = 0, and the count there is 0.
    }
  }

  /** Pass 2 of the component layout: N = t_0·Σ_b ρ^b·w_b per component lane (Horner's rule from the last bin). */
  private static void statisticsByComponent(int bins, int k, double[] n, double[] s, double[] scratch) {
    final int kp = padded(k);
    final int st = start(k);
    final int r1 = power(k, 0);
    final int w = weights(k);
    final int wx = weightedX(k);
    final int lanes = lanes(k);
    int j = 0;
    // Two vectors of components at a time: four independent chains of fused multiply-adds.
    for (; j + 2 * V <= kp; j += 2 * V) {
      final DoubleVector q0 = DoubleVector.fromArray(SPECIES, scratch, r1 + j);
      final DoubleVector q1 = DoubleVector.fromArray(SPECIES, scratch, r1 + j + V);
      DoubleVector hn0 = DoubleVector.broadcast(SPECIES, scratch[w + bins - 1]);
      DoubleVector hs0 = DoubleVector.broadcast(SPECIES, scratch[wx + bins - 1]);
      DoubleVector hn1 = hn0;
      DoubleVector hs1 = hs0;
      for (int b = bins - 2; b >= 0; b--) {
        final DoubleVector wb = DoubleVector.broadcast(SPECIES, scratch[w + b]);
        final DoubleVector wxb = DoubleVector.broadcast(SPECIES, scratch[wx + b]);
        hn0 = hn0.fma(q0, wb);
        hn1 = hn1.fma(q1, wb);
        hs0 = hs0.fma(q0, wxb);
        hs1 = hs1.fma(q1, wxb);
      }
      final DoubleVector t0 = DoubleVector.fromArray(SPECIES, scratch, st + j);
      final DoubleVector t1 = DoubleVector.fromArray(SPECIES, scratch, st + j + V);
      t0.mul(hn0).intoArray(scratch, lanes + j);
      t1.mul(hn1).intoArray(scratch, lanes + j + V);
      t0.mul(hs0).intoArray(scratch, lanes + kp + j);
      t1.mul(hs1).intoArray(scratch, lanes + kp + j + V);
    }
    for (; j < kp; j += V) {
      final DoubleVector q = DoubleVector.fromArray(SPECIES, scratch, r1 + j);
      DoubleVector hn = DoubleVector.broadcast(SPECIES, scratch[w + bins - 1]);
      DoubleVector hs = DoubleVector.broadcast(SPECIES, scratch[wx + bins - 1]);
      for (int b = bins - 2; b >= 0; b--) {
        hn = hn.fma(q, DoubleVector.broadcast(SPECIES, scratch[w + b]));
        hs = hs.fma(q, DoubleVector.broadcast(SPECIES, scratch[wx + b]));
      }
      final DoubleVector t = DoubleVector.fromArray(SPECIES, scratch, st + j);
      t.mul(hn).intoArray(scratch, lanes + j);
      t.mul(hs).intoArray(scratch, lanes + kp + j);
    }
    System.arraycopy(scratch, lanes, n, 0, k);
    System.arraycopy(scratch, lanes + kp, s, 0, k);
  }

  /**
   * From the sums per vector of bins: their logarithms, the weights c/Σ and c·x/Σ; returns Σ_b c_b·log Σ_b.
   * Counts past {@code to} are 0: read from c when the array is padded so, else from a copy.
   */
  private static double weights(double[] c, int from, int to, int vectors, double x0, int k, double[] scratch) {
    final int sums = sums(k);
    final int logs = logs(k);
    final int w = weights(k);
    final int wx = weightedX(k);
    VectorMath.log(scratch, sums, scratch, logs, vectors * V);
    final boolean direct = (to - from) % V == 0 || PanamaEmKernel.padded(c, null, c, from, to);
    final int last = from + (vectors - 1) * V;
    if (!direct) {
      final int tail = tailCounts(k);
      for (int i = 0; i < V; i++) {
        scratch[tail + i] = last + i < to ? c[last + i] : 0;
      }
    }
    final DoubleVector iota = DoubleVector.fromArray(SPECIES, IOTA, 0);
    DoubleVector logLik = DoubleVector.zero(SPECIES);
    for (int v = 0; v < vectors; v++) {
      int b = from + v * V;
      DoubleVector counts = direct || b != last ? DoubleVector.fromArray(SPECIES, c, b)
          : DoubleVector.fromArray(SPECIES, scratch, tailCounts(k));
      DoubleVector weight = counts.div(DoubleVector.fromArray(SPECIES, scratch, sums + v * V));
      weight.intoArray(scratch, w + v * V);
      weight.mul(iota.add(x0 + v * V)).intoArray(scratch, wx + v * V);
      logLik = counts.fma(DoubleVector.fromArray(SPECIES, scratch, logs + v * V), logLik);
    }
    logLik.intoArray(scratch, tailCounts(k));
    return PanamaEmKernel.laneSum(scratch, tailCounts(k));
  }
}
