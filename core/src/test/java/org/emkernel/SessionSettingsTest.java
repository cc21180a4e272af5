package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session (and a single step) from a fitter runs the fitter's M-step: its fixed weights, fixed parameters
 * and dying threshold, as {@link EmFitter#fit} does; iterating a session reproduces a plain fit bit for bit.
 */
class SessionSettingsTest {
  private static final MixtureModel START = MixtureModel.of(Family.binomial(10),
      new double[] {0.25, 0.5, 0.25}, new double[] {0.4, 0.5, 0.65});

  /** Counts of heads in 10 flips, from three coins of biases 0.2, 0.5, 0.8. */
  private static Histogram data() {
    long[] counts = {30, 60, 90, 110, 140, 160, 140, 110, 90, 60, 30};
    int[] outcomes = new int[11];
    for (int x = 0; x <= 10; x++) {
      outcomes[x] = x;
    }
    return Histogram.ofCounts(outcomes, counts);
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void sessionKeepsTheFittersFixedWeightsAndParameters(KernelChoice kernel) {
    EmFitter fitter = EmFitter.builder().kernel(kernel).accelerate(false).maxIterations(20)
        .fixedWeights(new boolean[] {true, false, false}).fixedParams(new boolean[] {false, false, true}).build();
    FitResult fit = fitter.fit(data(), START);
    EmSession session = fitter.session(data(), START);
    session.eStep();
    for (int i = 0; i < fit.iterations(); i++) {
      session.iterate();
    }
    MixtureModel model = session.model();
    assertEquals(0.25, model.weights()[0], 0.0, "fixed weight");
    assertEquals(0.65, model.params()[2], 0.0, "fixed parameter");
    assertEquals(0.75, model.weights()[1] + model.weights()[2], 1e-15, "free weights share the rest");
    assertNotEquals(0.4, model.params()[0], "a free parameter moves");
    // A plain fit() is the same computation: M-step, E-step, as many times.
    assertTrue(fit.iterations() > 0);
    assertArrayEquals(fit.model().weights(), model.weights(), 0.0);
    assertArrayEquals(fit.model().params(), model.params(), 0.0);
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void stepKeepsTheFittersFixedValues(KernelChoice kernel) {
    EmFitter fitter = EmFitter.builder().kernel(kernel)
        .fixedWeights(new boolean[] {false, true, false}).fixedParams(new boolean[] {true, false, false}).build();
    MixtureModel next = fitter.step(data(), START);
    assertEquals(0.5, next.weights()[1], 0.0);
    assertEquals(0.4, next.params()[0], 0.0);
    // Without fixed values the same step moves both.
    MixtureModel free = EmFitter.builder().kernel(kernel).build().step(data(), START);
    assertNotEquals(0.5, free.weights()[1]);
    assertNotEquals(0.4, free.params()[0]);
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void sessionFreezesComponentsAtTheFittersDyingThreshold(KernelChoice kernel) {
    EmSession probe = EmFitter.builder().kernel(kernel).build().session(data(), START);
    probe.eStep();
    double[] n = probe.expectedCounts();
    // A threshold between the smallest expected count and the others: that component's parameter is kept.
    int smallest = 0;
    for (int j = 1; j < n.length; j++) {
      if (n[j] < n[smallest]) {
        smallest = j;
      }
    }
    double threshold = n[smallest] * 1.001;
    for (int j = 0; j < n.length; j++) {
      assertTrue(j == smallest || n[j] > threshold, "the threshold singles out one component");
    }
    EmSession session = EmFitter.builder().kernel(kernel).dyingThreshold(threshold).build().session(data(), START);
    session.eStep();
    session.mStep();
    assertEquals(START.params()[smallest], session.model().params()[smallest], 0.0);
    assertTrue(session.dying(smallest));
    probe.mStep();
    assertNotEquals(START.params()[smallest], probe.model().params()[smallest]);
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void maskOfTheWrongLengthIsRefused(KernelChoice kernel) {
    EmFitter fitter = EmFitter.builder().kernel(kernel).fixedWeights(new boolean[] {true, false}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.session(data(), START));
    assertEquals("fixedWeights has length 2 but the model has K = 3 components", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fitter.step(data(), START));
    // Queries without an M-step take no mask.
    assertEquals(EmFitter.builder().kernel(kernel).build().logLikelihood(data(), START),
        fitter.logLikelihood(data(), START), 0.0);
  }
}
