package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extreme inputs give finite results and posteriors that sum to 1, on both kernels. */
class HardNumericsTest {

  static void assertSane(String kernel, Histogram h, MixtureModel m) {
    EmFitter fitter = fitter(kernel);
    double[][] post = fitter.posteriors(h, m);
    for (int b = 0; b < post.length; b++) {
      double sum = 0;
      for (double p : post[b]) {
        assertTrue(p >= 0 && p <= 1 + 1e-15, "posterior " + p + " at bin " + b);
        sum += p;
      }
      assertEquals(1.0, sum, 1e-12, "posteriors of bin " + b);
    }
    Expectations e = fitter.expectations(h, m);
    assertTrue(Double.isFinite(e.logLikelihood()), "log-likelihood " + e.logLikelihood());
    double total = 0;
    for (double n : e.expectedCounts()) {
      assertTrue(Double.isFinite(n) && n >= 0, "N_k " + n);
      total += n;
    }
    assertEquals(h.total(), total, 1e-9 * h.total());
    for (double s : e.expectedStatistics()) {
      assertTrue(Double.isFinite(s) && s >= 0, "S_k " + s);
    }
    FitResult fit = Kernels.fitter(kernel, EmFitter.builder().maxIterations(50)).fit(h, m);
    assertTrue(Double.isFinite(fit.logLikelihood()));
    for (int k = 0; k < fit.model().components(); k++) {
      assertTrue(Double.isFinite(fit.model().weight(k)) && Double.isFinite(fit.model().param(k)));
    }
    double[] trace = fit.trace();
    for (int i = 1; i < trace.length; i++) {
      assertTrue(trace[i] >= trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]), "trace " + i + ": " + trace[i - 1] + " -> " + trace[i]);
    }
  }

  static EmFitter fitter(String kernel) {
    return Kernels.fitter(kernel, EmFitter.builder());
  }

  static Histogram binomialData(int n, double phi, int bins, long seed) {
    // Counts spread over outcomes around n·φ, all within [0, n].
    SplittableRandom rnd = new SplittableRandom(seed);
    int centre = (int) Math.round(n * phi);
    int[] outs = new int[bins];
    long[] counts = new long[bins];
    for (int i = 0; i < bins; i++) {
      outs[i] = Math.max(0, Math.min(n, centre - bins / 2 + i));
      counts[i] = 1 + rnd.nextInt(1000);
    }
    return Histogram.ofCounts(outs, counts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void millionTrials(String kernel) {
    int n = 1_000_000;
    Histogram h = binomialData(n, 0.3, 2001, 1);
    MixtureModel m = MixtureModel.of(Family.binomial(n), new double[] {0.3, 0.4, 0.3},
        new double[] {0.2999, 0.3, 0.3001});
    assertSane(kernel, h, m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void extremeBiases(String kernel) {
    int n = 1000;
    int[] outs = new int[n + 1];
    long[] counts = new long[n + 1];
    for (int x = 0; x <= n; x++) {
      outs[x] = x;
      counts[x] = 1 + (x * 7919L) % 13;
    }
    Histogram h = Histogram.ofCounts(outs, counts);
    MixtureModel m = MixtureModel.of(Family.binomial(n), new double[] {0.2, 0.2, 0.2, 0.2, 0.2},
        new double[] {1e-12, 1 - 1e-12, 0.0, 1.0, 0.5});
    assertSane(kernel, h, m);
    // Only exactly-0 and exactly-1 components: every outcome strictly inside (0, n) is impossible, so the
    // log-likelihood is −∞ (not a clamped finite number), the masses keep only their own outcomes' counts, and
    // posteriors and a fit are refused naming the first impossible outcome.
    MixtureModel edges = MixtureModel.of(Family.binomial(n), new double[] {0.5, 0.5}, new double[] {0.0, 1.0});
    Expectations e = fitter(kernel).expectations(h, edges);
    assertEquals(Double.NEGATIVE_INFINITY, e.logLikelihood());
    assertEquals(counts[0], e.expectedCounts()[0], 0.0);
    assertEquals(counts[n], e.expectedCounts()[1], 0.0);
    IllegalArgumentException posteriors = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> fitter(kernel).posteriors(h, edges));
    assertTrue(posteriors.getMessage().contains("outcome 1 at bin 1"), posteriors.getMessage());
    IllegalArgumentException fit = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> fitter(kernel).fit(h, edges));
    assertTrue(fit.getMessage().contains("outcome 1 at bin 1"), fit.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void manyComponents(String kernel) {
    int n = 500;
    int k = 256;
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      phi[j] = (j + 0.5) / k;
    }
    assertSane(kernel, binomialData(n, 0.5, 501, 3), MixtureModel.of(Family.binomial(n), w, phi));
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void componentWhoseWeightDiesOut(String kernel) {
    // A component far from all data, and one with weight exactly 0.
    Histogram h = binomialData(100, 0.2, 21, 4);
    MixtureModel m = MixtureModel.of(Family.binomial(100), new double[] {0.5, 0.5 - 1e-300, 1e-300, 0},
        new double[] {0.2, 0.25, 0.999, 0.9});
    assertSane(kernel, h, m);
    FitResult fit = Kernels.fitter(kernel, EmFitter.builder().maxIterations(200)).fit(h, m);
    assertEquals(0.0, fit.model().weight(3));
    assertTrue(fit.model().weight(2) < 1e-100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void allDataInOneOutcome(String kernel) {
    Histogram h = Histogram.ofCounts(new int[] {7}, new long[] {5_000_000_000L});
    MixtureModel m = MixtureModel.of(Family.binomial(10), new double[] {0.5, 0.5}, new double[] {0.3, 0.8});
    assertSane(kernel, h, m);
    FitResult fit = Kernels.fitter(kernel, EmFitter.builder()).fit(h, m);
    // Both components move to the single outcome's frequency.
    assertEquals(0.7, fit.model().param(0), 1e-6);
    assertEquals(0.7, fit.model().param(1), 1e-6);
    // The all-zero and all-n outcomes under biases exactly 0 and 1.
    Histogram zeros = Histogram.ofCounts(new int[] {0}, new long[] {10});
    FitResult atZero = Kernels.fitter(kernel, EmFitter.builder()).fit(zeros,
        MixtureModel.of(Family.binomial(10), new double[] {1}, new double[] {0.5}));
    assertEquals(0.0, atZero.model().param(0));
    assertEquals(0.0, atZero.logLikelihood(), 1e-12);
    assertSane(kernel, zeros, atZero.model());
  }
}
