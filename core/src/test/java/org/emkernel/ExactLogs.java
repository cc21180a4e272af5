package org.emkernel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Log-probabilities to some 40 significant digits in BigDecimal, the reference for the double-precision forms:
 * logarithms by the series ln m = 2·atanh((m − 1)/(m + 1)), π by Machin's formula, log Γ by Stirling's series
 * with ten Bernoulli terms from 40 up (the first omitted term below 1e-32 there) and the recurrence below.
 */
final class ExactLogs {
  static final MathContext MC = new MathContext(45, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  static final BigDecimal LN2 = atanhTimesTwo(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC));
  static final BigDecimal HALF_LN_TWO_PI;
  private static final BigDecimal NEGLIGIBLE = new BigDecimal("1e-45");
  /** B_2k / (2k (2k − 1)) for k = 1..10, as numerator and denominator. */
  private static final long[][] STIRLING = {
      {1, 12}, {-1, 360}, {1, 1260}, {-1, 1680}, {1, 1188}, {-691, 360360}, {1, 156}, {-3617, 122400},
      {43867, 244188}, {-174611, 125400}};

  static {
    BigDecimal pi = atan(BigDecimal.ONE.divide(BigDecimal.valueOf(5), MC)).multiply(BigDecimal.valueOf(16))
        .subtract(atan(BigDecimal.ONE.divide(BigDecimal.valueOf(239), MC)).multiply(BigDecimal.valueOf(4)), MC);
    HALF_LN_TWO_PI = ln(pi.multiply(TWO)).divide(TWO, MC);
  }

  private ExactLogs() {}

  private static BigDecimal atan(BigDecimal z) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal power = z;
    BigDecimal z2 = z.multiply(z, MC);
    for (int j = 0; ; j++) {
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * j + 1), MC);
      BigDecimal next = (j % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC));
      if (next.compareTo(sum) == 0) {
        return sum;
      }
      sum = next;
      power = power.multiply(z2, MC);
    }
  }

  /** 2·atanh(z) = ln((1 + z)/(1 − z)) for |z| &lt; 1. */
  private static BigDecimal atanhTimesTwo(BigDecimal z) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal power = z;
    BigDecimal z2 = z.multiply(z, MC);
    for (int j = 0; ; j++) {
      BigDecimal next = sum.add(power.divide(BigDecimal.valueOf(2L * j + 1), MC), MC);
      if (next.compareTo(sum) == 0) {
        return sum.multiply(TWO, MC);
      }
      sum = next;
      power = power.multiply(z2, MC);
    }
  }

  /** ln y for y &gt; 0: y = m·2^e with m in [1, 2). */
  static BigDecimal ln(BigDecimal y) {
    int e = Math.getExponent(y.doubleValue());
    BigDecimal m = e >= 0 ? y.divide(TWO.pow(e), MC) : y.multiply(TWO.pow(-e), MC);
    return lnNear(m, BigDecimal.ONE, BigDecimal.ZERO).add(LN2.multiply(BigDecimal.valueOf(e)), MC);
  }

  /** ln y given an anchor near it and the anchor's logarithm (fast when y/anchor is near 1). */
  static BigDecimal lnNear(BigDecimal y, BigDecimal anchor, BigDecimal lnAnchor) {
    BigDecimal z = y.subtract(anchor, MC).divide(y.add(anchor, MC), MC);
    return lnAnchor.add(atanhTimesTwo(z), MC);
  }

  static BigDecimal ln(double y) {
    return ln(new BigDecimal(y));
  }

  /** ln Γ(z) for z &gt; 0 (z exact as given). */
  static BigDecimal lnGamma(BigDecimal z) {
    BigDecimal shift = BigDecimal.ONE;
    BigDecimal w = z;
    BigDecimal forty = BigDecimal.valueOf(40);
    while (w.compareTo(forty) < 0) {
      shift = shift.multiply(w, MC);
      w = w.add(BigDecimal.ONE);
    }
    return stirling(w, ln(w)).subtract(ln(shift), MC);
  }

  /** ln Γ(w) for w ≥ 40 given ln w. */
  static BigDecimal stirling(BigDecimal w, BigDecimal lnW) {
    BigDecimal sum = w.subtract(new BigDecimal("0.5")).multiply(lnW, MC).subtract(w, MC).add(HALF_LN_TWO_PI, MC);
    BigDecimal inv = BigDecimal.ONE.divide(w, MC);
    BigDecimal inv2 = inv.multiply(inv, MC);
    BigDecimal power = inv;
    for (long[] t : STIRLING) {
      if (power.compareTo(NEGLIGIBLE) < 0) {
        break; // The remaining terms are below 1e-45 together.
      }
      sum = sum.add(power.multiply(BigDecimal.valueOf(t[0]), MC).divide(BigDecimal.valueOf(t[1]), MC), MC);
      power = power.multiply(inv2, MC);
    }
    return sum;
  }

  /** ln x! for x ≥ 0. */
  static BigDecimal lnFactorial(long x) {
    return lnGamma(BigDecimal.valueOf(x + 1));
  }

  /** ln of the Poisson(λ) probability of x. */
  static BigDecimal logPoisson(long x, double lambda) {
    BigDecimal l = new BigDecimal(lambda);
    BigDecimal xLogL = x == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(x).multiply(ln(l), MC);
    return xLogL.subtract(l, MC).subtract(lnFactorial(x), MC);
  }

  /** ln of the binomial(n, p) probability of x, with ln q of 1 − p exactly. */
  static BigDecimal logBinomial(long x, long n, double p) {
    BigDecimal bp = new BigDecimal(p);
    BigDecimal q = BigDecimal.ONE.subtract(bp);
    BigDecimal sum = lnFactorial(n).subtract(lnFactorial(x), MC).subtract(lnFactorial(n - x), MC);
    if (x > 0) {
      sum = sum.add(BigDecimal.valueOf(x).multiply(ln(bp), MC), MC);
    }
    if (n > x) {
      sum = sum.add(BigDecimal.valueOf(n - x).multiply(ln(q), MC), MC);
    }
    return sum;
  }

  /** ln of the negative binomial (size r, success probability p) probability of x failures. */
  static BigDecimal logNegativeBinomial(long x, double r, double p) {
    BigDecimal br = new BigDecimal(r);
    BigDecimal bp = new BigDecimal(p);
    BigDecimal sum = br.multiply(ln(bp), MC);
    if (x > 0) {
      BigDecimal bx = BigDecimal.valueOf(x);
      sum = sum.add(lnGamma(bx.add(br)), MC).subtract(lnGamma(br), MC).subtract(lnFactorial(x), MC)
          .add(bx.multiply(ln(BigDecimal.ONE.subtract(bp)), MC), MC);
    }
    return sum;
  }
}
