package org.emkernel;

/**
 * A one-parameter exponential family of distributions over counts,
 * {@code log p(x | θ) = η(θ)·x − A(θ) + log h(x)}. The E-step kernel sees only the affine coefficients
 * {@code (log w − A(θ), η(θ))}; a family maps parameters to them and a component's expected sufficient
 * statistics back to a parameter. Instances are immutable; obtain them from the static factories.
 */
public abstract class Family {

  Family() {}

  /** The binomial family with {@code trials} trials per observation; its parameter is the success probability φ. */
  public static Family binomial(int trials) {
    return new Binomial(trials);
  }

  /** A short name, for example {@code binomial(n=10)}. */
  public abstract String name();

  /** The name of the component parameter, for example {@code bias}. */
  public abstract String parameterName();

  /** Mean of one observation under parameter θ. */
  public abstract double mean(double theta);

  /** Log-probability of outcome x under parameter θ, with the full base measure. */
  public abstract double logPmf(int x, double theta);

  /** Number of free parameters of one component besides its weight. */
  public int parametersPerComponent() {
    return 1;
  }

  /** Throws IllegalArgumentException naming the value and component index when θ is not a valid parameter. */
  abstract void checkParameter(double theta, int component);

  /** Throws IllegalArgumentException naming the outcome and bin when the family cannot produce it. */
  abstract void checkOutcome(int outcome, int bin);

  /** Natural parameter η(θ), finite (impossible events are clamped to log Double.MIN_VALUE). */
  abstract double eta(double theta);

  /** Log-partition A(θ), finite. */
  abstract double logPartition(double theta);

  /** Log base measure log h(x). */
  abstract double logBaseMeasure(int x);

  /** M-step: the parameter maximising the expected log-likelihood given N = Σ c·r, S = Σ c·r·x and T = Σ c·r·z (N &gt; 0; T is 0 for families without a second covariate). */
  abstract double parameterFromStatistics(double n, double s, double t);
}
