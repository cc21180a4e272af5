package org.emkernel.bench;

import org.emkernel.EmSession;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One whole EM iteration ({@link EmSession#iterate()}: M-step, then E-step) on the E-step benchmark's
 * workload. The session starts at the mixture that generated the histogram, which is close to the maximum
 * likelihood estimate, so iterating is steady and no reset is needed. Mostly the model moves little and stays
 * inside the parameter space; at 11 outcomes with 32 or 128 components the mixture has more parameters than
 * the data can fix, and within the warm-up some biases reach exactly 1 (a mass at x = n, which the product
 * path takes as such) while the weights stay positive.
 */
public class IterationBenchmark extends SessionBenchmark {
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

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
