package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.RecurrenceKernelTest.assertClose;
import static org.emkernel.internal.vectorization.RecurrenceKernelTest.binomial;
import static org.emkernel.internal.vectorization.RecurrenceKernelTest.consecutive;
import static org.emkernel.internal.vectorization.RecurrenceKernelTest.randomMixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Floors let the vector kernel drop terms far below a bin's sum (see {@link EmKernel#accumulate}). Whatever
 * it drops, an E-step through {@link ChunkedEStep} stays within 1e-12 relative of the scalar reference on the
 * hard cases, within the floors' stated bound of the exact vector E-step, and falls back to every term,
 * bit for bit, when a component holds too little to bound its loss by.
 */
class FloorsTest {

  /** The floors {@code EmSession} sets: 2^−64·w·min(1, mean), as whole powers of two. */
  static double[] floors(int n, double[] w, double[] phi) {
    double[] floors = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      floors[j] = Math.getExponent(w[j]) + Math.min(0, Math.getExponent(n * phi[j])) - 64;
    }
    return floors;
  }

  /** {ll}, N, S of one E-step with the given floors (null: every term). */
  static double[][] run(EmKernel kernel, double[] x, double[] c, double[][] coef, double[] floors, int threads) {
    int k = coef[0].length;
    double[] n = new double[k];
    double[] s = new double[k];
    double total = 0;
    for (double v : c) {
      total += v;
    }
    double ll = new ChunkedEStep(kernel, k, threads)
        .run(x, null, c, x.length, coef[0], coef[1], null, floors, total, n, s, null);
    return new double[][] {{ll}, n, s};
  }

  /** Checks one case against the scalar reference and the exact vector E-step. */
  static void assertWithinFloors(int n, double[] w, double[] phi, double[] x, double[] c, String what) {
    double[][] coef = binomial(n, w, phi);
    double[] floors = floors(n, w, phi);
    double[][] ref = run(DefaultEmKernel.INSTANCE, x, c, coef, null, 1);
    double[][] exact = run(PanamaEmKernel.INSTANCE, x, c, coef, null, 1);
    double[][] floored = run(PanamaEmKernel.INSTANCE, x, c, coef, floors, 1);
    double total = 0;
    for (double v : c) {
      total += v;
    }
    assertClose(ref[0][0], floored[0][0], 0, what + " log-likelihood");
    for (int j = 0; j < w.length; j++) {
      assertClose(ref[1][j], floored[1][j], 1e-290 * total, what + " N_" + j);
      assertClose(ref[2][j], floored[2][j], 1e-290 * total * x[x.length - 1], what + " S_" + j);
      // What the floors may drop, plus the rounding of two different recurrences (each within ~1e-14).
      double bound = Math.scalb(total, (int) floors[j]);
      assertTrue(Math.abs(floored[1][j] - exact[1][j]) <= bound + 1e-13 * exact[1][j],
          what + " N_" + j + ": " + floored[1][j] + " vs exact " + exact[1][j]);
      assertTrue(Math.abs(floored[2][j] - exact[2][j]) <= bound + 1e-13 * exact[2][j],
          what + " S_" + j + ": " + floored[2][j] + " vs exact " + exact[2][j]);
    }
  }

  @Test
  void hardCasesStayWithinTheirBound() {
    double[][] million = consecutive(297_000, 6001, 1);
    assertWithinFloors(1_000_000, new double[] {0.3, 0.4, 0.3}, new double[] {0.2995, 0.3, 0.3003},
        million[0], million[1], "n = 10^6");
    assertWithinFloors(1_000_000, new double[] {0.5, 0.5}, new double[] {0.29, 0.31}, million[0], million[1],
        "n = 10^6 apart");
    double[][] thousand = consecutive(0, 1001, 2);
    assertWithinFloors(1000, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, new double[] {1e-12, 1 - 1e-12, 0.0, 1.0, 0.5},
        thousand[0], thousand[1], "edges");
    assertWithinFloors(1000, new double[] {0.5, 0.5}, new double[] {1e-12, 1 - 1e-12}, thousand[0], thousand[1],
        "1e-12");
    double[][] dead = consecutive(0, 2001, 4);
    assertWithinFloors(2000, new double[] {0.5, 0.5 - 1e-300, 1e-300, 0}, new double[] {0.2, 0.25, 0.999, 0.9},
        dead[0], dead[1], "dead");
    double[][] even = RecurrenceKernelTest.evenMixture(256);
    double[][] many = consecutive(0, 5001, 3);
    assertWithinFloors(5000, even[0], even[1], many[0], many[1], "K = 256");
  }

  @Test
  void randomMixturesStayWithinTheirBound() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 150; trial++) {
      int n = 1 + rnd.nextInt(30_000);
      int k = 1 + rnd.nextInt(40);
      // Weights over 30 orders of magnitude, biases anywhere: some components hold next to nothing.
      double[][] mixture = randomMixture(k, () -> Math.pow(10, -30 * rnd.nextDouble()), rnd::nextDouble);
      double[] w = mixture[0];
      double[] phi = mixture[1];
      int lo = rnd.nextInt(n + 1);
      int bins = 1 + rnd.nextInt(n + 1 - lo);
      double[][] data = consecutive(lo, bins, trial);
      assertWithinFloors(n, w, phi, data[0], data[1], "trial " + trial + " n=" + n + " K=" + k);
    }
  }

  @Test
  void dataTheMixtureFitsKeepTheFlooredPass() {
    // Counts drawn from the mixture itself (as near an EM fixed point): N_j ≈ w_j·total, so the floored pass
    // stands, and its results differ from the exact ones in the last bits (a fallback would equal them).
    SplittableRandom rnd = new SplittableRandom(17);
    int kept = 0;
    int trials = 60;
    for (int trial = 0; trial < trials; trial++) {
      int n = 50 + rnd.nextInt(20_000);
      int k = 2 + rnd.nextInt(30);
      double[][] mixture = randomMixture(k, () -> Math.pow(10, -3 * rnd.nextDouble()),
          () -> 0.02 + 0.96 * rnd.nextDouble());
      double[] w = mixture[0];
      double[] phi = mixture[1];
      double[][] coef = binomial(n, w, phi);
      double[] x = new double[n + 1];
      double[] c = new double[n + 1];
      for (int b = 0; b <= n; b++) {
        x[b] = b;
        double pmf = 0;
        for (int j = 0; j < k; j++) {
          pmf += Math.exp(coef[0][j] + coef[1][j] * b + logChoose(n, b));
        }
        c[b] = 1 + Math.floor(1e9 * pmf);
      }
      String what = "fitted trial " + trial + " n=" + n + " K=" + k;
      assertWithinFloors(n, w, phi, x, c, what);
      double[][] exact = run(PanamaEmKernel.INSTANCE, x, c, coef, null, 1);
      double[][] floored = run(PanamaEmKernel.INSTANCE, x, c, coef, floors(n, w, phi), 1);
      if (!java.util.Arrays.equals(exact[1], floored[1]) || !java.util.Arrays.equals(exact[2], floored[2])) {
        kept++;
      }
    }
    assertTrue(kept >= trials / 2, "the floored pass stood in only " + kept + " of " + trials + " trials");
  }

  static double logChoose(int n, int x) {
    return org.emkernel.internal.SpecialFunctions.logBinomial(n, x);
  }

  @Test
  void aComponentWithTooLittleLeftFallsBackToEveryTerm() {
    // Half the weight on φ = 0.9, but the data sit near 0.1: its N is far below 2^−14·w·total, so the
    // floored pass cannot vouch for it and the E-step is the exact one, bit for bit.
    int n = 1000;
    double[] x = new double[n + 1];
    double[] c = new double[n + 1];
    for (int b = 0; b <= n; b++) {
      x[b] = b;
      c[b] = b < 300 ? 1_000_000 : 1;
    }
    double[] w = {0.5, 0.5};
    double[] phi = {0.1, 0.9};
    double[][] coef = binomial(n, w, phi);
    double[][] exact = run(PanamaEmKernel.INSTANCE, x, c, coef, null, 1);
    double[][] floored = run(PanamaEmKernel.INSTANCE, x, c, coef, floors(n, w, phi), 1);
    assertTrue(exact[1][1] < Math.scalb(0.5 * 300e6, -14), "the case must starve component 1: " + exact[1][1]);
    assertEquals(exact[0][0], floored[0][0]);
    assertArrayEquals(exact[1], floored[1]);
    assertArrayEquals(exact[2], floored[2]);
  }

  @Test
  void flooredResultsAreTheSameOnAnyNumberOfThreads() {
    double[][] data = consecutive(0, 50_001, 12); // 25 chunks
    double[] w = {0.2, 0.3, 0.1, 0.4};
    double[] phi = {0.1, 0.3, 0.5, 0.8};
    double[][] coef = binomial(50_000, w, phi);
    double[] floors = floors(50_000, w, phi);
    double[][] one = run(PanamaEmKernel.INSTANCE, data[0], data[1], coef, floors, 1);
    for (int threads : new int[] {2, 3, 5}) {
      double[][] many = run(PanamaEmKernel.INSTANCE, data[0], data[1], coef, floors, threads);
      assertEquals(one[0][0], many[0][0], "threads " + threads);
      assertArrayEquals(one[1], many[1], "threads " + threads);
      assertArrayEquals(one[2], many[2], "threads " + threads);
    }
  }

  @Test
  void kernelsWithoutFloorsIgnoreThem() {
    double[][] data = consecutive(0, 1001, 13);
    double[] w = {0.5, 0.5};
    double[] phi = {0.2, 0.7};
    double[][] coef = binomial(1000, w, phi);
    double[][] plain = run(DefaultEmKernel.INSTANCE, data[0], data[1], coef, null, 1);
    double[][] floored = run(DefaultEmKernel.INSTANCE, data[0], data[1], coef, floors(1000, w, phi), 1);
    assertEquals(plain[0][0], floored[0][0]);
    assertArrayEquals(plain[1], floored[1]);
    assertArrayEquals(plain[2], floored[2]);
  }

  /**
   * Runs shorter than FLOOR_BLOCKS vectors compute every term, bit for bit as without floors; longer ones drop
   * terms under them. Seen through the kernel itself, with floors of 2^−10 (far above EmSession's), so that
   * what is dropped shows.
   */
  @Test
  void shortRunsComputeEveryTerm() {
    int lanes = PanamaEmKernel.INSTANCE.lanes();
    double[] w = {0.3, 0.3, 0.4};
    double[] phi = {0.3, 0.5, 0.7};
    double[] high = {-10, -10, -10};
    for (int bins : new int[] {(PanamaEmKernel.FLOOR_BLOCKS - 1) * lanes + 3, PanamaEmKernel.RUN_BLOCKS * lanes}) {
      double[][] data = consecutive(0, bins, 14);
      double[][] coef = binomial(bins - 1, w, phi);
      double[][] plain = accumulate(data, coef, null);
      double[][] floored = accumulate(data, coef, high);
      boolean same = plain[0][0] == floored[0][0] && java.util.Arrays.equals(plain[1], floored[1])
          && java.util.Arrays.equals(plain[2], floored[2]);
      assertEquals(bins < PanamaEmKernel.FLOOR_BLOCKS * lanes, same, bins + " bins");
    }
  }

  /** {ll}, N, S of one kernel pass over all bins with the given floors, without ChunkedEStep's check. */
  static double[][] accumulate(double[][] data, double[][] coef, double[] floors) {
    int k = coef[0].length;
    double[] n = new double[k];
    double[] s = new double[k];
    KernelScratch scratch = PanamaEmKernel.INSTANCE.scratch(k, null);
    double ll = PanamaEmKernel.INSTANCE.accumulate(data[0], null, data[1], 0, data[0].length, coef[0], coef[1],
        null, floors, k, n, s, null, scratch);
    return new double[][] {{ll}, n, s};
  }
}
