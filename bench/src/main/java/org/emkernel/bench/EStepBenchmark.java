package org.emkernel.bench;

import org.emkernel.EmSession;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The E-step alone ({@link EmSession#eStep()}) on a histogram of {@code outcomes} distinct outcomes
 * (binomial n = outcomes − 1, every outcome present) and a {@code components}-component mixture.
 * One operation is one E-step over outcomes × components cells; the report divides by that.
 */
public class EStepBenchmark extends SessionBenchmark {
  @Param({"scalar", "vector"})
  String impl;

  @Param({"11", "101", "1001", "100001"})
  int outcomes;

  @Param({"2", "3", "8", "32", "128"})
  int components;

  /** E-step threads; 1 by default (per-core numbers), e.g. {@code -p threads=1,2} to see the parallel E-step. */
  @Param({"1"})
  int threads;

  @Override
  EmSession open() {
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    return Workloads.fitter(impl, threads).session(Workloads.fullSupportHistogram(model, outcomes), model);
  }

  /** One E-step; returns the log-likelihood. */
  @Benchmark
  public double eStep() {
    return session.eStep();
  }
}
