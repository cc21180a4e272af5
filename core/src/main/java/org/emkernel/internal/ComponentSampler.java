package org.emkernel.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Histograms of m draws from one component without drawing them one by one. */
public final class ComponentSampler {
  /** Widest support window tabulated whole; wider ones are split in blocks of {@link #BLOCK} outcomes. */
  private static final int WINDOW_LIMIT = 1 << 22;
  /** Outcomes per block of a wide window. */
  private static final int BLOCK = 1 << 12;
  /** Outcomes whose probability relative to the window's centre is at most this are left out. */
  private static final double CUTOFF = Math.exp(-700);

  private ComponentSampler() {}

  /** One component's distribution, as the sampler walks it. */
  public interface Component {
    /** The mean of one draw. */
    double mean();

    /** The largest possible outcome (Integer.MAX_VALUE when unbounded). */
    int maxOutcome();

    /** p(x + 1) / p(x). */
    double pmfRatio(int x);

    /** The component for messages, for example "bias 0.3". */
    String describe();
  }

  /** Outcomes (distinct, ascending) and their counts of a sample. */
  public static final class Draws {
    /** The outcomes drawn. */
    public final int[] outcomes;
    /** How often each was drawn. */
    public final long[] counts;

    Draws(int[] outcomes, long[] counts) {
      this.outcomes = outcomes;
      this.counts = counts;
    }
  }

  /**
   * Probabilities over the support window of one component, relative to the outcome at the floor of the
   * mean and built by the family's recurrence p(x + 1)/p(x) outwards from it: the window holds every outcome
   * whose relative probability exceeds e^-700 (none of the rest can matter in double precision), unless it
   * would be wider than {@code limit}, when this returns null. Element 0 of the result is the window's lowest
   * outcome, as a double; the probabilities follow.
   */
  static double[] window(Component component, int limit) {
    double mean = component.mean();
    if (!(mean < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("component with " + component.describe() + " has mean " + mean + ", beyond the int range of outcomes");
    }
    int max = component.maxOutcome();
    int mode = (int) Math.min(max, Math.max(0, Math.floor(mean)));
    double[] up = new double[64];
    int nu = 0;
    double v = 1;
    for (int x = mode; x < max; x++) {
      v *= component.pmfRatio(x);
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
      v /= component.pmfRatio(x);
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

  /** The outcomes and counts of m draws from the component. */
  public static Draws histogram(Component component, long m, SplittableRandom random) {
    double[] window = window(component, WINDOW_LIMIT);
    if (window == null) {
      return blocked(component, m, random);
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
    return new Draws(Arrays.copyOf(outs, bins), Arrays.copyOf(counts, bins));
  }

  /**
   * An inversion table for single draws of one component: the cumulative distribution over its window
   * (compensated sums) and a guide table (Chen and Asau) so that a draw costs O(1) expected steps.
   */
  public static final class Table {
    private final int lo;
    private final double[] cdf;
    private final int[] guide;

    private Table(int lo, double[] cdf, int[] guide) {
      this.lo = lo;
      this.cdf = cdf;
      this.guide = guide;
    }

    /** The table of the component, or null when its window is wider than the limit. */
    public static Table of(Component component, int limit) {
      double[] window = window(component, limit);
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
    public int draw(SplittableRandom random) {
      double u = random.nextDouble();
      int j = guide[(int) (u * guide.length)];
      while (cdf[j] <= u) {
        j++;
      }
      return lo + j;
    }
  }

  /**
   * The histogram of m draws over a window wider than {@link #WINDOW_LIMIT}, in memory O(window / BLOCK +
   * BLOCK) and time O(window), whatever m: the same window and recurrence as {@link #window}, walked once to
   * find each block's mass, then block counts by conditional binomials and, inside each block that drew any,
   * outcome counts the same way from its probabilities recomputed bit for bit by the same walk.
   */
  private static Draws blocked(Component component, long m, SplittableRandom random) {
    int max = component.maxOutcome();
    int mode = (int) Math.min(max, Math.max(0, Math.floor(component.mean())));
    Blocks down = new Blocks();
    double v = 1;
    for (int x = mode - 1; x >= 0; x--) {
      v /= component.pmfRatio(x);
      if (!(v > CUTOFF)) {
        break;
      }
      down.add(x, v);
    }
    Blocks up = new Blocks();
    v = 1;
    up.add(mode, v);
    for (int x = mode; x < max; x++) {
      v *= component.pmfRatio(x);
      if (!(v > CUTOFF)) {
        break;
      }
      up.add(x + 1, v);
    }
    // Blocks in ascending order of outcome: the lower side's reversed, then the upper side's.
    int nb = down.n + up.n;
    double[] mass = new double[nb];
    for (int i = 0; i < nb; i++) {
      mass[i] = i < down.n ? down.sum[down.n - 1 - i] : up.sum[i - down.n];
    }
    double[] tail = new double[nb + 1];
    for (int i = nb - 1; i >= 0; i--) {
      tail[i] = tail[i + 1] + mass[i];
    }
    int[] outs = new int[1024];
    long[] counts = new long[1024];
    int bins = 0;
    double[] p = new double[BLOCK];
    double[] pTail = new double[BLOCK + 1];
    long left = m;
    for (int i = 0; i < nb && left > 0; i++) {
      long count = i == nb - 1 ? left : Sampling.binomial(left, tail[i] > 0 ? Math.min(1, mass[i] / tail[i]) : 1, random);
      if (count == 0) {
        continue;
      }
      left -= count;
      // The block's probabilities in ascending order, recomputed as the walk made them.
      int lo;
      int len;
      if (i < down.n) {
        int b = down.n - 1 - i;
        len = down.length[b];
        lo = down.first[b] - len + 1;
        double w = down.start[b];
        p[len - 1] = w;
        for (int j = len - 2; j >= 0; j--) {
          w /= component.pmfRatio(lo + j);
          p[j] = w;
        }
      } else {
        int b = i - down.n;
        len = up.length[b];
        lo = up.first[b];
        double w = up.start[b];
        p[0] = w;
        for (int j = 1; j < len; j++) {
          w *= component.pmfRatio(lo + j - 1);
          p[j] = w;
        }
      }
      pTail[len] = 0;
      for (int j = len - 1; j >= 0; j--) {
        pTail[j] = pTail[j + 1] + p[j];
      }
      long inBlock = count;
      for (int j = 0; j < len && inBlock > 0; j++) {
        long c = j == len - 1 ? inBlock
            : Sampling.binomial(inBlock, pTail[j] > 0 ? Math.min(1, p[j] / pTail[j]) : 1, random);
        if (c > 0) {
          if (bins == outs.length) {
            outs = Arrays.copyOf(outs, 2 * bins);
            counts = Arrays.copyOf(counts, 2 * bins);
          }
          outs[bins] = lo + j;
          counts[bins++] = c;
          inBlock -= c;
        }
      }
    }
    return new Draws(Arrays.copyOf(outs, bins), Arrays.copyOf(counts, bins));
  }

  /** One side of a wide window in blocks: each block's first outcome walked, its value there, length and sum. */
  private static final class Blocks {
    int[] first = new int[16];
    double[] start = new double[16];
    int[] length = new int[16];
    double[] sum = new double[16];
    int n;

    /** The next outcome of the walk, with its relative probability. */
    void add(int x, double v) {
      if (n == 0 || length[n - 1] == BLOCK) {
        if (n == first.length) {
          first = Arrays.copyOf(first, 2 * n);
          start = Arrays.copyOf(start, 2 * n);
          length = Arrays.copyOf(length, 2 * n);
          sum = Arrays.copyOf(sum, 2 * n);
        }
        first[n] = x;
        start[n] = v;
        n++;
      }
      length[n - 1]++;
      sum[n - 1] += v;
    }
  }
}
