package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Indexed accessors reject an index outside their range with an IllegalArgumentException naming it. */
class AccessorBoundsTest {

  static void assertRejected(Executable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Test
  void histogramBins() {
    Histogram h = Histogram.of(new int[] {3, 5, 5});
    assertEquals(5, h.outcome(1));
    assertEquals(2, h.count(1));
    assertRejected(() -> h.outcome(2), "bin 2 is outside [0, 2)");
    assertRejected(() -> h.count(-1), "bin -1 is outside [0, 2)");
    assertRejected(() -> Histogram.empty().count(0), "bin 0 is outside [0, 0): there is none");
  }

  @Test
  void trialsHistogramBins() {
    TrialsHistogram h = TrialsHistogram.of(new int[] {10, 10, 20}, new int[] {3, 3, 7});
    assertEquals(2, h.size());
    assertEquals(20, h.trials(1));
    assertEquals(7, h.successes(1));
    assertEquals(2, h.count(0));
    assertRejected(() -> h.trials(2), "bin 2 is outside [0, 2)");
    assertRejected(() -> h.successes(-3), "bin -3 is outside [0, 2)");
    assertRejected(() -> h.count(7), "bin 7 is outside [0, 2)");
  }

  @Test
  void modelComponents() {
    MixtureModel m = MixtureModel.of(Family.binomial(10), new double[] {0.25, 0.75}, new double[] {0.4, 0.6});
    assertEquals(0.75, m.weight(1));
    assertEquals(0.4, m.param(0));
    assertRejected(() -> m.weight(2), "component 2 is outside [0, 2)");
    assertRejected(() -> m.param(-1), "component -1 is outside [0, 2)");
  }

  @Test
  void standardErrorComponents() {
    MixtureModel truth = MixtureModel.of(Family.binomial(10), new double[] {0.4, 0.6}, new double[] {0.2, 0.7});
    Histogram h = truth.sampleHistogram(20_000, 3);
    StandardErrors se = EmFitter.builder().build().fit(h, truth).standardErrors();
    assertEquals(se.params()[1], se.param(1));
    assertRejected(() -> se.weight(2), "component 2 is outside [0, 2)");
    assertRejected(() -> se.param(-1), "component -1 is outside [0, 2)");
  }
}
