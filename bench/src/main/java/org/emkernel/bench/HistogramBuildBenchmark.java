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
 * {@link Histogram#of(int[])} over {@code observations} draws from a 3-component binomial(n = 100)
 * mixture (outcomes 0..100). One operation builds one histogram; the report divides by observations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class HistogramBuildBenchmark {
  /** Components of the mixture the observations are drawn from. */
  public static final int COMPONENTS = 3;

  @Param({"1000", "100000", "10000000", "100000000"})
  int observations;

  int[] data;

  /** Draws the observations (fixed seed). */
  @Setup(Level.Trial)
  public void setup() {
    data = Workloads.observations(
        Workloads.mixture(Workloads.OBSERVATION_TRIALS, COMPONENTS), Workloads.OBSERVATION_TRIALS, observations);
  }

  /** Builds the histogram of every observation. */
  @Benchmark
  public Histogram build() {
    return Histogram.of(data);
  }
}
