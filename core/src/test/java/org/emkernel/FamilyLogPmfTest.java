package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Each family's {@link Family#logPmf} against an independent formula written here: log-factorials and binomial
 * coefficients summed as logs of exact integer ratios (compensated summation),
 * the parameter terms with Math.log and Math.log1p. Outcomes and trials up to 5000, parameters across their
 * range (not at the edges, which {@link ImpossibleEventsTest} covers).
 */
class FamilyLogPmfTest {
  /** Σ terms by Neumaier's compensated summation: the rounding of the sum, not of every partial sum. */
  static final class Sum {
    double sum;
    double carry;

    void add(double v) {
      double t = sum + v;
      carry += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }

    double value() {
      return sum + carry;
    }
  }

  /** log Γ(x + r)/Γ(r) = Σ_{i<x} log(r + i), each log a double, summed with compensation. */
  static double logRising(double r, int x) {
    Sum sum = new Sum();
    for (int i = 0; i < x; i++) {
      sum.add(Math.log(r + i));
    }
    return sum.value();
  }

  /** log x! */
  static double logFactorial(int x) {
    return logRising(1, x);
  }

  /** log C(n, x) = Σ_{i<x} log((n − i)/(i + 1)), each ratio's log a double, summed with compensation. */
  static double logChoose(int n, int x) {
    Sum sum = new Sum();
    for (int i = 0; i < x; i++) {
      sum.add(Math.log((double) (n - i) / (i + 1)));
    }
    return sum.value();
  }

  /** To 1e-13 of the size of the terms that make the value (each a few ulps off in either computation). */
  static void close(double expected, double actual, double size, String what) {
    assertEquals(expected, actual, 1e-13 * (1 + size), what);
  }

  static final double[] PROBABILITIES = {1e-9, 0.001, 0.05, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9};

  @Test
  void binomial() {
    for (int n : new int[] {1, 7, 40, 333, 5000}) {
      Family f = Family.binomial(n);
      for (double phi : PROBABILITIES) {
        for (int x : new int[] {0, 1, n / 3, n / 2, n - 1, n}) {
          double u = x * Math.log(phi);
          double v = (n - x) * Math.log1p(-phi);
          double lc = logChoose(n, x);
          close(lc + u + v, f.logPmf(x, phi), Math.abs(u) + Math.abs(v) + Math.abs(lc),
              "binomial(" + n + ") x=" + x + " phi=" + phi);
          close(lc + u + v, Family.binomialVaryingTrials().logPmf(x, n, phi), Math.abs(u) + Math.abs(v) + Math.abs(lc),
              "varying trials n=" + n + " x=" + x + " phi=" + phi);
        }
      }
    }
  }

  @Test
  void poisson() {
    Family f = Family.poisson();
    for (double lambda : new double[] {1e-6, 0.1, 1, 3.5, 17, 250, 4000}) {
      for (int x : new int[] {0, 1, 2, 5, 16, 100, 999, 5000}) {
        double u = x * Math.log(lambda);
        double lf = logFactorial(x);
        close(u - lambda - lf, f.logPmf(x, lambda), Math.abs(u) + lambda + lf, "Poisson " + lambda + " x=" + x);
      }
    }
  }

  @Test
  void negativeBinomialAndGeometric() {
    for (double r : new double[] {1, 0.5, 2.5, 7, 120}) {
      Family f = r == 1 ? Family.geometric() : Family.negativeBinomial(r);
      for (double p : PROBABILITIES) {
        for (int x : new int[] {0, 1, 3, 40, 777, 5000}) {
          double u = x * Math.log1p(-p);
          double v = r * Math.log(p);
          double lh = logRising(r, x) - logFactorial(x);
          close(lh + u + v, f.logPmf(x, p), Math.abs(u) + Math.abs(v) + Math.abs(logRising(r, x)) + logFactorial(x),
              f.name() + " p=" + p + " x=" + x);
        }
      }
    }
  }
}
