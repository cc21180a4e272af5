package org.emkernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * log(1 − p) from the deterministic log: within 3 ulp of Math.log1p over (0, 1), exact at the ends; the
 * deterministic log itself within 2 ulp of Math.log, with its special values.
 */
class SpecialFunctionsTest {

  @Test
  void log1mWithinOneUlpOfLog1p() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 1_000_000; i++) {
      // Uniform on (0, 1) and log-uniform down to 1e-300, where 1 − p rounds to 1.
      double p = i % 2 == 0 ? rnd.nextDouble() : Math.pow(10, -300 * rnd.nextDouble());
      double expected = Math.log1p(-p);
      double actual = SpecialFunctions.clampedLog1m(p);
      assertTrue(Math.abs(expected - actual) <= 3 * Math.ulp(expected), "log(1 - " + p + ") = " + actual + ", log1p: " + expected);
    }
  }

  @Test
  void deterministicLogWithinTwoUlpOfMathLog() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 1_000_000; i++) {
      // Log-uniform over the whole positive range, subnormals included.
      double x = Math.pow(2, -1074 + 2098 * rnd.nextDouble());
      double expected = Math.log(x);
      double actual = DeterministicLog.log(x);
      assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected), "log(" + x + ") = " + actual + ", Math: " + expected);
    }
    assertEquals(0.0, DeterministicLog.log(1.0));
    assertEquals(Double.NEGATIVE_INFINITY, DeterministicLog.log(0.0));
    assertEquals(Double.POSITIVE_INFINITY, DeterministicLog.log(Double.POSITIVE_INFINITY));
    assertTrue(Double.isNaN(DeterministicLog.log(-1)) && Double.isNaN(DeterministicLog.log(Double.NaN)));
  }

  @Test
  void log1mEnds() {
    assertEquals(0.0, SpecialFunctions.clampedLog1m(0.0));
    assertEquals(-1e-300, SpecialFunctions.clampedLog1m(1e-300));
    assertEquals(Math.log(0.5), SpecialFunctions.clampedLog1m(0.5), Math.ulp(Math.log(0.5)));
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, SpecialFunctions.clampedLog1m(1.0));
    assertEquals(Math.log(0x1p-53), SpecialFunctions.clampedLog1m(Math.nextDown(1.0)), Math.ulp(Math.log(0x1p-53)));
  }

  /**
   * log k! from either part of the table, or past it, is lnGamma(k + 1) bit for bit (0 for k &lt; 2), and log k!
   * summed as Σ log i agrees with it (to 1e-13 relative), across the parts' edges.
   */
  @Test
  void logFactorialIsLnGammaAcrossTheTablesParts() {
    double direct = 0;
    for (int k = 0; k < 2100; k++) {
      direct += k < 2 ? 0 : Math.log(k);
      double expected = k < 2 ? 0 : SpecialFunctions.lnGamma(k + 1.0);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(SpecialFunctions.logFactorial(k)),
          "log " + k + "!");
      assertEquals(direct, SpecialFunctions.logFactorial(k), 1e-13 * Math.max(1, direct), "log " + k + "!");
    }
  }
}
