package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both kernels' product paths called directly, on arrays exactly as long as the data (no padding), on
 * sub-ranges starting past bin 0, and with scale and ρ arrays exactly k long (the vector kernel copies them),
 * against the scalar reference's exponentials from a = log scale, η = log ρ: N, S and Σ c·log Σ to 1e-12.
 */
class ProductKernelTest {

  private static void close(double expected, double actual, String what) {
    double diff = Math.abs(expected - actual);
    assertTrue(diff <= 1e-12 * Math.abs(expected),
        what + ": " + expected + " vs " + actual + " (rel " + diff / Math.abs(expected) + ")");
  }

  @Test
  void unpaddedArraysSubRangesAndShortCoefficientArrays() {
    SplittableRandom random = new SplittableRandom(71);
    EmKernel[] kernels = {PanamaEmKernel.INSTANCE, DefaultEmKernel.INSTANCE};
    for (int k : new int[] {1, 3, 8, 11, 16, 40}) {
      for (int bins : new int[] {1, 5, 8, 13, 40, 77, 200}) {
        for (int from : new int[] {0, 3}) {
          int to = from + bins;
          double[] x = new double[to];
          double[] c = new double[to];
          for (int b = 0; b < to; b++) {
            x[b] = 17 + b;
            c[b] = random.nextInt(100);
          }
          int trials = 17 + to + 5;
          double[] scale = new double[k];
          double[] rho = new double[k];
          double[] a = new double[k];
          double[] eta = new double[k];
          for (int j = 0; j < k; j++) {
            double w = (0.1 + random.nextDouble()) / k;
            double phi = 0.25 + 0.5 * random.nextDouble();
            rho[j] = phi / (1 - phi);
            scale[j] = w * Math.pow(1 - phi, trials);
            a[j] = Math.log(scale[j]);
            eta[j] = Math.log(rho[j]);
          }
          double[] n0 = new double[k];
          double[] s0 = new double[k];
          double expected = DefaultEmKernel.INSTANCE.accumulate(x, null, c, from, to, a, eta, null, null, k, n0, s0,
              null, new double[DefaultEmKernel.INSTANCE.scratchLength(k)]);
          // Σ c·logsumexp = Σ c·log Σ_j terms: the same quantity.
          for (EmKernel kernel : kernels) {
            double[] n = new double[k];
            double[] s = new double[k];
            double actual = kernel.accumulateProducts(x, c, from, to, scale, rho, k, n, s,
                new double[kernel.scratchLength(k)]);
            String what = kernel.name() + " K=" + k + " bins " + from + ".." + to;
            close(expected, actual, what + " log-likelihood");
            for (int j = 0; j < k; j++) {
              close(n0[j], n[j], what + " N_" + j);
              close(s0[j], s[j], what + " S_" + j);
            }
          }
        }
      }
    }
  }
}
