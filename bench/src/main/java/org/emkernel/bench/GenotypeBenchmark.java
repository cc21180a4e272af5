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
 * One whole EM iteration ({@link EmSession#iterate()}) on allele counts at a sequencing depth: the genotype
 * mixture of {@link Workloads#genotypes} (reference, heterozygous and alternative, error rate
 * {@value Workloads#GENOTYPE_ERROR}) over outcomes 0..depth, every one present. At depth 30 every product term is
 * in range; at 100 the reference component fades and the alternative one rises from about 2^−1000, so the
 * vector kernel lifts every term by a power of two and runs its E-step in one call; at 200 the alternative component's first term, 0.2·0.001^200, is
 * below the doubles and the exponentials take the E-step. {@code vector-exp} is the vector kernel without its
 * product path and recurrences, for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class GenotypeBenchmark {
  @Param({"30", "100", "200"})
  int depth;

  @Param({"scalar", "vector", "vector-exp"})
  String impl;

  EmSession session;

  /** Iterations the setup runs first, so measuring starts at the fit's neighbourhood. */
  static final int SETTLE = 200;

  /** Builds the session on the genotype histogram (fixed seed) and iterates it {@value #SETTLE} times. */
  @Setup(Level.Trial)
  public void setup() {
    MixtureModel model = Workloads.genotypes(depth);
    Histogram histogram = Workloads.fullSupportHistogram(model, depth + 1);
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
