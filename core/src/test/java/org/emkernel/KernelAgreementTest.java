package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Whole E-steps through the public API agree between the scalar and vector kernels to 1e-12 relative, with
 * each kernel computing its own coefficients (the vector kernel's logarithms from 4 components on), even at
 * n = 10^6 trials where a coefficient's last bit is multiplied by 10^6.
 */
class KernelAgreementTest {

  /**
   * N and S to 1e-12 relative; the log-likelihood to 1e-12 of the size of its terms, about {@code scale} per
   * observation (n for n trials): at n = 10^6 they are near 10^6 and cancel to about −7 per observation, so
   * it cannot carry 1e-12 of its own value in either kernel.
   */
  static void assertAgree(Histogram h, MixtureModel m, double scale, String what) {
    Expectations scalar = EmFitter.builder().kernel(KernelChoice.SCALAR).build().expectations(h, m);
    Expectations vector = EmFitter.builder().kernel(KernelChoice.VECTOR).build().expectations(h, m);
    assertClose(scalar.logLikelihood(), vector.logLikelihood(), 1e-12 * scale * h.total(), what + " log-likelihood");
    for (int j = 0; j < m.components(); j++) {
      assertClose(scalar.expectedCounts()[j], vector.expectedCounts()[j], 0, what + " N_" + j);
      assertClose(scalar.expectedStatistics()[j], vector.expectedStatistics()[j], 0, what + " S_" + j);
    }
  }

  static void assertClose(double expected, double actual, double floor, String what) {
    double diff = Math.abs(expected - actual);
    assertTrue(diff <= 1e-12 * Math.abs(expected) || diff <= floor,
        what + ": scalar " + expected + " vs vector " + actual + " (rel " + diff / Math.abs(expected) + ")");
  }

  static Histogram consecutive(int from, int bins, int seed) {
    int[] outs = new int[bins];
    long[] counts = new long[bins];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < bins; i++) {
      outs[i] = from + i;
      counts[i] = 1 + rnd.nextInt(1000);
    }
    return Histogram.ofCounts(outs, counts);
  }

  @Test
  void millionTrialsAtManyComponents() {
    int n = 1_000_000;
    Histogram h = consecutive(299_000, 2001, 1);
    for (int k : new int[] {2, 3, 4, 8, 17}) {
      double[] w = new double[k];
      double[] phi = new double[k];
      for (int j = 0; j < k; j++) {
        w[j] = 1.0 / k;
        phi[j] = 0.2995 + 0.001 * j / k;
      }
      assertAgree(h, MixtureModel.of(Family.binomial(n), w, phi), n, "binomial(10^6) K=" + k);
    }
  }

  @Test
  void everyFamilyAtEightComponents() {
    Histogram h = consecutive(0, 400, 2);
    double[] w = {0.1, 0.2, 0.05, 0.15, 0.1, 0.2, 0.1, 0.1};
    assertAgree(h, MixtureModel.of(Family.binomial(399), w, new double[] {1e-12, 0.1, 0.2, 0.4, 0.5, 0.7, 0.9,
        1 - 1e-12}), 1, "binomial");
    assertAgree(h, MixtureModel.of(Family.poisson(), w, new double[] {1e-3, 1, 5, 20, 60, 120, 250, 390}), 1,
        "Poisson");
    assertAgree(h, MixtureModel.of(Family.negativeBinomial(3), w, new double[] {0.01, 0.05, 0.1, 0.2, 0.4, 0.6,
        0.8, 0.99}), 1, "negative binomial");
    assertAgree(h, MixtureModel.of(Family.geometric(), w, new double[] {0.005, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7,
        0.95}), 1, "geometric");
  }
}
