package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeds, restarts, the varying-trials binomial against the plain one, fixed parameters, dying components, the listener. */
class FittingBehaviourTest {

  static final MixtureModel POISSON3 =
      MixtureModel.of(Family.poisson(), new double[] {0.3, 0.5, 0.2}, new double[] {2, 9, 25});

  @Test
  void fixedSeedGivesBitIdenticalFits() {
    Histogram h = POISSON3.sampleHistogram(200_000, 1);
    for (Initialisation init : Initialisation.values()) {
      for (boolean accelerate : new boolean[] {false, true}) {
        EmFitter f = EmFitter.builder().seed(42).restarts(3).initialisation(init).accelerate(accelerate).build();
        FitResult a = f.fit(h, Family.poisson(), 3);
        FitResult b = EmFitter.builder().seed(42).restarts(3).initialisation(init).accelerate(accelerate).build()
            .fit(h, Family.poisson(), 3);
        assertEquals(a.model(), b.model(), init + " accelerate=" + accelerate);
        assertArrayEquals(a.trace(), b.trace());
        assertEquals(a.eSteps(), b.eSteps());
      }
    }
    // A different seed gives a different start (the fit may still reach the same optimum).
    FitResult s1 = EmFitter.builder().seed(1).maxIterations(0).initialisation(Initialisation.RANDOM).build()
        .fit(h, Family.poisson(), 3);
    FitResult s2 = EmFitter.builder().seed(2).maxIterations(0).initialisation(Initialisation.RANDOM).build()
        .fit(h, Family.poisson(), 3);
    assertFalse(s1.model().equals(s2.model()));
  }

  @Test
  void restartsKeepTheBestLogLikelihood() {
    // Random starts on an overlapping mixture reach different local optima.
    MixtureModel truth = MixtureModel.of(Family.binomial(20), new double[] {0.25, 0.25, 0.25, 0.25},
        new double[] {0.1, 0.35, 0.6, 0.85});
    Histogram h = truth.sampleHistogram(20_000, 5);
    List<Double> finals = new ArrayList<>();
    double[] last = {Double.NaN};
    FitListener record = (iteration, logLik, nanos) -> {
      if (iteration == 1 && !Double.isNaN(last[0])) {
        finals.add(last[0]);
      }
      last[0] = logLik;
      return true;
    };
    FitResult best = EmFitter.builder().seed(3).restarts(8).initialisation(Initialisation.RANDOM)
        .tolerance(1e-12).maxIterations(5000).listener(record).build().fit(h, truth.family(), 4);
    finals.add(last[0]);
    assertEquals(8, finals.size());
    double max = finals.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    assertEquals(max, best.logLikelihood());
    // The kept log-likelihood is the kept model's, from the binomial pmf written here.
    double direct = 0;
    for (int b = 0; b < h.size(); b++) {
      int x = h.outcome(b);
      double logChoose = 0;
      for (int i = 0; i < x; i++) {
        logChoose += Math.log((20.0 - i) / (i + 1));
      }
      double p = 0;
      for (int k = 0; k < 4; k++) {
        double phi = best.model().param(k);
        p += best.model().weight(k) * Math.exp(logChoose + x * Math.log(phi) + (20 - x) * Math.log1p(-phi));
      }
      direct += h.count(b) * Math.log(p);
    }
    assertEquals(direct, best.logLikelihood(), 1e-12 * Math.abs(direct));
    assertTrue(finals.stream().distinct().count() > 1, "the starts should not all agree: " + finals);
    FitResult single = EmFitter.builder().seed(3).restarts(1).initialisation(Initialisation.RANDOM)
        .tolerance(1e-12).maxIterations(5000).build().fit(h, truth.family(), 4);
    assertEquals(finals.get(0), single.logLikelihood());
    assertTrue(best.logLikelihood() >= single.logLikelihood());
  }

  @Test
  void varyingTrialsWithEqualTrialsIsThePlainBinomialFit() {
    MixtureModel truth = MixtureModel.of(Family.binomial(30), new double[] {0.3, 0.7}, new double[] {0.2, 0.6});
    for (Histogram h : new Histogram[] {Histogram.of(ChapterExampleTest.DATA), truth.sampleHistogram(100_000, 7)}) {
      int n = h.total() == 20 ? 10 : 30;
      int[] trials = new int[h.size()];
      Arrays.fill(trials, n);
      TrialsHistogram t = TrialsHistogram.ofCounts(trials, h.outcomes(), h.counts());
      double[] w = {0.25, 0.5, 0.25};
      double[] phi = {0.4, 0.5, 0.65};
      // Step by step: the same model after every iteration, to rounding (the two E-steps group terms differently).
      EmSession plain = EmFitter.create().session(h, MixtureModel.of(Family.binomial(n), w, phi));
      EmSession varying = EmFitter.create().session(t, MixtureModel.of(Family.binomialVaryingTrials(), w, phi));
      double lp = plain.eStep();
      double lv = varying.eStep();
      for (int it = 0; it <= 300; it++) {
        assertEquals(lp, lv, 1e-12 * Math.abs(lp), "iteration " + it);
        assertArrayEquals(plain.model().weights(), varying.model().weights(), 1e-12, "iteration " + it);
        assertArrayEquals(plain.model().params(), varying.model().params(), 1e-12, "iteration " + it);
        assertArrayEquals(plain.expectedCounts(), varying.expectedCounts(), 1e-12 * h.total());
        lp = plain.iterate();
        lv = varying.iterate();
      }
      // One E-step and one step through the fitter agree too; T_k = n·N_k.
      Expectations ep = EmFitter.create().expectations(h, MixtureModel.of(Family.binomial(n), w, phi));
      Expectations ev = EmFitter.create().expectations(t, MixtureModel.of(Family.binomialVaryingTrials(), w, phi));
      assertArrayEquals(ep.expectedCounts(), ev.expectedCounts(), 1e-12 * h.total());
      assertArrayEquals(ep.expectedStatistics(), ev.expectedStatistics(), 1e-12 * h.total() * n);
      for (int k = 0; k < 3; k++) {
        assertEquals(n * ev.expectedCounts()[k], ev.expectedTrials()[k], 1e-12 * h.total() * n);
      }
      assertArrayEquals(EmFitter.create().step(h, MixtureModel.of(Family.binomial(n), w, phi)).params(),
          EmFitter.create().step(t, MixtureModel.of(Family.binomialVaryingTrials(), w, phi)).params(), 1e-13);
      // The same from the seeded start.
      FitResult p3 = EmFitter.create().fit(h, Family.binomial(n), 2);
      FitResult v3 = EmFitter.create().fit(t, Family.binomialVaryingTrials(), 2);
      assertArrayEquals(p3.model().params(), v3.model().params(), 1e-9);
      assertArrayEquals(p3.model().weights(), v3.model().weights(), 1e-9);
    }
  }

  @Test
  void fixedParamsStayAndTheRestIsFitted() {
    Histogram h = POISSON3.sampleHistogram(1_000_000, 11);
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3},
        new double[] {2, 9, 25});
    for (boolean accelerate : new boolean[] {false, true}) {
      FitResult fit = EmFitter.builder().accelerate(accelerate).fixedParams(new boolean[] {true, true, true}).build()
          .fit(h, start);
      assertArrayEquals(new double[] {2, 9, 25}, fit.model().params());
      assertArrayEquals(POISSON3.weights(), fit.model().weights(), 0.005);
      assertTrue(fit.converged());
      assertEquals(2, fit.freeParameters());
      // One parameter fixed at a wrong value: it stays, the others move.
      FitResult wrong = EmFitter.builder().accelerate(accelerate).fixedParams(new boolean[] {false, true, false})
          .build().fit(h, MixtureModel.of(Family.poisson(), start.weights(), new double[] {1, 10, 30}));
      assertEquals(10.0, wrong.model().param(1));
      assertTrue(wrong.model().param(0) != 1 && wrong.model().param(2) != 30);
      assertEquals(4, wrong.freeParameters());
    }
  }

  @Test
  void fixedWeightsStayAndTheFreeOnesShareTheRestByExpectedCounts() {
    Histogram h = POISSON3.sampleHistogram(1_000_000, 12);
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.2, 0.4, 0.4}, new double[] {1, 8, 30});
    boolean[] fixed = {true, false, false};
    // One step: w_j = 0.8·N_j / (N_1 + N_2) for the free weights.
    Expectations e = EmFitter.create().expectations(h, start);
    double[] n = e.expectedCounts();
    MixtureModel one = EmFitter.builder().fixedWeights(fixed).maxIterations(1).build().fit(h, start).model();
    assertEquals(0.2, one.weight(0));
    assertEquals(0.8 * n[1] / (n[1] + n[2]), one.weight(1), 1e-15);
    assertEquals(0.8 * n[2] / (n[1] + n[2]), one.weight(2), 1e-15);
    for (boolean accelerate : new boolean[] {false, true}) {
      FitResult fit = EmFitter.builder().fixedWeights(fixed).accelerate(accelerate).build().fit(h, start);
      assertEquals(0.2, fit.model().weight(0));
      assertEquals(1.0, fit.model().weight(0) + fit.model().weight(1) + fit.model().weight(2), 1e-12);
      assertTrue(fit.converged());
      assertEquals(4, fit.freeParameters());
      double[] trace = fit.trace();
      for (int i = 1; i < trace.length; i++) {
        assertTrue(trace[i] >= trace[i - 1] - 1e-12 * Math.abs(trace[i - 1]), "trace step " + i);
      }
    }
    // Weights and parameters all fixed: nothing moves, the fit converges at once.
    FitResult frozen = EmFitter.builder().fixedWeights(new boolean[] {true, true, true})
        .fixedParams(new boolean[] {true, true, true}).build().fit(h, start);
    assertEquals(start, frozen.model());
    assertEquals(0, frozen.freeParameters());
  }

  @Test
  void dyingComponentIsKeptFiniteAndReported() {
    Histogram h = MixtureModel.of(Family.poisson(), new double[] {1}, new double[] {5}).sampleHistogram(100_000, 13);
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {5, 400});
    for (boolean accelerate : new boolean[] {false, true}) {
      FitResult fit = EmFitter.builder().accelerate(accelerate).build().fit(h, start);
      assertArrayEquals(new int[] {1}, fit.dyingComponents());
      assertEquals(2, fit.model().components());
      assertEquals(400.0, fit.model().param(1), "the dying component's parameter is frozen");
      assertTrue(fit.model().weight(1) < 1e-12, "weight " + fit.model().weight(1));
      assertEquals(5.0, fit.model().param(0), 0.05);
      assertTrue(Double.isFinite(fit.logLikelihood()));
      assertTrue(Double.isFinite(fit.aic()) && Double.isFinite(fit.bic()) && Double.isFinite(fit.icl()));
      StandardErrors se = fit.standardErrors();
      assertEquals(Double.POSITIVE_INFINITY, se.weight(1));
      assertEquals(Double.POSITIVE_INFINITY, se.param(1));
      assertTrue(Double.isFinite(se.param(0)) && se.param(0) > 0);
    }
    // Every component with data stays alive: no component is reported dying.
    FitResult healthy = EmFitter.create().fit(POISSON3.sampleHistogram(100_000, 14), Family.poisson(), 3);
    assertEquals(0, healthy.dyingComponents().length);
  }

  @Test
  void listenerSeesEveryIterationAndCanStop() {
    Histogram h = POISSON3.sampleHistogram(100_000, 15);
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.2, 0.4, 0.4}, new double[] {1, 8, 30});
    List<Integer> seen = new ArrayList<>();
    List<Double> logLiks = new ArrayList<>();
    long[] lastNanos = {-1};
    FitResult stopped = EmFitter.builder().listener((iteration, logLik, nanos) -> {
      seen.add(iteration);
      logLiks.add(logLik);
      assertTrue(nanos >= lastNanos[0]);
      lastNanos[0] = nanos;
      return iteration < 3;
    }).build().fit(h, start);
    assertEquals(List.of(1, 2, 3), seen);
    assertFalse(stopped.converged());
    assertTrue(stopped.stoppedByListener());
    assertEquals(3, stopped.iterations());
    FitResult three = EmFitter.builder().maxIterations(3).build().fit(h, start);
    assertFalse(three.stoppedByListener());
    // With restarts, a stop ends the whole fit: one start, three iterations.
    List<Integer> starts = new ArrayList<>();
    FitResult early = EmFitter.builder().restarts(5).listener((iteration, logLik, nanos) -> {
      starts.add(iteration);
      return iteration < 3;
    }).accelerate(true).build().fit(h, Family.poisson(), 3);
    assertEquals(List.of(1, 2, 3), starts);
    assertTrue(early.stoppedByListener() && !early.converged());
    assertEquals(3, early.iterations());
    assertEquals(three.model(), stopped.model());
    assertEquals(three.logLikelihood(), stopped.logLikelihood());
    assertEquals(logLiks.get(2), stopped.logLikelihood());
    // A listener that always continues changes nothing.
    FitResult full = EmFitter.builder().listener((i, l, t) -> true).build().fit(h, start);
    assertEquals(EmFitter.create().fit(h, start).model(), full.model());
    assertTrue(full.converged());
  }

  /**
   * Log-posteriors of outcome x under POISSON3 and, in the last place, log p(x), from the pmf written here
   * (log x! summed term by term).
   */
  static double[] poisson3(int x) {
    double[] l = new double[4];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 3; k++) {
      l[k] = Math.log(POISSON3.weight(k)) + x * Math.log(POISSON3.param(k)) - POISSON3.param(k);
      max = Math.max(max, l[k]);
    }
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      sum += Math.exp(l[k] - max);
    }
    double logFactorial = 0;
    for (int i = 2; i <= x; i++) {
      logFactorial += Math.log(i);
    }
    for (int k = 0; k < 3; k++) {
      l[k] = (l[k] - max) - Math.log(sum);
    }
    l[3] = max + Math.log(sum) - logFactorial;
    return l;
  }

  @Test
  void posteriorsClassificationAndScore() {
    Histogram h = POISSON3.sampleHistogram(10_000, 16);
    double[][] post = POISSON3.posteriors(h);
    double[][] logPost = POISSON3.logPosteriors(h);
    int[] best = POISSON3.mostProbableComponents(h);
    double logLik = 0;
    for (int b = 0; b < h.size(); b++) {
      double[] ref = poisson3(h.outcome(b));
      logLik += h.count(b) * ref[3];
      int arg = 0;
      for (int k = 0; k < 3; k++) {
        // Against the pmf: log-posteriors to 1e-12 of their size, posteriors to 1e-12 relative.
        assertEquals(ref[k], logPost[b][k], 1e-12 * Math.max(1, Math.abs(ref[k])), "log-posterior " + b + "," + k);
        assertEquals(Math.exp(ref[k]), post[b][k], 1e-12 * Math.exp(ref[k]) * Math.max(1, Math.abs(ref[k])));
        if (ref[k] > ref[arg]) {
          arg = k;
        }
      }
      assertEquals(arg, best[b]);
    }
    assertEquals(logLik, POISSON3.logLikelihood(h), 1e-12 * Math.abs(logLik));
    assertEquals(logLik, EmFitter.create().logLikelihood(h, POISSON3), 1e-12 * Math.abs(logLik));
    assertArrayEquals(new int[] {0, 1, 2, 1}, POISSON3.classify(new int[] {0, 9, 40, 9}));
    MixtureModel v = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.5, 0.5}, new double[] {0.1, 0.9});
    assertArrayEquals(new int[] {0, 1, 0}, v.classify(new int[] {10, 10, 50}, new int[] {1, 9, 4}));
  }
}
