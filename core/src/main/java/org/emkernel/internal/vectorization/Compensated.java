package org.emkernel.internal.vectorization;

/**
 * Log-joint differences in compensated arithmetic. The kernels evaluate {@code d_j = l_j − l_m} for a
 * reference component m as {@code (a_j − a_m) + (η_j − η_m)·x (+ (ζ_j − ζ_m)·z)}, with each coefficient
 * difference split exactly into a high and a low double (Knuth's TwoSum). The error is then about one
 * rounding of d itself, instead of one rounding of l (which reaches 1e-10 relative at n = 10^6 trials).
 */
final class Compensated {
  private Compensated() {}

  /** High part of p − q (p − q rounded); −∞ when p is −∞ (a component of weight 0). */
  static double diffHi(double p, double q) {
    return p - q;
  }

  /** Low part of p − q: the exact rounding error of {@link #diffHi}; 0 when p is −∞. */
  static double diffLo(double p, double q) {
    if (p == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    double s = p - q;
    double bv = s - p;
    return (p - (s - bv)) + (-q - bv);
  }

  /** d = (a_j − a_m) + (η_j − η_m)·x in compensated arithmetic (0 when j == m). */
  static double relative(double aj, double ej, double am, double em, double x) {
    if (aj == Double.NEGATIVE_INFINITY) {
      return aj;
    }
    double da = aj - am;
    double de = ej - em;
    return Math.fma(de, x, da) + Math.fma(diffLo(ej, em), x, diffLo(aj, am));
  }

  /** d = (a_j − a_m) + (η_j − η_m)·x + (ζ_j − ζ_m)·z in compensated arithmetic (0 when j == m). */
  static double relative(double aj, double ej, double zj, double am, double em, double zm, double x, double z) {
    if (aj == Double.NEGATIVE_INFINITY) {
      return aj;
    }
    double da = aj - am;
    double de = ej - em;
    double dz = zj - zm;
    // Both products and their sum exactly as hi + lo parts, then the offset.
    double p = de * x;
    double pe = Math.fma(de, x, -p);
    double q = dz * z;
    double qe = Math.fma(dz, z, -q);
    double s = p + q;
    double bv = s - p;
    double se = (p - (s - bv)) + (q - bv);
    double t = s + da;
    bv = t - s;
    double te = (s - (t - bv)) + (da - bv);
    double low = te + se + pe + qe + diffLo(aj, am) + diffLo(ej, em) * x + diffLo(zj, zm) * z;
    return t + low;
  }

  /** Index of the component with the largest rough log-joint at (x, z). */
  static int argmax(double[] a, double[] eta, double[] zeta, int k, double x, double z) {
    int best = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double l = Math.fma(eta[j], x, a[j]);
      if (zeta != null) {
        l = Math.fma(zeta[j], z, l);
      }
      if (l > max) {
        max = l;
        best = j;
      }
    }
    return best;
  }
}
