package org.emkernel;

import java.util.SplittableRandom;
import org.emkernel.internal.DeterministicExp;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.Powers;
import org.emkernel.internal.Sampling;
import org.emkernel.internal.SpecialFunctions;
import org.emkernel.internal.engine.EmData;

/** Poisson(λ): η = log λ, A = λ, h = 1/x!, λ = μ. */
final class Poisson extends Family {
  /** Typed as a Family so that verifying Family's factories loads no subclass. */
  static final Family INSTANCE = new Poisson();
  /** Smallest λ the M-step returns, so that log λ stays finite and the parameter valid. */
  static final double MIN_LAMBDA = Double.MIN_NORMAL;

  private Poisson() {}

  @Override
  boolean centringRuledOut(EmData d) {
    return d.bins == 0 || d.x[d.bins - 1] < Centring.FROM;
  }

  @Override
  public String name() {
    return "poisson";
  }

  @Override
  public String parameterName() {
    return "lambda";
  }

  @Override
  double meanOf(double theta) {
    return theta;
  }

  @Override
  double logPmfOf(int x, double theta) {
    if (x < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return x * SpecialFunctions.clampedLog(theta) - theta - SpecialFunctions.logFactorial(x);
  }

  @Override
  void checkParameter(double theta, int component) {
    if (!(theta > 0) || Double.isInfinite(theta)) {
      throw new IllegalArgumentException(
          "lambda " + theta + ofComponent(component) + " must be finite and > 0");
    }
  }

  @Override
  void checkOutcome(int outcome, int bin) {
    // Every non-negative count is possible.
  }

  @Override
  double eta(double theta) {
    return SpecialFunctions.clampedLog(theta);
  }

  @Override
  double logPartition(double theta) {
    return theta;
  }

  @Override
  double productTerms(double[] w, double[] theta, int k, double end, double[] scale, double[] rho, Powers powers) {
    // e^−λ·λ^x lacks its 1/x! and is not bounded by 1: the terms are rescaled by m^−x with m = 2^e the least
    // power of two at or above every live component's λ, so ρ = λ/m ≤ 1 (exact while normal; a subnormal ρ, off by
    // at most 2^−1075, makes a fading component in the session's range check) and every term w·e^−λ·(λ/m)^x is at most w. The shift is then x·log m per
    // outcome. (The kernel sums N and S relative to a term, and terms at most 1 lose nothing the reference's
    // exponentials keep.) scale = w·e^−λ by DeterministicExp (the same bits on every JVM; StrictMath.exp, also
    // deterministic, is a slower native call on JDK 17). A component of weight 0 gets
    // no terms (the session's range check), so its λ does not set m.
    double most = 0;
    for (int j = 0; j < k; j++) {
      most = w[j] == 0 ? most : Math.max(most, theta[j]);
    }
    // Every live mean below 2^−10 (data all but all zeros): e^−λ rounds away most of λ, and where nothing else
    // sizes the terms (one component, x = 0) the exp path's exact a = log w − λ keeps the log-likelihood's digits.
    if (!(most >= 0x1p-10 && most <= 0x1p1000)) {
      return Double.NaN;
    }
    final boolean powerOfTwo = (Double.doubleToRawLongBits(most) & 0xFFFFFFFFFFFFFL) == 0;
    final int e = Math.getExponent(most) + (powerOfTwo ? 0 : 1);
    final double inverse = Math.scalb(1.0, -e);
    for (int j = 0; j < k; j++) {
      scale[j] = w[j] * DeterministicExp.exp(-theta[j]);
      rho[j] = theta[j] * inverse;
    }
    return e * LN_2;
  }

  private static final double LN_2 = 0.6931471805599453;

  @Override
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta, Logarithms logs,
      double[] scratch) {
    logs.coefficientLogs(w, theta, k, a, eta, null);
    for (int j = 0; j < k; j++) {
      a[j] -= theta[j];
    }
  }

  @Override
  double logBaseMeasure(int x) {
    return -SpecialFunctions.logFactorial(x);
  }

  @Override
  double parameterFromStatistics(double n, double s, double t) {
    return Math.min(Double.MAX_VALUE, Math.max(MIN_LAMBDA, s / n));
  }

  @Override
  double[] quotientForm() {
    return new double[] {1.0, MIN_LAMBDA, Double.MAX_VALUE}; // S / (1·N) is S / N exactly.
  }

  @Override
  double toUnconstrained(double theta) {
    return Math.log(theta);
  }

  @Override
  double fromUnconstrained(double u) {
    return Math.min(Double.MAX_VALUE, Math.max(MIN_LAMBDA, Math.exp(u)));
  }

  @Override
  double score(double theta, double x, double z) {
    return x / theta - 1;
  }

  @Override
  double pmfRatio(int x, double theta) {
    return theta / (x + 1.0);
  }

  @Override
  long sample(double theta, SplittableRandom random) {
    return Sampling.poisson(theta, random);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Poisson;
  }

  @Override
  public int hashCode() {
    return 17;
  }

  @Override
  public String toString() {
    return name();
  }
}
