package org.emkernel.bench;

import org.emkernel.EmSession;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One whole EM iteration ({@link EmSession#iterate()}) for each family, over outcomes 0..{@value #OUTCOMES} − 1
 * (the product path's range): the same weights as {@link IterationBenchmark}'s mixtures, component means spread
 * over [0.05, 0.95] of the last outcome ({@link Workloads#familyMixture}), every outcome present. The histogram
 * stops at the last outcome, where a Poisson or geometric with a mean near it still has mass, so the generating
 * mixture is not the fit: the setup iterates toward it first. Shows what a family costs beyond the binomial the
 * main grid measures.
 */
public class FamilyIterationBenchmark extends SessionBenchmark {
  /** Distinct outcomes of every family's histogram. */
  public static final int OUTCOMES = 101;

  @Param({"binomial", "poisson", "geometric", "negative-binomial"})
  String family;

  @Param({"scalar", "vector"})
  String impl;

  @Param({"3", "8", "32"})
  int components;

  /** Iterations the setup runs first: the histogram stops at the last outcome, so the generating mixture is not the fit. */
  static final int SETTLE = 1000;

  @Override
  EmSession open() {
    MixtureModel model = Workloads.familyMixture(family, OUTCOMES, components);
    return Workloads.fitter(impl, 1).session(Workloads.fullSupportHistogram(model, OUTCOMES), model);
  }

  /** Iterated {@value #SETTLE} times toward the fit, so measuring starts steady. */
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
