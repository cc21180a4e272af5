package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One Poisson component with a mean far below 1 on data all at x = 0: the log-likelihood is exactly −c·λ, a
 * number as small as λ, and every kernel gives it to the stated bound (the product path rounded e^−λ to 1 and
 * reported 0). Found by the differential campaign at 20000 cases.
 */
class TinyPoissonMeanTest {
  @Test
  void logLikelihoodKeepsATinyMean() {
    Histogram h = Histogram.ofCounts(new int[] {0}, new long[] {7});
    for (double lambda : new double[] {Double.MIN_NORMAL, 1e-300, 1e-12, 1e-5}) {
      MixtureModel m = MixtureModel.of(Family.poisson(), new double[] {1}, new double[] {lambda});
      double exact = -7 * lambda;
      for (KernelChoice kernel : KernelChoice.values()) {
        double logLik = EmFitter.builder().kernel(kernel).build().logLikelihood(h, m);
        assertEquals(exact, logLik, 1e-12 * Math.abs(exact), "lambda " + lambda + ", " + kernel);
      }
    }
  }
}
