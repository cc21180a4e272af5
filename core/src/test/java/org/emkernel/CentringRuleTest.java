package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkernel.internal.engine.EmData;
import org.junit.jupiter.api.Test;

/**
 * When a session may skip the data's centring: where the family and the largest outcome alone rule it out, which
 * must never be where {@link Centring#of} would centre.
 */
class CentringRuleTest {
  private static EmData data(int... values) {
    Histogram h = Histogram.of(values);
    return EmData.of(h.x, null, h.c, h.size(), h.total());
  }

  @Test
  void theFamilyAndTheLargestOutcomeRuleOutWhatTheyCan() {
    EmData small = data(0, 1, 1, 4000);
    EmData large = data(0, 5000, 5000, 10000);
    assertTrue(Family.geometric().centringRuledOut(large));
    assertTrue(Family.binomial(10).centringRuledOut(small));
    assertTrue(Family.binomial((int) Centring.FROM - 1).centringRuledOut(small));
    assertFalse(Family.binomial((int) Centring.FROM).centringRuledOut(small));
    assertTrue(Family.poisson().centringRuledOut(small));
    assertFalse(Family.poisson().centringRuledOut(large));
    assertTrue(Family.negativeBinomial(3).centringRuledOut(small));
    assertFalse(Family.negativeBinomial(3).centringRuledOut(large));
    assertFalse(Family.negativeBinomial(5000).centringRuledOut(small));
    assertFalse(Family.binomialVaryingTrials().centringRuledOut(small), "trials: only Centring.of can tell");
  }

  /** Over outcomes up to 2^14 and sizes around the threshold, a ruled-out case is never one Centring.of centres. */
  @Test
  void whatIsRuledOutIsNeverCentred() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(31);
    int centred = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int top = 1 + random.nextInt(1 << 14);
      int[] values = new int[1 + random.nextInt(20)];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(top + 1);
      }
      EmData d = data(values);
      int size = 1 + random.nextInt(8192);
      Family[] families = {Family.poisson(), Family.geometric(), Family.negativeBinomial(size),
          Family.binomial(Math.max(size, top))};
      for (Family family : families) {
        Centring c = Centring.of(family, d);
        centred += c == null ? 0 : 1;
        if (family.centringRuledOut(d)) {
          assertNull(c, family.name() + " on outcomes up to " + top);
        }
      }
    }
    assertTrue(centred > 1000, "the data reached the centred form " + centred + " times");
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
    assertNotNull(Centring.of(Family.poisson(), data(0, 5000, 10000)), "Poisson on these outcomes is centred");
  }
}
