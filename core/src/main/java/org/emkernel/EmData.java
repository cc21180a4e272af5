package org.emkernel;

/**
 * The kernel's view of either kind of data: outcomes x, the optional trials column z (null for a plain
 * {@link Histogram}) and counts c, all as doubles (exact below 2^53), shared with the immutable histogram.
 */
final class EmData {
  final double[] x;
  final double[] z;
  final double[] c;
  final int bins;
  final long total;
  /** The last family's base-measure sum, reused by the sessions of restarts, selections and analyses. */
  private volatile BaseSum lastBase;

  private EmData(double[] x, double[] z, double[] c, int bins, long total) {
    this.x = x;
    this.z = z;
    this.c = c;
    this.bins = bins;
    this.total = total;
  }

  static EmData of(Histogram h) {
    return new EmData(h.x, null, h.c, h.size(), h.total());
  }

  static EmData of(TrialsHistogram h) {
    return new EmData(h.x, h.z, h.c, h.size(), h.total());
  }

  boolean hasTrials() {
    return z != null;
  }

  /** Σ_b c_b·log h(x_b, n_b) under the family (computed once per family in a row). */
  double logBase(Family family) {
    BaseSum cached = lastBase;
    if (cached != null && cached.family.equals(family)) {
      return cached.value;
    }
    double base = 0;
    for (int b = 0; b < bins; b++) {
      base += c[b] * family.logBaseMeasure((int) x[b], z == null ? 0 : (int) z[b]);
    }
    lastBase = new BaseSum(family, base);
    return base;
  }

  private static final class BaseSum {
    final Family family;
    final double value;

    BaseSum(Family family, double value) {
      this.family = family;
      this.value = value;
    }
  }
}
