package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
              null, DefaultEmKernel.INSTANCE.scratch(k, null));
          // Σ c·logsumexp = Σ c·log Σ_j terms: the same quantity.
          for (EmKernel kernel : kernels) {
            // The kernel writes n and s: what they held before must not matter.
            double[] n = new double[k];
            double[] s = new double[k];
            java.util.Arrays.fill(n, Double.NaN);
            java.util.Arrays.fill(s, -1.0);
            double actual = kernel.accumulateProducts(x, c, from, to, scale, rho, k, n, s,
                kernel.scratch(k, null));
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

  /** What the scratch array held before (another path's leftovers, NaN) does not change a bit of the result. */
  @Test
  void scratchLeftoversDoNotMatter() {
    SplittableRandom random = new SplittableRandom(72);
    for (int k = 1; k <= 13; k++) {
      for (int bins : new int[] {5, 13, 40}) {
        double[] x = new double[bins];
        double[] c = new double[bins];
        for (int b = 0; b < bins; b++) {
          x[b] = 4 + b;
          c[b] = 1 + random.nextInt(100);
        }
        double[] scale = new double[k];
        double[] rho = new double[k];
        for (int j = 0; j < k; j++) {
          double phi = 0.2 + 0.6 * random.nextDouble();
          rho[j] = phi / (1 - phi);
          scale[j] = Math.pow(1 - phi, bins + 10) / k;
        }
        EmKernel kernel = PanamaEmKernel.INSTANCE;
        double[] n0 = new double[k];
        double[] s0 = new double[k];
        double clean = kernel.accumulateProducts(x, c, 0, bins, scale, rho, k, n0, s0, kernel.scratch(k, null));
        KernelScratch dirty = kernel.scratch(k, null);
        for (double fill : new double[] {Double.NaN, 1e300, -7}) {
          java.util.Arrays.fill(dirty.doubles, fill);
          double[] n = new double[k];
          double[] s = new double[k];
          double ll = kernel.accumulateProducts(x, c, 0, bins, scale, rho, k, n, s, dirty);
          String what = "K=" + k + ", " + bins + " bins, scratch of " + fill;
          assertEquals(Double.doubleToLongBits(clean), Double.doubleToLongBits(ll), what);
          for (int j = 0; j < k; j++) {
            assertEquals(Double.doubleToLongBits(n0[j]), Double.doubleToLongBits(n[j]), what + " N_" + j);
            assertEquals(Double.doubleToLongBits(s0[j]), Double.doubleToLongBits(s[j]), what + " S_" + j);
          }
        }
      }
    }
  }

  /** The vector kernel's quick range check decides as the scalar one, on edge values one lane at a time. */
  @Test
  void quickRangeChecksAgree() {
    double[] values = {0, -0.0, Double.MIN_VALUE, 0x1p-1023, Double.MIN_NORMAL, 0x1p-1000, 0x1p-900, 1e-200, 0.3,
        1, 1.75, 2, 7.5, 1e200, 0x1p900, 0x1p1000, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
    SplittableRandom random = new SplittableRandom(72);
    int decided = 0;
    for (int k : new int[] {1, 3, 8, 9, 20}) {
      for (int trial = 0; trial < 400; trial++) {
        double[] scale = new double[(k + 7) / 8 * 8];
        double[] rho = new double[scale.length];
        java.util.Arrays.fill(rho, k, rho.length, 1.0);
        for (int j = 0; j < k; j++) {
          // Mostly ordinary values, one odd lane now and then.
          boolean odd = random.nextInt(4) == 0;
          scale[j] = odd ? values[random.nextInt(values.length)] : 1e-3 + random.nextDouble();
          rho[j] = odd ? values[random.nextInt(values.length)] : 0.2 + 4 * random.nextDouble();
        }
        double x0 = random.nextInt(3) == 0 ? 0 : random.nextInt(60);
        double end = x0 + 7 + random.nextInt(200);
        boolean mass = random.nextBoolean();
        boolean expected = sameCheck(scale, rho, k, (long) x0, (long) end, mass,
            "K=" + k + " x0=" + x0 + " end=" + end + " mass=" + mass + " scale=" + java.util.Arrays.toString(scale)
                + " rho=" + java.util.Arrays.toString(rho));
        decided += expected ? 1 : 0;
      }
    }
    assertTrue(decided > 100, "both answers occur: " + decided + " true");
    // A ratio whose fourth power overflows although the terms on [0, 7] stay in range (2^−900·ρ^7 is about
    // 2^896): the lane powers and the step ρ^8 must be in range too. And a term past 2^900.
    double[] big = {0x1p-900, 0, 0, 0, 0, 0, 0, 0};
    double[] steep = {1.5 * 0x1p256, 1, 1, 1, 1, 1, 1, 1};
    double[] fading = new double[8];
    assertTrue(Double.isNaN(PanamaEmKernel.INSTANCE.productsOrdinary(big, steep, 1, 0, 7, false, fading)));
    assertTrue(Double.isNaN(DefaultEmKernel.INSTANCE.productsOrdinary(big, steep, 1, 0, 7, false, fading)));
    double[] high = {0x1p896, 0, 0, 0, 0, 0, 0, 0};
    double[] two = {2, 1, 1, 1, 1, 1, 1, 1};
    assertTrue(Double.isNaN(PanamaEmKernel.INSTANCE.productsOrdinary(high, two, 1, 0, 7, false, fading)));
    assertEquals(Double.POSITIVE_INFINITY, PanamaEmKernel.INSTANCE.productsOrdinary(high, two, 1, 0, 1, false,
        fading));
    // Padding lanes (scale 0, ρ 1) never count, and a lone mass is not enough.
    assertEquals(Double.POSITIVE_INFINITY, PanamaEmKernel.INSTANCE.productsOrdinary(
        new double[] {0.5, 0, 0, 0, 0, 0, 0, 0}, new double[] {2, 1, 1, 1, 1, 1, 1, 1}, 1, 0, 15, false, fading));
    assertTrue(Double.isNaN(PanamaEmKernel.INSTANCE.productsOrdinary(new double[] {0.5, 0, 0, 0, 0, 0, 0, 0},
        new double[] {0, 1, 1, 1, 1, 1, 1, 1}, 1, 0, 15, false, fading)));
    // A fading component (ρ = 2^−40 over 0..100) beside regular ones: the floor is the larger of the regular
    // ones' least exponent bounds, 2^−1·(2^−1)^100 for the third; a lone fading one is not enough.
    double[] scales = {0.5, 0.25, 0.5, 0, 0, 0, 0, 0};
    double[] rhos = {0x1p-40, 0.5, 0.75, 1, 1, 1, 1, 1};
    assertEquals(-1 - 100, PanamaEmKernel.INSTANCE.productsOrdinary(scales, rhos, 3, 0, 100, false, fading));
    assertArrayEquals(new double[] {-1, 1, 1}, java.util.Arrays.copyOf(fading, 3));
    assertEquals(-1 - 100, DefaultEmKernel.INSTANCE.productsOrdinary(scales, rhos, 3, 0, 100, false, fading));
    assertArrayEquals(new double[] {-1, 1, 1}, java.util.Arrays.copyOf(fading, 3));
    assertTrue(Double.isNaN(PanamaEmKernel.INSTANCE.productsOrdinary(scales, rhos, 1, 0, 100, false, fading)));
  }

  /**
   * Both range checks on the same inputs: the same answer (NaN, +∞ or the same floor) and, with a floor, the same
   * fading flags below k. Returns whether they accept.
   */
  private static boolean sameCheck(double[] scale, double[] rho, int k, long x0, long end, boolean mass,
      String what) {
    double[] scalarFading = new double[(k + 7) / 8 * 8];
    double[] vectorFading = new double[scalarFading.length];
    double expected = DefaultEmKernel.ordinaryProducts(scale, rho, k, x0, end, mass, scalarFading);
    double actual = PanamaEmKernel.INSTANCE.productsOrdinary(scale, rho, k, x0, end, mass, vectorFading);
    assertEquals(expected, actual, what);
    for (int j = 0; expected == expected && expected != Double.POSITIVE_INFINITY && j < k; j++) {
      assertEquals(scalarFading[j], vectorFading[j], what + ": fading flag " + j);
    }
    return expected == expected;
  }
  /**
   * The vector range check against the scalar one on every binary exponent of the scale and a sweep of the
   * ratio's around each bound, in one lane among ordinary ones (in the first and in a later vector).
   */
  @Test
  void quickRangeChecksAgreeAtEveryExponent() {
    int[] ratioExponents = {-1023, -1022, -1021, -113, -112, -111, -110, -20, -3, -2, -1, 0, 1, 2, 3, 20, 110, 111,
        112, 113};
    double[][] ranges = {{0, 7}, {0, 100}, {5, 12}, {100, 255}};
    int checks = 0;
    int accepted = 0;
    for (int k : new int[] {8, 12}) {
      int lane = k - 2;
      double[] scale = new double[16];
      double[] rho = new double[16];
      java.util.Arrays.fill(rho, 1.0);
      for (int j = 0; j < k; j++) {
        scale[j] = 0.5;
      }
      for (int es = -1075; es <= 1024; es++) {
        for (int er : ratioExponents) {
          for (double[] range : ranges) {
            for (boolean mass : new boolean[] {false, true}) {
              scale[lane] = es == 1024 ? Double.POSITIVE_INFINITY : Math.scalb(es % 2 == 0 ? 1.0 : 1.75, es);
              rho[lane] = Math.scalb(er % 2 == 0 ? 1.0 : 1.5, er);
              long x0 = (long) range[0];
              long end = (long) range[1];
              boolean expected = sameCheck(scale, rho, k, x0, end, mass,
                  "K=" + k + " scale=" + scale[lane] + " rho=" + rho[lane] + " x0=" + x0 + " end=" + end);
              checks++;
              accepted += expected ? 1 : 0;
            }
          }
        }
      }
      // Zero and infinite ratios, with and without a mass at the last bin.
      for (double r : new double[] {0, Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE}) {
        for (boolean mass : new boolean[] {false, true}) {
          scale[lane] = 0.25;
          rho[lane] = r;
          sameCheck(scale, rho, k, 0, 15, mass, "K=" + k + " rho=" + r);
        }
      }
      rho[lane] = 1;
      scale[lane] = 0.5;
    }
    assertTrue(accepted > checks / 4 && accepted < checks * 3 / 4, accepted + " of " + checks + " accepted");
  }
}
