package org.emkernel.internal;

/**
 * The logarithms behind a mixture's kernel coefficients, k components at a time: the kernel in use supplies
 * them, one at a time or a vector at a time (all three in one pass), with the same bits either way
 * ({@link DeterministicLog}).
 */
public interface Logarithms {

  /**
   * Sets {@code logW[j] = log w[j]} (log 0 = −∞), {@code logTheta[j] = }{@link SpecialFunctions#clampedLog}
   * {@code (theta[j])} and, when {@code log1mTheta} is non-null, {@code log1mTheta[j] = }
   * {@link SpecialFunctions#clampedLog1m}{@code (theta[j])}, for j &lt; n (0 &lt;= w[j] &lt; ∞, 0 &lt;= theta[j];
   * theta[j] &lt;= 1 when log1mTheta is wanted). Output arrays are distinct from the inputs and each other.
   */
  void coefficientLogs(double[] w, double[] theta, int n, double[] logW, double[] logTheta, double[] log1mTheta);
}
