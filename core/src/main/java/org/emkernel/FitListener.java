package org.emkernel;

/** Called by {@link EmFitter} after each iteration; returning false stops the fit early (the result then has converged = false). */
@FunctionalInterface
public interface FitListener {
  /**
   * Reports the iteration number (from 1 in each start), the log-likelihood and the nanoseconds since the fit began; returns whether to continue.
   *
   * @param iteration the iteration, from 1 in each start
   * @param logLikelihood the log-likelihood after it
   * @param elapsedNanos nanoseconds since the fit began
   * @return true to continue, false to stop the fit
   */
  boolean onIteration(int iteration, double logLikelihood, long elapsedNanos);
}
