package org.emkernel;

import static org.emkernel.ValidationTest.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fitter's limits: tolerances, components the data cannot tell apart, empty information, interrupts, threads. */
class FitLimitsTest {
  /** 1000 draws of a binomial(10) mixture over all 11 outcomes. */
  private static Histogram binomialData() {
    return Histogram.of(
        MixtureModel.of(Family.binomial(10), new double[] {0.3, 0.7}, new double[] {0.2, 0.7}).sample(1000, 3));
  }

  @Test
  void toleranceOfOneOrMoreIsRefused() {
    rejects(() -> EmFitter.builder().tolerance(1), "tolerance 1.0", "below 1");
    rejects(() -> EmFitter.builder().tolerance(1e308), "1.0E308");
    rejects(() -> EmFitter.builder().tolerance(Double.POSITIVE_INFINITY), "Infinity");
    assertEquals(0.999, EmFitter.builder().tolerance(0.999).build().tolerance());
  }

  @Test
  void moreComponentsThanDistinctOutcomesAreRefused() {
    // Ten observations on three outcomes: four components cannot be told apart.
    Histogram h = Histogram.ofCounts(new int[] {4, 9, 17}, new long[] {3, 3, 4});
    rejects(() -> EmFitter.create().fit(h, Family.poisson(), 4), "K = 4", "distinct outcomes 3");
    rejects(() -> EmFitter.create().selectComponents(h, Family.poisson(), 1, 5, Criterion.BIC), "K = 5",
        "distinct outcomes 3");
    assertEquals(3, EmFitter.create().fit(h, Family.poisson(), 3).model().components());
    // Bins with count 0 are no outcomes.
    Histogram zeros = Histogram.ofCounts(new int[] {1, 2, 3}, new long[] {5, 0, 5});
    rejects(() -> EmFitter.create().fit(zeros, Family.poisson(), 3), "distinct outcomes 2");
  }

  @Test
  void moreBinomialComponentsThanTheTrialsIdentifyAreRefused() {
    // n = 10 identifies at most 5 components (n >= 2K - 1); the issue's -k 20 gave 9 identical ones.
    Histogram h = binomialData();
    rejects(() -> EmFitter.create().fit(h, Family.binomial(10), 6), "K = 6", "n = 10", "5");
    rejects(() -> EmFitter.create().fit(h, Family.binomial(10), 20), "K = 20");
    assertEquals(5, EmFitter.create().fit(h, Family.binomial(10), 5).model().components());
  }

  @Test
  void aNegativeBinomialSizeTooLargeToRepresentIsRefused() {
    // Issue 22, defect 9: r from 1e17 to 1e305 fitted p = 1.0 with log-likelihood -5.3e6, "converged".
    rejects(() -> Family.negativeBinomial(1e17), "r = 1.0E17", "Poisson");
    rejects(() -> Family.negativeBinomial(1e305), "r = 1.0E305");
    rejects(() -> Family.negativeBinomial(Family.MAX_SIZE * (1 + 1e-15)), "exceeds");
    // At the largest size the fit is the Poisson limit's: Poisson(2, 9) data as in the issue.
    Histogram h = Histogram.of(
        MixtureModel.of(Family.poisson(), new double[] {0.3, 0.7}, new double[] {2, 9}).sample(1000, 1));
    FitResult poisson = EmFitter.create().fit(h, Family.poisson(), 2);
    FitResult large = EmFitter.create().fit(h, Family.negativeBinomial(Family.MAX_SIZE), 2);
    assertEquals(poisson.logLikelihood(), large.logLikelihood(), 1e-3 * Math.abs(poisson.logLikelihood()));
    assertTrue(large.model().param(0) < 1 && large.model().param(1) < 1, large.model().toString());
  }

  @Test
  void trialsDataWithoutTrialsAreRefused() {
    TrialsHistogram none = TrialsHistogram.of(new int[] {0, 0, 0}, new int[] {0, 0, 0});
    rejects(() -> EmFitter.create().fit(none, Family.binomialVaryingTrials(), 1), "0 trials", "no information");
    MixtureModel m = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {1}, new double[] {0.5});
    rejects(() -> EmFitter.create().fit(none, m), "0 trials");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anInterruptedFitEndsWithCancellationAndKeepsTheStatus(boolean accelerate) {
    Histogram h = binomialData();
    MixtureModel start = MixtureModel.of(Family.binomial(10), new double[] {0.5, 0.5}, new double[] {0.4, 0.6});
    EmFitter fitter = EmFitter.builder().tolerance(0).maxIterations(Integer.MAX_VALUE).accelerate(accelerate)
        .build();
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> fitter.fit(h, start));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
    } finally {
      Thread.interrupted();
    }
    assertThrows(CancellationException.class, () -> {
      Thread.currentThread().interrupt();
      try {
        fitter.fit(h, Family.binomial(10), 2);
      } finally {
        Thread.interrupted();
      }
    });
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anInterruptFromAnotherThreadStopsAFitWithoutEnd(boolean accelerate) throws InterruptedException {
    // Tolerance 0 and no iteration limit: without the check this fit would run until a bit-exact fixed point.
    Histogram h = Histogram.of(
        MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {1e6, 1e6 + 3000}).sample(10_000, 5));
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {9e5, 1.1e6});
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
    EmFitter fitter = EmFitter.builder().tolerance(0).maxIterations(Integer.MAX_VALUE).accelerate(accelerate)
        .listener((iteration, logLik, nanos) -> {
          if (iteration == 3) {
            // Hold the fit here until the interrupt arrives (without clearing it), then go on.
            running.countDown();
            while (!Thread.currentThread().isInterrupted()) {
              Thread.onSpinWait();
            }
          }
          return true;
        }).build();
    Thread fit = new Thread(() -> {
      try {
        fitter.fit(h, start);
        outcome.set(new AssertionError("the fit ended by itself"));
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    fit.start();
    running.await();
    fit.interrupt();
    fit.join();
    assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
  }

  @Test
  void threadsAboveTheProcessorsAreCapped() {
    int processors = Runtime.getRuntime().availableProcessors();
    assertEquals(processors, EmFitter.builder().threads(1000).build().threads());
    assertEquals(1, EmFitter.builder().threads(1).build().threads());
    assertEquals(Math.min(2, processors), EmFitter.builder().threads(2).build().threads());
    assertFalse(EmFitter.builder().threads(1024).build().threads() > processors);
    rejects(() -> EmFitter.builder().threads(0), "threads 0");
  }
}
