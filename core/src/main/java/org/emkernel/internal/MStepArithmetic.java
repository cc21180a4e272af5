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

  /** One component at a time. */
  MStepArithmetic SCALAR = new MStepArithmetic() {
    @Override
    public double sum(double[] v, int k) {
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      double p4 = 0;
      double p5 = 0;
      double p6 = 0;
      double p7 = 0;
      int j = 0;
      for (; j + 8 <= k; j += 8) {
        p0 += v[j];
        p1 += v[j + 1];
        p2 += v[j + 2];
        p3 += v[j + 3];
        p4 += v[j + 4];
        p5 += v[j + 5];
        p6 += v[j + 6];
        p7 += v[j + 7];
      }
      return combine(v, j, k, p0, p1, p2, p3, p4, p5, p6, p7);
    }

    @Override
    public boolean weightsAndQuotients(double[] n, double[] s, double perN, double factor, double lo, double hi,
        double threshold, int k, double[] w, double[] estimates) {
      double least = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        w[j] = n[j] * perN;
        estimates[j] = Math.min(hi, Math.max(lo, s[j] / (factor * n[j])));
        least = Math.min(least, n[j]);
      }
      return least > threshold;
    }
  };

  /**
   * {@link #sum}'s last steps: adds v_j for j from {@code from} (a multiple of 8) below k to partial sums p0..p7
   * (in lane order), then combines them.
   */
  static double combine(double[] v, int from, int k, double p0, double p1, double p2, double p3, double p4,
      double p5, double p6, double p7) {
    assert from % 8 == 0 && k - from < 8 : from + " " + k;
    final int left = k - from;
    p0 += left > 0 ? v[from] : 0;
    p1 += left > 1 ? v[from + 1] : 0;
    p2 += left > 2 ? v[from + 2] : 0;
    p3 += left > 3 ? v[from + 3] : 0;
    p4 += left > 4 ? v[from + 4] : 0;
    p5 += left > 5 ? v[from + 5] : 0;
    p6 += left > 6 ? v[from + 6] : 0;
    return ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
  }
}
