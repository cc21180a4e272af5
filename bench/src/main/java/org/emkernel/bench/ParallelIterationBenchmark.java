package org.emkernel.bench;

import java.util.concurrent.TimeUnit;
import org.emkernel.EmFitter;
import org.emkernel.EmSession;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
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
 * One whole EM iteration of the vector kernel on {@code threads} threads (the E-step's fixed chunks of 2048
 * bins shared out; results are bit-identical for any count), so the report can show the speed-up from one
 * to two threads on the widest histogram.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ParallelIterationBenchmark {
  @Param({"1", "2"})
  int threads;

  @Param({"100001"})
  int outcomes;

  @Param({"8"})
  int components;

  EmSession session;

  /** Builds the session on the iteration benchmark's workload and runs the first E-step. */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    Histogram histogram = Workloads.fullSupportHistogram(model, outcomes);
    session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(threads).build().session(histogram, model);
    session.eStep();
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
