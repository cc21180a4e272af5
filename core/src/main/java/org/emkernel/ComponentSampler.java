package org.emkernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.emkernel.internal.Sampling;

/** Histograms of m draws from one component without drawing them one by one. */
final class ComponentSampler {
  /** Widest support window tabulated; beyond it draws are made one at a time. */
  private static final int WINDOW_LIMIT = 1 << 22;
  /** Outcomes whose log-probability is this far below the largest are left out. */
  private static final double LOG_CUTOFF = 750;
  private static final int CHUNK = 1 << 24;

  private ComponentSampler() {}

  /**
   * The support window [lo, hi] of one component: outcomes around the mean whose log-probability is within
   * LOG_CUTOFF of the mean's, at most {@code limit} wide; returns null when the window would be wider.
   */
  static int[] window(Family family, double theta, int limit) {
    double mean = family.mean(theta);
    if (!(mean < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("component with " + family.parameterName() + " " + theta
          + " has mean " + mean + ", beyond the int range of outcomes");
    }
    int max = family.maxOutcome();
    int mode = (int) Math.min(max, Math.max(0, Math.floor(mean)));
    double top = family.logPmf(mode, theta);
    int lo = mode;
    while (lo > 0 && family.logPmf(lo - 1, theta) > top - LOG_CUTOFF) {
      if (mode - lo >= limit) {
        return null;
      }
      lo--;
    }
    int hi = mode;
    while (hi < max && family.logPmf(hi + 1, theta) > top - LOG_CUTOFF) {
      if (hi - lo >= limit) {
        return null;
      }
      hi++;
    }
    return new int[] {lo, hi};
  }

  /** Probabilities of the window's outcomes relative to the largest. */
  private static double[] relativePmf(Family family, double theta, int lo, int hi) {
    int width = hi - lo + 1;
    double[] p = new double[width];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < width; i++) {
      p[i] = family.logPmf(lo + i, theta);
      best = Math.max(best, p[i]);
    }
    for (int i = 0; i < width; i++) {
      p[i] = Math.exp(p[i] - best);
    }
    return p;
  }

  static Histogram histogram(Family family, double theta, long m, SplittableRandom random) {
    int[] window = window(family, theta, WINDOW_LIMIT);
    if (window == null) {
      return oneByOne(family, theta, m, random);
    }
    int lo = window[0];
    int width = window[1] - lo + 1;
    double[] p = relativePmf(family, theta, lo, window[1]);
    double[] tail = new double[width + 1];
    for (int i = width - 1; i >= 0; i--) {
      tail[i] = tail[i + 1] + p[i];
    }
    int[] outs = new int[width];
    long[] counts = new long[width];
    int bins = 0;
    long left = m;
    for (int i = 0; i < width && left > 0; i++) {
      double q = tail[i] > 0 ? Math.min(1, p[i] / tail[i]) : 1;
      long count = i == width - 1 ? left : Sampling.binomial(left, q, random);
      if (count > 0) {
        outs[bins] = lo + i;
        counts[bins++] = count;
        left -= count;
      }
    }
    return Histogram.ofCounts(Arrays.copyOf(outs, bins), Arrays.copyOf(counts, bins));
  }

  /**
   * An inversion table for single draws of one component: the cumulative distribution over its window
   * (compensated sums) and a guide table (Chen and Asau) so that a draw costs O(1) expected steps.
   */
  static final class Table {
    private final int lo;
    private final double[] cdf;
    private final int[] guide;

    private Table(int lo, double[] cdf, int[] guide) {
      this.lo = lo;
      this.cdf = cdf;
      this.guide = guide;
    }

    /** The table of the component, or null when its window is wider than the limit. */
    static Table of(Family family, double theta, int limit) {
      int[] window = window(family, theta, limit);
      if (window == null) {
        return null;
      }
      double[] p = relativePmf(family, theta, window[0], window[1]);
      int width = p.length;
      double total = 0;
      double carry = 0;
      double[] cdf = new double[width];
      for (int i = 0; i < width; i++) {
        // Kahan summation keeps the cumulative sums accurate across wide windows.
        double y = p[i] - carry;
        double t = total + y;
        carry = (t - total) - y;
        total = t;
        cdf[i] = total;
      }
      for (int i = 0; i < width; i++) {
        cdf[i] /= total;
      }
      cdf[width - 1] = 1.0;
      int[] guide = new int[width];
      int j = 0;
      for (int g = 0; g < width; g++) {
        double u = (double) g / width;
        while (cdf[j] <= u) {
          j++;
        }
        guide[g] = j;
      }
      return new Table(window[0], cdf, guide);
    }

    /** One draw by inversion of a uniform on [0, 1). */
    int draw(SplittableRandom random) {
      double u = random.nextDouble();
      int j = guide[(int) (u * guide.length)];
      while (cdf[j] <= u) {
        j++;
      }
      return lo + j;
    }
  }

  private static Histogram oneByOne(Family family, double theta, long m, SplittableRandom random) {
    Histogram out = Histogram.empty();
    long left = m;
    while (left > 0) {
      int size = (int) Math.min(CHUNK, left);
      int[] draws = new int[size];
      for (int i = 0; i < size; i++) {
        draws[i] = MixtureModel.toOutcome(family.sample(theta, random));
      }
      out = out.merge(Histogram.of(draws));
      left -= size;
    }
    return out;
  }
}
