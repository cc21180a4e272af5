package org.emkernel;

/** The result of an EM fit: the final model, its log-likelihood, counts of work done and the trace. */
public final class FitResult {
  private final MixtureModel model;
  private final double logLikelihood;
  private final int iterations;
  private final int eSteps;
  private final boolean converged;
  private final double[] trace;

  FitResult(MixtureModel model, double logLikelihood, int iterations, int eSteps, boolean converged,
      double[] trace) {
    this.model = model;
    this.logLikelihood = logLikelihood;
    this.iterations = iterations;
    this.eSteps = eSteps;
    this.converged = converged;
    this.trace = trace;
  }

  /** The fitted model. */
  public MixtureModel model() {
    return model;
  }

  /** Log-likelihood of the data under {@link #model()}. */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Number of EM iterations (M-steps) performed. */
  public int iterations() {
    return iterations;
  }

  /** Number of E-steps performed (for plain EM, iterations + 1). */
  public int eSteps() {
    return eSteps;
  }

  /** Whether the relative log-likelihood change fell to the tolerance before the iteration limit. */
  public boolean converged() {
    return converged;
  }

  /** A copy of the log-likelihood of the initial model and after each iteration (iterations + 1 values). */
  public double[] trace() {
    return trace.clone();
  }

  @Override
  public String toString() {
    return "FitResult{" + model + ", logLikelihood=" + logLikelihood + ", iterations=" + iterations
        + ", eSteps=" + eSteps + ", converged=" + converged + "}";
  }
}
