package org.emkernel;

import java.util.SplittableRandom;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.Powers;
import org.emkernel.internal.Sampling;
import org.emkernel.internal.SpecialFunctions;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * Negative binomial with known size r, counting failures before the r-th success: η = log(1 − p),
 * A = −r·log p, h = C(x + r − 1, x), p = r / (r + μ). The geometric family is r = 1 with h = 1.
 */
final class NegativeBinomial extends Family {
  /** Typed as a Family (as are {@link #of}'s results) so that verifying Family's factories loads no subclass. */
  static final Family GEOMETRIC = new NegativeBinomial(1, true);

  /** The negative binomial of size r (checked by the caller). */
  static Family of(double r) {
    return new NegativeBinomial(r, false);
  }

  private final double r;
  private final boolean geometric;
  private final double lnGammaR;

  NegativeBinomial(double r, boolean geometric) {
    assert r > 0 && Double.isFinite(r);
    this.r = r;
    this.geometric = geometric;
    this.lnGammaR = SpecialFunctions.lnGamma(r);
  }

  /** The size r. */
  double size() {
    return r;
  }

  /** Whether this is the geometric family (r = 1, h = 1). */
  boolean isGeometric() {
    return geometric;
  }

  @Override
  boolean centringRuledOut(EmData d) {
    return geometric || (r < Centring.FROM && (d.bins == 0 || d.x[d.bins - 1] < Centring.FROM));
  }

  @Override
  public String name() {
    return geometric ? "geometric" : "negbinomial(r=" + r + ")";
  }

  @Override
  public String parameterName() {
    return "p";
  }

  @Override
  double meanOf(double theta) {
    return r * (1 - theta) / theta;
  }

  @Override
  double logPmfOf(int x, double theta) {
    if (x < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (theta == 1) {
      return x == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    return x * SpecialFunctions.clampedLog1m(theta) + r * SpecialFunctions.clampedLog(theta) + logBaseMeasure(x);
  }

  @Override
  int pointMass(double theta) {
    return theta == 1 ? 0 : NO_MASS;
  }

  @Override
  void checkParameter(double theta, int component) {
    if (!(theta > 0 && theta <= 1)) {
      throw new IllegalArgumentException(
          "p " + theta + ofComponent(component) + " is outside (0, 1]");
    }
  }

  @Override
  void checkOutcome(int outcome, int bin) {
    // Every non-negative count is possible.
  }

  @Override
  double eta(double theta) {
    return SpecialFunctions.clampedLog1m(theta);
  }

  @Override
  double logPartition(double theta) {
    return -r * SpecialFunctions.clampedLog(theta);
  }

  @Override
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta, Logarithms logs,
      double[] scratch) {
    // a = log w − A(p) = log w + r·log p; η = log(1 − p).
    logs.coefficientLogs(w, theta, k, a, scratch, eta);
    for (int j = 0; j < k; j++) {
      a[j] += r * scratch[j];
    }
  }

  @Override
  double productTerms(double[] w, double[] theta, int k, double end, double[] scale, double[] rho, Powers powers) {
    if (r != Math.rint(r) || r > EmKernel.PRODUCT_LIMIT) {
      return Double.NaN; // p^r by multiplications only for a whole r, and few of them.
    }
    // scale = w·p^r, ρ = 1 − p.
    powers.negativeBinomial(w, theta, k, (int) r, scale, rho);
    return 0;
  }

  @Override
  double logBaseMeasure(int x) {
    if (geometric || x == 0) {
      return 0;
    }
    return SpecialFunctions.lnGamma(x + r) - lnGammaR - SpecialFunctions.logFactorial(x);
  }

  @Override
  double parameterFromStatistics(double n, double s, double t) {
    // p = r·N / (r·N + S) lies in (0, 1] for N > 0 and S >= 0.
    double rn = r * n;
    return Math.max(Double.MIN_NORMAL, Math.min(1.0, rn / (rn + s)));
  }

  @Override
  double toUnconstrained(double theta) {
    return clampedLogit(theta);
  }

  @Override
  double fromUnconstrained(double u) {
    return Math.max(Double.MIN_NORMAL, logistic(u));
  }

  @Override
  double score(double theta, double x, double z) {
    return r / theta - x / (1 - theta);
  }

  @Override
  double pmfRatio(int x, double theta) {
    return (x + r) / (x + 1.0) * (1 - theta);
  }

  @Override
  long sample(double theta, SplittableRandom random) {
    if (geometric) {
      return Sampling.geometric(theta, random);
    }
    return Sampling.negativeBinomial(r, theta, random);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NegativeBinomial && ((NegativeBinomial) o).r == r
        && ((NegativeBinomial) o).geometric == geometric;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(r) * 31 + (geometric ? 1 : 0);
  }

  @Override
  public String toString() {
    return name();
  }
}
