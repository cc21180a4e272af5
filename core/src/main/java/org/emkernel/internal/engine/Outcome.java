package org.emkernel.internal.engine;

/** How an iterative fit ended: its log-likelihood, the work done, and why it stopped. */
public final class Outcome {
  /** Log-likelihood of the final state. */
  public final double logLik;
  /** Iterations (EM updates, or SQUAREM cycles). */
  public final int iterations;
  /** E-steps run. */
  public final int eSteps;
  /** Whether the relative change of the log-likelihood fell to the tolerance. */
  public final boolean converged;
  /** Whether the progress callback stopped the fit. */
  public final boolean stopped;
  /** The log-likelihood after each E-step that began an iteration. */
  public final Trace trace;

  /** Records how a fit ended. */
  public Outcome(double logLik, int iterations, int eSteps, boolean converged, boolean stopped, Trace trace) {
    this.logLik = logLik;
    this.iterations = iterations;
    this.eSteps = eSteps;
    this.converged = converged;
    this.stopped = stopped;
    this.trace = trace;
  }
}
