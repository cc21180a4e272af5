package org.emkernel.internal;

/**
 * e^x from IEEE additions, multiplications, fused multiply-adds and bit operations only: the vector kernel's
 * exponential ({@code VectorMath.exp}) operation for operation, one value at a time, so it gives the same bits
 * as that lane by lane and on every JVM, platform and compile state. Within about 2 ulp of {@link Math#exp}.
 */
public final class DeterministicExp {
  private DeterministicExp() {}

  /** log2 e. */
  public static final double LOG2_E = 1.4426950408889634;
  /** Below e^−746 the exponential is 0, above e^710 infinite: inputs are clamped there first. */
  public static final double LOW = -746;
  /** See {@link #LOW}. */
  public static final double HIGH = 710;
  /** 1/2!, the Taylor coefficient of r^2 in e^r. */
  public static final double E2 = 1.0 / 2;
  /** 1/3!. */
  public static final double E3 = E2 / 3;
  /** 1/4!. */
  public static final double E4 = E3 / 4;
  /** 1/5!. */
  public static final double E5 = E4 / 5;
  /** 1/6!. */
  public static final double E6 = E5 / 6;
  /** 1/7!. */
  public static final double E7 = E6 / 7;
  /** 1/8!. */
  public static final double E8 = E7 / 8;
  /** 1/9!. */
  public static final double E9 = E8 / 9;
  /** 1/10!. */
  public static final double E10 = E9 / 10;
  /** 1/11!. */
  public static final double E11 = E10 / 11;
  /** 1/12!. */
  public static final double E12 = E11 / 12;
  /** 1/13! (|r| ≤ ln 2 / 2: the next term is below 1e-17). */
  public static final double E13 = E12 / 13;

  /** e^x: 0 below −746 (and for −∞), +∞ above 710; NaN is not expected. */
  public static double exp(double x) {
    x = Math.min(Math.max(x, LOW), HIGH);
    // x = n·ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, r exact by the split ln 2.
    final double shifted = Math.fma(x, LOG2_E, DeterministicLog.SHIFTER);
    final double n = shifted - DeterministicLog.SHIFTER;
    double r = Math.fma(n, -DeterministicLog.LN2_HI, x);
    r = Math.fma(n, -DeterministicLog.LN2_LO, r);
    // The Taylor polynomial of degree 13 by Estrin's scheme, as the vector code groups it.
    final double r2 = r * r;
    final double r4 = r2 * r2;
    final double r8 = r4 * r4;
    final double q0 = r + 1.0;
    final double q1 = Math.fma(r, E3, E2);
    final double q2 = Math.fma(r, E5, E4);
    final double q3 = Math.fma(r, E7, E6);
    final double q4 = Math.fma(r, E9, E8);
    final double q5 = Math.fma(r, E11, E10);
    final double q6 = Math.fma(r, E13, E12);
    final double s0 = Math.fma(q1, r2, q0);
    final double s1 = Math.fma(q3, r2, q2);
    final double s2 = Math.fma(q5, r2, q4);
    final double t0 = Math.fma(s1, r4, s0);
    final double t1 = Math.fma(q6, r4, s2);
    final double p = Math.fma(t1, r8, t0);
    // 2^n as two factors 2^(n/2) (n in [−1077, 1025]), so that subnormal and infinite results round once each.
    final long ni = Double.doubleToRawLongBits(shifted) - DeterministicLog.SHIFTER_BITS;
    final long n1 = ni >> 1;
    final long n2 = ni - n1;
    return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
  }
}
