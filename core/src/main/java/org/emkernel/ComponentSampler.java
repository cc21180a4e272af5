package org.emkernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.emkernel.internal.Sampling;

/** Histograms of m draws from one component without drawing them one by one. */
final class ComponentSampler {
  /** Widest support window tabulated; beyond it draws are made one at a time. */
  private static final int WINDOW_LIMIT = 1 << 22;
  /** Outcomes whose probability relative to the window's centre is at most this are left out. */
  private static final double CUTOFF = Math.exp(-700);
  private static final int CHUNK = 1 << 24;

  private ComponentSampler() {}

  /**
   * Probabilities over the support window of one component, relative to the outcome at the floor of the
   * mean and built by the family's recurrence p(x + 1)/p(x) outwards from it: the window holds every outcome
   * whose relative probability exceeds e^-700 (none of the rest can matter in double precision), unless it
   * would be wider than {@code limit}, when this returns null. Element 0 of the result is the window's lowest
   * outcome, as a double; the probabilities follow.
   */
  static double[] window(Family family, double theta, int limit) {
    double mean = family.meanOf(theta);
    if (!(mean < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("component with " + family.parameterName() + " " + theta
          + " has mean " + mean + ", beyond the int range of outcomes");
    }
    int max = family.maxOutcome();
    int mode = (int) Math.min(max, Math.max(0, Math.floor(mean)));
    double[] up = new double[64];
    int nu = 0;
    double v = 1;
    for (int x = mode; x < max; x++) {
      v *= family.pmfRatio(x, theta);
      if (!(v > CUTOFF)) {
        break;
      }
      if (nu == limit) {
        return null;
      }
      if (nu == up.length) {
        up = Arrays.copyOf(up, 2 * nu);
      }
      up[nu++] = v;
    }
    double[] down = new double[64];
    int nd = 0;
    v = 1;
    for (int x = mode - 1; x >= 0; x--) {
      v /= family.pmfRatio(x, theta);
      if (!(v > CUTOFF)) {
        break;
      }
      if (nu + nd == limit) {
        return null;
      }
      if (nd == down.length) {
        down = Arrays.copyOf(down, 2 * nd);
      }
      down[nd++] = v;
    }
    double[] out = new double[2 + nd + nu];
    out[0] = mode - nd;
    for (int i = 0; i < nd; i++) {
      out[1 + i] = down[nd - 1 - i];
    }
    out[1 + nd] = 1;
    System.arraycopy(up, 0, out, 2 + nd, nu);
    return out;
  }

  static Histogram histogram(Family family, double theta, long m, SplittableRandom random) {
    double[] window = window(family, theta, WINDOW_LIMIT);
    if (window == null) {
      return oneByOne(family, theta, m, random);
    }
    int lo = (int) window[0];
    double[] p = Arrays.copyOfRange(window, 1, window.length);
    int width = p.length;
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
      double[] window = window(family, theta, limit);
      if (window == null) {
        return null;
      }
      int width = window.length - 1;
      double total = 0;
      double carry = 0;
      double[] cdf = new double[width];
      for (int i = 0; i < width; i++) {
        // Kahan summation keeps the cumulative sums accurate across wide windows.
        double y = window[i + 1] - carry;
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
      return new Table((int) window[0], cdf, guide);
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
