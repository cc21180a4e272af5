package org.emkernel;

import org.emkernel.internal.DeterministicLog;
import org.emkernel.internal.SaddlePoint;
import org.emkernel.internal.SpecialFunctions;
import org.emkernel.internal.engine.EmData;

/**
 * The centred form of the E-step's terms, for data whose outcomes or trials are large enough that
 * η·x − A(θ) and log h(x) are each far larger than their sum (at x near 2·10^9 some 4·10^10, cancelling to some
 * −10 per observation, so the plain form loses whole nats). A reference θ0 of the family, fixed by the data, is
 * taken out of every term: the kernel sees a_j = log w_j − (A(θ_j) − A(θ0)) and η_j = η(θ_j) − η(θ0) (and
 * ζ_j = ζ(θ_j) − ζ(θ0)), both computed as logarithms of ratios near 1, and the base measure becomes
 * Σ_b c_b·log p(x_b | θ0) by the saddle-point form ({@link SaddlePoint}), once per data and family. Components
 * near θ0 then give terms of the size of their log-probabilities, and the posteriors are unchanged.
 */
final class Centring {
  /** Outcomes, trials or a negative binomial size from this value on have the data centred. */
  static final double FROM = 4096;

  private final Family family;
  /** The reference parameter θ0, and q0 = 1 − θ0 exactly for the binomials and the negative binomial. */
  final double theta0;
  private final double q0;
  /** Σ_b c_b·log p(x_b | θ0) (trials per bin for data with trials), summed with compensation. */
  final double base;

  private Centring(Family family, double theta0, double q0, EmData d) {
    this.family = family;
    this.theta0 = theta0;
    this.q0 = q0;
    double sum = 0;
    double compensation = 0;
    for (int b = 0; b < d.bins; b++) {
      double term = d.c[b] * logReference(d.x[b], d.z == null ? 0 : d.z[b]);
      // Neumaier's compensated sum: the base is set once, and its terms can be large.
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    this.base = sum + compensation;
  }

  /** The centring of the family on these data, or null where the plain form loses nothing that matters. */
  static Centring of(Family family, EmData d) {
    if (family.centringRuledOut(d)) {
      return null; // Decided by the family and the largest outcome, before any pass over the bins.
    }
    double most = 0;
    double sumC = 0;
    double sumX = 0;
    double sumZ = 0;
    for (int b = 0; b < d.bins; b++) {
      most = Math.max(most, d.z == null ? d.x[b] : d.z[b]);
      sumC += d.c[b];
      sumX += d.c[b] * d.x[b];
      sumZ += d.z == null ? 0 : d.c[b] * d.z[b];
    }
    if (sumC == 0) {
      return null;
    }
    double mean = sumX / sumC;
    // Past the family's own rule: a Poisson, binomial or negative binomial here needs centring.
    if (family instanceof Poisson) {
      return new Centring(family, Math.max(mean, Poisson.MIN_LAMBDA), 0, d);
    }
    if (family instanceof Binomial) {
      return proportion(family, mean / ((Binomial) family).trials(), d);
    }
    if (family instanceof BinomialVaryingTrials) {
      return most < FROM || sumZ == 0 ? null : proportion(family, sumX / sumZ, d);
    }
    if (family instanceof NegativeBinomial) {
      double r = ((NegativeBinomial) family).size();
      // p0 = r / (r + mean) as 1 − q0 with q0 = mean / (r + mean), snapped so that p0 + q0 = 1 exactly.
      double q = snap(mean / (r + mean));
      return new Centring(family, 1 - q, q, d);
    }
    return null;
  }

  /** A binomial reference: θ0 the proportion snapped to a multiple of 2^−53 (so 1 − θ0 is exact), 0 or 1 kept. */
  private static Centring proportion(Family family, double proportion, EmData d) {
    double p = Math.min(1, Math.max(0, proportion));
    double p0 = p == 0 || p == 1 ? p : Math.min(1 - 0x1p-53, snap(p));
    return new Centring(family, p0, 1 - p0, d);
  }

  /** The multiple of 2^−53 nearest u in [0, 1], at least 2^−53 for u &gt; 0. */
  private static double snap(double u) {
    return u <= 0 ? 0 : Math.max(0x1p-53, Math.rint(u * 0x1p53) * 0x1p-53);
  }

  /** log p(x | θ0) (x successes in z trials for data with trials). */
  double logReference(double x, double z) {
    if (family instanceof Poisson) {
      return SaddlePoint.logPoisson(x, theta0);
    }
    if (family instanceof NegativeBinomial) {
      return SaddlePoint.logNegativeBinomial(x, ((NegativeBinomial) family).size(), theta0, q0);
    }
    double n = family instanceof Binomial ? ((Binomial) family).trials() : z;
    if ((theta0 == 0 && x > 0) || (q0 == 0 && x < n)) {
      // A reference at a bound is taken only when every outcome is at that bound.
      throw new AssertionError(x + " of " + n + " under " + theta0);
    }
    return SaddlePoint.logBinomial(x, n, theta0, q0);
  }

  /**
   * The kernel's coefficients relative to the reference, for k components: a_j = log w_j − (A(θ_j) − A(θ0)),
   * η_j = η(θ_j) − η(θ0), ζ_j = ζ(θ_j) − ζ(θ0) (into zeta when non-null). A weight of 0 gives a_j = −∞, as in
   * the plain form; logarithms of parameters at 0 or 1 are clamped (their components are point masses, which the
   * session masks).
   */
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta) {
    for (int j = 0; j < k; j++) {
      double t = theta[j];
      // log 0 = −∞ for a weight of 0 (its terms exactly 0), never clamped; the same bits as the plain form else.
      double logW = DeterministicLog.log(w[j]);
      if (family instanceof Poisson) {
        a[j] = logW - (t - theta0);
        eta[j] = logRatio(t, theta0, t - theta0);
      } else if (family instanceof NegativeBinomial) {
        // η = log(1 − p), A = −r·log p; (1 − p) − q0 = p0 − p exactly, as p0 + q0 = 1.
        a[j] = logW + ((NegativeBinomial) family).size() * logRatio(t, theta0, t - theta0);
        eta[j] = logRatio(1 - t, q0, theta0 - t);
      } else {
        // η = logit φ, A = −n·log(1 − φ) (the binomial), or ζ = log(1 − φ) (trials per observation).
        double failures = logRatio(1 - t, q0, theta0 - t);
        eta[j] = logRatio(t, theta0, t - theta0) - failures;
        if (zeta != null) {
          a[j] = logW;
          zeta[j] = failures;
        } else {
          a[j] = logW + ((Binomial) family).trials() * failures;
        }
      }
    }
  }

  /**
   * log(u / v) for u, v ≥ 0, given their difference d = u − v computed from the parameters (u may be 1 − t
   * rounded; d is then θ0 − t, exact or off by a rounding of its own size): by log1p(d / v) where u is within a
   * factor 2 of v, so the result is accurate relative to itself, else as a difference of clamped logarithms.
   */
  static double logRatio(double u, double v, double d) {
    if (u > 0 && v > 0 && u <= 2 * v && v <= 2 * u) {
      return StrictMath.log1p(d / v);
    }
    return SpecialFunctions.clampedLog(u) - SpecialFunctions.clampedLog(v);
  }
}
