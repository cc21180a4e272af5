package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaProducts.IOTA;
import static org.emkernel.internal.vectorization.PanamaProducts.LONGS;
import static org.emkernel.internal.vectorization.PanamaProducts.SPECIES;
import static org.emkernel.internal.vectorization.PanamaProducts.V;
import static org.emkernel.internal.vectorization.PanamaProducts.padded;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The product path's range check in the vector kernel ({@link EmKernel#productsOrdinary}): whether every
 * component's terms are in range, 8 components at a time from the sign bits of OR-ed quantities, and which fade.
 */
final class PanamaProductChecks {
  private PanamaProductChecks() {}

  /** See {@link EmKernel#productsOrdinary}: the same answer as the scalar check, 8 components at a time. */
  static double ordinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading) {
    final int kp = padded(k);
    // Arrays shorter than whole vectors take the scalar check (at few components it is as quick).
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
  static double fadingFloor(double[] scale, double[] rho, int k, double x0, double end, double[] fading) {
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
      floor = lowFirst.min(lowLast).sub(900.0).mul(nr.neg().add(1.0)).sub(nr.mul(4096.0)).max(floor);
    }
    return floor.reduceLanes(VectorOperators.MAX);
  }
}
