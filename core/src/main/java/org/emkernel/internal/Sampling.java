package org.emkernel.internal;

import java.util.SplittableRandom;

/**
 * Exact random variates from a {@link SplittableRandom}, the same sequence on every JVM: gamma
 * (Marsaglia–Tsang), beta, binomial (inversion when n·min(p, 1 − p) is small, else Knuth's exact beta
 * splitting), Poisson (inversion for small λ, else the exact gamma/binomial splitting of Ahrens and Dieter),
 * geometric (inversion) and negative binomial (Poisson–gamma mixture). No normal approximation anywhere.
 */
public final class Sampling {
  /** Below this mean, binomial and Poisson variates come from sequential inversion. */
  private static final double INVERSION_LIMIT = 16;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private Sampling() {}

  /** A uniform variate in the open interval (0, 1). */
  public static double uniformOpen(SplittableRandom random) {
    return ((random.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
  }

  /** A standard normal variate (Marsaglia's polar method; the second variate of each pair is dropped). */
  public static double normal(SplittableRandom random) {
    while (true) {
      double u = 2 * uniformOpen(random) - 1;
      double v = 2 * uniformOpen(random) - 1;
      double s = u * u + v * v;
      if (s < 1 && s > 0) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  /** A gamma variate with the given shape &gt; 0 and scale 1 (Marsaglia and Tsang 2000). */
  public static double gamma(double shape, SplittableRandom random) {
    assert shape > 0 : shape;
    if (shape < 1) {
      // Γ(a) = Γ(a + 1)·U^(1/a).
      return gamma(shape + 1, random) * Math.pow(uniformOpen(random), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = uniformOpen(random);
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** A beta(a, b) variate, a, b &gt;= 1, as G_a / (G_a + G_b). */
  public static double beta(double a, double b, SplittableRandom random) {
    double ga = gamma(a, random);
    double gb = gamma(b, random);
    return ga / (ga + gb);
  }

  /** A binomial(n, p) variate, exact, for any n &gt;= 0 and p in [0, 1]. */
  public static long binomial(long n, double p, SplittableRandom random) {
    assert n >= 0 && p >= 0 && p <= 1 : n + " " + p;
    long offset = 0;
    long sign = 1;
    // Iterative form of Knuth's splitting: the a-th smallest of n uniforms is beta(a, n + 1 − a).
    while (true) {
      if (n == 0 || p <= 0) {
        return offset;
      }
      if (p >= 1) {
        return offset + sign * n;
      }
      if (p > 0.5) {
        // B(n, p) = n − B(n, 1 − p).
        offset += sign * n;
        sign = -sign;
        p = 1 - p;
      }
      if (n * p < INVERSION_LIMIT) {
        return offset + sign * binomialInversion(n, p, random);
      }
      long a = 1 + n / 2;
      long b = n + 1 - a;
      double x = beta(a, b, random);
      if (x >= p) {
        n = a - 1;
        p = p / x;
      } else {
        offset += sign * a;
        n = b - 1;
        p = (p - x) / (1 - x);
      }
    }
  }

  /** Sequential-search inversion for n·p &lt; INVERSION_LIMIT, p &lt;= 1/2. */
  private static long binomialInversion(long n, double p, SplittableRandom random) {
    double q = 1 - p;
    double ratio = p / q;
    double f0 = Math.exp(n * Math.log1p(-p));
    while (true) {
      double u = uniformOpen(random);
      double f = f0;
      long k = 0;
      while (u > f) {
        u -= f;
        if (k == n) {
          break;
        }
        k++;
        f *= ratio * (n - k + 1) / k;
        if (f == 0) {
          break;
        }
      }
      if (u <= f) {
        return k;
      }
      // Rounding left u above the total mass: draw again (probability about 1e-16).
    }
  }

  /** A Poisson(λ) variate, exact, for λ &gt;= 0. */
  public static long poisson(double lambda, SplittableRandom random) {
    assert lambda >= 0 && lambda < Double.POSITIVE_INFINITY : lambda;
    long offset = 0;
    while (lambda >= INVERSION_LIMIT) {
      // The m-th arrival of a unit-rate process is gamma(m): if it falls before λ, m arrivals are in
      // and λ − X remains; otherwise the first m − 1 arrivals are uniform on [0, X).
      long m = (long) (lambda * 0.875);
      double x = gamma(m, random);
      if (x < lambda) {
        offset += m;
        lambda -= x;
      } else {
        return offset + binomial(m - 1, lambda / x, random);
      }
    }
    return offset + poissonInversion(lambda, random);
  }

  private static long poissonInversion(double lambda, SplittableRandom random) {
    double f0 = Math.exp(-lambda);
    while (true) {
      double u = uniformOpen(random);
      double f = f0;
      long k = 0;
      while (u > f) {
        u -= f;
        k++;
        f *= lambda / k;
        if (f == 0) {
          break;
        }
      }
      if (u <= f) {
        return k;
      }
    }
  }

  /** A geometric variate (failures before the first success) with success probability p in (0, 1], by inversion. */
  public static long geometric(double p, SplittableRandom random) {
    assert p > 0 && p <= 1 : p;
    if (p == 1) {
      return 0;
    }
    double g = Math.floor(Math.log(uniformOpen(random)) / Math.log1p(-p));
    return g >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) g;
  }

  /** A negative binomial variate (failures before the r-th success, r &gt; 0) as Poisson(gamma(r)·(1 − p)/p). */
  public static long negativeBinomial(double r, double p, SplittableRandom random) {
    assert r > 0 && p > 0 && p <= 1 : r + " " + p;
    if (p == 1) {
      return 0;
    }
    double rate = gamma(r, random) * ((1 - p) / p);
    if (!(rate < 1e18)) {
      return Long.MAX_VALUE;
    }
    return poisson(rate, random);
  }
}
