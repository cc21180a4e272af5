package org.emkernel;

/**
 * The kernel's view of either kind of data: outcomes x, the optional trials column z (null for a plain
 * {@link Histogram}) and counts c, all as doubles (exact below 2^53), shared with the immutable histogram.
 * The arrays are padded past {@link #bins} to a multiple of {@link #PAD}: counts 0, outcomes continuing
 * one by one from the last, so a vector kernel can take the last bins as a whole vector that adds nothing.
 */
final class EmData {
  /** The arrays' lengths are multiples of this: up to 8 doubles per vector. */
  static final int PAD = 8;

  final double[] x;
  final double[] z;
  final double[] c;
  final int bins;
  final long total;
  /** The last family's base-measure sum, reused by the sessions of restarts, selections and analyses. */
  private volatile BaseSum lastBase;
  /** The last family's centring (see {@link Centring}), likewise reused. */
  private volatile CentringFor lastCentring;

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

  /** The padded length of arrays holding {@code bins} bins. */
  static int padded(int bins) {
    return (int) Math.min(Integer.MAX_VALUE - 8, ((long) bins + PAD - 1) / PAD * PAD);
  }

  /** Fills the padding of a column past its first {@code bins} values: the last value plus 1, 2, ... */
  static void pad(double[] column, int bins) {
    double last = bins == 0 ? 0 : column[bins - 1];
    for (int b = bins; b < column.length; b++) {
      last += 1;
      column[b] = last;
    }
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

  /** The centring of these data under the family, or null when the plain form serves (computed once per family in a row). */
  Centring centring(Family family) {
    CentringFor cached = lastCentring;
    if (cached != null && cached.family.equals(family)) {
      return cached.centring;
    }
    Centring centring = Centring.of(family, this);
    lastCentring = new CentringFor(family, centring);
    return centring;
  }

  private static final class CentringFor {
    final Family family;
    final Centring centring;

    CentringFor(Family family, Centring centring) {
      this.family = family;
      this.centring = centring;
    }
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
