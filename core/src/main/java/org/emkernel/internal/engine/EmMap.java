package org.emkernel.internal.engine;

/**
 * The EM map F as an accelerator sees it: a state (weights and parameters, read and written in place) that an
 * E-step and an M-step advance. {@link Squarem} moves it on the unconstrained scale.
 */
public interface EmMap {
  /** Number of components K. */
  int components();

  /** E-step on the current state; returns its log-likelihood. */
  double eStep();

  /** M-step from the last E-step. */
  void mStep();

  /** Whether component j is dying after the last E-step (its weight free, its expected count at most the threshold). */
  boolean dying(int j);

  /** The current weights, in place. */
  double[] weights();

  /** The current parameters, in place. */
  double[] params();

  /** A parameter on the unconstrained scale (the family's transform). */
  double toUnconstrained(double theta);

  /** The inverse of {@link #toUnconstrained}. */
  double fromUnconstrained(double u);
}
