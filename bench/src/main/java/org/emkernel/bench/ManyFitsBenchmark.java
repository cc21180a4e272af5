package org.emkernel.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.emkernel.EmFitter;
import org.emkernel.EmSession;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many small fits on one thread, as per-key workloads (one fit per sample, site or experiment arm) run them:
 * 64 histograms of 200 binomial(10) observations (11 outcomes) from a K-component mixture, fitted in turn with
 * the default tolerance, from a given start or from seeded initialisation. {@link #fit} counts fits per second
 * and, through {@link Iterations}, the EM iterations inside them; {@link #iterate} is one
 * {@link EmSession#iterate()} on the same histograms' sessions in turn, the cost a fit's iteration is held to.
 * {@link #paired} does both in one measurement: a fit, then as many steady iterate() calls as that fit took
 * iterations, each timed on its own, so a fit's iteration and an iterate() are compared inside one fork, with one
 * JIT state and one neighbour's load; {@link Paired} reports their nanoseconds and counts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ManyFitsBenchmark {
  static final int TRIALS = 10;
  static final int HISTOGRAMS = 64;
  static final int OBSERVATIONS = 200;

  /** The kernel choice: auto (the default), scalar or vector. */
  @Param({"auto", "scalar", "vector"})
  String impl;

  @Param({"2", "3"})
  int components;

  /** given: every fit starts from one fixed model; seeded: from the fitter's seeded initialisation. */
  @Param({"given", "seeded"})
  String start;

  EmFitter fitter;
  Histogram[] histograms;
  MixtureModel initial;
  EmSession[] sessions;
  boolean seeded;
  int next;
  int nextSession;

  /** The EM iterations of the fits measured, reported per second beside the fits. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Iterations {
    /** EM iterations done by the fits. */
    public long iterations;

    /** Cleared before each measurement iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      iterations = 0;
    }
  }

  /**
   * The paired measurement's counters, as rates over the same wall time (so their ratios are exact): nanoseconds
   * spent in fits and the fits' EM iterations, nanoseconds spent in iterate() calls and their number.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Paired {
    /** Nanoseconds spent inside fits. */
    public long fitNanos;
    /** Fits done. */
    public long fits;
    /** EM iterations done by those fits. */
    public long fitIterations;
    /** Nanoseconds spent inside iterate() calls. */
    public long iterateNanos;
    /** iterate() calls done. */
    public long iterateCalls;

    /** Cleared before each measurement iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      fitNanos = 0;
      fits = 0;
      fitIterations = 0;
      iterateNanos = 0;
      iterateCalls = 0;
    }
  }

  /** Draws the histograms and builds the fitter and the iterate() baseline's sessions. */
  @Setup(Level.Trial)
  public void setup() {
    if (components < 1 || components > 8) {
      throw new IllegalArgumentException("components " + components + " must be between 1 and 8");
    }
    if (!start.equals("given") && !start.equals("seeded")) {
      throw new IllegalArgumentException("start '" + start + "' is not given or seeded");
    }
    seeded = start.equals("seeded");
    fitter = EmFitter.builder().kernel(kernel(impl)).threads(1).build();
    histograms = histograms(components);
    initial = start(components);
    sessions = new EmSession[HISTOGRAMS];
    for (int i = 0; i < HISTOGRAMS; i++) {
      sessions[i] = fitter.session(histograms[i], initial);
      sessions[i].eStep();
    }
  }

  static KernelChoice kernel(String impl) {
    switch (impl) {
      case "auto":
        return KernelChoice.AUTO;
      case "scalar":
        return KernelChoice.SCALAR;
      case "vector":
        return KernelChoice.VECTOR;
      default:
        throw new IllegalArgumentException("impl '" + impl + "' is not auto, scalar or vector");
    }
  }

  /** 64 histograms of 200 draws each from a K-component binomial(10) mixture, seeded. */
  static Histogram[] histograms(int k) {
    MixtureModel truth = Workloads.mixture(TRIALS, k);
    SplittableRandom random = new SplittableRandom(0x4D414E59L + k);
    Histogram[] out = new Histogram[HISTOGRAMS];
    int[] draws = new int[OBSERVATIONS];
    for (int i = 0; i < HISTOGRAMS; i++) {
      for (int o = 0; o < OBSERVATIONS; o++) {
        int j = pick(truth.weights(), random.nextDouble());
        int x = 0;
        for (int t = 0; t < TRIALS; t++) {
          x += random.nextDouble() < truth.params()[j] ? 1 : 0;
        }
        draws[o] = x;
      }
      out[i] = Histogram.of(draws);
    }
    return out;
  }

  private static int pick(double[] weights, double u) {
    double sum = 0;
    for (int j = 0; j < weights.length - 1; j++) {
      sum += weights[j];
      if (u < sum) {
        return j;
      }
    }
    return weights.length - 1;
  }

  /** The given start: equal weights, biases evenly inside (0, 1). */
  static MixtureModel start(int k) {
    double[] w = new double[k];
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      p[j] = (j + 1.0) / (k + 1);
    }
    return MixtureModel.of(Family.binomial(TRIALS), w, p);
  }

  /** One whole fit of the next histogram; returns its log-likelihood. */
  @Benchmark
  public double fit(Iterations counters) {
    Histogram h = histograms[next];
    next = (next + 1) & (HISTOGRAMS - 1);
    FitResult result = seeded ? fitter.fit(h, Family.binomial(TRIALS), components) : fitter.fit(h, initial);
    counters.iterations += result.iterations();
    return result.logLikelihood();
  }

  /** One EM iteration of the next histogram's session; returns its log-likelihood. */
  @Benchmark
  public double iterate() {
    EmSession session = sessions[nextSession];
    nextSession = (nextSession + 1) & (HISTOGRAMS - 1);
    return session.iterate();
  }

  /**
   * One fit of the next histogram, timed, then as many iterate() calls on the next session as the fit took
   * iterations (at least one), timed together; returns a sum of log-likelihoods so nothing is dead code.
   */
  @Benchmark
  public double paired(Paired counters) {
    Histogram h = histograms[next];
    next = (next + 1) & (HISTOGRAMS - 1);
    long begin = System.nanoTime();
    FitResult result = seeded ? fitter.fit(h, Family.binomial(TRIALS), components) : fitter.fit(h, initial);
    long middle = System.nanoTime();
    EmSession session = sessions[nextSession];
    nextSession = (nextSession + 1) & (HISTOGRAMS - 1);
    int calls = Math.max(1, result.iterations());
    double sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += session.iterate();
    }
    long end = System.nanoTime();
    counters.fitNanos += middle - begin;
    counters.fits++;
    counters.fitIterations += result.iterations();
    counters.iterateNanos += end - middle;
    counters.iterateCalls += calls;
    return result.logLikelihood() + sum;
  }
}
