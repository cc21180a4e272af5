package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SQUAREM reaches plain EM's fixed point, in far fewer E-steps on slow-converging data. */
class SquaremTest {

  static void assertSameFixedPoint(FitResult plain, FitResult fast) {
    assertTrue(plain.converged() && fast.converged(), plain + " / " + fast);
    assertEquals(plain.logLikelihood(), fast.logLikelihood(), 1e-9 * Math.abs(plain.logLikelihood()),
        plain + " / " + fast);
    // SQUAREM's result is never worse than plain EM's beyond rounding.
    assertTrue(fast.logLikelihood() >= plain.logLikelihood() - 1e-12 * Math.abs(plain.logLikelihood()));
  }

  @Test
  void heavilyOverlappingBinomialsConvergeToTheSameFixedPointInFarFewerESteps() {
    MixtureModel truth = MixtureModel.of(Family.binomial(20), new double[] {0.5, 0.5}, new double[] {0.4, 0.5});
    Histogram h = truth.sampleHistogram(1_000_000, 77);
    MixtureModel start = MixtureModel.of(Family.binomial(20), new double[] {0.3, 0.7}, new double[] {0.3, 0.6});
    FitResult plain = EmFitter.builder().tolerance(1e-14).maxIterations(1_000_000).build().fit(h, start);
    FitResult fast = EmFitter.builder().tolerance(1e-14).maxIterations(1_000_000).accelerate(true).build()
        .fit(h, start);
    assertSameFixedPoint(plain, fast);
    // Measured on this data: plain EM 3085 E-steps, SQUAREM 151 (62 cycles).
    assertTrue(10 * fast.eSteps() < plain.eSteps(), "E-steps: plain " + plain.eSteps() + ", SQUAREM " + fast.eSteps());
    assertTrue(fast.eSteps() > fast.iterations() * 2, "each cycle takes at least 2 E-steps");
    // Plain EM driven far past its stopping rule (the log-likelihood stops changing in double long before
    // the parameters do) lands on SQUAREM's parameters.
    EmSession session = EmFitter.create().session(h, start);
    session.eStep();
    for (int i = 0; i < 100_000; i++) {
      session.iterate();
    }
    assertArrayEquals(session.model().params(), fast.model().params(), 1e-7);
    assertArrayEquals(session.model().weights(), fast.model().weights(), 1e-6);
  }

  @Test
  void everyFamilyReachesThePlainFixedPoint() {
    MixtureModel[] truths = {
        MixtureModel.of(Family.poisson(), new double[] {0.3, 0.4, 0.3}, new double[] {3, 7, 14}),
        MixtureModel.of(Family.geometric(), new double[] {0.5, 0.5}, new double[] {0.2, 0.6}),
        MixtureModel.of(Family.negativeBinomial(4), new double[] {0.6, 0.4}, new double[] {0.3, 0.5}),
        MixtureModel.of(Family.binomial(12), new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.35, 0.5})};
    for (MixtureModel truth : truths) {
      Histogram h = truth.sampleHistogram(200_000, 5);
      EmFitter plain = EmFitter.builder().tolerance(1e-14).maxIterations(200_000).build();
      EmFitter fast = EmFitter.builder().tolerance(1e-14).maxIterations(200_000).accelerate(true).build();
      FitResult p = plain.fit(h, truth.family(), truth.components());
      FitResult f = fast.fit(h, truth.family(), truth.components());
      assertSameFixedPoint(p, f);
      assertTrue(f.eSteps() < p.eSteps(), truth.family() + ": " + p.eSteps() + " vs " + f.eSteps());
    }
    MixtureModel varying = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.5, 0.5},
        new double[] {0.3, 0.4});
    int[] trials = new int[200_000];
    for (int i = 0; i < trials.length; i++) {
      trials[i] = 5 + i % 40;
    }
    TrialsHistogram t = TrialsHistogram.of(trials, varying.sampleSuccesses(trials, 6));
    FitResult p = EmFitter.builder().tolerance(1e-14).maxIterations(200_000).build().fit(t, varying.family(), 2);
    FitResult f = EmFitter.builder().tolerance(1e-14).maxIterations(200_000).accelerate(true).build()
        .fit(t, varying.family(), 2);
    assertSameFixedPoint(p, f);
  }
}
