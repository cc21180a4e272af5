package org.emkernel;

import java.util.SplittableRandom;
import org.emkernel.internal.Sampling;

/** Starting models for EM: k-means++ seeding with Lloyd refinement, or random; deterministic given the random source. */
final class Initialiser {
  private static final int LLOYD_ITERATIONS = 25;

  private Initialiser() {}

  static MixtureModel initial(EmData d, Family family, int k, Initialisation how, SplittableRandom random) {
    int bins = d.bins;
    // Points: outcomes, or success rates when trials vary; weights: counts (bins with no trials weigh nothing).
    double[] y = new double[bins];
    double[] wt = new double[bins];
    double sumC = 0;
    double sumX = 0;
    double sumZ = 0;
    for (int b = 0; b < bins; b++) {
      sumC += d.c[b];
      sumX += d.c[b] * d.x[b];
      if (d.z != null) {
        sumZ += d.c[b] * d.z[b];
        y[b] = d.z[b] > 0 ? d.x[b] / d.z[b] : 0;
        wt[b] = d.z[b] > 0 ? d.c[b] : 0;
      } else {
        y[b] = d.x[b];
        wt[b] = d.c[b];
      }
    }
    double meanX = sumX / sumC;
    double meanZ = sumZ / sumC;
    double[] weights = new double[k];
    double[] params = new double[k];
    if (how == Initialisation.RANDOM) {
      double total = 0;
      for (int j = 0; j < k; j++) {
        weights[j] = -Math.log(Sampling.uniformOpen(random));
        total += weights[j];
        int b = pick(wt, random);
        params[j] = shrunk(family, 1, d.x[b], d.z == null ? 0 : d.z[b], meanX, meanZ);
      }
      for (int j = 0; j < k; j++) {
        weights[j] /= total;
      }
      return MixtureModel.trusted(family, weights, params);
    }
    // k-means++: the first centre in proportion to the counts, then in proportion to count·D².
    double[] centres = new double[k];
    centres[0] = y[pick(wt, random)];
    double[] prob = new double[bins];
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
      centres[j] = y[pick(total > 0 ? prob : wt, random)];
    }
    // Weighted Lloyd iterations on the points.
    int[] assign = new int[bins];
    java.util.Arrays.fill(assign, -1);
    double[] cw = new double[k];
    double[] cy = new double[k];
    double[] cx = new double[k];
    double[] cz = new double[k];
    double[] cn = new double[k];
    for (int it = 0; it < LLOYD_ITERATIONS; it++) {
      boolean changed = false;
      java.util.Arrays.fill(cw, 0);
      java.util.Arrays.fill(cy, 0);
      java.util.Arrays.fill(cx, 0);
      java.util.Arrays.fill(cz, 0);
      java.util.Arrays.fill(cn, 0);
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
        cw[best] += wt[b];
        cy[best] += wt[b] * y[b];
        cn[best] += d.c[b];
        cx[best] += d.c[b] * d.x[b];
        cz[best] += d.z == null ? 0 : d.c[b] * d.z[b];
      }
      for (int j = 0; j < k; j++) {
        if (cw[j] > 0) {
          centres[j] = cy[j] / cw[j];
        }
      }
      if (!changed) {
        break;
      }
    }
    for (int j = 0; j < k; j++) {
      weights[j] = (cn[j] + 1) / (sumC + k);
      params[j] = shrunk(family, cn[j], cx[j], cz[j], meanX, meanZ);
    }
    return MixtureModel.trusted(family, weights, params);
  }

  /** The M-step parameter of a cluster's statistics plus one pseudo-observation at the overall mean (keeps it off the boundary). */
  private static double shrunk(Family family, double n, double sx, double sz, double meanX, double meanZ) {
    if (family.needsTrials() && !(sz + meanZ > 0)) {
      return 0.5;
    }
    return family.parameterFromStatistics(n + 1, sx + meanX, sz + meanZ);
  }

  /** Index b drawn with probability proportional to p[b] (p not all zero). */
  private static int pick(double[] p, SplittableRandom random) {
    double total = 0;
    for (double v : p) {
      total += v;
    }
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
