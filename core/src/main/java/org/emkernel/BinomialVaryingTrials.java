package org.emkernel;

import java.util.SplittableRandom;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.Sampling;
import org.emkernel.internal.SpecialFunctions;

/**
 * Binomial with n_b trials per observation: l = log w + x·logit φ + n_b·log(1 − φ) (the kernel's z column
 * is n_b, ζ = log(1 − φ), A = 0), h = C(n_b, x), and the M-step φ = S / T with T = Σ c·r·n_b.
 */
final class BinomialVaryingTrials extends Family {
  /** Typed as a Family so that verifying Family's factories loads no subclass. */
  static final Family INSTANCE = new BinomialVaryingTrials();

  private BinomialVaryingTrials() {}

  @Override
  public String name() {
    return "binomial(varying n)";
  }

  @Override
  public String parameterName() {
    return "bias";
  }

  @Override
  double meanOf(double theta) {
    return theta;
  }

  @Override
  double logPmfOf(int x, double theta) {
    throw new UnsupportedOperationException(name() + " needs the number of trials: use logPmf(x, trials, theta)");
  }

  @Override
  double logPmfOf(int x, int trials, double theta) {
    if (x < 0 || x > trials) {
      return Double.NEGATIVE_INFINITY;
    }
    if (theta == 0 || theta == 1) {
      return x == (theta == 0 ? 0 : trials) ? 0 : Double.NEGATIVE_INFINITY; // A point mass: log 0 is −∞.
    }
    return x * SpecialFunctions.clampedLog(theta) + (trials - x) * SpecialFunctions.clampedLog1m(theta)
        + SpecialFunctions.logBinomial(trials, x);
  }

  @Override
  public boolean needsTrials() {
    return true;
  }

  @Override
  void checkParameter(double theta, int component) {
    if (!(theta >= 0 && theta <= 1)) {
      throw new IllegalArgumentException(
          "bias " + theta + ofComponent(component) + " is outside [0, 1]");
    }
  }

  @Override
  void checkOutcome(int outcome, int bin) {
    // TrialsHistogram checks successes against trials when it is built.
  }

  @Override
  double eta(double theta) {
    return clampedLogit(theta);
  }

  @Override
  double zeta(double theta) {
    return SpecialFunctions.clampedLog1m(theta);
  }

  @Override
  double logPartition(double theta) {
    return 0;
  }

  @Override
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta, Logarithms logs,
      double[] scratch) {
    // log(1 − φ) once per component, into zeta.
    logs.coefficientLogs(w, theta, k, a, eta, zeta);
    for (int j = 0; j < k; j++) {
      eta[j] -= zeta[j];
    }
  }

  @Override
  double logBaseMeasure(int x) {
    throw new UnsupportedOperationException("needs the number of trials");
  }

  @Override
  double logBaseMeasure(int x, int trials) {
    return SpecialFunctions.logBinomial(trials, x);
  }

  @Override
  double parameterFromStatistics(double n, double s, double t) {
    return Math.min(1.0, Math.max(0.0, s / t));
  }

  @Override
  boolean informative(double n, double t) {
    return n > 0 && t > 0;
  }

  @Override
  double toUnconstrained(double theta) {
    return clampedLogit(theta);
  }

  @Override
  double fromUnconstrained(double u) {
    return logistic(u);
  }

  @Override
  double score(double theta, double x, double z) {
    return x / theta - (z - x) / (1 - theta);
  }

  @Override
  long sample(double theta, SplittableRandom random) {
    throw new UnsupportedOperationException(name() + " needs the number of trials");
  }

  @Override
  long sample(double theta, int trials, SplittableRandom random) {
    return Sampling.binomial(trials, theta, random);
  }

  @Override
  int pointMass(double theta) {
    return theta == 0 ? 0 : theta == 1 ? MASS_AT_TRIALS : NO_MASS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinomialVaryingTrials;
  }

  @Override
  public int hashCode() {
    return 23;
  }

  @Override
  public String toString() {
    return name();
  }
}
