package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.RecurrenceKernelTest.binomial;
import static org.emkernel.internal.vectorization.RecurrenceKernelTest.consecutive;
import static org.emkernel.internal.vectorization.RecurrenceKernelTest.randomMixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A pooled scratch serves later calls: the vector kernel reuses one laid out for more components, left dirty by
 * an earlier call, and every path (exp, recurrence with and without floors, products, log-posteriors) gives the
 * same bits as on a new scratch of exactly k components.
 */
class ScratchReuseTest {
  private static final EmKernel KERNEL = PanamaEmKernel.INSTANCE;

  @Test
  void kernelsReuseWhatFitsAndReplaceTheRest() {
    KernelScratch big = KERNEL.scratch(16, null);
    assertSame(big, KERNEL.scratch(3, big));
    assertNotSame(big, KERNEL.scratch(17, big));
    KernelScratch scalar = DefaultEmKernel.INSTANCE.scratch(3, null);
    assertNotSame(scalar, KERNEL.scratch(3, scalar));
    // The scalar kernel needs k doubles: the vector kernel's scratch has them.
    assertSame(big, DefaultEmKernel.INSTANCE.scratch(8, big));
  }

  @Test
  void aLargerDirtyScratchGivesTheSameBits() {
    SplittableRandom random = new SplittableRandom(19);
    KernelScratch big = KERNEL.scratch(16, null);
    for (int trial = 0; trial < 60; trial++) {
      int k = 1 + random.nextInt(12);
      int n = 40 + random.nextInt(600);
      int bins = 1 + random.nextInt(n + 1);
      double[][] mix = randomMixture(k, () -> 0.05 + random.nextDouble(), () -> 0.02 + 0.96 * random.nextDouble());
      double[][] coef = binomial(n, mix[0], mix[1]);
      double[][] data = consecutive(random.nextInt(n + 2 - bins), bins, random.nextLong());
      double[] floors = new double[k];
      for (int j = 0; j < k; j++) {
        floors[j] = -70 - random.nextInt(40);
      }
      // Leave the big scratch dirty with a 16-component call first.
      double[][] other = binomial(n, uniform(16), spread(16));
      KERNEL.accumulate(data[0], null, data[1], 0, bins, other[0], other[1], null, null, 16, new double[16],
          new double[16], null, big);
      String what = "trial " + trial + " K=" + k + " n=" + n + " bins=" + bins;
      for (double[] f : new double[][] {null, floors}) {
        double[][] fresh = accumulate(data, coef, f, KERNEL.scratch(k, null));
        double[][] reused = accumulate(data, coef, f, KERNEL.scratch(k, big));
        assertSameBits(fresh, reused, what + (f == null ? "" : " floors"));
      }
      double[] out = new double[bins * k];
      double[] lse = new double[bins];
      double[] outReused = new double[bins * k];
      double[] lseReused = new double[bins];
      KERNEL.logPosteriors(data[0], null, 0, bins, 0, coef[0], coef[1], null, k, out, lse, KERNEL.scratch(k, null));
      KERNEL.logPosteriors(data[0], null, 0, bins, 0, coef[0], coef[1], null, k, outReused, lseReused,
          KERNEL.scratch(k, big));
      assertSameBits(new double[][] {out, lse}, new double[][] {outReused, lseReused}, what + " log-posteriors");
      if (bins <= EmKernel.PRODUCT_LIMIT + 1 && data[0][bins - 1] <= EmKernel.PRODUCT_LIMIT) {
        double[] scale = new double[k];
        double[] rho = new double[k];
        for (int j = 0; j < k; j++) {
          scale[j] = mix[0][j] * Math.pow(1 - mix[1][j], n);
          rho[j] = mix[1][j] / (1 - mix[1][j]);
        }
        double[][] fresh = products(data, scale, rho, KERNEL.scratch(k, null));
        double[][] reused = products(data, scale, rho, KERNEL.scratch(k, big));
        assertSameBits(fresh, reused, what + " products");
      }
    }
  }

  private static double[][] accumulate(double[][] data, double[][] coef, double[] floors, KernelScratch scratch) {
    int k = coef[0].length;
    double[] n = new double[k];
    double[] s = new double[k];
    double ll = KERNEL.accumulate(data[0], null, data[1], 0, data[0].length, coef[0], coef[1], null, floors, k, n, s,
        null, scratch);
    return new double[][] {{ll}, n, s};
  }

  private static double[][] products(double[][] data, double[] scale, double[] rho, KernelScratch scratch) {
    int k = scale.length;
    double[] n = new double[k];
    double[] s = new double[k];
    double ll = KERNEL.accumulateProducts(data[0], data[1], 0, data[0].length, scale, rho, k, n, s, scratch);
    return new double[][] {{ll}, n, s};
  }

  private static double[] uniform(int k) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    return w;
  }

  private static double[] spread(int k) {
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      phi[j] = (j + 0.5) / k;
    }
    return phi;
  }

  private static void assertSameBits(double[][] want, double[][] got, String what) {
    for (int r = 0; r < want.length; r++) {
      for (int i = 0; i < want[r].length; i++) {
        assertEquals(Double.doubleToRawLongBits(want[r][i]), Double.doubleToRawLongBits(got[r][i]),
            what + " row " + r + " at " + i);
      }
    }
  }
}
