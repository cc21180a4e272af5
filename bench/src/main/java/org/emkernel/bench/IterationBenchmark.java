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
 * One whole EM iteration ({@link EmSession#iterate()}: M-step, then E-step) on the E-step benchmark's
 * workload. The session starts at the mixture that generated the histogram, which is close to the maximum
 * likelihood estimate, so iterating is steady and no reset is needed. Mostly the model moves little and stays
 * inside the parameter space; at 11 outcomes with 32 or 128 components the mixture has more parameters than
 * the data can fix, and within the warm-up some biases reach exactly 1 (a mass at x = n, which the product
 * path takes as such) while the weights stay positive.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class IterationBenchmark {
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

  /** Builds the session and runs the first E-step, so the first iteration's M-step has its sums. */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram histogram = Workloads.fullSupportHistogram(model, outcomes);
    session = Workloads.fitter(impl, threads).session(histogram, model);
    session.eStep();
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
