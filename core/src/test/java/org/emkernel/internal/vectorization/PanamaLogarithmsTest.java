package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.ScalarArithmetic;
import org.emkernel.internal.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's coefficient logarithms equal the scalar ones (DeterministicLog and SpecialFunctions) bit
 * for bit, for every count up to 19 components (whole vectors and tails), with and without log(1 − θ), at
 * edge values, random values and special values (0, subnormal, 1, ∞, NaN, negative).
 */
class PanamaLogarithmsTest {
  static final double[] EDGES = {0, Double.MIN_VALUE, 3e-320, Double.MIN_NORMAL, 1e-300, 1e-12, 0.001, 0.25,
      0.4999999, 0.5, 0.75, 1 - 1e-12, Math.nextDown(1.0), 1, Double.NaN, -0.0, -1e-3};

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, what); // Same bits (NaN equals NaN here).
  }

  static void assertAgree(double[] w, double[] theta, boolean log1m) {
    int n = w.length;
    double[][] scalar = {new double[n], new double[n], log1m ? new double[n] : null};
    double[][] vector = {new double[n], new double[n], log1m ? new double[n] : null};
    ScalarArithmetic.INSTANCE.coefficientLogs(w, theta, n, scalar[0], scalar[1], scalar[2]);
    // Buffers longer than needed: only n values are written.
    new PanamaLogarithms(n + 3).coefficientLogs(w, theta, n, vector[0], vector[1], vector[2]);
    for (int j = 0; j < n; j++) {
      assertClose(scalar[0][j], vector[0][j], "log(" + w[j] + ") n=" + n);
      assertClose(scalar[1][j], vector[1][j], "clampedLog(" + theta[j] + ") n=" + n);
      if (log1m) {
        assertClose(scalar[2][j], vector[2][j], "clampedLog1m(" + theta[j] + ") n=" + n);
      }
    }
  }

  @Test
  void edgesAtEveryCount() {
    for (int n = 1; n <= 19; n++) {
      double[] w = new double[n];
      double[] theta = new double[n];
      for (int j = 0; j < n; j++) {
        w[j] = EDGES[(j * 5 + n) % EDGES.length];
        theta[j] = EDGES[(j * 3 + 2 * n) % EDGES.length];
      }
      assertAgree(w, theta, true);
      assertAgree(w, theta, false);
    }
  }

  @Test
  void randomValues() {
    SplittableRandom rnd = new SplittableRandom(21);
    int n = 4096;
    double[] probabilities = new double[n];
    double[] positives = new double[n];
    for (int j = 0; j < n; j++) {
      probabilities[j] = j % 2 == 0 ? rnd.nextDouble() : Math.pow(10, -320 * rnd.nextDouble());
      positives[j] = Math.pow(10, 300 * (2 * rnd.nextDouble() - 1));
    }
    assertAgree(positives, probabilities, true);
    assertAgree(probabilities, positives, false); // θ past 1, as a Poisson mean: no log(1 − θ).
  }

  @Test
  void specialValues() {
    double[] logW = new double[3];
    double[] logTheta = new double[3];
    double[] log1m = new double[3];
    new PanamaLogarithms(3).coefficientLogs(new double[] {0, 1, Double.POSITIVE_INFINITY},
        new double[] {1, 0, 0.5}, 3, logW, logTheta, log1m);
    assertEquals(Double.NEGATIVE_INFINITY, logW[0]);
    assertEquals(0.0, logW[1]);
    assertEquals(Double.POSITIVE_INFINITY, logW[2]);
    assertEquals(0.0, logTheta[0]);
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, logTheta[1]);
    assertEquals(Math.log(0.5), logTheta[2], Math.ulp(Math.log(0.5)));
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, log1m[0]);
    assertEquals(0.0, log1m[1]);
    assertEquals(Math.log(0.5), log1m[2], Math.ulp(Math.log(0.5)));
    new PanamaLogarithms(3).coefficientLogs(new double[] {Double.NaN, -1, 2}, new double[] {Double.NaN, -1, 2}, 3,
        logW, logTheta, log1m);
    assertTrue(Double.isNaN(logW[0]) && Double.isNaN(logW[1]) && Double.isNaN(logTheta[0]) && Double.isNaN(logTheta[1]));
    assertTrue(Double.isNaN(log1m[0]));
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, log1m[2]); // θ above 1: clamped, as the scalar one.
  }
}
