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
 * The E-step alone ({@link EmSession#eStep()}) on a histogram of {@code outcomes} distinct outcomes
 * (binomial n = outcomes − 1, every outcome present) and a {@code components}-component mixture.
 * One operation is one E-step over outcomes × components cells; the report divides by that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class EStepBenchmark {
  @Param({"scalar", "vector"})
  String impl;

  @Param({"11", "101", "1001", "100001"})
  int outcomes;

  @Param({"2", "3", "8", "32", "128"})
  int components;

  /** E-step threads; 1 by default (per-core numbers), e.g. {@code -p threads=1,2} to see the parallel E-step. */
  @Param({"1"})
  int threads;

  EmSession session;

  /** Builds the histogram and the session (fixed seed). */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram histogram = Workloads.fullSupportHistogram(model, outcomes);
    session = Workloads.fitter(impl, threads).session(histogram, model);
  }

  /** One E-step; returns the log-likelihood. */
  @Benchmark
  public double eStep() {
    return session.eStep();
  }
}
