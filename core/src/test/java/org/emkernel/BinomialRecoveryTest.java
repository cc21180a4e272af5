package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EM recovers a known 3-component binomial mixture (n = 20) from 10^6 seeded samples. */
class BinomialRecoveryTest {
  static final double[] WEIGHTS = {0.2, 0.5, 0.3};
  static final double[] BIASES = {0.15, 0.5, 0.8};
  static final int TRIALS = 20;

  static int[] sample(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] obs = new int[count];
    for (int i = 0; i < count; i++) {
      double u = rnd.nextDouble();
      int k = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
      int heads = 0;
      for (int t = 0; t < TRIALS; t++) {
        if (rnd.nextDouble() < BIASES[k]) {
          heads++;
        }
      }
      obs[i] = heads;
    }
    return obs;
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void recoversWeightsAndBiases(KernelChoice kernel) {
    Histogram h = Histogram.of(sample(1_000_000, 20261125L));
    assertEquals(1_000_000, h.total());
    MixtureModel start = MixtureModel.of(Family.binomial(TRIALS), new double[] {0.4, 0.3, 0.3},
        new double[] {0.6, 0.3, 0.45});
    FitResult fit = EmFitter.builder().kernel(kernel).tolerance(1e-12).maxIterations(10_000).build().fit(h, start);
    assertTrue(fit.converged());
    // Match components by sorting on the bias.
    MixtureModel m = fit.model();
    Integer[] order = {0, 1, 2};
    java.util.Arrays.sort(order, (p, q) -> Double.compare(m.param(p), m.param(q)));
    for (int k = 0; k < 3; k++) {
      assertEquals(BIASES[k], m.param(order[k]), 0.01, "bias " + k);
      assertEquals(WEIGHTS[k], m.weight(order[k]), 0.01, "weight " + k);
    }
  }
}
