package org.emkernel.internal.engine;

/** Told after each iteration of a fit; returns whether the fit goes on. */
@FunctionalInterface
public interface Progress {
  /** After iteration {@code iteration} with log-likelihood {@code logLik}: true to go on, false to stop. */
  boolean onIteration(int iteration, double logLik);
}
