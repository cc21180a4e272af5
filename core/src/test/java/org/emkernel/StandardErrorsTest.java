package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Standard errors from the observed (outer-product) information against closed forms and against replication. */
class StandardErrorsTest {

  @Test
  void oneComponentClosedForms() {
    // Poisson: score (x − λ)/λ, so SE(λ) = λ / √(Σ c (x − λ)²) at λ = the sample mean.
    Histogram h = MixtureModel.of(Family.poisson(), new double[] {1}, new double[] {7}).sampleHistogram(50_000, 1);
    FitResult fit = EmFitter.create().fit(h, Family.poisson(), 1);
    double lambda = fit.model().param(0);
    double ss = 0;
    for (int b = 0; b < h.size(); b++) {
      ss += h.count(b) * (h.outcome(b) - lambda) * (h.outcome(b) - lambda);
    }
    StandardErrors se = fit.standardErrors();
    assertEquals(lambda / Math.sqrt(ss), se.param(0), 1e-9 * se.param(0));
    assertEquals(0.0, se.weight(0));
    // Binomial(n): score (x − nφ)/(φ(1 − φ)).
    Histogram hb = MixtureModel.of(Family.binomial(30), new double[] {1}, new double[] {0.3}).sampleHistogram(50_000, 2);
    FitResult fb = EmFitter.create().fit(hb, Family.binomial(30), 1);
    double phi = fb.model().param(0);
    double sb = 0;
    for (int b = 0; b < hb.size(); b++) {
      sb += hb.count(b) * (hb.outcome(b) - 30 * phi) * (hb.outcome(b) - 30 * phi);
    }
    assertEquals(phi * (1 - phi) / Math.sqrt(sb), fb.standardErrors().param(0), 1e-9 * phi);
  }

  @Test
  void mixtureErrorsMatchTheSpreadOverReplicates() {
    MixtureModel truth = MixtureModel.of(Family.poisson(), new double[] {0.4, 0.6}, new double[] {3, 9});
    int reps = 60;
    double[][] est = new double[reps][4];
    double[] meanSe = new double[4];
    for (int r = 0; r < reps; r++) {
      Histogram h = truth.sampleHistogram(20_000, 100 + r);
      FitResult fit = EmFitter.builder().tolerance(1e-13).build().fit(h, truth);
      StandardErrors se = fit.standardErrors();
      est[r] = new double[] {fit.model().weight(0), fit.model().weight(1), fit.model().param(0), fit.model().param(1)};
      double[] s = {se.weight(0), se.weight(1), se.param(0), se.param(1)};
      for (int i = 0; i < 4; i++) {
        meanSe[i] += s[i] / reps;
      }
      // The last free weight's error equals the first's: w_2 = 1 − w_1.
      assertEquals(se.weight(0), se.weight(1), 1e-12);
    }
    for (int i = 0; i < 4; i++) {
      double m = 0;
      for (double[] e : est) {
        m += e[i] / reps;
      }
      double v = 0;
      for (double[] e : est) {
        v += (e[i] - m) * (e[i] - m) / (reps - 1);
      }
      double sd = Math.sqrt(v);
      // With 60 replicates the sample SD is within about ±25% of the true one (3 standard errors of an SD).
      assertTrue(Math.abs(meanSe[i] / sd - 1) < 0.3, "coordinate " + i + ": mean SE " + meanSe[i] + ", spread " + sd);
    }
  }

  @Test
  void fixedAndBoundaryParameters() {
    Histogram h = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {2, 10})
        .sampleHistogram(20_000, 3);
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {2, 10});
    FitResult fit = EmFitter.builder().fixedParams(new boolean[] {true, false}).fixedWeights(new boolean[] {true, false})
        .build().fit(h, start);
    StandardErrors se = fit.standardErrors();
    assertEquals(0.0, se.param(0));
    assertEquals(0.0, se.weight(0));
    assertEquals(0.0, se.weight(1), "the only free weight is determined by the fixed one");
    assertTrue(se.param(1) > 0 && Double.isFinite(se.param(1)));
    // A bias on the boundary (all data 0 under a binomial) has an infinite error, never NaN.
    FitResult zero = EmFitter.create().fit(Histogram.ofCounts(new int[] {0}, new long[] {100}),
        MixtureModel.of(Family.binomial(10), new double[] {1}, new double[] {0.5}));
    assertEquals(0.0, zero.model().param(0));
    assertEquals(Double.POSITIVE_INFINITY, zero.standardErrors().param(0));
  }
}
