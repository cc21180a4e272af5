package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's code runs as shown and gives sensible values. */
class ReadmeExamplesTest {

  @Test
  void usage() {
    int[] heads = {6, 5, 4, 2, 2, 6, 5, 5, 4, 2, 5, 2, 4, 4, 6, 4, 5, 6, 3, 3};
    Histogram data = Histogram.of(heads);
    MixtureModel start = MixtureModel.of(Family.binomial(10),
        new double[] {0.25, 0.5, 0.25},
        new double[] {0.4, 0.5, 0.65});
    FitResult fit = EmFitter.builder().tolerance(1e-10).maxIterations(1000).build().fit(data, start);
    assertTrue(fit.converged());
    assertEquals(20, data.total());
    assertEquals(3, fit.model().components());
    assertTrue(fit.logLikelihood() > fit.trace()[0]);
  }

  @Test
  void familiesInitialisationModelSelection() {
    Histogram counts = Histogram.ofCounts(new int[] {0, 1, 2, 3, 7, 8, 9}, new long[] {90, 70, 30, 10, 40, 55, 35});
    EmFitter fitter = EmFitter.builder().seed(42).restarts(5).accelerate(true).build();
    FitResult poisson = fitter.fit(counts, Family.poisson(), 2);
    SelectionResult best = fitter.selectComponents(counts, Family.poisson(), 1, 5, Criterion.BIC);
    int[] draws = best.best().model().sample(1_000_000, 7L);
    assertEquals(2, poisson.model().components());
    // Two clusters of counts, near 0.9 and 8: the low and high rates are found.
    double lo = Math.min(poisson.model().param(0), poisson.model().param(1));
    double hi = Math.max(poisson.model().param(0), poisson.model().param(1));
    assertEquals(0.9, lo, 0.3);
    assertEquals(8.0, hi, 0.5);
    assertTrue(best.best().bic() <= poisson.bic() + 1e-9);
    assertEquals(1_000_000, draws.length);
    assertArrayEquals(draws, best.best().model().sample(1_000_000, 7L));
  }
}
