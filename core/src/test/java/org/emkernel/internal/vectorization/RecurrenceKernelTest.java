package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emkernel.internal.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's recurrence path (one multiplication per cell) stays within 1e-12 relative of the
 * scalar reference on the hard cases, is really taken on consecutive outcomes, and falls back to the exp
 * path where its structure does not hold.
 */
class RecurrenceKernelTest {
  static final double RELATIVE = 1e-12;

  /** Binomial(n) coefficients a = log w + n·log(1 − φ), η = logit φ, clamped like the library. */
  static double[][] binomial(int n, double[] w, double[] phi) {
    int k = w.length;
    double[] a = new double[k];
    double[] eta = new double[k];
    for (int j = 0; j < k; j++) {
      double l1m = SpecialFunctions.clampedLog1m(phi[j]);
      a[j] = Math.log(w[j]) + n * l1m;
      eta[j] = SpecialFunctions.clampedLog(phi[j]) - l1m;
    }
    return new double[][] {a, eta};
  }

  static double[][] run(EmKernel kernel, double[] x, double[] c, double[][] coef) {
    int k = coef[0].length;
    double[] n = new double[k];
    double[] s = new double[k];
    double[] t = new double[k];
    double ll = new ChunkedEStep(kernel, k).run(x, null, c, x.length, coef[0], coef[1], null, n, s, t);
    return new double[][] {{ll}, n, s};
  }

  /** Consecutive outcomes [lo, lo + bins) with random counts. */
  static double[][] consecutive(int lo, int bins, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[bins];
    double[] c = new double[bins];
    for (int b = 0; b < bins; b++) {
      x[b] = lo + b;
      c[b] = 1 + rnd.nextInt(100_000);
    }
    return new double[][] {x, c};
  }

  static void assertAgree(double[] x, double[] c, double[][] coef, String what) {
    double[][] ref = run(DefaultEmKernel.INSTANCE, x, c, coef);
    double[][] vec = run(PanamaEmKernel.INSTANCE, x, c, coef);
    double total = 0;
    for (double v : c) {
      total += v;
    }
    assertClose(ref[0][0], vec[0][0], 0, what + " log-likelihood");
    for (int j = 0; j < coef[0].length; j++) {
      // Terms below e^-708 of the reference component count as 0: a floor far below any real count.
      assertClose(ref[1][j], vec[1][j], 1e-290 * total, what + " N_" + j);
      assertClose(ref[2][j], vec[2][j], 1e-290 * total * x[x.length - 1], what + " S_" + j);
    }
  }

  static void assertClose(double expected, double actual, double floor, String what) {
    assertTrue(Double.isFinite(actual), what + " = " + actual);
    double diff = Math.abs(expected - actual);
    assertTrue(diff <= RELATIVE * Math.abs(expected) || diff <= floor,
        what + ": scalar " + expected + " vs vector " + actual + " (rel " + diff / Math.abs(expected) + ")");
  }

  @Test
  void millionTrials() {
    int n = 1_000_000;
    double[][] data = consecutive(297_000, 6001, 1);
    assertAgree(data[0], data[1], binomial(n, new double[] {0.3, 0.4, 0.3}, new double[] {0.2995, 0.3, 0.3003}),
        "n = 10^6");
    assertAgree(data[0], data[1], binomial(n, new double[] {0.5, 0.5}, new double[] {0.29, 0.31}), "n = 10^6 apart");
  }

  @Test
  void extremeBiases() {
    int n = 1000;
    double[][] data = consecutive(0, n + 1, 2);
    double[] w = {0.2, 0.2, 0.2, 0.2, 0.2};
    assertAgree(data[0], data[1], binomial(n, w, new double[] {1e-12, 1 - 1e-12, 0.0, 1.0, 0.5}), "edges");
    assertAgree(data[0], data[1], binomial(n, new double[] {0.5, 0.5}, new double[] {1e-12, 1 - 1e-12}), "1e-12");
    assertAgree(data[0], data[1], binomial(n, new double[] {0.5, 0.5}, new double[] {0.0, 1.0}), "0 and 1");
  }

  /** {w, φ} of k components of equal weight, biases spread evenly over (0, 1). */
  static double[][] evenMixture(int k) {
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      phi[j] = (j + 0.5) / k;
    }
    return new double[][] {w, phi};
  }

  @Test
  void manyComponents() {
    int n = 5000;
    double[][] mixture = evenMixture(256);
    double[][] data = consecutive(0, n + 1, 3);
    assertAgree(data[0], data[1], binomial(n, mixture[0], mixture[1]), "K = 256");
  }

  @Test
  void deadComponents() {
    int n = 2000;
    double[][] data = consecutive(0, n + 1, 4);
    assertAgree(data[0], data[1], binomial(n, new double[] {0.5, 0.5 - 1e-300, 1e-300, 0},
        new double[] {0.2, 0.25, 0.999, 0.9}), "dead");
  }

  /** {w, φ} of k components: each weight then bias drawn in turn, the weights normalised to sum 1. */
  static double[][] randomMixture(int k, java.util.function.DoubleSupplier weight,
      java.util.function.DoubleSupplier bias) {
    double[] w = new double[k];
    double[] phi = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      w[j] = weight.getAsDouble();
      sum += w[j];
      phi[j] = bias.getAsDouble();
    }
    for (int j = 0; j < k; j++) {
      w[j] /= sum;
    }
    return new double[][] {w, phi};
  }

  @Test
  void randomMixturesOverManyRunLengths() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(20_000);
      int k = 1 + rnd.nextInt(40);
      double[][] mixture = randomMixture(k, () -> rnd.nextDouble() + 1e-3, rnd::nextDouble);
      double[] w = mixture[0];
      double[] phi = mixture[1];
      int lo = rnd.nextInt(n + 1);
      int bins = 1 + rnd.nextInt(n + 1 - lo);
      double[][] data = consecutive(lo, bins, trial);
      assertAgree(data[0], data[1], binomial(n, w, phi), "trial " + trial + " n=" + n + " K=" + k);
    }
  }

  /**
   * Terms as steep as the recurrence takes (ratio per vector just under e^80): the anchors' powers of the
   * ratio per outcome reach ρ₁^7 ≈ e^70 across the lanes, and still agree with the scalar reference.
   */
  @Test
  void steepestTermsTheRecurrenceTakes() {
    double[][] data = consecutive(0, 200, 7);
    double steep = 9.99; // per outcome: 79.9 per vector of 8 lanes
    double[][] coef = {{0.0, -steep * 150, steep * 50, -steep * 120 + 3.5}, {0.0, steep, -steep, steep * 0.999}};
    assertAgree(data[0], data[1], coef, "slopes +-9.99");
    double[][] withExp = run(PanamaEmKernel.EXP_ONLY, data[0], data[1], coef);
    double[][] withRecurrence = run(PanamaEmKernel.INSTANCE, data[0], data[1], coef);
    assertFalse(java.util.Arrays.equals(withExp[1], withRecurrence[1]), "the recurrence ran");
  }

  @Test
  void recurrenceIsTakenOnConsecutiveOutcomesAndNotOnSparseOnes() {
    double[][] coef = binomial(1000, new double[] {0.3, 0.3, 0.4}, new double[] {0.2, 0.5, 0.7});
    double[][] dense = consecutive(0, 1001, 6);
    double[][] withExp = run(PanamaEmKernel.EXP_ONLY, dense[0], dense[1], coef);
    double[][] withRecurrence = run(PanamaEmKernel.INSTANCE, dense[0], dense[1], coef);
    // Different arithmetic (multiplications instead of exponentials) shows in the last bits.
    assertFalse(java.util.Arrays.equals(withExp[1], withRecurrence[1]) && java.util.Arrays.equals(withExp[2], withRecurrence[2]));
    // Every other outcome: not a geometric sequence, so the exp path runs, bit for bit.
    double[] x = new double[500];
    double[] c = new double[500];
    for (int b = 0; b < 500; b++) {
      x[b] = 2 * b;
      c[b] = dense[1][b];
    }
    double[][] sparseExp = run(PanamaEmKernel.EXP_ONLY, x, c, coef);
    double[][] sparseVec = run(PanamaEmKernel.INSTANCE, x, c, coef);
    assertArrayEquals(sparseExp[1], sparseVec[1]);
    assertArrayEquals(sparseExp[2], sparseVec[2]);
    assertArrayEquals(sparseExp[0], sparseVec[0]);
  }

  @Test
  void trialsColumnUsesTheExpPath() {
    SplittableRandom rnd = new SplittableRandom(7);
    int bins = 3000;
    double[] x = new double[bins];
    double[] z = new double[bins];
    double[] c = new double[bins];
    for (int b = 0; b < bins; b++) {
      x[b] = b;
      z[b] = bins + rnd.nextInt(100);
      c[b] = 1 + rnd.nextInt(1000);
    }
    double[] a = {Math.log(0.4), Math.log(0.6)};
    double[] eta = {Math.log(0.3 / 0.7), Math.log(0.6 / 0.4)};
    double[] zeta = {Math.log(0.7), Math.log(0.4)};
    double[][] out = new double[2][];
    EmKernel[] kernels = {PanamaEmKernel.EXP_ONLY, PanamaEmKernel.INSTANCE};
    for (int i = 0; i < 2; i++) {
      double[] n = new double[2];
      double[] s = new double[2];
      double[] t = new double[2];
      double ll = new ChunkedEStep(kernels[i], 2).run(x, z, c, bins, a, eta, zeta, n, s, t);
      out[i] = new double[] {ll, n[0], n[1], s[0], s[1], t[0], t[1]};
    }
    assertArrayEquals(out[0], out[1]);
  }
}
