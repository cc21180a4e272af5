package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A component of weight exactly 0 takes no observation and adds nothing to the log-likelihood, on either side of
 * centring (outcomes or trials from 4096 on), on both kernels. The references are computed here from the pmf's
 * formula. Before the fix a weight of 0 entered centred terms as the clamped log(Double.MIN_VALUE), and the
 * component took the observations the others make less likely than e^−744. Found by the differential campaign
 * at -Demkernel.campaign.seed=7 (Poisson, outcomes to 9·10^4, a weight that EM drove to 0).
 */
class ZeroWeightCentredTest {
  static final KernelChoice[] KERNELS = {KernelChoice.SCALAR, KernelChoice.VECTOR};

  /** log C(n, x) + x·log φ + (n − x)·log(1 − φ), log C summed term by term. */
  static double logBinomialPmf(int n, int x, double phi) {
    double lc = 0;
    for (int i = 0; i < x; i++) {
      lc += Math.log((double) (n - i) / (i + 1));
    }
    return lc + x * Math.log(phi) + (n - x) * Math.log1p(-phi);
  }

  /** x·log λ − λ − log x!, log x! summed term by term. */
  static double logPoissonPmf(int x, double lambda) {
    double lf = 0;
    for (int i = 2; i <= x; i++) {
      lf += Math.log(i);
    }
    return x * Math.log(lambda) - lambda - lf;
  }

  @Test
  void zeroWeightTakesNothingOnEitherSideOfCentring() {
    for (int n : new int[] {4095, 4096}) {
      Histogram h = Histogram.ofCounts(new int[] {0, n / 2}, new long[] {1, 1});
      MixtureModel m = MixtureModel.of(Family.binomial(n), new double[] {1, 0}, new double[] {0.5, 1e-3});
      double exact = logBinomialPmf(n, 0, 0.5) + logBinomialPmf(n, n / 2, 0.5);
      for (KernelChoice kernel : KERNELS) {
        Expectations e = EmFitter.builder().kernel(kernel).build().expectations(h, m);
        String at = "n = " + n + ", " + kernel;
        assertArrayEquals(new double[] {2, 0}, e.expectedCounts(), at);
        assertEquals(exact, e.logLikelihood(), 1e-12 * Math.abs(exact), at);
      }
    }
  }

  @Test
  void zeroWeightPoissonComponentOnCentredData() {
    Histogram h = Histogram.ofCounts(new int[] {182, 5000}, new long[] {1, 1});
    MixtureModel m = MixtureModel.of(Family.poisson(), new double[] {1, 0}, new double[] {2257, 1.26});
    double exact = logPoissonPmf(182, 2257) + logPoissonPmf(5000, 2257);
    for (KernelChoice kernel : KERNELS) {
      Expectations e = EmFitter.builder().kernel(kernel).build().expectations(h, m);
      assertArrayEquals(new double[] {2, 0}, e.expectedCounts(), kernel.toString());
      assertEquals(exact, e.logLikelihood(), 1e-12 * Math.abs(exact), kernel.toString());
    }
  }
}
