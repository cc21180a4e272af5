package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A binomial component with a bias of exactly 1 (or 0) is a point mass at n (or 0): its expected count is the
 * count there times its share, in both kernels, whatever n and however many bins (every count modulo 8, so the
 * vector kernel's last vector is whole or not). The reference is computed here from the pmf, log C(n, x) summed
 * term by term. Core's build runs this class again at 2 and 4 lanes.
 */
class PointMassTest {

  /** log C(n, x) for x = 0..n, from log C(n, x + 1) = log C(n, x) + log((n − x)/(x + 1)). */
  static double[] logChoose(int n) {
    double[] out = new double[n + 1];
    for (int x = 0; x < n; x++) {
      out[x + 1] = out[x] + Math.log((double) (n - x) / (x + 1));
    }
    return out;
  }

  /**
   * Expected counts, statistics and log-likelihood of a binomial(n) mixture whose components have bias in (0, 1),
   * or exactly 0 or 1 (a mass at 0 or n, where its log-pmf is 0, else −∞).
   */
  static double[] reference(int n, int[] outs, long[] counts, double[] w, double[] phi) {
    int k = w.length;
    double[] lc = logChoose(n);
    double[] out = new double[2 * k + 1];
    double[] l = new double[k];
    for (int b = 0; b < outs.length; b++) {
      int x = outs[b];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double lp;
        if (phi[j] == 1) {
          lp = x == n ? 0 : Double.NEGATIVE_INFINITY;
        } else if (phi[j] == 0) {
          lp = x == 0 ? 0 : Double.NEGATIVE_INFINITY;
        } else {
          lp = lc[x] + x * Math.log(phi[j]) + (n - x) * Math.log1p(-phi[j]);
        }
        l[j] = Math.log(w[j]) + lp;
        max = Math.max(max, l[j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(l[j] - max);
      }
      out[2 * k] += counts[b] * (max + Math.log(sum));
      for (int j = 0; j < k; j++) {
        double r = Math.exp(l[j] - max) / sum;
        out[j] += counts[b] * r;
        out[k + j] += counts[b] * r * x;
      }
    }
    return out;
  }

  static void check(int n, int bins, boolean atTop, double[] w, double[] phi, String what) {
    int[] outs = new int[bins];
    long[] counts = new long[bins];
    SplittableRandom rnd = new SplittableRandom(31L * n + bins);
    for (int b = 0; b < bins; b++) {
      outs[b] = atTop ? n - bins + 1 + b : b;
      counts[b] = 1 + rnd.nextInt(20);
    }
    Histogram h = Histogram.ofCounts(outs, counts);
    MixtureModel m = MixtureModel.of(Family.binomial(n), w, phi);
    double[] ref = reference(n, outs, counts, w, phi);
    int k = w.length;
    double size = 1;
    for (double p : phi) {
      size = Math.max(size, p > 0 && p < 1 ? Math.abs(Math.log(p)) + Math.abs(Math.log1p(-p)) : 1);
    }
    for (KernelChoice kernel : new KernelChoice[] {KernelChoice.SCALAR, KernelChoice.VECTOR}) {
      Expectations e = EmFitter.builder().kernel(kernel).build().expectations(h, m);
      String at = what + " n=" + n + " bins=" + bins + " " + kernel;
      for (int j = 0; j < k; j++) {
        close(ref[j], e.expectedCounts()[j], 1e-10 * h.total(), at + " N_" + j);
        close(ref[k + j], e.expectedStatistics()[j], 1e-10 * h.total() * n, at + " S_" + j);
      }
      // The log-likelihood to 1e-11 of its terms' size, about n·|log φ| + n·|log(1 − φ)| per observation.
      close(ref[2 * k], e.logLikelihood(), 1e-11 * h.total() * n * size, at + " log-likelihood");
    }
  }

  static void close(double expected, double actual, double tolerance, String what) {
    assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + ", got " + actual);
  }

  /** The issue's reproduction: outcomes 0..447, trials 447, weights (½, ½), biases (½, 1). */
  @Test
  void issueReproduction() {
    check(447, 448, true, new double[] {0.5, 0.5}, new double[] {0.5, 1}, "reproduction");
  }

  /**
   * n from 200 to 2000 and bins ending at n, every bin count modulo 8 (one bin, a few, and up to all n + 1),
   * a mass at n beside a regular component (and beside a mass at 0 when the bins start at 0).
   */
  @Test
  void massAtLastOutcome() {
    SplittableRandom rnd = new SplittableRandom(24);
    for (int n = 200; n <= 2000; n += 1 + rnd.nextInt(60)) {
      for (int r = 0; r < 8; r++) {
        int most = (n + 1 - r) / 8;
        int[] choices = {0, 1, 1 + rnd.nextInt(Math.max(1, most)), most};
        for (int q : choices) {
          int bins = 8 * q + r;
          if (bins < 1 || bins > n + 1) {
            continue;
          }
          double phi = 0.05 + 0.92 * rnd.nextDouble();
          double w1 = 0.05 + 0.9 * rnd.nextDouble();
          check(n, bins, true, new double[] {1 - w1, w1}, new double[] {phi, 1}, "mass at n");
        }
      }
    }
  }

  /** The mirror: a mass at 0 with bins starting at 0, and both masses on every outcome 0..n. */
  @Test
  void massAtFirstOutcome() {
    SplittableRandom rnd = new SplittableRandom(240);
    for (int n = 200; n <= 2000; n += 1 + rnd.nextInt(120)) {
      for (int r = 0; r < 8; r++) {
        int bins = Math.min(n + 1, 8 * (1 + rnd.nextInt((n + 1) / 8)) + r);
        double phi = 0.03 + 0.9 * rnd.nextDouble();
        check(n, bins, false, new double[] {0.7, 0.3}, new double[] {phi, 0}, "mass at 0");
      }
      // φ = ½ beside both masses: from n = 1075 on, the regular term at 1 and n − 1 is below e^−744.
      check(n, n + 1, true, new double[] {0.2, 0.6, 0.2}, new double[] {0, 0.5, 1}, "masses at 0 and n");
    }
  }
}
