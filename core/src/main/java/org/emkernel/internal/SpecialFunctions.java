package org.emkernel.internal;

/** Log-gamma and log-binomial functions accurate to about 1e-15 relative for the arguments EM needs. */
public final class SpecialFunctions {
  private static final double HALF_LOG_TWO_PI = 0.9189385332046727418;
  /** log k! is read from a table below this, computed as lnGamma(k + 1) above it. */
  private static final int TABLE = 1024;
  /** The table's first part, made with the class: small outcomes, all that most fits read. */
  private static final int SMALL = 128;
  private static final double[] LOG_FACTORIAL = table(0, SMALL);

  /**
   * The table from {@link #SMALL} on, made when first read (the JVM's class initialisation makes it once, safely):
   * a fresh JVM's first fit on small outcomes does not compute the 896 values it never reads.
   */
  private static final class Large {
    static final double[] LOG_FACTORIAL = table(SMALL, TABLE);
  }

  /** log k! = lnGamma(k + 1) for k in [from, to), at index k − from (0 for k &lt; 2). */
  private static double[] table(int from, int to) {
    double[] values = new double[to - from];
    for (int k = Math.max(2, from); k < to; k++) {
      values[k - from] = lnGamma(k + 1.0);
    }
    return values;
  }

  private SpecialFunctions() {}

  /** Returns log Γ(z) for z &gt; 0. */
  public static double lnGamma(double z) {
    assert z > 0 : z;
    if (z >= 15) {
      return stirling(z);
    }
    // Shift up to z + m >= 15 with Γ(z) = Γ(z + m) / (z (z + 1) ... (z + m - 1)).
    double product = 1;
    double w = z;
    while (w < 15) {
      product *= w;
      w += 1;
    }
    return stirling(w) - Math.log(product);
  }

  private static double stirling(double w) {
    double inv = 1 / w;
    double inv2 = inv * inv;
    // Stirling's series for log Γ(w), w >= 15: the first omitted term is below 1e-17.
    double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
    return (w - 0.5) * Math.log(w) - w + HALF_LOG_TWO_PI + series;
  }

  /** Returns log k! for k &gt;= 0. */
  public static double logFactorial(long k) {
    assert k >= 0 : k;
    return k < SMALL ? LOG_FACTORIAL[(int) k] : k < TABLE ? Large.LOG_FACTORIAL[(int) k - SMALL] : lnGamma(k + 1.0);
  }

  /** Returns log C(n, x) for 0 &lt;= x &lt;= n. */
  public static double logBinomial(long n, long x) {
    assert 0 <= x && x <= n : x + " of " + n;
    if (x == 0 || x == n) {
      return 0;
    }
    return logFactorial(n) - logFactorial(x) - logFactorial(n - x);
  }

  /**
   * Returns log p for p ≥ 0, clamped below at log(Double.MIN_VALUE) so that log 0 is finite (NaN for NaN or
   * negative p). The logarithm is {@link DeterministicLog}: the same bits everywhere and in either kernel.
   */
  public static double clampedLog(double p) {
    if (p > 0) {
      return Math.max(DeterministicLog.log(p), LOG_MIN_VALUE);
    }
    return p == 0 ? LOG_MIN_VALUE : Double.NaN;
  }

  /**
   * Returns log(1 − p) for p ≤ 1, clamped below at log(Double.MIN_VALUE) (NaN for NaN p), within 3 ulp of
   * Math.log1p(−p): u = 1 − p rounds, and log(1 − p) = log u + log(1 + (1 − p − u)/u), where
   * 1 − p − u = −((u − 1) + p) exactly and is tiny (0 for p ≥ ½, where u is exact).
   */
  public static double clampedLog1m(double p) {
    if (p >= 1) {
      return LOG_MIN_VALUE;
    }
    if (p != p) {
      return Double.NaN;
    }
    double u = 1 - p;
    return DeterministicLog.logNormal(u) - ((u - 1) + p) / u;
  }

  /** log(Double.MIN_VALUE): the log-probability that stands in for an impossible event. */
  public static final double LOG_MIN_VALUE = Math.log(Double.MIN_VALUE);

  /**
   * p·b^e for e ≥ 0 by binary powering: from the lowest bit up, p is multiplied by the current power of b at
   * each set bit, and the power is squared between bits. Every product-path term is computed so, so kernels and
   * families that use it agree bit for bit.
   */
  public static double timesPower(double p, double b, long e) {
    assert e >= 0 : e;
    for (; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        p *= b;
      }
      if (e > 1) {
        b *= b;
      }
    }
    return p;
  }
}
