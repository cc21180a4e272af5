package org.emkernel.internal.engine;

/**
 * The kernel's view of either kind of data: outcomes x, the optional trials column z (null for a plain
 * histogram) and counts c, all as doubles (exact below 2^53), shared with the immutable histogram.
 * The arrays are padded past {@link #bins} to a multiple of {@link #PAD}: counts 0, outcomes continuing
 * one by one from the last, so a vector kernel can take the last bins as a whole vector that adds nothing.
 */
public final class EmData {
  /** The arrays' lengths are multiples of this: up to 8 doubles per vector. */
  public static final int PAD = 8;

  /** Outcomes, padded. */
  public final double[] x;
  /** Trials per bin, padded; null for data without trials. */
  public final double[] z;
  /** Counts, padded with 0. */
  public final double[] c;
  /** Bins before the padding. */
  public final int bins;
  /** Σ counts. */
  public final long total;
  /** The last family's base-measure sum, reused by the sessions of restarts, selections and analyses. */
  private volatile BaseSum lastBase;
  /** The last family's derived value (the session's centring), likewise reused. */
  private volatile Derived lastDerived;

  private EmData(double[] x, double[] z, double[] c, int bins, long total) {
    this.x = x;
    this.z = z;
    this.c = c;
    this.bins = bins;
    this.total = total;
  }

  /** A view of padded columns (shared, not copied): outcomes, trials (or null) and counts. */
  public static EmData of(double[] x, double[] z, double[] c, int bins, long total) {
    return new EmData(x, z, c, bins, total);
  }

  /** log h(x, trials) of one bin under a family. */
  @FunctionalInterface
  public interface BaseMeasure {
    /** log h of outcome x (with its trials, 0 for data without). */
    double logH(int x, int trials);
  }

  /** The padded length of arrays holding {@code bins} bins. */
  public static int padded(int bins) {
    return (int) Math.min(Integer.MAX_VALUE - 8, ((long) bins + PAD - 1) / PAD * PAD);
  }

  /** Fills the padding of a column past its first {@code bins} values: the last value plus 1, 2, ... */
  public static void pad(double[] column, int bins) {
    double last = bins == 0 ? 0 : column[bins - 1];
    for (int b = bins; b < column.length; b++) {
      last += 1;
      column[b] = last;
    }
  }

  /** Whether the data have a trials column. */
  public boolean hasTrials() {
    return z != null;
  }

  /** Σ_b c_b·log h(x_b, n_b) under the family {@code key} (computed once per family in a row). */
  public double logBase(Object key, BaseMeasure measure) {
    BaseSum cached = lastBase;
    if (cached != null && cached.key.equals(key)) {
      return cached.value;
    }
    double base = 0;
    for (int b = 0; b < bins; b++) {
      base += c[b] * measure.logH((int) x[b], z == null ? 0 : (int) z[b]);
    }
    lastBase = new BaseSum(key, base);
    return base;
  }

  /**
   * A value derived from these data under the family {@code key} (null allowed), computed once per family in a
   * row: the centring of terms for large outcomes.
   */
  public <T> T derived(Object key, java.util.function.Function<EmData, T> compute) {
    Derived cached = lastDerived;
    if (cached != null && cached.key.equals(key)) {
      @SuppressWarnings("unchecked")
      T value = (T) cached.value;
      return value;
    }
    T value = compute.apply(this);
    lastDerived = new Derived(key, value);
    return value;
  }

  private static final class Derived {
    final Object key;
    final Object value;

    Derived(Object key, Object value) {
      this.key = key;
      this.value = value;
    }
  }

  private static final class BaseSum {
    final Object key;
    final double value;

    BaseSum(Object key, double value) {
      this.key = key;
      this.value = value;
    }
  }
}
