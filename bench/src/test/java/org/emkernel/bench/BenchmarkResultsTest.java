package org.emkernel.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emkernel.EmFitter;
import org.emkernel.Expectations;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every benchmark's result, checked once against a reference: direct log-pmf sums from {@code Family},
 * the scalar {@link EmFitter}, histograms counted by hand, {@link Math#exp}. A fast wrong kernel fails here.
 */
class BenchmarkResultsTest {
  static final EmFitter REFERENCE = EmFitter.builder().kernel(KernelChoice.SCALAR).build();

  /** Log-likelihood Σ_b c_b·log Σ_k w_k p(x_b | θ_k), computed without any kernel. */
  static double directLogLikelihood(Histogram h, MixtureModel model) {
    double sum = 0;
    for (int b = 0; b < h.size(); b++) {
      sum += h.count(b) * Workloads.mixtureLogProbability(model, h.outcome(b));
    }
    return sum;
  }

  /** The same histogram rebuilt from its (outcome, count) pairs, independent of the benchmark's instance. */
  static Histogram rebuilt(Histogram h) {
    return Histogram.ofCounts(h.outcomes(), h.counts());
  }

  static void assertRelative(double expected, double actual, double tolerance, String what) {
    assertTrue(Double.isFinite(actual), what + " is " + actual);
    assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
  }

  static void assertRelative(double[] expected, double[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertRelative(expected[i], actual[i], tolerance, what + "[" + i + "]");
    }
  }

  @Test
  void workloadsHaveEveryOutcomeAndAreDeterministic() {
    for (int outcomes : new int[] {11, 101, 1001, 100001}) {
      MixtureModel model = Workloads.mixture(outcomes - 1, 8);
      Histogram h = Workloads.fullSupportHistogram(model, outcomes);
      assertEquals(outcomes, h.size());
      assertEquals(0, h.outcome(0));
      assertEquals(outcomes - 1, h.outcome(outcomes - 1));
      assertEquals(h, Workloads.fullSupportHistogram(Workloads.mixture(outcomes - 1, 8), outcomes));
    }
    MixtureModel model = Workloads.mixture(100, 3);
    assertArrayEquals(Workloads.observations(model, 100, 5000), Workloads.observations(model, 100, 5000));
    // Draws follow the mixture: the sample mean is the mixture mean 100·Σ w φ within 4 standard errors.
    int[] draws = Workloads.observations(model, 100, 200_000);
    double mean = Arrays.stream(draws).average().orElseThrow();
    double expected = 0;
    for (int j = 0; j < 3; j++) {
      expected += model.weight(j) * 100 * model.param(j);
    }
    assertEquals(expected, mean, 4 * 30 / Math.sqrt(draws.length));
  }

  @ParameterizedTest
  @CsvSource({
      "scalar, 11, 2", "vector, 11, 2", "scalar, 11, 3", "vector, 11, 3",
      "scalar, 101, 8", "vector, 101, 8", "scalar, 1001, 8", "vector, 1001, 8",
      "scalar, 1001, 32", "vector, 1001, 32", "scalar, 101, 128", "vector, 101, 128",
      "scalar, 100001, 2", "vector, 100001, 2", "vector-exp, 11, 3", "vector-exp, 1001, 8", "vector-exp, 101, 128"})
  void eStepMatchesDirectLogLikelihoodAndScalarExpectations(String impl, int outcomes, int components) {
    EStepBenchmark bench = new EStepBenchmark();
    bench.impl = impl;
    bench.outcomes = outcomes;
    bench.components = components;
    bench.threads = 1;
    bench.setup();
    assertEquals(impl, bench.session.kernelName());
    assertEquals(outcomes, bench.session.bins());
    double logLik = bench.eStep();

    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, outcomes));
    // The direct sum adds per-bin terms of size ~n·|log φ| that cancel to O(1): its own rounding grows
    // with the trials n, so the tolerance does too (64 ulps per trial, at least 1e-11).
    double directTolerance = Math.max(1e-11, 64 * Math.ulp(1.0) * (outcomes - 1));
    assertRelative(directLogLikelihood(h, model), logLik, directTolerance, "log-likelihood");
    Expectations ref = REFERENCE.expectations(h, model);
    // Scalar and vector kernels add the bins in different orders: rounding grows with the bins.
    double orderTolerance = Math.max(1e-12, 4 * Math.ulp(1.0) * outcomes);
    assertRelative(ref.logLikelihood(), logLik, orderTolerance, "log-likelihood vs scalar fitter");
    assertRelative(ref.expectedCounts(), bench.session.expectedCounts(), 1e-10, "N");
    assertRelative(ref.expectedStatistics(), bench.session.expectedStatistics(), 1e-10, "S");
    assertRelative((double) h.total(), Arrays.stream(bench.session.expectedCounts()).sum(), 1e-12, "Σ N");
    // Repeating the E-step on an unchanged model gives the same number, bit for bit.
    assertEquals(logLik, bench.eStep());
  }

  @ParameterizedTest
  @CsvSource({"scalar, 2", "vector, 8", "vector, 128"})
  void eStepOnTwoThreadsIsBitIdenticalToOneThread(String impl, int components) {
    // 100001 bins make 13 chunks, so two threads really share the work.
    double[] logLik = new double[2];
    double[][] n = new double[2][];
    double[][] s = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      EStepBenchmark bench = new EStepBenchmark();
      bench.impl = impl;
      bench.outcomes = 100001;
      bench.components = components;
      bench.threads = threads;
      bench.setup();
      logLik[threads - 1] = bench.eStep();
      n[threads - 1] = bench.session.expectedCounts();
      s[threads - 1] = bench.session.expectedStatistics();
    }
    assertEquals(logLik[0], logLik[1]);
    assertArrayEquals(n[0], n[1]);
    assertArrayEquals(s[0], s[1]);
  }

  @ParameterizedTest
  @CsvSource({"2", "3", "8", "32", "128"})
  void mStepGivesTheClosedFormModel(int components) {
    MStepBenchmark bench = new MStepBenchmark();
    bench.components = components;
    bench.setup();
    assertSame(bench.session, bench.mStep());
    MixtureModel fitted = bench.session.model();

    MixtureModel model = Workloads.mixture(MStepBenchmark.OUTCOMES - 1, components);
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, MStepBenchmark.OUTCOMES));
    Expectations e = REFERENCE.expectations(h, model);
    double[] n = e.expectedCounts();
    double[] s = e.expectedStatistics();
    double total = Arrays.stream(n).sum();
    for (int j = 0; j < components; j++) {
      assertRelative(n[j] / total, fitted.weight(j), 1e-10, "weight " + j);
      assertRelative(s[j] / ((MStepBenchmark.OUTCOMES - 1) * n[j]), fitted.param(j), 1e-10, "bias " + j);
    }
    // The M-step is steady: repeating it recomputes the same model.
    bench.mStep();
    assertEquals(fitted, bench.session.model());
  }

  @ParameterizedTest
  @CsvSource({
      "scalar, 11, 2", "vector, 11, 2", "scalar, 101, 3", "vector, 101, 3",
      "scalar, 1001, 8", "vector, 1001, 8", "scalar, 11, 32", "vector, 11, 32",
      "scalar, 101, 128", "vector, 101, 128", "vector-exp, 1001, 8"})
  void iterationMatchesScalarStepAndStaysSteady(String impl, int outcomes, int components) {
    IterationBenchmark bench = new IterationBenchmark();
    bench.impl = impl;
    bench.outcomes = outcomes;
    bench.components = components;
    bench.threads = 1;
    bench.setup();
    double logLik = bench.iterate();

    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, outcomes));
    MixtureModel next = REFERENCE.step(h, model);
    assertRelative(directLogLikelihood(h, next), logLik, 1e-11, "log-likelihood after one iteration");
    assertRelative(next.weights(), bench.session.model().weights(), 1e-10, "weights");
    assertRelative(next.params(), bench.session.model().params(), 1e-10, "biases");

    // Steady: EM never lowers the log-likelihood, and the model stays inside the parameter space.
    double previous = logLik;
    for (int i = 0; i < 300; i++) {
      double current = bench.iterate();
      assertTrue(current >= previous - 1e-9 * Math.abs(previous), "iteration " + i + ": " + current + " < " + previous);
      previous = current;
    }
    MixtureModel last = bench.session.model();
    for (int j = 0; j < components; j++) {
      assertTrue(last.weight(j) > 1e-12, "weight " + j + " collapsed: " + last.weight(j));
      assertTrue(last.param(j) > 0 && last.param(j) < 1, "bias " + j + " left (0, 1): " + last.param(j));
    }
  }

  @Test
  void iterationFloorRefusesAnUnknownLayoutAndTooManyBins() {
    IterationFloorBenchmark bench = new IterationFloorBenchmark();
    bench.bins = 11;
    bench.components = 3;
    bench.layout = "diagonal";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bench::setup);
    assertTrue(e.getMessage().contains("diagonal"), e.getMessage());
    bench.layout = "outcome";
    bench.bins = 1001;
    e = assertThrows(IllegalArgumentException.class, bench::setup);
    assertTrue(e.getMessage().contains("1001") && e.getMessage().contains("2..129"), e.getMessage());
    bench.bins = 11;
    bench.components = 0;
    e = assertThrows(IllegalArgumentException.class, bench::setup);
    assertTrue(e.getMessage().contains("components 0"), e.getMessage());
  }

  /** As long as JMH runs it: the floor stays steady (EM never lowers the log-likelihood; no NaN, no drift out). */
  @ParameterizedTest
  @CsvSource({"3, outcome", "8, outcome", "3, component", "8, component"})
  void iterationFloorStaysSteady(int components, String layout) {
    IterationFloorBenchmark bench = new IterationFloorBenchmark();
    bench.bins = 11;
    bench.components = components;
    bench.layout = layout;
    bench.setup();
    double previous = bench.iterate();
    for (int i = 0; i < 200_000; i++) {
      double current = bench.iterate();
      if (!(current >= previous - 1e-9 * Math.abs(previous))) {
        throw new AssertionError("iteration " + i + ": " + current + " after " + previous);
      }
      previous = current;
    }
    for (int j = 0; j < components; j++) {
      assertTrue(bench.w[j] > 1e-6 && bench.theta[j] > 0.01 && bench.theta[j] < 0.99,
          "component " + j + ": weight " + bench.w[j] + ", bias " + bench.theta[j]);
    }
  }

  @ParameterizedTest
  @CsvSource({"11, 3, outcome", "11, 3, component", "11, 8, outcome", "11, 8, component", "101, 8, outcome",
      "40, 5, component", "129, 3, outcome", "3, 3, outcome", "7, 3, outcome", "7, 2, component"})
  void iterationFloorIsTheReferenceStep(int outcomes, int components, String layout) {
    IterationFloorBenchmark bench = new IterationFloorBenchmark();
    bench.bins = outcomes;
    bench.components = components;
    bench.layout = layout;
    bench.setup();
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, outcomes));
    // The setup's E-step: the reference's expected counts and statistics of the generating mixture.
    Expectations e = REFERENCE.expectations(h, model);
    assertRelative(e.expectedCounts(), Arrays.copyOf(bench.n, components), 1e-12, "N after the setup");
    assertRelative(e.expectedStatistics(), Arrays.copyOf(bench.s, components), 1e-12, "S after the setup");
    // One iteration: the reference's EM step, and the log-likelihood of the model it gives.
    double logLik = bench.iterate();
    MixtureModel next = REFERENCE.step(h, model);
    assertRelative(directLogLikelihood(h, next), logLik, 1e-12, "log-likelihood after one iteration");
    assertRelative(next.weights(), Arrays.copyOf(bench.w, components), 1e-12, "weights");
    assertRelative(next.params(), Arrays.copyOf(bench.theta, components), 1e-12, "biases");
    Expectations after = REFERENCE.expectations(h, next);
    assertRelative(after.expectedCounts(), Arrays.copyOf(bench.n, components), 1e-12, "N after one iteration");
    assertRelative(after.expectedStatistics(), Arrays.copyOf(bench.s, components), 1e-12, "S after one iteration");
  }

  @ParameterizedTest
  @CsvSource({"11, 2", "11, 3", "101, 8", "1001, 32", "101, 128"})
  void expSumsTheExponentials(int outcomes, int components) {
    ExpReferenceBenchmark bench = new ExpReferenceBenchmark();
    bench.outcomes = outcomes;
    bench.components = components;
    bench.setup();
    double[] args = ExpReferenceBenchmark.arguments(outcomes * components);
    assertEquals(outcomes * components, bench.arguments.length);
    double expected = 0;
    for (double v : args) {
      assertTrue(v >= -30 && v <= 0);
      expected += Math.exp(v);
    }
    assertRelative(expected, bench.exp(), 1e-13, "Σ exp");
  }

  @ParameterizedTest
  @CsvSource({"1000", "100000"})
  void histogramBuildCountsEveryObservation(int observations) {
    HistogramBuildBenchmark bench = new HistogramBuildBenchmark();
    bench.observations = observations;
    bench.setup();
    Histogram built = bench.build();
    assertEquals(countedByHand(bench.data), built);
    assertEquals(observations, built.total());
    assertTrue(built.size() > 10, "outcomes spread over 0..100: " + built);
  }

  @ParameterizedTest
  @CsvSource({"1000, 3", "1000, 8", "100000, 3", "100000, 8"})
  void rawBaselineAndHistogramIterationMatchTheScalarFitter(int observations, int components) {
    RawObservationBenchmark bench = new RawObservationBenchmark();
    bench.observations = observations;
    bench.components = components;
    bench.setup();
    MixtureModel model = Workloads.mixture(Workloads.OBSERVATION_TRIALS, components);
    int[] data = Workloads.observations(model, Workloads.OBSERVATION_TRIALS, observations);
    long[] counts = new long[Workloads.OBSERVATION_TRIALS + 1];
    int[] outcomes = new int[counts.length];
    for (int v : data) {
      counts[v]++;
    }
    for (int x = 0; x < outcomes.length; x++) {
      outcomes[x] = x;
    }
    Histogram h = Histogram.ofCounts(outcomes, counts);
    Expectations e = REFERENCE.expectations(h, model);
    MixtureModel next = REFERENCE.step(h, model);

    double raw = bench.rawIteration();
    assertRelative(e.logLikelihood(), raw, 1e-10, "raw log-likelihood");
    assertRelative(directLogLikelihood(h, model), raw, 1e-10, "raw log-likelihood vs direct");
    assertRelative(e.expectedCounts(), bench.raw.expectedCounts(), 1e-9, "raw N");
    assertRelative(e.expectedStatistics(), bench.raw.expectedStatistics(), 1e-9, "raw S");
    assertRelative(next.weights(), bench.raw.weights(), 1e-9, "raw weights");
    assertRelative(next.params(), bench.raw.biases(), 1e-9, "raw biases");

    double viaHistogram = bench.histogramIteration();
    assertRelative(REFERENCE.logLikelihood(h, next), viaHistogram, 1e-10, "histogram iteration log-likelihood");
    // The second raw iteration starts where the histogram's first ended: the same log-likelihood.
    assertRelative(viaHistogram, bench.rawIteration(), 1e-9, "second raw iteration");
  }

  @Test
  void parallelIterationOnTwoThreadsEqualsTheScalarStepAndOneThread() {
    double[] logLik = new double[2];
    MixtureModel[] models = new MixtureModel[2];
    for (int threads = 1; threads <= 2; threads++) {
      ParallelIterationBenchmark bench = new ParallelIterationBenchmark();
      bench.threads = threads;
      bench.outcomes = 100001;
      bench.components = 8;
      bench.setup();
      logLik[threads - 1] = bench.iterate();
      models[threads - 1] = bench.session.model();
    }
    assertEquals(logLik[0], logLik[1]);
    assertEquals(models[0], models[1]);
    // The iteration's model is the scalar reference's EM step from the generating mixture.
    MixtureModel start = Workloads.mixture(100000, 8);
    Histogram h = Workloads.fullSupportHistogram(start, 100001);
    MixtureModel ref = EmFitter.builder().kernel(KernelChoice.SCALAR).build().step(h, start);
    assertRelative(ref.weights(), models[0].weights(), 1e-10, "weights");
    assertRelative(ref.params(), models[0].params(), 1e-10, "params");
  }

  @ParameterizedTest
  @CsvSource({"binomial, scalar, 3", "binomial, vector, 8", "poisson, scalar, 3", "poisson, vector, 8",
      "poisson, vector, 32", "geometric, vector, 8", "negative-binomial, scalar, 3", "negative-binomial, vector, 32"})
  void familyIterationIsTheReferenceStepOfThatFamily(String family, String impl, int components) {
    FamilyIterationBenchmark bench = new FamilyIterationBenchmark();
    bench.family = family;
    bench.impl = impl;
    bench.components = components;
    bench.setup();
    MixtureModel settled = bench.session.model();
    double logLik = bench.iterate();

    MixtureModel model = Workloads.familyMixture(family, FamilyIterationBenchmark.OUTCOMES, components);
    assertEquals(components, model.components());
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, FamilyIterationBenchmark.OUTCOMES));
    // The setup's iterations are the reference's EM steps too; the measured one is the step after them.
    MixtureModel start = model;
    for (int i = 0; i < FamilyIterationBenchmark.SETTLE; i++) {
      start = REFERENCE.step(h, start);
    }
    assertRelative(start.params(), settled.params(), 1e-9, family + " parameters after the setup");
    MixtureModel next = REFERENCE.step(h, settled);
    assertEquals(next.family(), bench.session.model().family(), family);
    assertRelative(directLogLikelihood(h, next), logLik, 1e-11, family + " log-likelihood after one iteration");
    assertRelative(next.weights(), bench.session.model().weights(), 1e-10, family + " weights");
    assertRelative(next.params(), bench.session.model().params(), 1e-10, family + " parameters");
    // Each component's mean is the binomial mixture's bias times the last outcome, 100.
    MixtureModel binomial = Workloads.mixture(FamilyIterationBenchmark.OUTCOMES - 1, components);
    for (int j = 0; j < components; j++) {
      assertRelative(binomial.param(j) * 100, model.family().mean(model.param(j)), 1e-12, family + " mean " + j);
    }
    assertRelative(binomial.weights(), model.weights(), 0, family + " weights as the binomial mixture's");

    // Steady from the first measured iteration: EM never lowers the log-likelihood.
    double previous = logLik;
    for (int i = 0; i < 300; i++) {
      double current = bench.iterate();
      assertTrue(current >= previous - 1e-9 * Math.abs(previous), family + " iteration " + i);
      previous = current;
    }
  }

  @ParameterizedTest
  @CsvSource({"30, vector", "100, scalar", "100, vector", "100, vector-exp", "200, vector"})
  void genotypeIterationIsTheReferenceStep(int depth, String impl) {
    GenotypeBenchmark bench = new GenotypeBenchmark();
    bench.depth = depth;
    bench.impl = impl;
    bench.setup();
    MixtureModel settled = bench.session.model();
    double logLik = bench.iterate();
    MixtureModel model = Workloads.genotypes(depth);
    Histogram h = rebuilt(Workloads.fullSupportHistogram(model, depth + 1));
    assertEquals(depth + 1, h.size());
    MixtureModel start = model;
    for (int i = 0; i < GenotypeBenchmark.SETTLE; i++) {
      start = REFERENCE.step(h, start);
    }
    assertRelative(start.params(), settled.params(), 1e-9, "depth " + depth + " parameters after the setup");
    MixtureModel next = REFERENCE.step(h, settled);
    assertRelative(directLogLikelihood(h, next), logLik, 1e-11, "depth " + depth + " log-likelihood");
    assertRelative(next.weights(), bench.session.model().weights(), 1e-10, "depth " + depth + " weights");
    assertRelative(next.params(), bench.session.model().params(), 1e-10, "depth " + depth + " parameters");
    // The fit stays at the genotypes: reference and alternative biases within 0.0005 of 0.001 and 0.999.
    assertEquals(0.001, next.param(0), 5e-4, "reference bias");
    assertEquals(0.5, next.param(1), 0.01, "heterozygous bias");
    assertEquals(0.999, next.param(2), 5e-4, "alternative bias");
  }

  @ParameterizedTest
  @CsvSource({"1", "2"})
  void parallelHistogramBuildCountsEveryObservation(int threads) {
    ParallelHistogramBuildBenchmark bench = new ParallelHistogramBuildBenchmark();
    bench.threads = threads;
    bench.observations = 3_000_000;
    bench.setup();
    Histogram built = bench.build();
    assertEquals(countedByHand(bench.data), built);
  }

  @ParameterizedTest
  @CsvSource({"1", "2"})
  void parallelReferenceReadsEveryObservationAndSpinsToTheClosedForm(int threads) throws Exception {
    ParallelReferenceBenchmark bench = new ParallelReferenceBenchmark();
    ParallelReferenceBenchmark.Memory memory = new ParallelReferenceBenchmark.Memory();
    memory.threads = threads;
    memory.observations = 3_000_001;
    memory.setup();
    ParallelReferenceBenchmark.Cores cores = new ParallelReferenceBenchmark.Cores();
    cores.threads = threads;
    cores.setup();
    try {
      assertEquals((int) Arrays.stream(memory.data).asLongStream().sum(), bench.read(memory));
      int[] awkward = {1, 15, 16, 17, 63, 64, 65, 1000};
      for (int n : awkward) {
        int[] some = Arrays.copyOf(memory.data, n);
        some[n - 1] = Integer.MAX_VALUE; // the sum wraps: modulo 2^32 in any order
        assertEquals((int) Arrays.stream(some).asLongStream().sum(), ParallelReferenceBenchmark.read(some, 0, n), "n = " + n);
        assertEquals((int) Arrays.stream(some, 1, n).asLongStream().sum(), ParallelReferenceBenchmark.read(some, 1, n), "from 1, n = " + n);
      }
      // x_{n+1} = m·x_n + k goes to x* = k / (1 − m) as x* + (x_0 − x*)·m^n, in every lane of every chain.
      int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
      double expected = 0;
      for (int c = 0; c < ParallelReferenceBenchmark.SPIN_CHUNKS; c++) {
        for (int j = 0; j < ParallelReferenceBenchmark.SPIN_CHAINS; j++) {
          double m = ParallelReferenceBenchmark.spinMultiplier(j);
          double fixed = ParallelReferenceBenchmark.spinAddend(j) / (1 - m);
          for (int l = 0; l < lanes; l++) {
            double start = ParallelReferenceBenchmark.spinStart(c, j, l);
            expected += fixed + (start - fixed) * Math.pow(m, ParallelReferenceBenchmark.SPIN_STEPS);
          }
        }
      }
      double spun = bench.fma(cores);
      assertRelative(expected, spun, 1e-9, "spin");
      ParallelReferenceBenchmark.Cores one = new ParallelReferenceBenchmark.Cores();
      one.threads = 1;
      one.setup();
      assertEquals(Double.doubleToLongBits(bench.fma(one)), Double.doubleToLongBits(spun), "bits on " + threads);
      one.tearDown();
    } finally {
      memory.tearDown();
      cores.tearDown();
    }
  }

  /** The histogram of binomial(n = 100) draws, counted one by one into a plain table. */
  static Histogram countedByHand(int[] data) {
    long[] byHand = new long[Workloads.OBSERVATION_TRIALS + 1];
    for (int v : data) {
      byHand[v]++;
    }
    int[] outcomes = new int[byHand.length];
    for (int x = 0; x < outcomes.length; x++) {
      outcomes[x] = x;
    }
    return Histogram.ofCounts(outcomes, byHand);
  }
}
