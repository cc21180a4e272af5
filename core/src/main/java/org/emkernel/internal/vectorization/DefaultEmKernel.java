package org.emkernel.internal.vectorization;

import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;
import org.emkernel.internal.ScalarArithmetic;

/**
 * The scalar reference kernel: plain loops and {@link Math}, one bin at a time. Log-joints are taken
 * relative to the bin's best component in compensated arithmetic ({@link Compensated}), so posteriors stay
 * accurate to about 1e-15 even when the log-joints themselves are large (n = 10^6 trials).
 */
public final class DefaultEmKernel implements EmKernel {

  /** The reference: one exponential per term everywhere. */
  public static final DefaultEmKernel INSTANCE = new DefaultEmKernel(false);
  /**
   * The same kernel taking the product path where sessions allow it: the scalar start of
   * {@link org.emkernel.KernelChoice#AUTO} (see {@link KernelProvider#autoStart()}).
   */
  public static final DefaultEmKernel PRODUCTS = new DefaultEmKernel(true);

  private final boolean products;

  private DefaultEmKernel(boolean products) {
    this.products = products;
  }

  @Override
  public Logarithms logarithms(int k) {
    return ScalarArithmetic.INSTANCE;
  }

  @Override
  public Powers powers() {
    return ScalarArithmetic.INSTANCE;
  }

  @Override
  public MStepArithmetic mStepArithmetic() {
    return ScalarArithmetic.INSTANCE;
  }

  @Override
  public boolean usesFloors(int bins) {
    return false;
  }

  @Override
  public KernelScratch scratch(int k, KernelScratch reuse) {
    return reuse != null && reuse.size() >= k ? reuse : new KernelScratch(new double[k]);
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, double[] floors, int k,
      double[] n, double[] s, double[] t, KernelScratch scratch) {
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    final double[] row = scratch.doubles;
    assert a.length >= k && eta.length >= k && n.length >= k && s.length >= k && row.length >= k;
    assert z == null || (zeta != null && t != null && z.length >= to);
    double logLik = 0;
    for (int b = from; b < to; b++) {
      double xb = x[b];
      double zb = z == null ? 0 : z[b];
      double lm = relativeJoints(xb, zb, z, a, eta, zeta, k, row);
      double max = max(row, k);
      // Shifted exponentials overwrite the differences; normalising by their sum keeps Σ_k r = 1.
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(row[j] - max);
        row[j] = e;
        sum += e;
      }
      logLik += c[b] * (lm + (max + Math.log(sum)));
      double w = c[b] / sum;
      for (int j = 0; j < k; j++) {
        double r = row[j] * w;
        n[j] += r;
        s[j] += r * xb;
        if (z != null) {
          t[j] += r * zb;
        }
      }
    }
    return logLik;
  }

  /** The reference keeps one exponential per term; {@link #PRODUCTS} takes the product path. */
  @Override
  public boolean usesProducts() {
    return products;
  }

  @Override
  public double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading) {
    return ordinaryProducts(scale, rho, k, (long) x0, (long) end, massAtLast, fading);
  }

  /** {@link #productsOrdinary} one component at a time, without branches on the values. */
  static double ordinaryProducts(double[] scale, double[] rho, int k, long x0, long end, boolean massAtLast,
      double[] fading) {
    boolean bad = false;
    boolean regular = false;
    boolean anyFading = false;
    long floor = -4096;
    for (int j = 0; j < k; j++) {
      long es = Math.getExponent(scale[j]); // −1023 for 0 and subnormals, 1024 for ∞ and NaN.
      long er = Math.getExponent(rho[j]);
      boolean scaleOk = (es >= Double.MIN_EXPONENT) & (es <= Double.MAX_EXPONENT);
      // log2 of a term at x lies in [es + x·er, es + 1 + x·(er + 1)).
      long low = es + Math.min(x0 * er, end * er);
      boolean normal = scaleOk & (er >= Double.MIN_EXPONENT) & (er <= Double.MAX_EXPONENT)
          & (low >= -900)
          & (es + 1 + Math.max(x0 * (er + 1), end * (er + 1)) <= 900)
          & (Math.max(x0, 8) * (Math.abs(er) + 1) <= 900);
      // Out of range but fading: scale in [2^−1022, 2), ρ normal below 1.
      boolean fade = !normal & scaleOk & (es <= 0) & (er >= Double.MIN_EXPONENT) & (er <= -1);
      boolean mass = scaleOk & ((rho[j] == 0) | (massAtLast & (rho[j] == Double.POSITIVE_INFINITY)));
      bad |= !(normal | fade | mass);
      regular |= normal;
      anyFading |= fade;
      floor = Math.max(floor, normal ? low : -4096);
      fading[j] = fade ? -1.0 : 1.0;
    }
    return bad | !regular ? Double.NaN : anyFading ? floor : Double.POSITIVE_INFINITY;
  }

  @Override
  public double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, KernelScratch scratch) {
    assert from >= 0 && from < to && to <= x.length && to <= c.length : from + ".." + to;
    final double[] row = scratch.doubles;
    assert row.length >= k;
    java.util.Arrays.fill(n, 0, k, 0);
    java.util.Arrays.fill(s, 0, k, 0);
    // Each component's term at x[from] by binary powering, then one multiplication per bin.
    long e0 = (long) x[from];
    for (int j = 0; j < k; j++) {
      if (rho[j] == Double.POSITIVE_INFINITY) {
        row[j] = 0; // A mass at the last bin, added below.
        continue;
      }
      row[j] = org.emkernel.internal.SpecialFunctions.timesPower(scale[j], rho[j], e0);
    }
    double logLik = 0;
    for (int b = from; b < to; b++) {
      assert x[b] == x[from] + (b - from) : "outcomes not consecutive at bin " + b;
      if (b == to - 1) {
        for (int j = 0; j < k; j++) {
          if (rho[j] == Double.POSITIVE_INFINITY) {
            row[j] = scale[j];
          }
        }
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += row[j];
      }
      logLik += c[b] * Math.log(sum);
      double w = c[b] / sum;
      for (int j = 0; j < k; j++) {
        double r = row[j] * w;
        n[j] += r;
        s[j] += r * x[b];
        row[j] = rho[j] == Double.POSITIVE_INFINITY ? 0 : row[j] * rho[j];
      }
    }
    return logLik;
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, KernelScratch scratch) {
    assert base <= from && out.length >= (long) (to - base) * k;
    final double[] row = scratch.doubles;
    for (int b = from; b < to; b++) {
      double lm = relativeJoints(x[b], z == null ? 0 : z[b], z, a, eta, zeta, k, row);
      double max = max(row, k);
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(row[j] - max);
      }
      double logSum = Math.log(sum);
      int at = (b - base) * k;
      for (int j = 0; j < k; j++) {
        out[at + j] = (row[j] - max) - logSum;
      }
      if (lse != null) {
        lse[b - base] = lm + (max + logSum);
      }
    }
  }

  /**
   * Fills row[0..k) with d_j = l_j − l_m for the bin's best component m (compensated) and returns
   * l_m itself.
   */
  private static double relativeJoints(double xb, double zb, double[] z,
      double[] a, double[] eta, double[] zeta, int k, double[] row) {
    int m = Compensated.argmax(a, eta, zeta, k, xb, zb);
    assert a[m] > Double.NEGATIVE_INFINITY : "every component has weight zero";
    for (int j = 0; j < k; j++) {
      row[j] = z == null
          ? Compensated.relative(a[j], eta[j], a[m], eta[m], xb)
          : Compensated.relative(a[j], eta[j], zeta[j], a[m], eta[m], zeta[m], xb, zb);
    }
    double lm = Math.fma(eta[m], xb, a[m]);
    return z == null ? lm : Math.fma(zeta[m], zb, lm);
  }

  private static double max(double[] values, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, values[j]);
    }
    return max;
  }

  @Override
  public int lanes() {
    return 1;
  }

  @Override
  public String name() {
    return products ? "scalar-products" : "scalar";
  }
}
