package org.emkernel;

/** Called by {@link EmFitter} after each iteration; returning false stops the fit early (the result then has converged = false). */
@FunctionalInterface
public interface FitListener {
  /** Reports the iteration number (from 1 in each start), the log-likelihood and the nanoseconds since the fit began; returns whether to continue. */
  boolean onIteration(int iteration, double logLikelihood, long elapsedNanos);
}
