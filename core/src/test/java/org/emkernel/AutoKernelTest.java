package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkernel.internal.vectorization.DefaultEmKernel;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * AUTO: a session starts on the scalar kernel's product path and moves to the vector kernel after a count of
 * cells, so the same fit gives the same bits every run, and a fit that crosses the switch stays within the
 * kernels' bound (1e-12 relative) of the scalar reference.
 */
class AutoKernelTest {
  static final int TRIALS = 10;
  static final MixtureModel TRUTH = MixtureModel.of(Family.binomial(TRIALS),
      new double[] {0.3, 0.45, 0.25}, new double[] {0.15, 0.5, 0.8});
  static final MixtureModel START = MixtureModel.of(Family.binomial(TRIALS),
      new double[] {0.3, 0.4, 0.3}, new double[] {0.2, 0.4, 0.7});
  static final int ITERATIONS = 300;

  /** 11 outcomes: the truth's probabilities times 100000, rounded. */
  static Histogram data() {
    int[] outcomes = new int[TRIALS + 1];
    long[] counts = new long[TRIALS + 1];
    for (int x = 0; x <= TRIALS; x++) {
      outcomes[x] = x;
      double p = 0;
      for (int j = 0; j < 3; j++) {
        double phi = TRUTH.params()[j];
        p += TRUTH.weights()[j] * binomial(TRIALS, x) * Math.pow(phi, x) * Math.pow(1 - phi, TRIALS - x);
      }
      counts[x] = Math.round(1e5 * p);
    }
    return Histogram.ofCounts(outcomes, counts);
  }

  static double binomial(int n, int x) {
    double c = 1;
    for (int i = 1; i <= x; i++) {
      c = c * (n - x + i) / i;
    }
    return c;
  }

  /** Runs a fixed number of iterations; returns the model and the log-likelihood as its last weight slot. */
  static double[] run(EmSession session) {
    double logLik = session.eStep();
    for (int i = 0; i < ITERATIONS; i++) {
      logLik = session.iterate();
    }
    MixtureModel m = session.model();
    return new double[] {m.weights()[0], m.weights()[1], m.weights()[2], m.params()[0], m.params()[1],
        m.params()[2], logLik};
  }

  static EmSession auto(long switchAt) {
    EmSession session = EmFitter.builder().threads(1).build().session(data(), START);
    session.switchAt = switchAt;
    return session;
  }

  @Test
  void crossingTheSwitchStaysWithinTheBoundOfTheReference() {
    assertTrue(KernelProvider.vectorAvailable(), "core's tests run with the vector module");
    double[] reference = run(EmFitter.builder().kernel(KernelChoice.SCALAR).threads(1).build()
        .session(data(), START));
    double[] vectorOnly = run(EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build()
        .session(data(), START));
    // 16 padded bins × 3 components = 48 cells an E-step: the switch comes in the 51st E-step.
    EmSession session = auto(50 * 48);
    session.eStep();
    for (int i = 0; i < 49; i++) {
      session.iterate();
      assertEquals("scalar-products", session.kernelName());
    }
    session.iterate();
    assertEquals("vector", session.kernelName());
    double[] crossed = run(auto(50 * 48));
    for (int i = 0; i < reference.length; i++) {
      double scale = Math.max(Math.abs(reference[i]), 1e-300);
      assertEquals(reference[i], crossed[i], 1e-12 * scale, "entry " + i + " against the reference");
      assertEquals(reference[i], vectorOnly[i], 1e-12 * scale, "entry " + i + ", vector only");
    }
    // The fit recovers the truth it was made from.
    assertArrayEquals(TRUTH.params(), new double[] {crossed[3], crossed[4], crossed[5]}, 2e-3);
  }

  @Test
  void theSameFitGivesTheSameBitsEveryRun() {
    double[] first = run(auto(50 * 48));
    double[] second = run(auto(50 * 48));
    assertArrayEquals(first, second, 0.0);
    FitResult a = EmFitter.create().fit(data(), START);
    FitResult b = EmFitter.create().fit(data(), START);
    assertEquals(a.logLikelihood(), b.logLikelihood(), 0.0);
    assertArrayEquals(a.model().params(), b.model().params(), 0.0);
  }

  @Test
  void belowTheSwitchAutoIsTheScalarProductPath() {
    double[] auto = run(auto(KernelProvider.AUTO_SWITCH_CELLS));
    EmSession products = new EmSession(DefaultEmKernel.PRODUCTS, 1, DataChecks.data(data(), START), START,
        null, null, EmFitter.DEFAULT_DYING_THRESHOLD);
    assertArrayEquals(run(products), auto, 0.0);
    assertEquals("auto", EmFitter.create().kernelName());
  }
}
