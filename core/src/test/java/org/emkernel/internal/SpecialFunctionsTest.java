package org.emkernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** log(1 − p) without Math.log1p: within 1 ulp of it over (0, 1), exact at the ends. */
class SpecialFunctionsTest {

  @Test
  void log1mWithinOneUlpOfLog1p() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 1_000_000; i++) {
      // Uniform on (0, 1) and log-uniform down to 1e-300, where 1 − p rounds to 1.
      double p = i % 2 == 0 ? rnd.nextDouble() : Math.pow(10, -300 * rnd.nextDouble());
      double expected = Math.log1p(-p);
      double actual = SpecialFunctions.clampedLog1m(p);
      assertTrue(Math.abs(expected - actual) <= Math.ulp(expected), "log(1 - " + p + ") = " + actual + ", log1p: " + expected);
    }
  }

  @Test
  void log1mEnds() {
    assertEquals(0.0, SpecialFunctions.clampedLog1m(0.0));
    assertEquals(-1e-300, SpecialFunctions.clampedLog1m(1e-300));
    assertEquals(Math.log(0.5), SpecialFunctions.clampedLog1m(0.5));
    assertEquals(SpecialFunctions.LOG_MIN_VALUE, SpecialFunctions.clampedLog1m(1.0));
    assertEquals(Math.log(0x1p-53), SpecialFunctions.clampedLog1m(Math.nextDown(1.0)));
  }
}
