package org.emkernel.internal;

/**
 * The M-step's loops over many components: the kernel in use supplies them, one component at a time or a vector
 * of components at a time, with the same bits either way (sums in one fixed order, every other operation exact
 * per component).
 */
public interface MStepArithmetic {
  /**
   * Up to this many components the session's M-step goes one component at a time; above, weights and estimates
   * in one pass of {@link #weightsAndQuotients} (the same bits: each is cheaper on its side).
   */
  int FEW_COMPONENTS = 7;

  /**
   * Σ v_j over j &lt; k in a fixed order: v_j is added in turn to partial sum j mod 8, and the eight partial sums
   * combine as ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)).
   */
  double sum(double[] v, int k);

  /**
   * Sets {@code w[j] = n[j]·perN} and {@code estimates[j] = min(hi, max(lo, s[j] / (factor·n[j])))} for j &lt; k
   * ({@link Math#min} and {@link Math#max}); returns whether every n[j] exceeds threshold (false for a NaN).
   */
  boolean weightsAndQuotients(double[] n, double[] s, double perN, double factor, double lo, double hi,
      double threshold, int k, double[] w, double[] estimates);
}
