package org.emkernel;

/** The outcome of one E-step: log-likelihood, expected counts N_k, expected sufficient statistics S_k and expected trials T_k. */
public final class Expectations {
  private final double logLikelihood;
  private final double[] counts;
  private final double[] statistics;
  private final double[] trials;

  Expectations(double logLikelihood, double[] counts, double[] statistics) {
    this(logLikelihood, counts, statistics, new double[counts.length]);
  }

  Expectations(double logLikelihood, double[] counts, double[] statistics, double[] trials) {
    this.logLikelihood = logLikelihood;
    this.counts = counts;
    this.statistics = statistics;
    this.trials = trials;
  }

  /** {@return log-likelihood of the data under the model the E-step used, with the full base measure} */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** {@return a copy of N_k = Σ_b c_b·r[b][k], the expected number of observations of each component} */
  public double[] expectedCounts() {
    return counts.clone();
  }

  /** {@return a copy of S_k = Σ_b c_b·r[b][k]·x_b, each component's expected sufficient statistic} */
  public double[] expectedStatistics() {
    return statistics.clone();
  }

  /** {@return a copy of T_k = Σ_b c_b·r[b][k]·n_b, each component's expected number of trials (all 0 for data without trials)} */
  public double[] expectedTrials() {
    return trials.clone();
  }
}
