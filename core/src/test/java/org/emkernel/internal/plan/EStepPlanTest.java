package org.emkernel.internal.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emkernel.internal.plan.EStepPlan.Path;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.api.Test;

/** The planner's decisions, read from the plan: the ladder whole, lifted, segmented, exponentials. */
class EStepPlanTest {
  private static final int PAD = 8;

  /** Binomial(n) terms over outcomes 0..n: scale w·(1 − φ)^n and ρ = φ/(1 − φ), padded with scale 0, ρ 1. */
  private static double[][] binomialTerms(int n, double[] w, double[] phi) {
    int padded = (w.length + PAD - 1) / PAD * PAD;
    double[] scale = new double[padded];
    double[] rho = new double[padded];
    Arrays.fill(rho, 1.0);
    for (int j = 0; j < w.length; j++) {
      scale[j] = w[j] * Math.pow(1 - phi[j], n);
      rho[j] = phi[j] / (1 - phi[j]);
    }
    return new double[][] {scale, rho};
  }

  private static ProductPlanner planner(EmKernel kernel, int k, int n) {
    int bins = n + 1;
    int paddedBins = (bins + PAD - 1) / PAD * PAD;
    return new ProductPlanner(kernel, k, bins, 0, paddedBins - 1, paddedBins, true, (k + PAD - 1) / PAD * PAD);
  }

  private static EmKernel[] kernels() {
    return new EmKernel[] {KernelProvider.scalar(), KernelProvider.vector()};
  }

  @Test
  void termsInRangeRunWholeAndThePlanIsReused() {
    for (EmKernel kernel : kernels()) {
      double[] w = {0.3, 0.7};
      double[][] t = binomialTerms(10, w, new double[] {0.4, 0.5});
      ProductPlanner planner = planner(kernel, 2, 10);
      EStepPlan plan = planner.plan(w, t[0], t[1]);
      assertEquals(Path.WHOLE, plan.path(), kernel.name());
      assertTrue(plan.onProducts());
      assertEquals(0, plan.lift());
      assertEquals(1, plan.segments());
      assertEquals(0, plan.risingCount());
      assertFalse(plan.anyFading());
      assertSame(plan, planner.plan(w, t[0], t[1]), "the same findings give the same plan");
    }
  }

  /**
   * A planner that answers from the exponents it kept decides as a fresh one does, over terms that mostly keep
   * their exponents, sometimes move to a neighbour, and sometimes take a value the quick check tells apart by
   * more than its exponent (0 and subnormals, ∞ and NaN, a negative sign).
   */
  @Test
  void theKeptExponentsDecideAsAFreshCheck() {
    for (EmKernel kernel : kernels()) {
      int[] answered = decideAsAFreshPlanner(kernel, 30, new double[] {0.01, 0.5, 0.9});
      assertTrue(answered[0] > 10000, kernel.name() + ": the kept exponents answered " + answered[0] + " times");
    }
  }

  /**
   * After a component rose, the planner runs its full check first (the quick check would say NaN): it decides as
   * a fresh one does, as terms around genotypes at depth 100 (one rising, one fading) move as above.
   */
  @Test
  void theFullCheckAfterARiseDecidesAsAFreshCheck() {
    for (EmKernel kernel : kernels()) {
      int[] answered = decideAsAFreshPlanner(kernel, 100, new double[] {0.001, 0.5, 0.999});
      assertTrue(answered[1] > 1000, kernel.name() + ": the full check went first " + answered[1] + " times");
    }
  }

  /**
   * 20000 steps of random moves of binomial(n) terms, one remembering planner against a fresh one per step;
   * returns how often the remembering one had kept exponents, and how often it had seen a rise.
   */
  private static int[] decideAsAFreshPlanner(EmKernel kernel, int n, double[] biases) {
    double[] special = {0.0, -0.0, Double.MIN_VALUE, 0x1p-1030, Double.MIN_NORMAL, 0x1p-900, 0x1p-60, 0.5, 1.0,
        0x1.8p1, 0x1p300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -0.5, 1e-300};
    java.util.SplittableRandom random = new java.util.SplittableRandom(19);
    int k = 3;
    double[] w = {0.2, 0.3, 0.5};
    double[][] base = binomialTerms(n, w, biases);
    double[][] t = {base[0].clone(), base[1].clone()};
    ProductPlanner kept = planner(kernel, k, n);
    int[] answered = new int[2];
    for (int step = 0; step < 20000; step++) {
      int choice = random.nextInt(20);
      double[] row = t[random.nextInt(2)];
      int j = random.nextInt(k);
      if (choice == 0) {
        row[j] = special[random.nextInt(special.length)];
      } else if (choice == 1) {
        t = new double[][] {base[0].clone(), base[1].clone()};
      } else if (choice == 2) {
        row[j] = Math.scalb(row[j], random.nextBoolean() ? 1 : -1);
      } else if (Double.isFinite(row[j]) && row[j] != 0) {
        // A new mantissa, the same sign and exponent.
        row[j] = Math.copySign(Math.scalb(1 + random.nextDouble(), Math.getExponent(row[j])), row[j]);
      }
      double[][] fresh = {t[0].clone(), t[1].clone()};
      answered[0] += kept.remembersWhole() ? 1 : 0;
      answered[1] += kept.remembersRising() ? 1 : 0;
      EStepPlan a = kept.plan(w, t[0], t[1]);
      EStepPlan b = planner(kernel, k, n).plan(w, fresh[0], fresh[1]);
      String where = kernel.name() + " step " + step + ": " + Arrays.toString(fresh[0]) + " " + Arrays.toString(fresh[1]);
      assertSameDecision(b, a, k, where);
      assertArrayEquals(fresh[0], t[0], where);
      assertArrayEquals(fresh[1], t[1], where);
    }
    return answered;
  }

  /** Plan a decides as plan b: path, lift, floor, segments, fading components and rising entries. */
  private static void assertSameDecision(EStepPlan b, EStepPlan a, int k, String where) {
    assertEquals(b.path(), a.path(), where);
    assertEquals(b.lift(), a.lift(), where);
    assertEquals(b.sumFloor(), a.sumFloor(), where);
    assertEquals(b.segments(), a.segments(), where);
    assertEquals(b.risingCount(), a.risingCount(), where);
    for (int c = 0; c < k; c++) {
      assertEquals(b.fades(c), a.fades(c), where);
    }
    for (int i = 0; i < b.risingCount(); i++) {
      assertEquals(b.entering(i), a.entering(i), where);
      assertEquals(b.entry(i), a.entry(i), where);
    }
  }

  /**
   * Terms the planner kept as whole over outcomes up to 31 (a component of scale 2^−300 and ρ 2^10) reach 2^1978
   * by outcome 207: reset for those bins, it must check them again, as a new planner does, not answer whole.
   */
  @Test
  void aResetPlannerForgetsTheExponentsItKept() {
    for (EmKernel kernel : kernels()) {
      double[] w = {0.5, 0.5};
      double[] scale = {0x1p-300, 0.5, 0, 0, 0, 0, 0, 0};
      double[] rho = {0x1p10, 0.5, 1, 1, 1, 1, 1, 1};
      ProductPlanner reused = planner(kernel, 2, 30);
      assertEquals(Path.WHOLE, reused.plan(w, scale.clone(), rho.clone()).path(), kernel.name());
      assertTrue(reused.remembersWhole(), kernel.name());
      reused.reset(201, 0, 207, 208, true);
      assertFalse(reused.remembersWhole(), kernel.name());
      EStepPlan fresh = planner(kernel, 2, 200).plan(w, scale.clone(), rho.clone());
      assertNotEquals(Path.WHOLE, fresh.path(), kernel.name());
      assertSameDecision(fresh, reused.plan(w, scale.clone(), rho.clone()), 2, kernel.name());
    }
  }

  /**
   * A planner reset for other data (as a fit's pooled session resets the last fit's) decides as one made for them:
   * 600 turns among genotypes at depth 100 (one component rising, one fading: lifted and whole plans), binomial(30)
   * terms, and depth 100 beside a bias of 1e-40 (segmented plans), each turn some steps of the first planner's random moves, the reused planner against
   * a new one at every step. A plan made for the other data must never come back.
   */
  @Test
  void aResetPlannerDecidesAsANewOne() {
    for (EmKernel kernel : kernels()) {
      java.util.SplittableRandom random = new java.util.SplittableRandom(23);
      int k = 3;
      double[] w = {0.2, 0.3, 0.5};
      int[] depths = {100, 30, 100};
      double[][][] bases = {binomialTerms(100, w, new double[] {0.001, 0.5, 0.999}),
          binomialTerms(30, w, new double[] {0.01, 0.5, 0.9}), binomialTerms(100, w, new double[] {1e-40, 0.5, 0.999})};
      ProductPlanner reused = planner(kernel, k, depths[0]);
      int[] paths = new int[Path.values().length];
      for (int turn = 0; turn < 600; turn++) {
        int shape = turn % 3;
        int n = depths[shape];
        int bins = n + 1;
        int paddedBins = (bins + PAD - 1) / PAD * PAD;
        assertSame(reused, reused.reset(bins, 0, paddedBins - 1, paddedBins, true));
        double[][] t = {bases[shape][0].clone(), bases[shape][1].clone()};
        for (int step = 0, steps = 1 + random.nextInt(12); step < steps; step++) {
          double[] row = t[random.nextInt(2)];
          int j = random.nextInt(k);
          if (step > 0 && random.nextBoolean()) {
            row[j] = Math.scalb(row[j], random.nextInt(-40, 41));
          }
          double[][] fresh = {t[0].clone(), t[1].clone()};
          EStepPlan a = reused.plan(w, t[0], t[1]);
          EStepPlan b = planner(kernel, k, n).plan(w, fresh[0], fresh[1]);
          String where = kernel.name() + " turn " + turn + " step " + step + ": " + Arrays.toString(fresh[0]) + " "
              + Arrays.toString(fresh[1]);
          assertSameDecision(b, a, k, where);
          assertArrayEquals(fresh[0], t[0], where);
          paths[a.path().ordinal()]++;
        }
      }
      for (Path path : Path.values()) {
        assertTrue(paths[path.ordinal()] > 20, kernel.name() + ": " + path + " came " + paths[path.ordinal()] + " times");
      }
    }
  }

  @Test
  void aZeroWeightAddsNothing() {
    for (EmKernel kernel : kernels()) {
      double[] w = {1, 0};
      double[][] t = binomialTerms(10, w, new double[] {0.4, 0.5});
      EStepPlan plan = planner(kernel, 2, 10).plan(w, t[0], t[1]);
      assertEquals(Path.WHOLE, plan.path(), kernel.name());
      assertEquals(0.0, t[0][1]);
      assertEquals(1.0, t[1][1]);
    }
  }

  @Test
  void genotypesAtDepth100AreLiftedBesideAFadingComponent() {
    for (EmKernel kernel : kernels()) {
      double[] w = {0.45, 0.35, 0.2};
      double[][] t = binomialTerms(100, w, new double[] {0.001, 0.5, 0.999});
      double[] before = t[0].clone();
      EStepPlan plan = planner(kernel, 3, 100).plan(w, t[0], t[1]);
      assertEquals(Path.LIFTED, plan.path(), kernel.name());
      assertTrue(plan.lift() > 0);
      assertTrue(plan.anyFading() && plan.fades(0) && !plan.fades(1) && !plan.fades(2));
      assertEquals(1, plan.risingCount());
      assertEquals(2, plan.entering(0));
      // The lift is exact: every scale times 2^β.
      for (int j = 0; j < 3; j++) {
        assertEquals(Math.scalb(before[j], plan.lift()), t[0][j], 0.0, "scale " + j);
      }
      // The least β that brings the rising component's first term to 2^-ENTRY.
      int e = Math.getExponent(t[0][2]);
      assertTrue(e >= -PlanBounds.ENTRY - 1 && e <= -PlanBounds.ENTRY, "lifted first term 2^" + e);
    }
  }

  @Test
  void besideABiasOf1e40TheRisingComponentEntersInSegments() {
    for (EmKernel kernel : kernels()) {
      double[] w = {0.45, 0.35, 0.2, 1e-6};
      double[][] t = binomialTerms(100, w, new double[] {0.001, 0.5, 0.999, 1e-40});
      EStepPlan plan = planner(kernel, 4, 100).plan(w, t[0], t[1]);
      assertEquals(Path.SEGMENTED, plan.path(), kernel.name());
      assertEquals(0, plan.lift());
      assertEquals(1, plan.risingCount());
      assertEquals(2, plan.entering(0));
      assertTrue(plan.entry(0) > 0 && plan.entry(0) % PlanBounds.SEGMENT_ALIGN == 0, "entry " + plan.entry(0));
      assertEquals(2, plan.segments());
    }
  }

  @Test
  void aScaleBelowTheNormalsTakesTheExponentials() {
    for (EmKernel kernel : kernels()) {
      double[] w = {0.5, 0.5};
      double[][] t = binomialTerms(10, w, new double[] {0.4, 0.5});
      t[0][0] = 1e-320;
      EStepPlan plan = planner(kernel, 2, 10).plan(w, t[0], t[1]);
      assertEquals(Path.EXPONENTIALS, plan.path(), kernel.name());
      assertEquals(0, plan.risingCount());
    }
  }

  @Test
  void aFadingComponentsCountsStandOnlyAboveWhatTheyCanHaveLost() {
    double[] w = {0.45, 0.35, 0.2};
    double[][] t = binomialTerms(100, w, new double[] {0.001, 0.5, 0.999});
    EStepPlan plan = planner(KernelProvider.scalar(), 3, 100).plan(w, t[0], t[1]);
    double end = 103;
    assertTrue(plan.kept(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 1, 1, t[0], end));
    assertFalse(plan.kept(new double[] {0, 1, 1}, new double[] {1, 1, 1}, 1, 1, t[0], end), "N_0 of 0");
    // What a subnormal Horner step can cost bounds N from below too: scale·2^-1000.
    double horner = t[0][0] * PlanBounds.HORNER_FLOOR;
    assertFalse(plan.kept(new double[] {horner / 2, 1, 1}, new double[] {1, 1, 1}, 0, 0, t[0], end));
    assertTrue(plan.kept(new double[] {horner, 1, 1}, new double[] {horner * end, 1, 1}, 0, 0, t[0], end));
    EStepPlan fell = plan.fellBack();
    assertEquals(Path.EXPONENTIALS, fell.path());
    assertEquals(0, fell.lift());
    assertTrue(fell.anyFading());
    assertSame(fell, plan.fellBack());
    assertArrayEquals(new int[] {plan.risingCount()}, new int[] {fell.risingCount()});
  }
}
