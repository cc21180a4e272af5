package org.emkernel.internal;

/**
 * Log-probabilities of counts in the saddle-point form of Loader ("Fast and accurate computation of binomial
 * probabilities", 2000): a Stirling remainder and a deviance term bd0 in place of large logarithms of
 * factorials, so that log p stays accurate to about its own ulps even when x, n or λ reach 2^31, where
 * x·log λ − λ − log x! loses everything to cancellation. StrictMath throughout: the same bits on every JVM.
 */
public final class SaddlePoint {
  private static final double HALF_LOG_TWO_PI = 0.9189385332046727418;
  private static final double LOG_TWO_PI = 1.8378770664093454836;

  private SaddlePoint() {}

  /**
   * The Stirling remainder log Γ(n + 1) − [(n + ½)·log n − n + ½·log 2π] for n &gt; 0; from 16 on by five terms
   * of Stirling's series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹) (the next below 1e-17),
   * below directly (an absolute error of a few 1e-15, all these arguments need).
   */
  public static double stirlerr(double n) {
    assert n > 0 : n;
    if (n < 16) {
      return SpecialFunctions.lnGamma(n + 1) - (n + 0.5) * StrictMath.log(n) + n - HALF_LOG_TWO_PI;
    }
    double inv2 = 1 / (n * n);
    return (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188)))) / n;
  }

  /**
   * The deviance term x·log(x / m) + m − x for x ≥ 0 and m &gt; 0, accurate relative to itself: near x = m by the
   * series 2x·Σ v^(2j+1)/(2j + 1) + (x − m)·v with v = (x − m)/(x + m) (Loader), elsewhere directly.
   */
  public static double bd0(double x, double m) {
    assert x >= 0 && m > 0 : x + " " + m;
    if (x == 0) {
      return m;
    }
    double d = x - m;
    if (Math.abs(d) < 0.1 * (x + m)) {
      double v = d / (x + m);
      double sum = d * v;
      double v2 = v * v;
      double power = 2 * x * v;
      for (int j = 1; j < 1000; j++) {
        power *= v2;
        double next = sum + power / (2 * j + 1);
        if (next == sum) {
          return sum;
        }
        sum = next;
      }
      return sum;
    }
    return x * StrictMath.log(x / m) + m - x;
  }

  /** log of the Poisson(λ) probability of x ≥ 0, λ &gt; 0. */
  public static double logPoisson(double x, double lambda) {
    if (x == 0) {
      return -lambda;
    }
    return -stirlerr(x) - bd0(x, lambda) - 0.5 * (LOG_TWO_PI + StrictMath.log(x));
  }

  /**
   * log of the binomial probability of x successes in n trials (0 ≤ x ≤ n) with success probability p and
   * failure probability q, p + q = 1 exactly in doubles (p, q ≥ 0; a 0 one only where the outcome is certain).
   * n may be any real ≥ x (the negative binomial uses it so).
   */
  public static double logBinomial(double x, double n, double p, double q) {
    if (x == 0) {
      return n == 0 ? 0 : n * log1pm(p, q);
    }
    if (x == n) {
      return n * log1pm(q, p);
    }
    double y = n - x;
    return stirlerr(n) - stirlerr(x) - stirlerr(y) - bd0(x, n * p) - bd0(y, n * q)
        + 0.5 * (StrictMath.log(n / (x * y)) - LOG_TWO_PI);
  }

  /**
   * log of the negative binomial probability of x ≥ 0 failures before the r-th success (r &gt; 0), success
   * probability p and failure probability q, p + q = 1 exactly: r/(x + r) times the binomial probability of r
   * successes in x + r trials.
   */
  public static double logNegativeBinomial(double x, double r, double p, double q) {
    if (x == 0) {
      return r * log1pm(q, p);
    }
    return StrictMath.log(r / (x + r)) + logBinomial(r, x + r, p, q);
  }

  /** log(1 − u) given u and v = 1 − u exactly: by log1p for small u, else log v. */
  private static double log1pm(double u, double v) {
    return u < 0.5 ? StrictMath.log1p(-u) : StrictMath.log(v);
  }
}
