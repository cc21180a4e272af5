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
 * The baseline users write without histograms: one scalar EM iteration (E-step, then M-step) over every
 * raw observation, in plain loops ({@link RawEm}), against one iteration of the library on the histogram of
 * the same observations ({@link EmSession#iterate()}, vector kernel, one thread like the baseline). The data are {@code observations}
 * draws from a {@code components}-component binomial(n = 100) mixture; both sides start from that mixture.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class RawObservationBenchmark {
  @Param({"1000", "100000", "10000000"})
  int observations;

  @Param({"3", "8"})
  int components;

  RawEm raw;
  EmSession session;

  /** Draws the observations and prepares both sides (fixed seed). */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.mixture(Workloads.OBSERVATION_TRIALS, components);
    int[] data = Workloads.observations(model, Workloads.OBSERVATION_TRIALS, observations);
    raw = new RawEm(data, Workloads.OBSERVATION_TRIALS, model.weights(), model.params());
    session = Workloads.fitter("vector", 1).session(Histogram.of(data), model);
    session.eStep();
  }

  /** One plain scalar EM iteration over the raw observations; returns the log-likelihood of its E-step. */
  @Benchmark
  public double rawIteration() {
    return raw.iterate();
  }

  /** One library EM iteration on the histogram of the same observations; returns the new log-likelihood. */
  @Benchmark
  public double histogramIteration() {
    return session.iterate();
  }
}
