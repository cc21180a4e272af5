package org.emkernel.internal.engine;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import org.emkernel.internal.DeterministicLog;
import org.emkernel.internal.vectorization.ChunkedEStep;

/**
 * The E-step's exact handling of point masses: components at the edge of their range (a bias of 0 or 1, p = 1)
 * whose log-pmf is −∞ off one outcome. The kernel sees them as components of weight 0 (every term exactly 0,
 * never a clamped log 0) over the bins no mass produces; each bin a mass produces then goes through exact terms
 * here, one at a time. A bin with observations that no component produces makes the log-likelihood −∞.
 */
public final class PointMasses {
  /** A component with more than one possible outcome. */
  public static final int NONE = -1;
  /** A binomial bias of 1 with trials per observation: the mass is at x = n of each bin. */
  public static final int AT_TRIALS = -2;

  private final double[] x;
  private final double[] z;
  private final double[] c;
  private final int bins;
  private final int k;
  /** Per component, its mass's outcome, {@link #AT_TRIALS} or {@link #NONE} (weight 0 included). */
  private final int[] massOf;
  /** log p(x | θ0) of the centred terms' reference, or null for plain terms. */
  private final DoubleBinaryOperator reference;
  /** The log-joints of one bin. */
  private final double[] joints;
  /** The counts with the bins a point mass produces set to 0; made when first needed. */
  private double[] maskedC;

  /** Point masses over padded columns x, z (or null) and c, for k components; reference as above. */
  public PointMasses(double[] x, double[] z, double[] c, int bins, int k, DoubleBinaryOperator reference) {
    this.x = x;
    this.z = z;
    this.c = c;
    this.bins = bins;
    this.k = k;
    this.massOf = new int[k];
    this.reference = reference;
    this.joints = new double[k];
  }

  /** Component j's mass (an outcome, {@link #AT_TRIALS} or {@link #NONE}), set before each use. */
  public void set(int j, int mass) {
    massOf[j] = mass;
  }

  /** Whether some component is a point mass. */
  public boolean any() {
    for (int j = 0; j < k; j++) {
      if (massOf[j] != NONE) {
        return true;
      }
    }
    return false;
  }

  /** How many components of positive weight are not point masses. */
  public int regular(double[] w) {
    int live = 0;
    for (int j = 0; j < k; j++) {
      live += massOf[j] == NONE && w[j] > 0 ? 1 : 0;
    }
    return live;
  }

  /** Whether point mass j produces bin b's outcome. */
  private boolean produces(int j, int b) {
    return x[b] == (massOf[j] == AT_TRIALS ? z[b] : massOf[j]);
  }

  /** Whether some point mass produces bin b's outcome. */
  public boolean producesBin(int b) {
    for (int j = 0; j < k; j++) {
      if (massOf[j] != NONE && produces(j, b)) {
        return true;
      }
    }
    return false;
  }

  /** Gives the masses the coefficients of a weight-0 component; returns {@link #regular} of w. */
  public int mask(double[] w, double[] a, double[] eta, double[] zeta) {
    for (int j = 0; j < k; j++) {
      if (massOf[j] != NONE) {
        a[j] = Double.NEGATIVE_INFINITY;
        eta[j] = 0;
        if (zeta != null) {
          zeta[j] = 0;
        }
      }
    }
    return regular(w);
  }

  /**
   * The E-step: the kernel over the bins no mass produces, then the masses' bins exactly. Fills n, s (and t);
   * returns the log-likelihood without the base measure, or −∞ when some observation is impossible.
   */
  public double eStep(ChunkedEStep estep, double[] w, double[] a, double[] eta, double[] zeta, double[] floors,
      long total, double[] n, double[] s, double[] t) {
    final int live = mask(w, a, eta, zeta);
    if (maskedC == null) {
      maskedC = new double[c.length];
    }
    System.arraycopy(c, 0, maskedC, 0, c.length);
    boolean impossible = false;
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && producesBin(b)) {
        maskedC[b] = 0;
      } else if (c[b] > 0 && live == 0) {
        impossible = true;
      }
    }
    double logLik = 0;
    if (live > 0) {
      logLik = estep.run(x, z, maskedC, bins, a, eta, zeta, z == null ? floors : null, total, n, s, t);
    } else {
      Arrays.fill(n, 0);
      Arrays.fill(s, 0);
      if (t != null) {
        Arrays.fill(t, 0);
      }
    }
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && maskedC[b] == 0) {
        logLik += binStep(b, w, a, eta, zeta, n, s, t);
      }
    }
    return impossible ? Double.NEGATIVE_INFINITY : logLik;
  }

  /**
   * Log-joints of bin b (which some mass produces) into {@link #joints}, without log h (0 at a mass's outcome)
   * and, on centred data, relative to the reference: log w for a mass there, −∞ for one elsewhere, a + η·x
   * (+ ζ·n) for a regular component. Returns their largest, finite.
   */
  private double joints(int b, double[] w, double[] a, double[] eta, double[] zeta) {
    double max = Double.NEGATIVE_INFINITY;
    // Centred terms are relative to log p(x | θ0), which the base measure adds back: a mass's too.
    final double ref = reference == null ? 0 : reference.applyAsDouble(x[b], z == null ? 0 : z[b]);
    for (int j = 0; j < k; j++) {
      double l;
      if (massOf[j] != NONE) {
        l = produces(j, b) ? DeterministicLog.log(w[j]) - ref : Double.NEGATIVE_INFINITY;
      } else {
        l = Math.fma(eta[j], x[b], a[j]);
        l = z == null ? l : Math.fma(zeta[j], z[b], l);
      }
      joints[j] = l;
      max = Math.max(max, l);
    }
    return max;
  }

  /** Adds bin b's share to n, s (and t); returns its log-likelihood without log h. */
  private double binStep(int b, double[] w, double[] a, double[] eta, double[] zeta, double[] n, double[] s,
      double[] t) {
    final double max = joints(b, w, a, eta, zeta);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      joints[j] = StrictMath.exp(joints[j] - max);
      sum += joints[j];
    }
    final double perSum = c[b] / sum;
    for (int j = 0; j < k; j++) {
      double r = joints[j] * perSum;
      n[j] += r;
      s[j] += r * x[b];
      if (t != null) {
        t[j] += r * z[b];
      }
    }
    return c[b] * (max + StrictMath.log(sum));
  }

  /** Bin b's log-posteriors (b produced by some mass) into rows from {@code at}. */
  public void logPosteriors(int b, double[] w, double[] a, double[] eta, double[] zeta, double[] rows, int at) {
    double max = joints(b, w, a, eta, zeta);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += StrictMath.exp(joints[j] - max);
    }
    double logSum = StrictMath.log(sum);
    for (int j = 0; j < k; j++) {
      rows[at + j] = (joints[j] - max) - logSum;
    }
  }

  /** The first bin with observations no component of positive weight produces, or −1. */
  public int impossibleBin(double[] w) {
    if (!any() || regular(w) > 0) {
      return -1;
    }
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && !producesBin(b)) {
        return b;
      }
    }
    return -1;
  }
}
