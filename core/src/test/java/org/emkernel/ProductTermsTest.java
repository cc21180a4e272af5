package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.emkernel.internal.Powers;
import org.emkernel.internal.ScalarArithmetic;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * The families' product-path terms, one component at a time (few components) or by a kernel's {@link Powers}
 * (many: pass by pass in the scalar kernel, a vector of components at a time in the vector kernel): the same
 * bits every way, and equal to binary powering written out per component.
 */
class ProductTermsTest {
  /** Both kernels' powers (the build runs the tests with the vector module). */
  private static final List<Powers> POWERS = List.of(KernelProvider.scalar().powers(), KernelProvider.vector().powers());
  /** Component counts up to this: several whole vectors and every tail after them. */
  private static final int MANY = 5 * Powers.FEW_COMPONENTS + 3;

  /** w·b^e by the binary powering every path uses: multiply at set bits from the lowest, squaring between. */
  private static double powered(double w, double b, int e) {
    double p = w;
    for (int i = e; i != 0; i >>>= 1) {
      if ((i & 1) != 0) {
        p *= b;
      }
      if (i > 1) {
        b *= b;
      }
    }
    return p;
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void poissonTermsAreRescaledByTheLeastPowerOfTwoAtOrAboveEveryLiveMean() {
    Family poisson = Family.poisson();
    // {means, weights, the expected exponent e of m = 2^e}
    double[][][] cases = {
      {{3, 80, 0.5}, {0.2, 0.3, 0.5}, {7}},          // 80 → 128
      {{1, 2, 4}, {0.2, 0.3, 0.5}, {2}},            // 4 is a power of two: m = 4, its ρ is 1
      {{5, 1000, 20}, {0.5, 0.0, 0.5}, {5}},        // the dead component's 1000 does not set m: 20 → 32
      {{0.25, 0.1}, {0.5, 0.5}, {-2}},              // means below 1: m = 1/4
    };
    for (double[][] c : cases) {
      double[] lambda = c[0];
      double[] w = c[1];
      int k = lambda.length;
      double[] scale = new double[k];
      double[] rho = new double[k];
      double shift = poisson.productTerms(w, lambda, k, 100, scale, rho, ScalarArithmetic.INSTANCE);
      double m = Math.scalb(1.0, (int) c[2][0]);
      assertBits(c[2][0] * 0.6931471805599453, shift, java.util.Arrays.toString(lambda) + " shift log m");
      for (int j = 0; j < k; j++) {
        assertBits(w[j] * org.emkernel.internal.DeterministicExp.exp(-lambda[j]), scale[j], "scale_" + j);
        if (w[j] != 0) {
          assertBits(lambda[j] / m, rho[j], "rho_" + j);
          assertTrue(rho[j] <= 1, "rho_" + j + " = " + rho[j]);
        }
      }
    }
    // No product terms when the largest live mean is below the least normal double or past 2^1000.
    double[] two = new double[2];
    assertTrue(Double.isNaN(poisson.productTerms(new double[] {0.5, 0.5}, new double[] {1e-310, 1e-311}, 2, 10,
        two, two.clone(), ScalarArithmetic.INSTANCE)));
    assertTrue(Double.isNaN(poisson.productTerms(new double[] {0.5, 0.5}, new double[] {1, 0x1p1001}, 2, 10,
        two, two.clone(), ScalarArithmetic.INSTANCE)));
  }

  @Test
  void negativeBinomialTermsGiveTheSameBitsForEveryComponentCount() {
    SplittableRandom random = new SplittableRandom(31);
    for (Powers powers : POWERS) {
      for (int e : new int[] {0, 1, 2, 10, 100, 255, 256}) {
        for (int k = 1; k <= MANY; k++) {
          double[] w = new double[k];
          double[] theta = new double[k];
          double[] expected = new double[k];
          for (int j = 0; j < k; j++) {
            w[j] = random.nextDouble();
            theta[j] = 0.5 + random.nextDouble() * 0.5;
            expected[j] = powered(w[j], theta[j], e);
          }
          double[] wCopy = w.clone();
          double[] thetaCopy = theta.clone();
          double[] scale = new double[k];
          double[] rho = new double[k];
          powers.negativeBinomial(w, theta, k, e, scale, rho);
          for (int j = 0; j < k; j++) {
            assertBits(expected[j], scale[j], powers + " e=" + e + " K=" + k + " j=" + j);
            assertBits(1 - theta[j], rho[j], powers + " rho, e=" + e + " K=" + k + " j=" + j);
          }
          assertArrayEquals(wCopy, w, "the weights are left alone");
          assertArrayEquals(thetaCopy, theta, "the parameters are left alone");
        }
      }
    }
  }

  @Test
  void binomialTermsAgreeAcrossComponentCountsAndKernels() {
    SplittableRandom random = new SplittableRandom(32);
    double[] w = new double[MANY];
    double[] theta = new double[MANY];
    for (int j = 0; j < MANY; j++) {
      w[j] = random.nextDouble();
      // Also θ near 1: the squares of 1 − θ become subnormal, then 0.
      theta[j] = j % 7 == 3 ? 1.0 : j % 7 == 5 ? 0.0 : j % 11 == 4 ? 1e-300 : j % 13 == 6 ? 1 - 1e-12
          : random.nextDouble();
    }
    for (int trials : new int[] {1, 3, 10, 100, 255, 256}) {
      Binomial family = (Binomial) Family.binomial(trials);
      for (Powers powers : POWERS) {
        for (int k = 1; k <= MANY; k++) {
          // Room past k, which the terms must leave alone.
          double[] scale = new double[k + 8];
          double[] rho = new double[k + 8];
          java.util.Arrays.fill(scale, k, k + 8, -1);
          java.util.Arrays.fill(rho, k, k + 8, -2);
          assertEquals(0.0, family.productTerms(w, theta, k, trials, scale, rho, powers), 0.0, "no shift");
          for (int j = 0; j < k; j++) {
            double expected = theta[j] == 1 ? w[j] : powered(w[j], 1 - theta[j], trials);
            assertBits(expected, scale[j], powers + " n=" + trials + " K=" + k + " scale_" + j);
            assertBits(theta[j] / (1 - theta[j]), rho[j], powers + " n=" + trials + " K=" + k + " rho_" + j);
          }
          for (int j = k; j < k + 8; j++) {
            assertEquals(-1, scale[j], 0.0, "past k");
            assertEquals(-2, rho[j], 0.0, "past k");
          }
        }
      }
    }
  }
}
