package org.emkernel.bench;

import java.util.concurrent.TimeUnit;
import org.emkernel.Histogram;
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
 * {@link Histogram#ofParallel(int[], int)} on {@code threads} threads over the histogram-build benchmark's
 * draws, so the report can show the speed-up from one to two threads and observations per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ParallelHistogramBuildBenchmark {
  @Param({"1", "2"})
  int threads;

  @Param({"100000000"})
  int observations;

  int[] data;

  /** Draws the observations (fixed seed), as the histogram-build benchmark does. */
  @Setup(Level.Trial)
  public void setup() {
    data = Workloads.observations(Workloads.mixture(Workloads.OBSERVATION_TRIALS,
        HistogramBuildBenchmark.COMPONENTS), Workloads.OBSERVATION_TRIALS, observations);
  }

  /** Builds the histogram of every observation on the given number of threads. */
  @Benchmark
  public Histogram build() {
    return Histogram.ofParallel(data, threads);
  }
}
