package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The campaign's double-double reference against {@link ExactLogs}' 45-digit BigDecimal values: log, log(1 − p),
 * exp and log Γ to some 29 significant digits, far below the 1e-12 the campaign then checks the library to.
 */
class DoubleDoubleTest {
  static final BigDecimal REL = new BigDecimal("1e-29");
  static final BigDecimal ABS = new BigDecimal("1e-31");

  static void near(BigDecimal exact, DoubleDouble dd, String what) {
    near(exact, dd, ABS, what);
  }

  static void near(BigDecimal exact, DoubleDouble dd, BigDecimal abs, String what) {
    BigDecimal diff = dd.toBigDecimal().subtract(exact).abs();
    BigDecimal bound = exact.abs().multiply(REL).add(abs);
    assertTrue(diff.compareTo(bound) <= 0, what + ": " + dd + " against " + exact + ", off by " + diff);
  }

  /** ln y from ExactLogs, whose reduction needs a normal number: a subnormal is scaled by 2^100 first. */
  static BigDecimal exactLn(double y) {
    if (y >= Double.MIN_NORMAL) {
      return ExactLogs.ln(y);
    }
    return ExactLogs.ln(Math.scalb(y, 100)).subtract(ExactLogs.LN2.multiply(BigDecimal.valueOf(100)));
  }

  @Test
  void logarithmsMatchTheBigDecimalSeries() {
    SplittableRandom rnd = new SplittableRandom(20240);
    double[] fixed = {1, 2, 0.5, Math.nextUp(1.0), Math.nextDown(1.0), 1e-300, Double.MIN_VALUE, Double.MIN_NORMAL,
        4.9e-320, 1e300, Double.MAX_VALUE, 0.3, 1e-12, 1 - 1e-12};
    for (double y : fixed) {
      near(exactLn(y), DoubleDouble.of(y).log(), "log " + y);
    }
    for (int i = 0; i < 300; i++) {
      double y = Math.exp((rnd.nextDouble() - 0.5) * 1400);
      near(ExactLogs.ln(y), DoubleDouble.of(y).log(), "log " + y);
    }
    for (double p : new double[] {1e-300, 1e-12, 1e-6, 0.25, 0.5, 0.999999, 1 - 1e-12, Math.nextDown(1.0), -3}) {
      near(ExactLogs.ln(BigDecimal.ONE.subtract(new BigDecimal(p))), DoubleDouble.log1m(p), "log(1 - " + p + ")");
    }
  }

  @Test
  void expInvertsTheBigDecimalLogarithm() {
    SplittableRandom rnd = new SplittableRandom(20241);
    for (int i = 0; i < 300; i++) {
      double a = (rnd.nextDouble() - 0.6) * 1000; // −600 to 400: results whose low parts are normal too.
      DoubleDouble e = DoubleDouble.of(a).add(DoubleDouble.of(a * 1e-17)).exp();
      BigDecimal exactArgument = new BigDecimal(a).add(new BigDecimal(a * 1e-17));
      near(exactArgument, DoubleDouble.of(ExactLogs.ln(e.toBigDecimal())), "exp " + a);
    }
    assertTrue(DoubleDouble.of(0).exp().hi == 1 && DoubleDouble.of(0).exp().lo == 0, "exp 0");
    assertTrue(DoubleDouble.of(-800).exp().hi == 0, "exp -800");
  }

  /** Below 40, log Γ is Stirling's value at 40 or more less the log of a product, some 100 each: 1e-29 absolute. */
  static final BigDecimal GAMMA_ABS = new BigDecimal("1e-29");

  @Test
  void logGammaMatchesTheBigDecimalStirlingSeries() {
    SplittableRandom rnd = new SplittableRandom(20242);
    double[] fixed = {0.5, 1, 2, 2.5, 3, 10, 10.5, 39, 39.5, 40, 41, 1e6 + 1, 1e6 + 2.5, 2_000_001};
    for (double z : fixed) {
      near(ExactLogs.lnGamma(new BigDecimal(z)), DoubleDouble.logGamma(z), GAMMA_ABS, "log Gamma " + z);
    }
    for (int i = 0; i < 100; i++) {
      double z = Math.floor(Math.exp(rnd.nextDouble() * Math.log(2e6))) + new double[] {0, 0.5, 1}[rnd.nextInt(3)];
      near(ExactLogs.lnGamma(new BigDecimal(z)), DoubleDouble.logGamma(z), GAMMA_ABS, "log Gamma " + z);
    }
  }
}
