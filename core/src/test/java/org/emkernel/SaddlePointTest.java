package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.emkernel.internal.SaddlePoint;
import org.junit.jupiter.api.Test;

/** The saddle-point log-probabilities against 45-digit values ({@link ExactLogs}) for x from 0 to 2^31 − 1. */
class SaddlePointTest {
  private static final long[] OUTCOMES = {0, 1, 2, 5, 10, 15, 16, 17, 39, 40, 100, 1000, 4095, 4096, 100_000,
      1_000_000, 123_456_789, 1_000_000_000, 2_000_000_000, Integer.MAX_VALUE};

  /** Within 1e-14 of the exact value, or relatively 1e-14 of it when it is large (n·p rounds in the deviance terms). */
  private static void close(BigDecimal exact, double actual, String what) {
    double e = exact.doubleValue();
    double error = Math.abs(new BigDecimal(actual).subtract(exact).doubleValue());
    assertTrue(error <= Math.max(1e-14, 1e-14 * Math.abs(e)), what + ": " + actual + " against " + e + ", off by " + error);
  }

  @Test
  void poissonFromZeroToTwoToTheThirtyOne() {
    for (long x : OUTCOMES) {
      double sd = Math.sqrt(Math.max(x, 1));
      for (double lambda : new double[] {x, x + 0.5, x + sd, x - 3 * sd, 2 * x + 1, 0.5 * x + 0.25, 1e-3, 3.7, 2e9}) {
        if (lambda > 0) {
          close(ExactLogs.logPoisson(x, lambda), SaddlePoint.logPoisson(x, lambda), "x = " + x + ", lambda " + lambda);
        }
      }
    }
  }

  @Test
  void binomialFromZeroToTwoToTheThirtyOne() {
    for (long n : new long[] {1, 10, 17, 100, 5000, 1_000_000, 2_000_000_000, Integer.MAX_VALUE}) {
      for (long x : OUTCOMES) {
        if (x > n) {
          continue;
        }
        for (double p : new double[] {0.5, 0.3, 0.7, (double) x / n, 1e-9, 1 - 1e-9, 0.123}) {
          if (p > 0 && p < 1) {
            close(ExactLogs.logBinomial(x, n, p), SaddlePoint.logBinomial(x, n, p, 1 - p),
                "x = " + x + " of " + n + ", p " + p);
          }
        }
        // The other tail, through q.
        close(ExactLogs.logBinomial(n - x, n, 0.25), SaddlePoint.logBinomial(n - x, n, 0.25, 0.75),
            "x = " + (n - x) + " of " + n);
      }
    }
  }

  @Test
  void negativeBinomialFromZeroToTwoToTheThirtyOne() {
    for (double r : new double[] {0.5, 1, 2.5, 17, 1000, 1e6, 1e8}) {
      for (long x : OUTCOMES) {
        for (double p : new double[] {0.5, 0.01, 0.99, r / (r + x), r / (r + x + Math.sqrt(x + 1))}) {
          if (p > 0 && p < 1) {
            close(ExactLogs.logNegativeBinomial(x, r, p), SaddlePoint.logNegativeBinomial(x, r, p, 1 - p),
                "x = " + x + ", r " + r + ", p " + p);
          }
        }
      }
    }
  }
}
