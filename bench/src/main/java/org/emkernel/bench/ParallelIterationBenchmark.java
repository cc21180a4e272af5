package org.emkernel.bench;

import org.emkernel.EmFitter;
import org.emkernel.EmSession;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One whole EM iteration of the vector kernel on {@code threads} threads (the E-step's fixed chunks of 2048
 * bins shared out; results are bit-identical for any count), so the report can show the speed-up from one
 * to two threads on the widest histogram.
 */
public class ParallelIterationBenchmark extends SessionBenchmark {
  @Param({"1", "2"})
  int threads;

  @Param({"100001"})
  int outcomes;

  @Param({"8"})
  int components;

  /** The session on the iteration benchmark's workload. */
  @Override
  EmSession open() {
    MixtureModel model = Workloads.mixture(outcomes - 1, components);
    return EmFitter.builder().kernel(KernelChoice.VECTOR).threads(threads).build()
        .session(Workloads.fullSupportHistogram(model, outcomes), model);
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    return session.iterate();
  }
}
