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
  /** Coefficient 2/3 of log(1 + f) = 2s + Σ_k 2 s^(2k+1)/(2k + 1), k = 1..10. */
  public static final double A1 = 2.0 / 3;
  /** Coefficient 2/5. */
  public static final double A2 = 2.0 / 5;
  /** Coefficient 2/7. */
  public static final double A3 = 2.0 / 7;
  /** Coefficient 2/9. */
  public static final double A4 = 2.0 / 9;
  /** Coefficient 2/11. */
  public static final double A5 = 2.0 / 11;
  /** Coefficient 2/13. */
  public static final double A6 = 2.0 / 13;
  /** Coefficient 2/15. */
  public static final double A7 = 2.0 / 15;
  /** Coefficient 2/17. */
  public static final double A8 = 2.0 / 17;
  /** Coefficient 2/19. */
  public static final double A9 = 2.0 / 19;
  /** Coefficient 2/21. */
  public static final double A10 = 2.0 / 21;

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
    // log z = 2·atanh(s), s = f / (2 + f), f = z − 1 (exact), |s| ≤ 0.172: ten odd powers past s suffice.
    double f = z - 1.0;
    double s = f / (f + 2.0);
    double s2 = s * s;
    // q(u) = A1 + A2·u + ... + A10·u^9 in u = s², by Horner's rule.
    double q = Math.fma(s2, A10, A9);
    q = Math.fma(q, s2, A8);
    q = Math.fma(q, s2, A7);
    q = Math.fma(q, s2, A6);
    q = Math.fma(q, s2, A5);
    q = Math.fma(q, s2, A4);
    q = Math.fma(q, s2, A3);
    q = Math.fma(q, s2, A2);
    q = Math.fma(q, s2, A1);
    double logZ = Math.fma(s * s2, q, s + s);
    return Math.fma(kd, LN2_HI, Math.fma(kd, LN2_LO, logZ));
  }
}
