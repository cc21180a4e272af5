package org.emkernel.bench;

import org.emkernel.EmSession;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One whole EM iteration ({@link EmSession#iterate()}) on allele counts at a sequencing depth: the genotype
 * mixture of {@link Workloads#genotypes} (reference, heterozygous and alternative, error rate
 * {@value Workloads#GENOTYPE_ERROR}) over outcomes 0..depth, every one present. At depth 30 every product term is
 * in range; at 100 the reference component fades and the alternative one rises from about 2^−1000, so the
 * vector kernel lifts every term by a power of two and runs its E-step in one call; at 200 the alternative component's first term, 0.2·0.001^200, is
 * below the doubles and the exponentials take the E-step. {@code vector-exp} is the vector kernel without its
 * product path and recurrences, for comparison.
 */
public class GenotypeBenchmark extends SessionBenchmark {
  @Param({"30", "100", "200"})
  int depth;

  @Param({"scalar", "vector", "vector-exp"})
  String impl;

  /** Iterations the setup runs first, so measuring starts at the fit's neighbourhood. */
  static final int SETTLE = 200;

  /** The session on the genotype histogram. */
  @Override
  EmSession open() {
    MixtureModel model = Workloads.genotypes(depth);
    return Workloads.fitter(impl, 1).session(Workloads.fullSupportHistogram(model, depth + 1), model);
  }

  /** Iterated {@value #SETTLE} times first, so measuring starts at the fit's neighbourhood. */
  @Override
  int settle() {
    return SETTLE;
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
