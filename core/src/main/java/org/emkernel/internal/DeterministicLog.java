package org.emkernel.internal;

/**
 * The natural logarithm from IEEE additions, multiplications, fused multiply-adds, one division and bit
 * operations only, so it gives the same bits on every JVM, platform and compile state, and (operation for
 * operation) the same bits as the vector kernel's logarithm lane by lane: the kernels' coefficients agree
 * exactly whichever kernel computes them. Within 2 ulp of {@link Math#log}.
 */
public final class DeterministicLog {
  private DeterministicLog() {}

  /** Adding this rounds a double below 2^51 in magnitude to an integer, held in the low bits. */
  public static final double SHIFTER = 0x1.8p52;
  /** Bits of {@link #SHIFTER}. */
  public static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
  /** ln 2, high part: 32 trailing zero bits, so n·LN2_HI is exact for |n| &lt; 2^20. */
  public static final double LN2_HI = Double.longBitsToDouble(
      Double.doubleToRawLongBits(0.6931471805599453) & 0xFFFFFFFF00000000L);
  /** ln 2 − LN2_HI. */
  public static final double LN2_LO = 0.6931471805599453 - LN2_HI + 2.3190468138462996e-17;
  /** Bits of √½: logarithms reduce x to 2^k·z with z in [√½, √2). */
  public static final long SQRT_HALF_BITS = Double.doubleToRawLongBits(Math.sqrt(0.5));
  /** Sign and exponent bits of a double. */
  public static final long EXPONENT_MASK = 0xFFF0000000000000L;
  /** Subnormal inputs are scaled by 2^54 first... */
  public static final double TWO_54 = 0x1p54;
  /** ...and this is taken off their logarithm. */
  public static final double LOG_TWO_54 = 54 * Math.log(2);
  /**
   * Coefficients Q0..Q6 of q(u) = Q0 + Q1·u + ... + Q6·u^6 in u = s², which stands for the series
   * (atanh(s)/s − 1)·2/u = 2/3 + 2u/5 + 2u²/7 + ... on 0 ≤ u ≤ ((√2 − 1)/(√2 + 1))²: interpolation at the 7
   * Chebyshev nodes of that interval (a near-minimax fit), rounded to doubles. Its error adds under 0.05 ulp to
   * log(1 + f) = 2s + s·u·q(u) (see DeterministicLogTest); the series itself needs ten terms for as much.
   */
  public static final double Q0 = 0.666666666666667;
  /** See {@link #Q0}. */
  public static final double Q1 = 0.39999999999899444;
  /** See {@link #Q0}. */
  public static final double Q2 = 0.2857142862600327;
  /** See {@link #Q0}. */
  public static final double Q3 = 0.22222211130259878;
  /** See {@link #Q0}. */
  public static final double Q4 = 0.18182889455674947;
  /** See {@link #Q0}. */
  public static final double Q5 = 0.15331710618210773;
  /** See {@link #Q0}. */
  public static final double Q6 = 0.14616585424888623;

  /** log x for x ≥ 0 (log 0 = −∞, log ∞ = ∞, subnormals exact to 2 ulp); NaN for NaN and negative x. */
  public static double log(double x) {
    if (!(x >= 0)) {
      return Double.NaN;
    }
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    if (x < Double.MIN_NORMAL) {
      return logNormal(x * TWO_54) - LOG_TWO_54;
    }
    return logNormal(x);
  }

  /** log x for finite normal x &gt; 0: the vector kernel's steps, one lane. */
  public static double logNormal(double x) {
    // x = 2^k·z with z in [√½, √2): k from the exponent bits offset by √½'s, z by removing k from them.
    long ix = Double.doubleToRawLongBits(x);
    long tmp = ix - SQRT_HALF_BITS;
    long k = tmp >> 52;
    double z = Double.longBitsToDouble(ix - (tmp & EXPONENT_MASK));
    // k as a double: 1.5·2^52 + k has k in its low bits.
    double kd = Double.longBitsToDouble(k + SHIFTER_BITS) - SHIFTER;
    // log z = 2·atanh(s) = 2s + s·u·q(u), s = f / (2 + f), f = z − 1 (exact), u = s², |s| ≤ 0.172.
    double f = z - 1.0;
    double s = f / (f + 2.0);
    double s2 = s * s;
    // q(u) by Horner's rule: six fused multiply-adds.
    double q = Math.fma(s2, Q6, Q5);
    q = Math.fma(q, s2, Q4);
    q = Math.fma(q, s2, Q3);
    q = Math.fma(q, s2, Q2);
    q = Math.fma(q, s2, Q1);
    q = Math.fma(q, s2, Q0);
    double logZ = Math.fma(s * s2, q, s + s);
    return Math.fma(kd, LN2_HI, Math.fma(kd, LN2_LO, logZ));
  }
}
