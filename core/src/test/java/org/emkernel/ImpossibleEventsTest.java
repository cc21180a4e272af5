package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A parameter of 0 or 1 (p = 1) makes a point mass: log 0 is −∞, never a clamped finite number. Such a component
 * takes only the observations it can produce, its posterior elsewhere is exactly 0, a model under which an
 * observation is impossible has log-likelihood −∞, and a fit from one is refused naming the outcome. References
 * are computed here from the pmf's formula.
 */
class ImpossibleEventsTest {
  static final KernelChoice[] KERNELS = {KernelChoice.SCALAR, KernelChoice.VECTOR};

  static EmFitter fitter(KernelChoice kernel) {
    return EmFitter.builder().kernel(kernel).build();
  }

  /** log C(n, x) + x·log φ + (n − x)·log(1 − φ) for 0 < φ < 1, log C summed term by term. */
  static double logBinomialPmf(int n, int x, double phi) {
    double lc = 0;
    for (int i = 0; i < x; i++) {
      lc += Math.log((double) (n - i) / (i + 1));
    }
    return lc + x * Math.log(phi) + (n - x) * Math.log1p(-phi);
  }

  /** The reproduction: outcomes 1 and 50 of 100 trials, biases 0 and 0.999999999. */
  @Test
  void biasZeroTakesNothingItCannotProduce() {
    Histogram h = Histogram.ofCounts(new int[] {1, 50}, new long[] {1, 1});
    MixtureModel m = MixtureModel.of(Family.binomial(100), new double[] {0.5, 0.5}, new double[] {0, 0.999999999});
    double exact = Math.log(0.5) + logBinomialPmf(100, 1, 0.999999999) + Math.log(0.5)
        + logBinomialPmf(100, 50, 0.999999999);
    for (KernelChoice kernel : KERNELS) {
      Expectations e = fitter(kernel).expectations(h, m);
      assertEquals(exact, e.logLikelihood(), 1e-12 * Math.abs(exact), kernel + " log-likelihood");
      assertEquals(0.0, e.expectedCounts()[0], 0.0, kernel + " N_0");
      assertEquals(2.0, e.expectedCounts()[1], 1e-15, kernel + " N_1");
      MixtureModel next = fitter(kernel).step(h, m);
      assertEquals(0.0, next.weight(0), 0.0, kernel.name());
      assertEquals(1.0, next.weight(1), 1e-15, kernel.name());
      assertEquals(0.0, next.param(0), 0.0, kernel.name());
      assertEquals(0.255, next.param(1), 1e-15, kernel.name());
      double[][] post = fitter(kernel).posteriors(h, m);
      assertEquals(0.0, post[0][0], 0.0, kernel + " posterior of the mass at 0 at outcome 1");
      assertEquals(0.0, post[1][0], 0.0, kernel + " posterior of the mass at 0 at outcome 50");
    }
  }

  /**
   * A mass at 0 and one at n beside a regular component whose terms near them are far below e^−744 (n = 2000,
   * φ = ½: p(1) ≈ e^−1379): the masses take their outcome's share only.
   */
  @Test
  void massesBesideAFarLessLikelyComponent() {
    int n = 2000;
    Histogram h = Histogram.ofCounts(new int[] {0, 1, 1000, 1999, 2000}, new long[] {3, 2, 5, 7, 4});
    MixtureModel m = MixtureModel.of(Family.binomial(n), new double[] {0.3, 0.5, 0.2}, new double[] {0, 0.5, 1});
    double[] outs = {0, 1, 1000, 1999, 2000};
    double[] counts = {3, 2, 5, 7, 4};
    double ll = 0;
    double nMid = 0;
    for (int b = 0; b < 5; b++) {
      int x = (int) outs[b];
      double mid = Math.log(0.5) + logBinomialPmf(n, x, 0.5);
      double mass = x == 0 ? Math.log(0.3) : x == n ? Math.log(0.2) : Double.NEGATIVE_INFINITY;
      double max = Math.max(mid, mass);
      double lse = max + Math.log(Math.exp(mid - max) + Math.exp(mass - max));
      ll += counts[b] * lse;
      nMid += counts[b] * Math.exp(mid - lse);
    }
    for (KernelChoice kernel : KERNELS) {
      Expectations e = fitter(kernel).expectations(h, m);
      assertEquals(ll, e.logLikelihood(), 1e-12 * Math.abs(ll), kernel + " log-likelihood");
      assertEquals(3.0, e.expectedCounts()[0], 1e-12, kernel + " N of the mass at 0");
      assertEquals(nMid, e.expectedCounts()[1], 1e-12, kernel + " N of the regular component");
      assertEquals(4.0, e.expectedCounts()[2], 1e-12, kernel + " N of the mass at n");
      assertEquals(4.0 * n, e.expectedStatistics()[2], 1e-9, kernel + " S of the mass at n");
    }
  }

  /**
   * A mass that appears during a fit (the session makes its point-mass bookkeeping with the first one): a bias
   * falling from 0.02 underflows to exactly 0 within a few iterations, and the fit goes on with a mass at 0. The
   * log-likelihood is the fitted model's, computed directly.
   */
  @Test
  void aMassThatAppearsDuringTheFit() {
    Histogram counts = Histogram.ofCounts(new int[] {0, 4}, new long[] {30, 10});
    MixtureModel start = MixtureModel.of(Family.binomial(4), new double[] {0.5, 0.5}, new double[] {0.02, 0.7});
    for (KernelChoice kernel : new KernelChoice[] {KernelChoice.AUTO, KernelChoice.SCALAR, KernelChoice.VECTOR}) {
      FitResult fit = EmFitter.builder().kernel(kernel).maxIterations(30).tolerance(0).build().fit(counts, start);
      double[] w = fit.model().weights();
      double[] phi = fit.model().params();
      assertEquals(0.0, phi[0], kernel + ": the falling bias reaches 0");
      double direct = 30 * Math.log(w[0] + w[1] * Math.pow(1 - phi[1], 4)) + 10 * Math.log(w[1] * Math.pow(phi[1], 4));
      assertEquals(direct, fit.logLikelihood(), 1e-12 * Math.abs(direct), kernel + ": log-likelihood");
      assertEquals(1.0, phi[1], kernel + ": the other component takes every 4");
    }
  }

  @Test
  void impossibleObservationGivesMinusInfinityAndNoFit() {
    Histogram h = Histogram.ofCounts(new int[] {0, 7, 30}, new long[] {2, 1, 3});
    MixtureModel m = MixtureModel.of(Family.binomial(30), new double[] {0.4, 0.6}, new double[] {0, 1});
    for (KernelChoice kernel : KERNELS) {
      Expectations e = fitter(kernel).expectations(h, m);
      assertEquals(Double.NEGATIVE_INFINITY, e.logLikelihood(), kernel + " log-likelihood");
      assertEquals(2.0, e.expectedCounts()[0], 0.0, kernel.name());
      assertEquals(3.0, e.expectedCounts()[1], 0.0, kernel.name());
      assertEquals(Double.NEGATIVE_INFINITY, fitter(kernel).logLikelihood(h, m), kernel.name());
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fitter(kernel).fit(h, m));
      assertTrue(error.getMessage().contains("outcome 7 at bin 1"), error.getMessage());
    }
    assertEquals(Double.NEGATIVE_INFINITY, m.logLikelihood(h));
    // With a regular component beside them every observation is possible and the fit runs.
    MixtureModel ok = MixtureModel.of(Family.binomial(30), new double[] {0.4, 0.3, 0.3}, new double[] {0, 0.5, 1});
    FitResult fit = fitter(KernelChoice.SCALAR).fit(h, ok);
    assertTrue(fit.logLikelihood() <= 0 && fit.logLikelihood() > Double.NEGATIVE_INFINITY, fit.toString());
  }

  @Test
  void certainObservationsHaveLogLikelihoodZero() {
    Histogram h = Histogram.ofCounts(new int[] {12}, new long[] {1_000_000});
    for (KernelChoice kernel : KERNELS) {
      assertEquals(0.0, fitter(kernel).logLikelihood(h,
          MixtureModel.of(Family.binomial(12), new double[] {1}, new double[] {1})), 0.0, kernel.toString());
      double ll = fitter(kernel).logLikelihood(h,
          MixtureModel.of(Family.binomial(12), new double[] {0.5, 0.5}, new double[] {1, 1 - 1e-17}));
      assertTrue(ll <= 0, kernel + " " + ll);
      Histogram zeros = Histogram.ofCounts(new int[] {0, 3}, new long[] {5, 2});
      MixtureModel geo = MixtureModel.of(Family.geometric(), new double[] {0.5, 0.5}, new double[] {1, 0.5});
      double exact = 5 * Math.log(0.5 + 0.25) + 2 * Math.log(0.5 * 0.5 * 0.125);
      assertEquals(exact, fitter(kernel).logLikelihood(zeros, geo), 1e-13, kernel + " geometric p = 1");
      assertEquals(0.0, fitter(kernel).expectations(zeros, geo).expectedStatistics()[0], 0.0, kernel.toString());
    }
  }

  @Test
  void varyingTrialsMassAtEachBinsTrials() {
    TrialsHistogram h = TrialsHistogram.ofCounts(new int[] {5, 5, 9, 9}, new int[] {5, 2, 9, 0},
        new long[] {3, 1, 2, 4});
    MixtureModel m = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.5, 0.5}, new double[] {1, 0});
    for (KernelChoice kernel : KERNELS) {
      Expectations e = fitter(kernel).expectations(h, m);
      assertEquals(Double.NEGATIVE_INFINITY, e.logLikelihood(), kernel + " (2 of 5 is impossible)");
      assertEquals(5.0, e.expectedCounts()[0], 0.0, kernel + " N of the mass at n");
      assertEquals(4.0, e.expectedCounts()[1], 0.0, kernel + " N of the mass at 0");
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fitter(kernel).fit(h, m));
      assertTrue(error.getMessage().contains("outcome 2 of 5 trials"), error.getMessage());
    }
  }
}
