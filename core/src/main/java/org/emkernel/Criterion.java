package org.emkernel;

/**
 * Model-selection criteria, all "lower is better". With p = {@link FitResult#freeParameters()}, N the number
 * of observations and logL the maximised log-likelihood (full base measure).
 */
public enum Criterion {
  /** Akaike: −2·logL + 2·p. */
  AIC,
  /** Bayesian (Schwarz): −2·logL + p·log N. */
  BIC,
  /** Integrated completed likelihood (Biernacki et al.), BIC form: BIC + 2·E, E = −Σ_b c_b Σ_k r_bk·log r_bk the posterior entropy. */
  ICL
}
