package org.emkernel.internal;

/**
 * The scalar reference of the arithmetic the kernels share, its three parts in one class (a fresh JVM's first fit
 * loads one class, not three): {@link Logarithms} one value at a time ({@link DeterministicLog} and
 * {@link SpecialFunctions}), {@link Powers} pass by pass over the components (loops the JIT may vectorise),
 * {@link MStepArithmetic} one component at a time. The vector kernel supplies its own, with the same bits.
 */
public final class ScalarArithmetic implements Logarithms, Powers, MStepArithmetic {
  /** The one instance. */
  public static final ScalarArithmetic INSTANCE = new ScalarArithmetic();

  private ScalarArithmetic() {}

  @Override
  public void coefficientLogs(double[] w, double[] theta, int n, double[] logW, double[] logTheta,
      double[] log1mTheta) {
    for (int j = 0; j < n; j++) {
      logW[j] = DeterministicLog.log(w[j]);
      logTheta[j] = SpecialFunctions.clampedLog(theta[j]);
      if (log1mTheta != null) {
        log1mTheta[j] = SpecialFunctions.clampedLog1m(theta[j]);
      }
    }
  }

  @Override
  public void timesPowers(double[] scale, double[] base, int k, int e) {
    for (; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        for (int j = 0; j < k; j++) {
          scale[j] *= base[j];
        }
      }
      if (e > 1) {
        for (int j = 0; j < k; j++) {
          base[j] *= base[j];
        }
      }
    }
  }

  @Override
  public void binomialTerms(double[] w, double[] theta, int k, int n, double[] scale, double[] rho) {
    for (int j = 0; j < k; j++) {
      scale[j] = w[j];
      rho[j] = 1 - theta[j];
    }
    timesPowers(scale, rho, k, n);
    for (int j = 0; j < k; j++) {
      rho[j] = theta[j] / (1 - theta[j]);
    }
    for (int j = 0; j < k; j++) {
      if (theta[j] == 1) {
        scale[j] = w[j]; // ρ = ∞: the whole mass w·1^n at x = n.
      }
    }
  }

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

  /**
   * {@link MStepArithmetic#sum}'s last steps, for either kernel: adds v_j for j from {@code from} (a multiple of 8)
   * below k to partial sums p0..p7 (in lane order), then combines them.
   */
  public static double combine(double[] v, int from, int k, double p0, double p1, double p2, double p3, double p4,
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
