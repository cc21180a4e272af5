package org.emkernel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.emkernel.bench.fresh.FirstCall;
import org.junit.jupiter.api.Test;

/** ManyFitsBenchmark and the first-call measurement compute what they say. */
class ManyFitsBenchmarkTest {
  static ManyFitsBenchmark bench(String impl, int k, String start) {
    ManyFitsBenchmark b = new ManyFitsBenchmark();
    b.impl = impl;
    b.components = k;
    b.start = start;
    b.setup();
    return b;
  }

  @Test
  void histogramsHold200DrawsOverElevenOutcomes() {
    for (int k = 2; k <= 3; k++) {
      Histogram[] hs = ManyFitsBenchmark.histograms(k);
      assertEquals(64, hs.length);
      for (Histogram h : hs) {
        assertEquals(200, h.total());
        assertTrue(h.outcome(0) >= 0 && h.outcome(h.size() - 1) <= 10);
      }
    }
  }

  @Test
  void eachFitIsTheFittersFitOfTheNextHistogramAndCountsItsIterations() {
    for (String impl : new String[] {"auto", "scalar", "vector"}) {
      for (String start : new String[] {"given", "seeded"}) {
        ManyFitsBenchmark b = bench(impl, 3, start);
        ManyFitsBenchmark.Iterations counters = new ManyFitsBenchmark.Iterations();
        EmFitter reference = EmFitter.builder().kernel(ManyFitsBenchmark.kernel(impl)).threads(1).build();
        long iterations = 0;
        for (int i = 0; i < 70; i++) {
          Histogram h = b.histograms[i % 64];
          var fit = start.equals("given") ? reference.fit(h, ManyFitsBenchmark.start(3))
              : reference.fit(h, Family.binomial(10), 3);
          iterations += fit.iterations();
          assertEquals(fit.logLikelihood(), b.fit(counters), 0.0, impl + " " + start + " fit " + i);
        }
        assertEquals(iterations, counters.iterations);
      }
    }
  }

  @Test
  void iterateRunsTheSessionsInTurnAndNeverLowersTheirLikelihood() {
    ManyFitsBenchmark b = bench("vector", 2, "given");
    double[] last = new double[64];
    java.util.Arrays.fill(last, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < 640; i++) {
      double ll = b.iterate();
      assertTrue(ll >= last[i % 64] - 1e-9 * Math.abs(ll), "EM never lowers the log-likelihood");
      last[i % 64] = ll;
    }
  }

  @Test
  void pairedDoesAFitThenAsManyIterateCallsAsItTookIterationsAndCountsBoth() {
    for (String start : new String[] {"given", "seeded"}) {
      ManyFitsBenchmark b = bench("auto", 2, start);
      ManyFitsBenchmark twin = bench("auto", 2, start); // its sessions, iterated as paired iterates b's
      ManyFitsBenchmark.Paired counters = new ManyFitsBenchmark.Paired();
      EmFitter reference = EmFitter.builder().kernel(KernelChoice.AUTO).threads(1).build();
      long iterations = 0;
      long calls = 0;
      for (int i = 0; i < 70; i++) {
        Histogram h = b.histograms[i % 64];
        var fit = start.equals("given") ? reference.fit(h, ManyFitsBenchmark.start(2))
            : reference.fit(h, Family.binomial(10), 2);
        iterations += fit.iterations();
        double sum = 0;
        for (int c = 0; c < Math.max(1, fit.iterations()); c++) {
          sum += twin.sessions[i % 64].iterate();
          calls++;
        }
        assertEquals(fit.logLikelihood() + sum, b.paired(counters), 0.0, start + " operation " + i);
      }
      assertEquals(70, counters.fits);
      assertEquals(iterations, counters.fitIterations);
      assertEquals(calls, counters.iterateCalls);
      assertTrue(counters.fitNanos > 0 && counters.iterateNanos > 0);
      counters.clear();
      assertEquals(0, counters.fits + counters.fitIterations + counters.iterateCalls + counters.fitNanos
          + counters.iterateNanos);
    }
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> bench("vector", 0, "given"));
    assertThrows(IllegalArgumentException.class, () -> bench("vector", 2, "random"));
    assertThrows(IllegalArgumentException.class, () -> bench("fast", 2, "given"));
  }

  @Test
  void theFirstCallsDataAreAThreeComponentPoissonMixtureOfAMillionDraws() {
    Histogram h = Histogram.of(FirstCall.draw());
    assertEquals(1_000_000, h.total());
    assertTrue(h.size() >= 24 && h.size() <= 32, "about 26 outcomes: " + h.size());
    // The mixture's mean: 0.3·2 + 0.4·6 + 0.3·12 = 6.6.
    double sum = 0;
    for (int b = 0; b < h.size(); b++) {
      sum += h.outcome(b) * (double) h.count(b);
    }
    assertEquals(6.6, sum / h.total(), 0.01);
    MixtureModel fit = EmFitter.builder().kernel(KernelChoice.SCALAR).build().fit(h, Family.poisson(), 3).model();
    double[] means = fit.params().clone();
    java.util.Arrays.sort(means);
    assertEquals(2, means[0], 0.1);
    assertEquals(6, means[1], 0.2);
    assertEquals(12, means[2], 0.2);
  }
}
