package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkernel.internal.engine.EmData;
import org.junit.jupiter.api.Test;

/** Which families a session may skip the data's centring for: those whose centring the family alone rules out. */
class CentringRuleTest {
  /** Outcomes 0, 5000, 10000 (each counted 3 times): large enough that data-dependent families centre. */
  private static EmData largeOutcomes() {
    int[] values = {0, 0, 0, 5000, 5000, 5000, 10000, 10000, 10000};
    Histogram h = Histogram.of(values);
    return EmData.of(h.x, null, h.c, h.size(), h.total());
  }

  @Test
  void theFamilyAloneRulesOutTheGeometricAndBinomialsOfFewTrials() {
    assertTrue(Centring.ruledOut(Family.geometric()));
    assertTrue(Centring.ruledOut(Family.binomial(10)));
    assertTrue(Centring.ruledOut(Family.binomial((int) Centring.FROM - 1)));
    assertFalse(Centring.ruledOut(Family.binomial((int) Centring.FROM)));
    assertFalse(Centring.ruledOut(Family.poisson()));
    assertFalse(Centring.ruledOut(Family.negativeBinomial(3)));
  }

  @Test
  void aRuledOutFamilyIsNeverCentredAndTheOthersStillAre() {
    EmData d = largeOutcomes();
    assertNull(Centring.of(Family.geometric(), d));
    assertNotNull(Centring.of(Family.poisson(), d));
    assertNotNull(Centring.of(Family.negativeBinomial(3), d));
    assertNotNull(Centring.of(Family.binomial(20000), d));
  }

  @Test
  void theGeometricOnLargeOutcomesKeepsItsDirectLogLikelihood() {
    // The geometric's log-likelihood of these data, by its own terms: Σ c·(log p + x·log(1 − p)) at p = 1/(1 + mean).
    Histogram h = Histogram.of(new int[] {0, 0, 0, 5000, 5000, 5000, 10000, 10000, 10000});
    MixtureModel model = MixtureModel.of(Family.geometric(), new double[] {1}, new double[] {1 / 5001.0});
    double direct = 0;
    for (int b = 0; b < h.size(); b++) {
      direct += h.count(b) * (Math.log(1 / 5001.0) + h.outcome(b) * Math.log1p(-1 / 5001.0));
    }
    double logLik = EmFitter.builder().build().expectations(h, model).logLikelihood();
    assertEquals(direct, logLik, 1e-12 * Math.abs(direct));
  }
}
