package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emkernel.internal.DeterministicLog;
import org.emkernel.internal.SpecialFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The families' bulk coefficients (one log(1 − φ) per binomial component) equal the per-component
 * definitions a = log w − A(θ), η(θ), ζ(θ) bit for bit, at edge parameters and every K up to 19.
 */
class CoefficientsTest {
  static final double[] THETAS = {0, Double.MIN_VALUE, 1e-300, 1e-12, 0.001, 0.25, 0.4999999, 0.5, 0.75,
      1 - 1e-12, 1 - 1e-16, 1};

  @Test
  void bulkEqualsPerComponentDefinitions() {
    for (Family family : new Family[] {Family.binomial(20), Family.binomial(1_000_000),
        Family.binomialVaryingTrials(), Family.poisson(), Family.negativeBinomial(3)}) {
      boolean probability = !family.equals(Family.poisson());
      for (int k = 1; k <= 19; k++) {
        double[] w = new double[k];
        double[] theta = new double[k];
        for (int j = 0; j < k; j++) {
          w[j] = j == 2 ? 0 : (j + 1.0) / (k * (k + 1) / 2.0);
          theta[j] = probability ? THETAS[j % THETAS.length] : 0.1 + 7 * j;
          if (family instanceof NegativeBinomial && (theta[j] == 0 || theta[j] == 1)) {
            theta[j] = 0.5; // p in (0, 1) for the negative binomial: its closed ends are not parameters here.
          }
        }
        double[] a = new double[k];
        double[] eta = new double[k];
        double[] zeta = new double[k];
        family.coefficients(w, theta, k, a, eta, zeta);
        for (int j = 0; j < k; j++) {
          String at = family.name() + " K=" + k + " j=" + j + " θ=" + theta[j];
          assertEquals(DeterministicLog.log(w[j]) - family.logPartition(theta[j]), a[j], at + " a");
          assertEquals(family.eta(theta[j]), eta[j], at + " η");
          assertEquals(family.zeta(theta[j]), zeta[j], at + " ζ");
        }
      }
    }
  }

  /** The closed ends of the bias are clamped as SpecialFunctions says: log 0 = log Double.MIN_VALUE. */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0})
  void closedEndsAreClamped(double theta) {
    double[] a = new double[1];
    double[] eta = new double[1];
    Family.binomial(10).coefficients(new double[] {1}, new double[] {theta}, 1, a, eta, null);
    double log1m = theta < 1 ? 0 : SpecialFunctions.LOG_MIN_VALUE;
    double logTheta = theta > 0 ? 0 : SpecialFunctions.LOG_MIN_VALUE;
    assertEquals(10 * log1m, a[0]);
    assertEquals(logTheta - log1m, eta[0]);
  }
}
