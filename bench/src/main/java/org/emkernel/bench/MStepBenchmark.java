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
 * The M-step alone ({@link EmSession#mStep()}) after one E-step. The M-step reads only the K expected
 * counts and statistics, so its cost depends on {@code components} alone; the histogram is fixed at
 * {@value #OUTCOMES} outcomes. Repeating it is steady: it recomputes the same model from the same sums.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class MStepBenchmark {
  /** Distinct outcomes of the histogram the E-step ran on. */
  public static final int OUTCOMES = 1001;

  @Param({"2", "3", "8", "32", "128"})
  int components;

  EmSession session;

  /** Builds the session and runs the one E-step the M-step needs (fixed seed). */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.mixture(OUTCOMES - 1, components);
    Histogram histogram = Workloads.fullSupportHistogram(model, OUTCOMES);
    session = Workloads.fitter("vector", 1).session(histogram, model);
    session.eStep();
  }

  /** One M-step; its result lives in the session's weight and parameter arrays, so the session is returned. */
  @Benchmark
  public EmSession mStep() {
    session.mStep();
    return session;
  }
}
