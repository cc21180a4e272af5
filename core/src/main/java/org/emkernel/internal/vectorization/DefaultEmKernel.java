package org.emkernel.internal.vectorization;

/** The scalar reference kernel: plain loops and {@link Math}, one bin at a time. */
public final class DefaultEmKernel implements EmKernel {

  /** The single instance. */
  public static final DefaultEmKernel INSTANCE = new DefaultEmKernel();

  private DefaultEmKernel() {}

  @Override
  public int scratchLength(int k) {
    return k;
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, int k,
      double[] n, double[] s, double[] t, double[] scratch) {
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    assert a.length >= k && eta.length >= k && n.length >= k && s.length >= k && scratch.length >= k;
    assert z == null || (zeta != null && t != null && z.length >= to);
    double logLik = 0;
    for (int b = from; b < to; b++) {
      double xb = x[b];
      double zb = z == null ? 0 : z[b];
      double max = logJoint(xb, zb, z != null, a, eta, zeta, k, scratch);
      // Shifted exponentials overwrite the log-joints; normalising by their sum keeps Σ_k r = 1.
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(scratch[j] - max);
        scratch[j] = e;
        sum += e;
      }
      logLik += c[b] * (max + Math.log(sum));
      double w = c[b] / sum;
      for (int j = 0; j < k; j++) {
        double r = scratch[j] * w;
        n[j] += r;
        s[j] += r * xb;
        if (z != null) {
          t[j] += r * zb;
        }
      }
    }
    return logLik;
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch) {
    assert out.length >= (long) to * k;
    for (int b = from; b < to; b++) {
      double max = logJoint(x[b], z == null ? 0 : z[b], z != null, a, eta, zeta, k, scratch);
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(scratch[j] - max);
      }
      double logSum = Math.log(sum);
      int row = b * k;
      for (int j = 0; j < k; j++) {
        out[row + j] = (scratch[j] - max) - logSum;
      }
      if (lse != null) {
        lse[b] = max + logSum;
      }
    }
  }

  /** Fills scratch[0..k) with the log-joints of one bin and returns their maximum. */
  private static double logJoint(double xb, double zb, boolean hasZ,
      double[] a, double[] eta, double[] zeta, int k, double[] scratch) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double l = Math.fma(eta[j], xb, a[j]);
      if (hasZ) {
        l = Math.fma(zeta[j], zb, l);
      }
      scratch[j] = l;
      max = Math.max(max, l);
    }
    assert max > Double.NEGATIVE_INFINITY : "every component has weight zero";
    return max;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
