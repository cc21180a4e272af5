package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.DeterministicExp;
import org.emkernel.internal.DeterministicLog;

/**
 * Exponential and logarithm of double vectors from additions, multiplications, fused multiply-adds, one
 * division and bit operations only. {@code lanewise(EXP)} and {@code lanewise(LOG)} give different bits
 * before and after the JIT compiles them (a Java fallback first, a native vector library later), which would
 * make a fit's result depend on when it ran; these functions are correctly rounded IEEE operations in both
 * modes, so they give the same bits everywhere. Both are within about 2 ulp of {@link Math#exp} and
 * {@link Math#log}; the log is {@link DeterministicLog} lane by lane, bit for bit, and the exponential
 * {@link DeterministicExp}.
 */
final class VectorMath {
  private VectorMath() {}

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** Adding this rounds a double below 2^51 in magnitude to an integer, held in the low bits. */
  private static final double SHIFTER = DeterministicLog.SHIFTER;
  private static final long SHIFTER_BITS = DeterministicLog.SHIFTER_BITS;
  private static final double LOG2_E = DeterministicExp.LOG2_E;
  /** ln 2 split: the high part has 32 trailing zero bits, so n·LN2_HI is exact for |n| < 2^20. */
  private static final double LN2_HI = DeterministicLog.LN2_HI;
  private static final double LN2_LO = DeterministicLog.LN2_LO;
  /** Below e^-746 the exponential is 0, above e^710 infinite: inputs are clamped there first. */
  private static final double EXP_LOW = DeterministicExp.LOW;
  private static final double EXP_HIGH = DeterministicExp.HIGH;
  /** Bits of √½: logarithms reduce x to 2^k·z with z in [√½, √2). */
  private static final long SQRT_HALF_BITS = DeterministicLog.SQRT_HALF_BITS;
  private static final long EXPONENT_MASK = DeterministicLog.EXPONENT_MASK;

  // Taylor coefficients 1/k! of e^r, k = 2..13 (|r| ≤ ln 2 / 2: the next term is below 1e-17).
  private static final double E2 = DeterministicExp.E2;
  private static final double E3 = DeterministicExp.E3;
  private static final double E4 = DeterministicExp.E4;
  private static final double E5 = DeterministicExp.E5;
  private static final double E6 = DeterministicExp.E6;
  private static final double E7 = DeterministicExp.E7;
  private static final double E8 = DeterministicExp.E8;
  private static final double E9 = DeterministicExp.E9;
  private static final double E10 = DeterministicExp.E10;
  private static final double E11 = DeterministicExp.E11;
  private static final double E12 = DeterministicExp.E12;
  private static final double E13 = DeterministicExp.E13;
  // Coefficients of q(u), the logarithm's polynomial in u = s² (see DeterministicLog.Q0).
  private static final double Q0 = DeterministicLog.Q0;
  private static final double Q1 = DeterministicLog.Q1;
  private static final double Q2 = DeterministicLog.Q2;
  private static final double Q3 = DeterministicLog.Q3;
  private static final double Q4 = DeterministicLog.Q4;
  private static final double Q5 = DeterministicLog.Q5;
  private static final double Q6 = DeterministicLog.Q6;

  /**
   * Replaces the vector at {@code a[at, at + V)} by its lane-wise e^x: 0 below −746 (and for −∞), +∞ above
   * 710; NaN lanes are not expected. Arrays in and out, so no vector crosses a call that might not be inlined
   * (it would be boxed).
   */
  static void exp(double[] a, int at) {
    exp(a, at, at + SPECIES.length());
  }

  /**
   * Replaces each vector of {@code a[from, to)} (a whole number of vectors) by its lane-wise e^x, as
   * {@link #exp(double[], int)}: one call for many vectors, whose exponentials then overlap in the pipeline
   * (the body is too large for the JIT to inline at every call site).
   */
  static void exp(double[] a, int from, int to) {
    assert (to - from) % SPECIES.length() == 0;
    for (int at = from; at < to; at += SPECIES.length()) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, a, at).max(EXP_LOW).min(EXP_HIGH);
      // x = n·ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, r exact by the split ln 2.
      DoubleVector shifted = x.fma(LOG2_E, SHIFTER);
      DoubleVector n = shifted.sub(SHIFTER);
      DoubleVector r = n.fma(x.broadcast(-LN2_HI), x);
      r = n.fma(x.broadcast(-LN2_LO), r);
      // e^r from its Taylor polynomial of degree 13 by Estrin's scheme: pairs, then powers r^2, r^4, r^8 (a
      // chain of 4 fused multiply-adds instead of Horner's 13).
      DoubleVector r2 = r.mul(r);
      DoubleVector r4 = r2.mul(r2);
      DoubleVector r8 = r4.mul(r4);
      DoubleVector q0 = r.add(1.0);
      DoubleVector q1 = r.fma(E3, E2);
      DoubleVector q2 = r.fma(E5, E4);
      DoubleVector q3 = r.fma(E7, E6);
      DoubleVector q4 = r.fma(E9, E8);
      DoubleVector q5 = r.fma(E11, E10);
      DoubleVector q6 = r.fma(E13, E12);
      DoubleVector s0 = q1.fma(r2, q0);
      DoubleVector s1 = q3.fma(r2, q2);
      DoubleVector s2 = q5.fma(r2, q4);
      DoubleVector t0 = s1.fma(r4, s0);
      DoubleVector t1 = q6.fma(r4, s2);
      DoubleVector p = t1.fma(r8, t0);
      // 2^n as two factors 2^(n/2) (n in [−1077, 1025]), so that subnormal and infinite results round once each.
      LongVector ni = shifted.reinterpretAsLongs().sub(SHIFTER_BITS);
      LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
      LongVector n2 = ni.sub(n1);
      DoubleVector scale1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector scale2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      p.mul(scale1).mul(scale2).intoArray(a, at);
    }
  }

  /**
   * Replaces the vector at {@code a[at, at + V)} by its lane-wise log x, for finite normal x &gt; 0 (the
   * kernels take it of sums that are at least 1).
   */
  static void log(double[] a, int at) {
    log(a, at, a, at, SPECIES.length());
  }

  /**
   * Writes the lane-wise log x of {@code length} doubles (a whole number of vectors) from {@code a[from]} to
   * {@code out[to]}, as {@link #log(double[], int)}; the ranges are the same or do not overlap.
   */
  static void log(double[] a, int from, double[] out, int to, int length) {
    assert length % SPECIES.length() == 0;
    final DoubleVector q0 = DoubleVector.broadcast(SPECIES, Q0);
    final DoubleVector q1 = DoubleVector.broadcast(SPECIES, Q1);
    final DoubleVector q2 = DoubleVector.broadcast(SPECIES, Q2);
    final DoubleVector q3 = DoubleVector.broadcast(SPECIES, Q3);
    final DoubleVector q4 = DoubleVector.broadcast(SPECIES, Q4);
    for (int i = 0; i < length; i += SPECIES.length()) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, a, from + i);
      // x = 2^k·z with z in [√½, √2): k from the exponent bits offset by √½'s, z by removing k from them.
      LongVector ix = x.reinterpretAsLongs();
      LongVector tmp = ix.sub(SQRT_HALF_BITS);
      LongVector k = tmp.lanewise(VectorOperators.ASHR, 52);
      DoubleVector z = ix.sub(tmp.and(EXPONENT_MASK)).reinterpretAsDoubles();
      // k as a double: 1.5·2^52 + k has k in its low bits.
      DoubleVector kd = k.add(SHIFTER_BITS).reinterpretAsDoubles().sub(SHIFTER);
      // log z = 2·atanh(s) = 2s + s·u·q(u), s = f / (2 + f), f = z − 1 (exact), u = s², |s| ≤ 0.172.
      DoubleVector f = z.sub(1.0);
      DoubleVector s = f.div(f.add(2.0));
      DoubleVector s2 = s.mul(s);
      // q(u) by Horner's rule: six fused multiply-adds, the fewest multiplications (their two pipes bound a
      // vector logarithm; the loop's vectors overlap the chain).
      DoubleVector q = s2.fma(Q6, Q5).fma(s2, q4).fma(s2, q3).fma(s2, q2).fma(s2, q1).fma(s2, q0);
      DoubleVector logZ = s.mul(s2).fma(q, s.add(s));
      kd.fma(x.broadcast(LN2_HI), kd.fma(x.broadcast(LN2_LO), logZ)).intoArray(out, to + i);
    }
  }
}
