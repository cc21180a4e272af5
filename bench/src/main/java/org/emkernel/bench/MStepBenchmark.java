package org.emkernel.bench;

import org.emkernel.EmSession;
import org.emkernel.MixtureModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The M-step alone ({@link EmSession#mStep()}) after one E-step. The M-step reads only the K expected
 * counts and statistics, so its cost depends on {@code components} alone; the histogram is fixed at
 * {@value #OUTCOMES} outcomes. Repeating it is steady: it recomputes the same model from the same sums.
 */
public class MStepBenchmark extends SessionBenchmark {
  /** Distinct outcomes of the histogram the E-step ran on. */
  public static final int OUTCOMES = 1001;

  @Param({"2", "3", "8", "32", "128"})
  int components;

  /** The session; the base class's setup runs the one E-step the M-step needs. */
  @Override
  EmSession open() {
    MixtureModel model = Workloads.mixture(OUTCOMES - 1, components);
    return Workloads.fitter("vector", 1).session(Workloads.fullSupportHistogram(model, OUTCOMES), model);
  }

  /** One M-step; its result lives in the session's weight and parameter arrays, so the session is returned. */
  @Benchmark
  public EmSession mStep() {
    session.mStep();
    return session;
  }
}
