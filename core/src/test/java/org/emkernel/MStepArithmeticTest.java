package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * Both kernels' M-step loops ({@link MStepArithmetic}) against the documented operations written out per
 * component: the same bits for every component count (whole vectors and every tail), with values whose sum
 * depends on the order of its additions, zero and NaN counts, and both families' clamps.
 */
class MStepArithmeticTest {
  private static final List<MStepArithmetic> KERNELS =
      List.of(KernelProvider.scalar().mStepArithmetic(), KernelProvider.vector().mStepArithmetic());
  private static final int MOST = 70;

  /** Partial sum j mod 8 in turn, then ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)). */
  private static double documentedSum(double[] v, int k) {
    double[] p = new double[8];
    for (int j = 0; j < k; j++) {
      p[j % 8] += v[j];
    }
    return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
  }

  /** Positive values over forty binary orders of magnitude: their sum's bits depend on the order. */
  private static double[] spread(SplittableRandom random, int length) {
    double[] v = new double[length];
    for (int j = 0; j < length; j++) {
      v[j] = j % 9 == 4 ? 0 : Math.scalb(1 + random.nextDouble(), random.nextInt(-20, 20));
    }
    return v;
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void sumKeepsTheDocumentedOrderAtEveryLength() {
    SplittableRandom random = new SplittableRandom(71);
    int orderMatters = 0;
    for (int trial = 0; trial < 20; trial++) {
      double[] v = spread(random, MOST);
      for (int k = 0; k <= MOST; k++) {
        double expected = documentedSum(v, k);
        double inTurn = 0;
        for (int j = 0; j < k; j++) {
          inTurn += v[j];
        }
        orderMatters += inTurn != expected ? 1 : 0;
        for (MStepArithmetic arithmetic : KERNELS) {
          assertBits(expected, arithmetic.sum(v, k), arithmetic + " K=" + k);
        }
      }
    }
    // The data tell orders apart: a sum in another order would fail above.
    assertTrue(orderMatters > 100, "the order changed only " + orderMatters + " sums");
  }

  @Test
  void theThresholdCheckFindsASingleFailingCountAnywhere() {
    SplittableRandom random = new SplittableRandom(73);
    double threshold = 0.5;
    double[] failing = {Double.NaN, threshold, Double.MIN_VALUE, 0.0, -0.0};
    int above = 0;
    int below = 0;
    for (int k = 1; k <= MOST; k++) {
      for (int trial = 0; trial < 6; trial++) {
        // Every count above the threshold, then (but for the first trial) one failing count at a random place.
        double[] n = new double[k];
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
          n[j] = 1 + random.nextDouble() * 1000;
          s[j] = n[j] * random.nextDouble();
        }
        boolean expected = trial == 0;
        if (!expected) {
          n[random.nextInt(k)] = failing[(trial - 1) % failing.length];
        }
        above += expected ? 1 : 0;
        below += expected ? 0 : 1;
        for (MStepArithmetic arithmetic : KERNELS) {
          double[] w = new double[k];
          double[] estimates = new double[k];
          assertEquals(expected, arithmetic.weightsAndQuotients(n, s, 0.25, 1.0, 0.0, 1.0, threshold, k, w, estimates),
              arithmetic + " K=" + k + " trial " + trial + ": " + java.util.Arrays.toString(n));
        }
      }
    }
    assertTrue(above > 50 && below > 250, above + " above, " + below + " below");
  }

  @Test
  void weightsAndQuotientsArePerComponentOperations() {
    SplittableRandom random = new SplittableRandom(72);
    double[][] forms = {{10, 0.0, 1.0}, {1.0, Double.MIN_NORMAL, Double.MAX_VALUE}, {3, 0.25, 0.5}};
    for (double[] form : forms) {
      for (double threshold : new double[] {0, 1e-3, 5}) {
        for (int k = 0; k <= MOST; k++) {
          double[] n = spread(random, k);
          double[] s = new double[k];
          for (int j = 0; j < k; j++) {
            s[j] = n[j] * form[0] * random.nextDouble() * 1.2; // Some estimates above 1 before the clamp.
          }
          int odd = k == 0 ? -1 : random.nextInt(k);
          if (odd >= 0 && random.nextBoolean()) {
            n[odd] = random.nextBoolean() ? Double.NaN : Double.MIN_VALUE; // A NaN or a subnormal count.
          }
          double perN = 1 / (1 + random.nextDouble());
          boolean allAbove = true;
          for (int j = 0; j < k; j++) {
            allAbove &= n[j] > threshold;
          }
          for (MStepArithmetic arithmetic : KERNELS) {
            double[] w = new double[k + 3];
            double[] estimates = new double[k + 3];
            java.util.Arrays.fill(w, -1);
            java.util.Arrays.fill(estimates, -2);
            boolean above = arithmetic.weightsAndQuotients(n, s, perN, form[0], form[1], form[2], threshold, k, w,
                estimates);
            String what = arithmetic + " form " + java.util.Arrays.toString(form) + " threshold " + threshold
                + " K=" + k;
            assertEquals(allAbove, above, what + ": every N above the threshold");
            for (int j = 0; j < k; j++) {
              assertBits(n[j] * perN, w[j], what + " w_" + j);
              assertBits(Math.min(form[2], Math.max(form[1], s[j] / (form[0] * n[j]))), estimates[j],
                  what + " estimate_" + j);
            }
            for (int j = k; j < k + 3; j++) {
              assertBits(-1, w[j], what + " past k");
              assertBits(-2, estimates[j], what + " past k");
            }
          }
        }
      }
    }
  }
}
