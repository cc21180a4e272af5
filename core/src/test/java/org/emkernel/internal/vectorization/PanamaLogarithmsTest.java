package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's coefficient logarithms: within 2 ulp of the scalar ones (Math and SpecialFunctions) for
 * every count up to 19 values (whole vectors and tails), exact at their special values.
 */
class PanamaLogarithmsTest {
  static final double[] EDGES = {0, Double.MIN_VALUE, 3e-320, Double.MIN_NORMAL, 1e-300, 1e-12, 0.001, 0.25,
      0.4999999, 0.5, 0.75, 1 - 1e-12, Math.nextDown(1.0), 1};

  interface Op {
    void apply(Logarithms logs, double[] in, double[] out, int n);
  }

  static void assertWithinTwoUlp(Op op, double[] in, String what) {
    int n = in.length;
    double[] expected = new double[n];
    double[] actual = new double[n];
    op.apply(Logarithms.SCALAR, in, expected, n);
    op.apply(new PanamaLogarithms(n + 3), in, actual, n); // Buffers longer than needed: only n are written.
    for (int j = 0; j < n; j++) {
      String at = what + "(" + in[j] + ") n=" + n;
      if (Double.isInfinite(expected[j]) || expected[j] == 0 || expected[j] == SpecialFunctions.LOG_MIN_VALUE) {
        assertEquals(expected[j], actual[j], at);
      } else {
        assertTrue(Math.abs(expected[j] - actual[j]) <= 2 * Math.ulp(expected[j]),
            at + ": " + actual[j] + ", scalar " + expected[j]);
      }
    }
  }

  @Test
  void edgesAtEveryCount() {
    for (int n = 1; n <= 19; n++) {
      double[] in = new double[n];
      for (int j = 0; j < n; j++) {
        in[j] = EDGES[(j * 5 + n) % EDGES.length];
      }
      assertWithinTwoUlp(Logarithms::log, in, "log");
      assertWithinTwoUlp(Logarithms::clampedLog, in, "clampedLog");
      assertWithinTwoUlp(Logarithms::clampedLog1m, in, "clampedLog1m");
    }
  }

  @Test
  void randomValues() {
    SplittableRandom rnd = new SplittableRandom(21);
    double[] probabilities = new double[4096];
    double[] positives = new double[4096];
    for (int j = 0; j < probabilities.length; j++) {
      probabilities[j] = j % 2 == 0 ? rnd.nextDouble() : Math.pow(10, -320 * rnd.nextDouble());
      positives[j] = Math.pow(10, 300 * (2 * rnd.nextDouble() - 1));
    }
    assertWithinTwoUlp(Logarithms::log, probabilities, "log");
    assertWithinTwoUlp(Logarithms::log, positives, "log");
    assertWithinTwoUlp(Logarithms::clampedLog, probabilities, "clampedLog");
    assertWithinTwoUlp(Logarithms::clampedLog1m, probabilities, "clampedLog1m");
  }

  @Test
  void specialValues() {
    double[] out = new double[3];
    PanamaLogarithms logs = new PanamaLogarithms(3);
    logs.log(new double[] {0, 1, Double.POSITIVE_INFINITY}, out, 3);
    assertEquals(Double.NEGATIVE_INFINITY, out[0]);
    assertEquals(0.0, out[1]);
    assertEquals(Double.POSITIVE_INFINITY, out[2]);
    logs.clampedLog(new double[] {0, Double.MIN_VALUE, 1}, out, 3);
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, out[0]);
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, out[1]);
    assertEquals(0.0, out[2]);
    logs.clampedLog1m(new double[] {1, 0, 0.5}, out, 3);
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, out[0]);
    assertEquals(0.0, out[1]);
    assertEquals(Math.log(0.5), out[2], Math.ulp(Math.log(0.5)));
  }
}
