package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The families' product-path terms, one component at a time (few components) or pass by pass (many): the same
 * bits either way, and equal to binary powering written out per component.
 */
class ProductTermsTest {

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

  @Test
  void multiplyPowersGivesTheSameBitsForEveryComponentCount() {
    SplittableRandom random = new SplittableRandom(31);
    for (int e : new int[] {0, 1, 2, 10, 100, 255, 256}) {
      for (int k = 1; k <= 2 * Family.FEW_COMPONENTS + 3; k++) {
        double[] scale = new double[k];
        double[] base = new double[k];
        double[] expected = new double[k];
        for (int j = 0; j < k; j++) {
          scale[j] = random.nextDouble();
          base[j] = 0.5 + random.nextDouble() * 0.5;
          expected[j] = powered(scale[j], base[j], e);
        }
        Family.multiplyPowers(scale, base, k, e);
        for (int j = 0; j < k; j++) {
          assertEquals(expected[j], scale[j], 0.0, "e=" + e + " K=" + k + " j=" + j);
        }
      }
    }
  }

  @Test
  void binomialTermsAgreeAcrossComponentCounts() {
    SplittableRandom random = new SplittableRandom(32);
    int many = 3 * Family.FEW_COMPONENTS;
    double[] w = new double[many];
    double[] theta = new double[many];
    for (int j = 0; j < many; j++) {
      w[j] = random.nextDouble();
      theta[j] = j % 7 == 3 ? 1.0 : j % 7 == 5 ? 0.0 : random.nextDouble();
    }
    for (int trials : new int[] {1, 10, 100, 256}) {
      Binomial family = (Binomial) Family.binomial(trials);
      double[] scaleMany = new double[many];
      double[] rhoMany = new double[many];
      family.productTerms(w, theta, many, trials, scaleMany, rhoMany);
      for (int k = 1; k <= Family.FEW_COMPONENTS; k++) {
        double[] scale = new double[k];
        double[] rho = new double[k];
        family.productTerms(w, theta, k, trials, scale, rho);
        for (int j = 0; j < k; j++) {
          assertEquals(scaleMany[j], scale[j], 0.0, "n=" + trials + " K=" + k + " scale_" + j);
          assertEquals(rhoMany[j], rho[j], 0.0, "n=" + trials + " K=" + k + " rho_" + j);
          double expected = theta[j] == 1 ? w[j] : powered(w[j], 1 - theta[j], trials);
          assertEquals(expected, scale[j], 0.0, "n=" + trials + " scale_" + j + " by powering");
          assertEquals(theta[j] / (1 - theta[j]), rho[j], 0.0, "n=" + trials + " rho_" + j);
        }
      }
    }
  }
}
