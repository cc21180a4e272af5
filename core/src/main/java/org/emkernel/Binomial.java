package org.emkernel;

import java.util.SplittableRandom;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.Powers;
import org.emkernel.internal.Sampling;
import org.emkernel.internal.SpecialFunctions;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.vectorization.EmKernel;

/** Binomial with a fixed number of trials n: η = logit φ, A = −n·log(1 − φ), h = C(n, x), φ = μ / n. */
final class Binomial extends Family {
  private final int trials;

  /** The binomial of n trials, typed as a Family so that verifying Family's factories loads no subclass. */
  static Family of(int trials) {
    return new Binomial(trials);
  }

  Binomial(int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("number of trials n = " + trials + " must be at least 1");
    }
    this.trials = trials;
    this.quotientForm = new double[] {trials, 0.0, 1.0};
  }

  /** {@link #quotientForm()}'s array, made once: sessions only read it. */
  private final double[] quotientForm;

  int trials() {
    return trials;
  }

  @Override
  boolean centringRuledOut(EmData d) {
    return trials < Centring.FROM;
  }

  @Override
  public String name() {
    return "binomial(n=" + trials + ")";
  }

  @Override
  public String parameterName() {
    return "bias";
  }

  @Override
  double meanOf(double theta) {
    return trials * theta;
  }

  @Override
  double logPmfOf(int x, double theta) {
    if (x < 0 || x > trials) {
      return Double.NEGATIVE_INFINITY;
    }
    if (theta == 0 || theta == 1) {
      return x == pointMass(theta) ? 0 : Double.NEGATIVE_INFINITY; // A point mass: log 0 is −∞, not clamped.
    }
    return x * SpecialFunctions.clampedLog(theta) + (trials - x) * SpecialFunctions.clampedLog1m(theta)
        + SpecialFunctions.logBinomial(trials, x);
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
    if (outcome > trials) {
      throw new IllegalArgumentException("outcome " + outcome + " at bin " + bin
          + " exceeds the number of trials n = " + trials);
    }
  }

  @Override
  double eta(double theta) {
    return clampedLogit(theta);
  }

  @Override
  double logPartition(double theta) {
    return -trials * SpecialFunctions.clampedLog1m(theta);
  }

  @Override
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta, Logarithms logs,
      double[] scratch) {
    // log(1 − φ) once per component, into scratch.
    logs.coefficientLogs(w, theta, k, a, eta, scratch);
    for (int j = 0; j < k; j++) {
      a[j] += trials * scratch[j];
      eta[j] -= scratch[j];
    }
  }

  @Override
  double productTerms(double[] w, double[] theta, int k, double end, double[] scale, double[] rho, Powers powers) {
    if (trials > EmKernel.PRODUCT_LIMIT) {
      return Double.NaN; // (1 − φ)^n would carry too many roundings.
    }
    // scale = w·(1 − φ)^n, ρ = φ/(1 − φ); a bias of 1 gives ρ = ∞, the whole mass w at x = n.
    powers.binomial(w, theta, k, trials, scale, rho);
    return 0;
  }

  @Override
  double logBaseMeasure(int x) {
    return SpecialFunctions.logBinomial(trials, x);
  }

  @Override
  double parameterFromStatistics(double n, double s, double t) {
    // φ = S / (n·N), kept inside [0, 1] against rounding.
    return Math.min(1.0, Math.max(0.0, s / (trials * n)));
  }

  @Override
  void parametersFromStatistics(double[] n, double[] s, double[] t, int k, double[] out) {
    for (int j = 0; j < k; j++) {
      out[j] = Math.min(1.0, Math.max(0.0, s[j] / (trials * n[j])));
    }
  }

  @Override
  double[] quotientForm() {
    return quotientForm;
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
    return x / theta - (trials - x) / (1 - theta);
  }

  @Override
  long sample(double theta, SplittableRandom random) {
    return Sampling.binomial(trials, theta, random);
  }

  @Override
  double pmfRatio(int x, double theta) {
    return (double) (trials - x) / (x + 1) * (theta / (1 - theta));
  }

  @Override
  int pointMass(double theta) {
    return theta == 0 ? 0 : theta == 1 ? trials : NO_MASS;
  }

  @Override
  int maxOutcome() {
    return trials;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Binomial && ((Binomial) o).trials == trials;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(trials);
  }

  @Override
  public String toString() {
    return name();
  }
}
