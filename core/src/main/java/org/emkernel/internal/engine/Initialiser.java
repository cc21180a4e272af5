package org.emkernel.internal.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.emkernel.internal.Sampling;

/** Starting models for EM: k-means++ seeding with Lloyd refinement, or random; deterministic given the random source. */
public final class Initialiser {
  private static final int LLOYD_ITERATIONS = 25;

  private Initialiser() {}

  /** The family's M-step parameter from a cluster's statistics: count n, Σ outcomes, Σ trials. */
  @FunctionalInterface
  public interface Estimator {
    /** The parameter of statistics n, sx (and sz for data with trials). */
    double parameter(double n, double sx, double sz);
  }

  /**
   * Fills weights and params with a starting model of k components: random (weights from exponentials, each
   * parameter from one observation), else k-means++ with Lloyd refinement.
   */
  public static void initial(EmData d, int k, boolean random, Estimator estimator, SplittableRandom rnd,
      double[] weights, double[] params) {
    int bins = d.bins;
    // Points: outcomes, or success rates when trials vary; weights: counts (bins with no trials weigh nothing).
    // Without trials they are the data's own padded columns (counts 0 past the bins, which no pick takes).
    double[] y = d.z == null ? d.x : new double[bins];
    double[] wt = d.z == null ? d.c : new double[bins];
    double sumC = 0;
    double sumX = 0;
    double sumZ = 0;
    double sumW = 0; // Σ wt in bin order, as pick would sum it.
    for (int b = 0; b < bins; b++) {
      sumC += d.c[b];
      sumX += d.c[b] * d.x[b];
      if (d.z != null) {
        sumZ += d.c[b] * d.z[b];
        y[b] = d.z[b] > 0 ? d.x[b] / d.z[b] : 0;
        wt[b] = d.z[b] > 0 ? d.c[b] : 0;
        sumW += wt[b];
      }
    }
    if (d.z == null) {
      sumW = sumC;
    }
    double meanX = sumX / sumC;
    double meanZ = sumZ / sumC;
    if (random) {
      double total = 0;
      for (int j = 0; j < k; j++) {
        weights[j] = -Math.log(Sampling.uniformOpen(rnd));
        total += weights[j];
        int b = pick(wt, sumW, rnd);
        params[j] = shrunk(estimator, d.z != null, 1, d.x[b], d.z == null ? 0 : d.z[b], meanX, meanZ);
      }
      for (int j = 0; j < k; j++) {
        weights[j] /= total;
      }
      return;
    }
    // k-means++: the first centre in proportion to the counts, then in proportion to count·D².
    double[] centres = new double[k];
    centres[0] = y[pick(wt, sumW, rnd)];
    double[] prob = k > 1 ? new double[bins] : null;
    for (int j = 1; j < k; j++) {
      double total = 0;
      for (int b = 0; b < bins; b++) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < j; i++) {
          double diff = y[b] - centres[i];
          best = Math.min(best, diff * diff);
        }
        prob[b] = wt[b] * best;
        total += prob[b];
      }
      centres[j] = y[total > 0 ? pick(prob, total, rnd) : pick(wt, sumW, rnd)];
    }
    // Weighted Lloyd iterations on the points: each pass assigns every point to its nearest centre and sums, per
    // cluster, weight and weight·point (in bin order) for the new centres. An assignment that did not change gives
    // the same sums and centres again, so it ends the iterations; the sums are then the last assignment's.
    int[] assign = new int[bins];
    Arrays.fill(assign, -1);
    double[] sums = new double[3 * k]; // Two per cluster here, three below when trials vary.
    for (int it = 0; it < LLOYD_ITERATIONS; it++) {
      Arrays.fill(sums, 0, 2 * k, 0);
      boolean changed = false;
      for (int b = 0; b < bins; b++) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double diff = y[b] - centres[j];
          if (diff * diff < bestD) {
            bestD = diff * diff;
            best = j;
          }
        }
        changed |= assign[b] != best;
        assign[b] = best;
        sums[2 * best] += wt[b];
        sums[2 * best + 1] += wt[b] * y[b];
      }
      if (!changed) {
        break;
      }
      for (int j = 0; j < k; j++) {
        if (sums[2 * j] > 0) {
          centres[j] = sums[2 * j + 1] / sums[2 * j];
        }
      }
    }
    if (d.z == null) {
      // The points are the outcomes and their weights the counts: the last pass's sums are the clusters'.
      for (int j = 0; j < k; j++) {
        weights[j] = (sums[2 * j] + 1) / (sumC + k);
        params[j] = shrunk(estimator, false, sums[2 * j], sums[2 * j + 1], 0, meanX, meanZ);
      }
      return;
    }
    // The clusters of the last assignment: Σ counts, Σ counts·outcomes, Σ counts·trials, in bin order.
    Arrays.fill(sums, 0);
    for (int b = 0; b < bins; b++) {
      int at = 3 * assign[b];
      sums[at] += d.c[b];
      sums[at + 1] += d.c[b] * d.x[b];
      sums[at + 2] += d.c[b] * d.z[b];
    }
    for (int j = 0; j < k; j++) {
      weights[j] = (sums[3 * j] + 1) / (sumC + k);
      params[j] = shrunk(estimator, true, sums[3 * j], sums[3 * j + 1], sums[3 * j + 2], meanX, meanZ);
    }
  }

  /** The M-step parameter of a cluster's statistics plus one pseudo-observation at the overall mean (keeps it off the boundary). */
  private static double shrunk(Estimator estimator, boolean trials, double n, double sx, double sz, double meanX,
      double meanZ) {
    if (trials && !(sz + meanZ > 0)) {
      return 0.5;
    }
    return estimator.parameter(n + 1, sx + meanX, sz + meanZ);
  }

  /** Index b drawn with probability proportional to p[b] (p not all zero), total being Σ p summed in index order. */
  private static int pick(double[] p, double total, SplittableRandom random) {
    double u = random.nextDouble() * total;
    int last = 0;
    for (int b = 0; b < p.length; b++) {
      if (p[b] > 0) {
        last = b;
        u -= p[b];
        if (u < 0) {
          return b;
        }
      }
    }
    return last;
  }
}
