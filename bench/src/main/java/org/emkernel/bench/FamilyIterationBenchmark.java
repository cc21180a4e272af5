package org.emkernel.bench;

import java.util.concurrent.TimeUnit;
import org.emkernel.EmSession;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
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
 * One whole EM iteration ({@link EmSession#iterate()}) for each family, over outcomes 0..{@value #OUTCOMES} − 1
 * (the product path's range): the same weights as {@link IterationBenchmark}'s mixtures, component means spread
 * over [0.05, 0.95] of the last outcome ({@link Workloads#familyMixture}), every outcome present. The histogram
 * stops at the last outcome, where a Poisson or geometric with a mean near it still has mass, so the generating
 * mixture is not the fit: the setup iterates toward it first. Shows what a family costs beyond the binomial the
 * main grid measures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class FamilyIterationBenchmark {
  /** Distinct outcomes of every family's histogram. */
  public static final int OUTCOMES = 101;

  @Param({"binomial", "poisson", "geometric", "negative-binomial"})
  String family;

  @Param({"scalar", "vector"})
  String impl;

  @Param({"3", "8", "32"})
  int components;

  EmSession session;

  /** Iterations the setup runs first: the histogram stops at the last outcome, so the generating mixture is not the fit. */
  static final int SETTLE = 1000;

  /** Builds the session and iterates it {@value #SETTLE} times toward the fit (fixed seed), so measuring starts steady. */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.familyMixture(family, OUTCOMES, components);
    Histogram histogram = Workloads.fullSupportHistogram(model, OUTCOMES);
    session = Workloads.fitter(impl, 1).session(histogram, model);
    session.eStep();
    for (int i = 0; i < SETTLE; i++) {
      session.iterate();
    }
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
