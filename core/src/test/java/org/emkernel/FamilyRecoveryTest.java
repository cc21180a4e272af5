package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Parameter recovery for every family: 10^6 seeded observations from a well-separated K = 3 mixture, fitted
 * from the default k-means++ start; components matched by sorting on the parameter. With 10^6 observations
 * the standard errors are below 0.003 for every weight and bias here, so the tolerances are several SEs.
 */
class FamilyRecoveryTest {
  static final long N = 1_000_000;
  static final double WEIGHT_TOLERANCE = 0.01;

  static FitResult fit(Histogram h, Family f) {
    return EmFitter.builder().restarts(3).seed(11).build().fit(h, f, 3);
  }

  /** Asserts weights within WEIGHT_TOLERANCE and params within the given relative tolerance, after sorting by parameter. */
  static void assertRecovered(MixtureModel truth, MixtureModel fitted, double paramRelTolerance) {
    assertEquals(truth.components(), fitted.components());
    int[] ot = order(truth.params());
    int[] of = order(fitted.params());
    for (int i = 0; i < ot.length; i++) {
      double p = truth.param(ot[i]);
      assertEquals(p, fitted.param(of[i]), paramRelTolerance * p, "parameter of component " + i + " in " + fitted);
      assertEquals(truth.weight(ot[i]), fitted.weight(of[i]), WEIGHT_TOLERANCE, "weight of component " + i + " in " + fitted);
    }
  }

  static int[] order(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  @Test
  void binomial() {
    MixtureModel truth = MixtureModel.of(Family.binomial(50), new double[] {0.3, 0.5, 0.2}, new double[] {0.1, 0.5, 0.85});
    Histogram h = truth.sampleHistogram(N, 1);
    assertEquals(N, h.total());
    FitResult fit = fit(h, truth.family());
    assertTrue(fit.converged());
    assertRecovered(truth, fit.model(), 0.01);
  }

  @Test
  void poisson() {
    MixtureModel truth = MixtureModel.of(Family.poisson(), new double[] {0.3, 0.5, 0.2}, new double[] {2, 15, 40});
    Histogram h = truth.sampleHistogram(N, 2);
    assertEquals(N, h.total());
    FitResult fit = fit(h, truth.family());
    assertTrue(fit.converged());
    assertRecovered(truth, fit.model(), 0.01);
  }

  @Test
  void geometric() {
    // Geometric components all have their mode at 0 and overlap: SEs are about 0.3% of p, so 2% is ~6 SEs.
    MixtureModel truth = MixtureModel.of(Family.geometric(), new double[] {0.3, 0.4, 0.3}, new double[] {0.01, 0.1, 0.7});
    Histogram h = truth.sampleHistogram(N, 3);
    FitResult fit = EmFitter.builder().restarts(3).seed(11).maxIterations(20_000).build().fit(h, truth.family(), 3);
    assertTrue(fit.converged());
    assertRecovered(truth, fit.model(), 0.02);
  }

  @Test
  void negativeBinomial() {
    MixtureModel truth = MixtureModel.of(Family.negativeBinomial(20), new double[] {0.3, 0.5, 0.2},
        new double[] {0.2, 0.5, 0.9});
    Histogram h = truth.sampleHistogram(N, 4);
    FitResult fit = fit(h, truth.family());
    assertTrue(fit.converged());
    assertRecovered(truth, fit.model(), 0.01);
  }

  @Test
  void binomialWithVaryingTrials() {
    MixtureModel truth = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.3, 0.5, 0.2},
        new double[] {0.1, 0.5, 0.85});
    int[] trials = new int[(int) N];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < trials.length; i++) {
      trials[i] = 10 + r.nextInt(51);
    }
    int[] successes = truth.sampleSuccesses(trials, 6);
    TrialsHistogram h = TrialsHistogram.of(trials, successes);
    assertEquals(N, h.total());
    FitResult fit = EmFitter.builder().restarts(3).seed(11).build().fit(h, truth.family(), 3);
    assertTrue(fit.converged());
    assertRecovered(truth, fit.model(), 0.01);
  }
}
