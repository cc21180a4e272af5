package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input raises IllegalArgumentException whose message names the bad value and where it is. */
class ValidationTest {
  static final Family B10 = Family.binomial(10);

  static void rejects(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void negativeCounts() {
    rejects(() -> Histogram.ofCounts(new int[] {1, 2, 3}, new long[] {4, -5, 6}), "-5", "index 1");
  }

  @Test
  void negativeOutcomes() {
    rejects(() -> Histogram.of(new int[] {3, 4, -2, 5}), "-2", "index 2");
    rejects(() -> Histogram.ofCounts(new int[] {3, -7}, new long[] {1, 1}), "-7", "index 1");
    // Huge outcomes take the sorting path; a negative one there is still named.
    rejects(() -> Histogram.of(new int[] {Integer.MAX_VALUE, 4, -9}), "-9", "index 2");
  }

  @Test
  void outcomeAboveTrials() {
    Histogram h = Histogram.of(new int[] {3, 4, 11, 5});
    MixtureModel m = MixtureModel.of(B10, new double[] {1}, new double[] {0.5});
    rejects(() -> EmFitter.create().fit(h, m), "outcome 11", "bin 3", "n = 10");
    rejects(() -> EmFitter.create().expectations(h, m), "outcome 11");
    // Several too large: the first is named, from a given start and a seeded one alike.
    Histogram several = Histogram.of(new int[] {3, 12, 11, 5, 14});
    rejects(() -> EmFitter.create().fit(several, m), "outcome 11 at bin 2", "n = 10");
    rejects(() -> EmFitter.create().fit(several, B10, 1), "outcome 11 at bin 2", "n = 10");
  }

  @Test
  void trialsBelowOne() {
    rejects(() -> Family.binomial(0), "n = 0");
    rejects(() -> Family.binomial(-3), "n = -3");
  }

  @Test
  void badWeights() {
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, -0.1, 0.6}, new double[] {0.1, 0.2, 0.3}),
        "-0.1", "index 1");
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, Double.NaN}, new double[] {0.1, 0.2}), "NaN", "index 1");
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.4}, new double[] {0.1, 0.2}), "sum to 0.9");
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.5 + 1e-8}, new double[] {0.1, 0.2}), "sum to");
    // Within 1e-9 is accepted.
    MixtureModel.of(B10, new double[] {0.5, 0.5 + 1e-10}, new double[] {0.1, 0.2});
  }

  @Test
  void badBiases() {
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.5}, new double[] {0.1, 1.5}), "1.5", "component 1");
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.5}, new double[] {-0.01, 0.5}), "-0.01", "component 0");
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.5}, new double[] {0.1, Double.NaN}), "NaN", "component 1");
  }

  @Test
  void noComponents() {
    rejects(() -> MixtureModel.of(B10, new double[0], new double[0]), "K = 0");
  }

  @Test
  void emptyHistogram() {
    MixtureModel m = MixtureModel.of(B10, new double[] {1}, new double[] {0.5});
    rejects(() -> EmFitter.create().fit(Histogram.of(new int[0]), m), "empty");
    rejects(() -> EmFitter.create().fit(Histogram.empty(), m), "empty");
    rejects(() -> EmFitter.create().fit(Histogram.ofCounts(new int[] {3}, new long[] {0}), m), "empty");
  }

  @Test
  void mismatchedLengths() {
    rejects(() -> MixtureModel.of(B10, new double[] {0.5, 0.5}, new double[] {0.1, 0.2, 0.3}), "length 2", "length 3");
    rejects(() -> Histogram.ofCounts(new int[] {1, 2}, new long[] {1}), "length 2", "length 1");
  }

  @Test
  void badFitterSettings() {
    rejects(() -> EmFitter.builder().tolerance(-1), "-1");
    rejects(() -> EmFitter.builder().tolerance(Double.NaN), "NaN");
    rejects(() -> EmFitter.builder().maxIterations(-5), "-5");
    rejects(() -> Histogram.of(new int[] {1, 2, 3}, 2, 5), "[2, 5)");
  }

  @Test
  void reviewFindings() {
    // A bad kernel property fails the call that reads it, not the library for the rest of the JVM.
    System.setProperty("emkernel.kernel", "simd");
    try {
      rejects(EmFitter::create, "emkernel.kernel", "simd");
    } finally {
      System.clearProperty("emkernel.kernel");
    }
    MixtureModel m = MixtureModel.of(B10, new double[] {1}, new double[] {0.5});
    Histogram h = Histogram.of(new int[] {1, 2, 3});
    EmFitter.create().fit(h, m);
    rejects(() -> EmFitter.create().fit(h, Family.binomial(10), 4), "K = 4", "observations 3");
    rejects(() -> EmFitter.create().fit(h, Family.binomial(10), 100_000_000), "K = 100000000");
    rejects(() -> EmFitter.create().selectComponents(h, Family.binomial(10), 1, Integer.MAX_VALUE, Criterion.BIC),
        "K = " + Integer.MAX_VALUE);
    rejects(() -> EmFitter.builder().threads(5000), "5000");
    rejects(() -> EmFitter.create().fit(h, m).criterion(null), "criterion");
    // One large outcome is counted by sorting, without a table as large as the outcome.
    assertTrue(Histogram.of(new int[] {16_000_000}).countOf(16_000_000) == 1);
  }
}
