package org.emkernel.cli;

import org.emkernel.MixtureModel;

/**
 * Refuses, before anything is written, a sample whose draws could pass the largest outcome (2^31 - 1): the
 * Chernoff bound on P(X &gt; 2^31 - 1) of each component, times its expected share of the draws, must be
 * below {@link #LIMIT}. The binomial needs no check: its outcomes are at most its trials.
 */
final class OutcomeRange {
  /** Largest accepted bound on the expected number of draws past the range. */
  static final double LIMIT = 1e-9;
  private static final double A = 2147483648.0; // the first outcome past the range

  private OutcomeRange() {}

  static void check(FamilyName family, Double r, MixtureModel model, long n) {
    if (family == FamilyName.BINOMIAL || n == 0) {
      return;
    }
    for (int k = 0; k < model.components(); k++) {
      double w = model.weight(k);
      if (w == 0) {
        continue;
      }
      double theta = model.param(k);
      double logTail = family == FamilyName.POISSON ? poisson(theta)
          : negativeBinomial(family == FamilyName.GEOMETRIC ? 1 : r, theta);
      double logExpected = Math.log(n) + Math.log(w) + logTail;
      if (!(logExpected < Math.log(LIMIT))) {
        throw new UserError("component " + (k + 1) + " (" + model.family().parameterName() + " " + theta
            + ", mean " + (float) model.family().mean(theta) + ") can draw outcomes above " + Integer.MAX_VALUE
            + ", the largest an outcome can be, and " + n + " draws make that too likely (up to "
            + String.format(java.util.Locale.ROOT, "%.3g", Math.exp(logExpected))
            + " such draws expected): use a smaller -n or a smaller mean");
      }
    }
  }

  /** log of the Chernoff bound on P(X &gt;= 2^31) for a Poisson(lambda): a - lambda - a log(a / lambda). */
  static double poisson(double lambda) {
    if (lambda == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!(lambda < A)) {
      return 0;
    }
    return A - lambda - A * Math.log(A / lambda);
  }

  /**
   * log of the Chernoff bound on P(X &gt;= 2^31) for failures before the r-th success, success probability
   * p, q = 1 - p: with q e^t = a / (r + a), r log p + r log(1 + a/r) - a log(a / ((r + a) q)).
   */
  static double negativeBinomial(double r, double p) {
    double q = 1 - p;
    if (q == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!(r * q / p < A)) {
      return 0;
    }
    double bound = r * Math.log(p) + r * Math.log1p(A / r) - A * Math.log(A / ((r + A) * q));
    return Math.min(0, bound);
  }
}
