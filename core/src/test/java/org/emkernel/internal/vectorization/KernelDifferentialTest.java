package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector kernel agrees with the scalar reference on random inputs of awkward sizes. */
class KernelDifferentialTest {
  static final double RELATIVE = 1e-12;

  static Stream<Arguments> sizes() {
    int[] bins = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001, 8191, 8193, 100_000};
    int[] ks = {1, 2, 3, 5, 7, 8, 9, 16, 17, 33, 64};
    Stream.Builder<Arguments> out = Stream.builder();
    long seed = 1;
    for (int b : bins) {
      for (int k : ks) {
        if ((long) b * k <= 2_000_000) {
          out.add(Arguments.of(b, k, seed++));
        }
      }
    }
    return out.build();
  }

  /** Random binomial-like coefficients: log w − A and η from random weights and biases for n trials. */
  static double[][] coefficients(int k, int n, SplittableRandom rnd, boolean withZeta) {
    double[] a = new double[k];
    double[] eta = new double[k];
    double[] zeta = new double[k];
    double[] w = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      w[j] = 0.05 + rnd.nextDouble();
      sum += w[j];
    }
    for (int j = 0; j < k; j++) {
      double phi = 0.001 + 0.998 * rnd.nextDouble();
      eta[j] = Math.log(phi) - Math.log1p(-phi);
      zeta[j] = Math.log1p(-phi);
      a[j] = Math.log(w[j] / sum) + (withZeta ? 0 : n * Math.log1p(-phi));
    }
    return new double[][] {a, eta, zeta};
  }

  @ParameterizedTest(name = "B={0} K={1}")
  @MethodSource("sizes")
  void accumulateAgrees(int bins, int k, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = bins - 1;
    double[] x = new double[bins];
    double[] c = new double[bins];
    double[] z = new double[bins];
    for (int b = 0; b < bins; b++) {
      x[b] = b;
      c[b] = rnd.nextInt(1, 1_000_000);
      z[b] = n + rnd.nextInt(0, 5);
    }
    for (boolean withZ : new boolean[] {false, true}) {
      double[][] coef = coefficients(k, n, rnd, withZ);
      double[] zz = withZ ? z : null;
      double[] zeta = withZ ? coef[2] : null;
      double[][] scalar = run(DefaultEmKernel.INSTANCE, x, zz, c, coef[0], coef[1], zeta, k);
      double total = 0;
      for (double count : c) {
        total += count;
      }
      // The vector kernels on plain arrays (a partial last vector) and on arrays padded as a histogram's are
      // (counts 0 past the bins, outcomes continuing by one): the last bins then go in a whole vector.
      double[][] padded = pad(x, zz, c);
      for (EmKernel kernel : new EmKernel[] {KernelProvider.vectorExp(), KernelProvider.vector()}) {
        for (boolean pad : new boolean[] {false, true}) {
          double[][] vector = pad
              ? run(kernel, padded[0], padded[1], padded[2], bins, coef[0], coef[1], zeta, k)
              : run(kernel, x, zz, c, coef[0], coef[1], zeta, k);
          String name = kernel.name() + (pad ? " padded" : "");
          // A log-likelihood that cancels to about 0 is compared per observation: 1e-12 nats each.
          assertClose(scalar[0][0], vector[0][0], total, name + " log-likelihood");
          for (int j = 0; j < k; j++) {
            assertClose(scalar[1][j], vector[1][j], name + " N_" + j);
            assertClose(scalar[2][j], vector[2][j], name + " S_" + j);
            if (withZ) {
              assertClose(scalar[3][j], vector[3][j], name + " T_" + j);
            }
          }
        }
      }
      double[] postScalar = new double[bins * k];
      double[] postVector = new double[bins * k];
      double[] lseScalar = new double[bins];
      double[] lseVector = new double[bins];
      DefaultEmKernel.INSTANCE.logPosteriors(x, zz, 0, bins, 0, coef[0], coef[1], zeta, k, postScalar, lseScalar,
          DefaultEmKernel.INSTANCE.scratch(k, null));
      EmKernel v = KernelProvider.vector();
      v.logPosteriors(x, zz, 0, bins, 0, coef[0], coef[1], zeta, k, postVector, lseVector, v.scratch(k, null));
      for (int i = 0; i < bins * k; i++) {
        // Posteriors lie in [0, 1]: 1e-12 relative to their scale, 1.
        assertEquals(Math.exp(postScalar[i]), Math.exp(postVector[i]), RELATIVE, "posterior " + i);
      }
      for (int b = 0; b < bins; b++) {
        assertClose(lseScalar[b], lseVector[b], 1, "lse " + b);
      }
    }
  }

  static double[][] run(EmKernel kernel, double[] x, double[] z, double[] c, double[] a, double[] eta,
      double[] zeta, int k) {
    return run(kernel, x, z, c, x.length, a, eta, zeta, k);
  }

  static double[][] run(EmKernel kernel, double[] x, double[] z, double[] c, int bins, double[] a, double[] eta,
      double[] zeta, int k) {
    double[] n = new double[k];
    double[] s = new double[k];
    double[] t = new double[k];
    double ll = new ChunkedEStep(kernel, k).run(x, z, c, bins, a, eta, zeta, n, s, t);
    return new double[][] {{ll}, n, s, t};
  }

  /** Copies of x, z (nullable) and c padded to a multiple of 8: counts 0, outcomes and trials going on by 1. */
  static double[][] pad(double[] x, double[] z, double[] c) {
    int bins = x.length;
    int length = (bins + 7) / 8 * 8;
    double[] px = java.util.Arrays.copyOf(x, length);
    double[] pz = z == null ? null : java.util.Arrays.copyOf(z, length);
    double[] pc = java.util.Arrays.copyOf(c, length);
    for (int b = bins; b < length; b++) {
      px[b] = px[b - 1] + 1;
      if (pz != null) {
        pz[b] = pz[b - 1] + 1;
      }
    }
    return new double[][] {px, pz, pc};
  }

  static void assertClose(double expected, double actual, String what) {
    assertClose(expected, actual, 0, what);
  }

  /** Within 1e-12 relative of max(|expected|, |actual|, scale), or both below 1e-300 apart. */
  static void assertClose(double expected, double actual, double scale, String what) {
    assertTrue(Double.isFinite(expected) && Double.isFinite(actual), what + ": " + expected + " vs " + actual);
    scale = Math.max(scale, Math.max(Math.abs(expected), Math.abs(actual)));
    assertTrue(Math.abs(expected - actual) <= RELATIVE * scale || Math.abs(expected - actual) < 1e-300,
        what + ": scalar " + expected + " vs vector " + actual + " (rel " + Math.abs(expected - actual) / scale + ")");
  }
}
