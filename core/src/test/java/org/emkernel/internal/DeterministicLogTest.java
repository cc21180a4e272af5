package org.emkernel.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The deterministic logarithm's polynomial against the series it stands for, in exact decimal arithmetic, and
 * the logarithm on [√½, √2), where it rests on the polynomial alone (no k·ln 2 to dwarf its error).
 */
class DeterministicLogTest {
  private static final MathContext MC = new MathContext(60);
  private static final double[] Q = {
    DeterministicLog.Q0, DeterministicLog.Q1, DeterministicLog.Q2, DeterministicLog.Q3,
    DeterministicLog.Q4, DeterministicLog.Q5, DeterministicLog.Q6
  };

  /** (atanh(s)/s − 1)·2/u = Σ_{k ≥ 1} 2·u^(k−1)/(2k + 1), u = s²: 40 terms, exact to far below 1e−50 here. */
  private static BigDecimal series(BigDecimal u) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal power = BigDecimal.ONE;
    for (int k = 1; k <= 40; k++) {
      sum = sum.add(power.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(2L * k + 1), MC), MC);
      power = power.multiply(u, MC);
    }
    return sum;
  }

  @Test
  void polynomialAddsUnderATwentiethOfAnUlp() {
    // u = s² up to ((√2 − 1)/(√2 + 1))² = 0.02944, a little beyond for the rounding of s.
    double sMax = (Math.sqrt(2) - 1) / (Math.sqrt(2) + 1);
    double uMax = sMax * sMax * 1.0001;
    BigDecimal worst = BigDecimal.ZERO;
    for (int i = 0; i <= 4000; i++) {
      BigDecimal u = new BigDecimal(uMax * i / 4000);
      BigDecimal p = BigDecimal.ZERO;
      for (int j = Q.length - 1; j >= 0; j--) {
        p = p.multiply(u, MC).add(new BigDecimal(Q[j]), MC);
      }
      // log(1 + f) = 2s + s·u·q(u): an error δ in q is u·δ/2 relative to the result's 2s.
      BigDecimal relative = p.subtract(series(u), MC).abs().multiply(u, MC).divide(BigDecimal.valueOf(2), MC);
      worst = worst.max(relative);
    }
    // A twentieth of 2^−53 (the worst here is 4.66e−18, 0.042 of it).
    BigDecimal bound = new BigDecimal(0x1p-53).divide(BigDecimal.valueOf(20), MC);
    assertTrue(worst.compareTo(bound) < 0, "worst relative error " + worst.doubleValue());
  }

  @Test
  void logNearOneWithinTwoUlpOfStrictMath() {
    SplittableRandom rnd = new SplittableRandom(6);
    double lo = Math.sqrt(0.5);
    double hi = Math.sqrt(2);
    for (int i = 0; i < 2_000_000; i++) {
      // Uniform on [√½, √2), and close to 1 from both sides.
      double x = i % 2 == 0 ? lo + (hi - lo) * rnd.nextDouble() : 1 + (rnd.nextBoolean() ? 1 : -1) * Math.pow(2, -52 * rnd.nextDouble());
      double expected = StrictMath.log(x);
      double actual = DeterministicLog.log(x);
      assertTrue(Math.abs(expected - actual) <= 2 * Math.ulp(expected), "log(" + x + ") = " + actual + ", StrictMath: " + expected);
    }
  }
}
