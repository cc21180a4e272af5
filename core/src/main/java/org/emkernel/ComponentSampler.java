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

  static Histogram histogram(Family family, double theta, long m, SplittableRandom random) {
    double mean = family.mean(theta);
    if (!(mean < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("component with " + family.parameterName() + " " + theta
          + " has mean " + mean + ", beyond the int range of outcomes");
    }
    int max = family.maxOutcome();
    int mode = (int) Math.min(max, Math.max(0, Math.floor(mean)));
    double top = family.logPmf(mode, theta);
    int lo = mode;
    while (lo > 0 && family.logPmf(lo - 1, theta) > top - LOG_CUTOFF && mode - lo < WINDOW_LIMIT) {
      lo--;
    }
    int hi = mode;
    while (hi < max && family.logPmf(hi + 1, theta) > top - LOG_CUTOFF && hi - lo < WINDOW_LIMIT) {
      hi++;
    }
    if (hi - lo >= WINDOW_LIMIT) {
      return oneByOne(family, theta, m, random);
    }
    int width = hi - lo + 1;
    double[] logP = new double[width];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < width; i++) {
      logP[i] = family.logPmf(lo + i, theta);
      best = Math.max(best, logP[i]);
    }
    double[] tail = new double[width + 1];
    double[] p = new double[width];
    for (int i = width - 1; i >= 0; i--) {
      p[i] = Math.exp(logP[i] - best);
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
