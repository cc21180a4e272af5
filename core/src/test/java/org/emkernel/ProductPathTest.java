package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's product path (terms scale·ρ^x by multiplication, for consecutive outcomes up to 256)
 * against the scalar reference kernel's exponentials: N, S and the log-likelihood to 1e-12 relative over
 * awkward sizes in both of its layouts, at the hard parameters, for every family that has it (binomial,
 * Poisson, geometric, negative binomial with a whole size); and the cases
 * it must leave to the exponential path.
 */
class ProductPathTest {
  /** Doubles per vector of the vector kernel (core's build runs this test at 2, 4 and the machine's 8). */
  private static final int LANES = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();

  private static EmSession session(KernelChoice kernel, Histogram h, MixtureModel m) {
    return EmFitter.builder().kernel(kernel).build().session(h, m);
  }

  /** One E-step of each kernel; returns whether the vector kernel took the product path. */
  private static boolean agree(Histogram h, MixtureModel m, String what) {
    return agreeing(h, m, what).lastPlan().onProducts();
  }

  /** {@link #agree} with a component that fades: returns whether the product path took it. */
  private static boolean agreeFading(Histogram h, MixtureModel m, String what) {
    EmSession vector = agreeing(h, m, what);
    assertTrue(vector.lastPlan().anyFading(), what + ": a fading component");
    return vector.lastPlan().onProducts();
  }

  /** One E-step of each kernel, compared; returns the vector kernel's session. */
  private static EmSession agreeing(Histogram h, MixtureModel m, String what) {
    return agreeing(h, m, what, -1);
  }

  /** {@link #agreeing}, component {@code exact} checked against a direct computation instead (see its caller). */
  private static EmSession agreeing(Histogram h, MixtureModel m, String what, int exact) {
    EmSession scalar = session(KernelChoice.SCALAR, h, m);
    EmSession vector = session(KernelChoice.VECTOR, h, m);
    double expected = scalar.eStep();
    double actual = vector.eStep();
    assertFalse(scalar.lastPlan().onProducts(), what + ": the scalar reference keeps its exponentials");
    close(expected, actual, what + " log-likelihood");
    for (int j = 0; j < m.components(); j++) {
      if (j != exact) {
        close(scalar.n[j], vector.n[j], what + " N_" + j);
        close(scalar.s[j], vector.s[j], what + " S_" + j);
      }
    }
    return vector;
  }

  /**
   * A bias-1 mass's N over outcomes 0..n of n trials, directly: all its mass is at the last bin, so N = c_n·w_m /
   * Σ_j w_j·φ_j^n, here in 60-digit decimal arithmetic.
   */
  private static double massAtLast(Histogram h, MixtureModel m, int mass) {
    java.math.MathContext mc = new java.math.MathContext(60);
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    int n = h.outcome(h.size() - 1);
    for (int j = 0; j < m.components(); j++) {
      sum = sum.add(new java.math.BigDecimal(m.weight(j)).multiply(new java.math.BigDecimal(m.param(j)).pow(n, mc), mc), mc);
    }
    return new java.math.BigDecimal(h.count(h.size() - 1)).multiply(new java.math.BigDecimal(m.weight(mass)), mc)
        .divide(sum, mc).doubleValue();
  }

  /**
   * To 1e-12 relative, or both below 1e-300: the reference clamps log 0 to log(Double.MIN_VALUE), so a bias of 0
   * leaves it terms near 1e-320 (S_j of 4e-319, say) where the product path has the exact 0.
   */
  private static void close(double expected, double actual, String what) {
    double diff = Math.abs(expected - actual);
    assertTrue(expected == actual || diff <= 1e-12 * Math.abs(expected) || Math.max(Math.abs(expected), Math.abs(actual)) < 1e-300,
        what + ": scalar " + expected + " vs vector " + actual + " (rel " + diff / Math.abs(expected) + ")");
  }

  private static Histogram consecutive(int from, int bins, SplittableRandom random) {
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int i = 0; i < bins; i++) {
      outcomes[i] = from + i;
      counts[i] = 1 + random.nextInt(5000);
    }
    return Histogram.ofCounts(outcomes, counts);
  }

  private static MixtureModel binomial(int trials, int k, double low, double high, SplittableRandom random) {
    double[] w = new double[k];
    double[] phi = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      w[j] = 0.2 + random.nextDouble();
      sum += w[j];
      phi[j] = low + (high - low) * random.nextDouble();
    }
    for (int j = 0; j < k; j++) {
      w[j] /= sum;
    }
    return MixtureModel.of(Family.binomial(trials), w, phi);
  }

  @Test
  void awkwardSizesInBothLayouts() {
    SplittableRandom random = new SplittableRandom(61);
    int[] starts = {0, 5, 100};
    int[] binCounts = {1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 101, 157};
    int[] components = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 64, 130};
    for (int from : starts) {
      for (int bins : binCounts) {
        if (from + bins - 1 > 256) {
          continue;
        }
        Histogram h = consecutive(from, bins, random);
        for (int k : components) {
          int trials = Math.min(256, from + bins + random.nextInt(20));
          MixtureModel m = binomial(trials, k, 0.15, 0.85, random);
          String what = "outcomes " + from + ".." + (from + bins - 1) + " of " + trials + ", K=" + k;
          assertTrue(agree(h, m, what), what + ": product path");
        }
      }
    }
  }

  @Test
  void hardParametersAndDeadComponents() {
    SplittableRandom random = new SplittableRandom(62);
    Histogram h = consecutive(0, 11, random);
    // Biases at 1e-12 and 1 − 1e-12: terms down to 1e-120, still normal.
    MixtureModel edges = MixtureModel.of(Family.binomial(10), new double[] {0.3, 0.4, 0.3},
        new double[] {1e-12, 0.5, 1 - 1e-12});
    assertTrue(agree(h, edges, "biases 1e-12 and 1 - 1e-12"));
    // K = 256 with every other weight 0.
    int k = 256;
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = j % 2 == 0 ? 2.0 / k : 0;
      phi[j] = (j + 0.5) / k;
    }
    Histogram wide = consecutive(0, 41, random);
    assertTrue(agree(wide, MixtureModel.of(Family.binomial(40), w, phi), "K=256, half dead"));
  }

  @Test
  void biasesZeroAndOneAreMassesAtSingleOutcomes() {
    SplittableRandom random = new SplittableRandom(66);
    for (int bins : new int[] {11, 9}) {
      // Outcomes 0..10 of 10 trials: the bias-1 mass sits on the last bin; 0..8: on no bin at all.
      Histogram h = consecutive(0, bins, random);
      for (int k : new int[] {3, 20}) {
        double[] wk = new double[k];
        double[] phi = new double[k];
        for (int j = 0; j < k; j++) {
          wk[j] = 1.0 / k;
          phi[j] = j % 3 == 0 ? 0.0 : j % 3 == 1 ? 1.0 : 0.2 + 0.6 * random.nextDouble();
        }
        String what = bins + " bins, K=" + k + ", biases 0 and 1";
        assertTrue(agree(h, MixtureModel.of(Family.binomial(10), wk, phi), what), what + ": product path");
      }
    }
    // Starting past outcome 0, a bias-0 component has no term at all.
    assertTrue(agree(consecutive(2, 9, random),
        MixtureModel.of(Family.binomial(10), new double[] {0.3, 0.3, 0.4}, new double[] {0.0, 0.4, 1.0}),
        "outcomes 2..10, biases 0 and 1"));
  }

  @Test
  void poisson() {
    SplittableRandom random = new SplittableRandom(67);
    // The Poisson's product-form term e^−λ·λ^x lacks its 1/x!; rescaled by m^−x (m the least power of two above
    // every λ) it is at most w, so means up to the last outcome take the product path, and the log-likelihood
    // adds x·log m per outcome back.
    int[] binCounts = {12, 30, 60, 101, 200};
    double[] maxMean = {10, 3, 15, 80, 150};
    for (int i = 0; i < binCounts.length; i++) {
      Histogram h = consecutive(0, binCounts[i], random);
      for (int k : new int[] {1, 3, 8, 20}) {
        double[] w = new double[k];
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
          w[j] = 1.0 / k;
          // Means within a factor of 8 below the largest: (1/16)^199 is 2^−796, within the range the path keeps.
          lambda[j] = maxMean[i] * (0.125 + 0.875 * random.nextDouble());
        }
        String what = "Poisson, outcomes 0.." + (binCounts[i] - 1) + ", K=" + k;
        assertTrue(agree(h, MixtureModel.of(Family.poisson(), w, lambda), what), what + ": product path");
      }
    }
    assertTrue(agree(consecutive(3, 20, random), MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5},
        new double[] {2, 4}), "Poisson from 3"));
    assertTrue(agree(consecutive(40, 60, random), MixtureModel.of(Family.poisson(), new double[] {0.3, 0.7},
        new double[] {50, 70}), "Poisson from 40"));
    assertTrue(agree(consecutive(0, 60, random), MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5},
        new double[] {1, 15}), "Poisson with means 1 and 15 over 60 outcomes"));
    // (5/256)^199 and (1e-40/16)^19 fall below 2^−900: fading components, still products.
    assertTrue(agreeFading(consecutive(0, 200, random), MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5},
        new double[] {5, 150}), "Poisson with means 5 and 150 over 200 outcomes"));
    assertTrue(agreeFading(consecutive(0, 20, random), MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5},
        new double[] {1e-40, 10}), "Poisson with a mean of 1e-40"));
    // e^−700 (the scale of the mean of 700) is below 2^−900: exponentials.
    assertFalse(agree(consecutive(0, 30, random), MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5},
        new double[] {5, 700}), "Poisson with a mean of 700"));
  }

  /**
   * A fading component (scale below 2, ρ below 1) may have terms that fall below 2^−900 and underflow, as a
   * zero-inflating component does: the product path keeps it, in both layouts, from outcome 0 and past it.
   */
  @Test
  void fadingComponentsStayOnTheProductPath() {
    SplittableRandom random = new SplittableRandom(68);
    int[] starts = {0, 3, 40};
    int[] binCounts = {9, 17, 33, 64, 101, 157};
    int[] components = {2, 3, 8, 17, 33};
    int fadingRuns = 0;
    int componentLayoutRuns = 0;
    for (int from : starts) {
      for (int bins : binCounts) {
        if (from + bins - 1 > 256) {
          continue;
        }
        Histogram h = consecutive(from, bins, random);
        for (int k : components) {
          int trials = Math.min(256, from + bins - 1 + random.nextInt(5));
          double[] w = new double[k];
          double[] phi = new double[k];
          for (int j = 0; j < k; j++) {
            w[j] = 1.0 / k;
            // Every third component has a ρ of 1e-3 to 1e-12: its terms fall below 2^−900 within 23 to 100
            // outcomes, so it fades on the longer ranges.
            phi[j] = j % 3 == 0 ? Math.pow(10, -3 - 9 * random.nextDouble()) : 0.3 + 0.4 * random.nextDouble();
          }
          String what = "fading, outcomes " + from + ".." + (from + bins - 1) + " of " + trials + ", K=" + k;
          EmSession vector = agreeing(h, MixtureModel.of(Family.binomial(trials), w, phi), what);
          // From outcome 0 every fading component has its terms at 0 and 1 at least: N and S are far above the
          // loss bound. Past 0, its terms may all be negligible and then the exponentials take the E-step.
          if (from == 0) {
            assertTrue(vector.lastPlan().onProducts(), what + ": product path");
          }
          boolean faded = vector.lastPlan().onProducts() && vector.lastPlan().anyFading();
          fadingRuns += faded ? 1 : 0;
          // The component layout: K ≥ 16 over at most 8 vectors of bins, K ≥ 5 over at most 2.
          int vectors = (bins + LANES - 1) / LANES;
          componentLayoutRuns += faded && ((k >= 16 && vectors <= 8) || (k >= 5 && vectors <= 2)) ? 1 : 0;
        }
      }
    }
    // Short enough for the component layout at any lane count (16 bins): biases of 1e-20 fade within them.
    for (int k : new int[] {17, 33}) {
      double[] w = new double[k];
      double[] phi = new double[k];
      for (int j = 0; j < k; j++) {
        w[j] = 1.0 / k;
        phi[j] = j % 3 == 0 ? 1e-20 : 0.3 + 0.4 * random.nextDouble();
      }
      String what = "fading over 16 bins, K=" + k;
      assertTrue(agreeFading(consecutive(0, 16, random), MixtureModel.of(Family.binomial(15), w, phi), what),
          what + ": product path");
      componentLayoutRuns++;
    }
    assertTrue(fadingRuns >= 30 && componentLayoutRuns >= 2,
        "runs on the product path with a fading component: " + fadingRuns + ", " + componentLayoutRuns
            + " of them in the component layout");
    // The family benchmark's degenerate geometric component, p = 1 − 4e-11 (ρ ≈ 2^−35), among 31 others; a
    // negative binomial's; a Poisson's zero-inflating mean.
    Histogram h = consecutive(0, 101, random);
    double[] w = new double[32];
    double[] p = new double[32];
    for (int j = 0; j < 32; j++) {
      w[j] = 1.0 / 32;
      p[j] = j == 5 ? 1 - 4e-11 : 0.05 + 0.9 * j / 32;
    }
    assertTrue(agreeFading(h, MixtureModel.of(Family.geometric(), w, p), "geometric, p = 1 - 4e-11"));
    assertTrue(agreeFading(h, MixtureModel.of(Family.negativeBinomial(3), w, p), "negative binomial, p = 1 - 4e-11"));
    assertTrue(agreeFading(h, MixtureModel.of(Family.poisson(), new double[] {0.2, 0.5, 0.3},
        new double[] {1e-9, 20, 60}), "Poisson, a mean of 1e-9"));
  }

  /**
   * A binomial mixture with a component of bias 1e-40 added (weight 0.05, the others scaled to 0.95): a fading
   * component whose eighth power of ρ is subnormal, so no lift may raise its scale past 2.
   */
  private static MixtureModel withTinyBias(int trials, double[] w, double[] phi) {
    double[] w2 = new double[w.length + 1];
    double[] phi2 = new double[phi.length + 1];
    for (int j = 0; j < w.length; j++) {
      w2[j] = 0.95 * w[j];
      phi2[j] = phi[j];
    }
    w2[w.length] = 0.05;
    phi2[phi.length] = 1e-40;
    return MixtureModel.of(Family.binomial(trials), w2, phi2);
  }

  /**
   * A rising component (a binomial bias near 1 over many trials) whose first terms lie below 2^−900: every term is
   * lifted by a common 2^β into range and the E-step runs in one call, in both layouts, agreeing with the
   * reference; where no lift may serve (beside a bias of 1e-40), the component enters at a later bin, a multiple
   * of 8, and the E-step runs in segments.
   */
  @Test
  void risingComponentsAreLiftedOrEnterLater() {
    SplittableRandom random = new SplittableRandom(69);
    // Genotypes at depth n: reference, heterozygous, alternative, with error rates such that the alternative
    // component's first terms, w·(1 − φ)^n, lie between 2^−1022 and 2^−900 (0.001^100 is 2^−997).
    int[] depths = {100, 120, 200, 256};
    double[] errors = {0.001, 0.005, 0.04, 0.08};
    for (int d = 0; d < depths.length; d++) {
      int trials = depths[d];
      Histogram h = consecutive(0, trials + 1, random);
      for (int k : new int[] {3, 8, 20}) {
        double[] w = new double[k];
        double[] phi = new double[k];
        for (int j = 0; j < k; j++) {
          w[j] = 1.0 / k;
          double e = errors[d] * (1 - 0.05 * j / k);
          phi[j] = j % 3 == 0 ? e : j % 3 == 1 ? 0.4 + 0.2 * random.nextDouble() : 1 - e;
        }
        String what = "genotypes at depth " + trials + ", K=" + k;
        EmSession lifted = agreeing(h, MixtureModel.of(Family.binomial(trials), w, phi), what);
        assertTrue(lifted.lastPlan().onProducts() && lifted.lastPlan().risingCount() > 0 && lifted.lastPlan().lift() > 0, what + ": lifted");
        EmSession segments = agreeing(h, withTinyBias(trials, w, phi), what + " beside a bias of 1e-40");
        assertTrue(segments.lastPlan().onProducts() && segments.lastPlan().lift() == 0 && segments.lastPlan().segments() >= 2,
            what + " beside a bias of 1e-40: in " + segments.lastPlan().segments() + " segments");
      }
    }
    // The component layout (K ≥ 16 over at most 8 vectors of bins, at 4 lanes or more): biases 1 − 2^−34 over
    // 28 trials, scale about 2^−960, entering at bin 8.
    Histogram h = consecutive(0, 29, random);
    for (int k : new int[] {17, 33}) {
      double[] w = new double[k];
      double[] phi = new double[k];
      for (int j = 0; j < k; j++) {
        w[j] = 1.0 / k;
        phi[j] = j % 4 == 0 ? 1 - 0x1p-34 : 0.3 + 0.4 * random.nextDouble();
      }
      String what = "component layout, K=" + k;
      EmSession lifted = agreeing(h, MixtureModel.of(Family.binomial(28), w, phi), what);
      assertTrue(lifted.lastPlan().onProducts() && lifted.lastPlan().lift() > 0, what + ": lifted");
      EmSession segments = agreeing(h, withTinyBias(28, w, phi), what + " beside a bias of 1e-40");
      assertTrue(segments.lastPlan().onProducts() && segments.lastPlan().lift() == 0 && segments.lastPlan().segments() >= 2,
          what + " beside a bias of 1e-40: in " + segments.lastPlan().segments() + " segments");
    }
    // Past outcome 0 too, with a fading component beside: outcomes 3..183 of 200, the bias-0.96 component's term
    // at outcome 3 about 2^−917 (segments: entering at bin 8, outcome 11).
    Histogram from3 = consecutive(3, 181, random);
    double[] w3 = {0.3, 0.4, 0.3};
    double[] phi3 = {0.04, 0.5, 0.96};
    EmSession lifted3 = agreeing(from3, MixtureModel.of(Family.binomial(200), w3, phi3), "outcomes 3..183 of 200");
    assertTrue(lifted3.lastPlan().onProducts() && lifted3.lastPlan().lift() > 0 && lifted3.lastPlan().anyFading(), "outcomes 3..183: lifted");
    EmSession segments3 = agreeing(from3, withTinyBias(200, w3, phi3), "outcomes 3..183, beside a bias of 1e-40");
    assertTrue(segments3.lastPlan().onProducts() && segments3.lastPlan().segments() == 2, "outcomes 3..183: two segments");
    // With a bias-1 mass at the last bin (in the last segment only) and a component of weight 0. The mass's N is
    // checked against a direct computation: beside a bias of 0.999 over 100 trials the reference's own log-joint,
    // log w + n·log(1 − φ) + x·log(φ/(1 − φ)), cancels from about ±690 and leaves it 1e-12 to 2e-12 off there.
    Histogram h100 = consecutive(0, 101, random);
    double[] wm = {0.3, 0.3, 0.2, 0.2, 0};
    double[] phim = {0.001, 0.5, 0.999, 1, 0.3};
    MixtureModel liftedModel = MixtureModel.of(Family.binomial(100), wm, phim);
    EmSession liftedMass = agreeing(h100, liftedModel, "a mass at the last bin", 3);
    assertTrue(liftedMass.lastPlan().onProducts() && liftedMass.lastPlan().lift() > 0, "a mass at the last bin: lifted");
    assertEquals(massAtLast(h100, liftedModel, 3), liftedMass.n[3], 1e-14 * liftedMass.n[3], "lifted mass N");
    MixtureModel segmentModel = withTinyBias(100, wm, phim);
    EmSession masses = agreeing(h100, segmentModel, "a mass at the last bin, beside a bias of 1e-40", 3);
    assertTrue(masses.lastPlan().onProducts() && masses.lastPlan().segments() == 2, "a mass at the last bin: products in segments");
    assertEquals(massAtLast(h100, segmentModel, 3), masses.n[3], 1e-14 * masses.n[3], "mass N in segments");
    // Lifted, a fading component whose terms still underflow: a bias of 1e-5 (ρ^8 about 2^−133, normal) over 100
    // trials ends near 2^−1660 + β.
    EmSession deep = agreeing(h100, MixtureModel.of(Family.binomial(100), new double[] {0.3, 0.4, 0.3},
        new double[] {1e-5, 0.5, 0.999}), "lifted beside a bias of 1e-5");
    assertTrue(deep.lastPlan().onProducts() && deep.lastPlan().lift() > 0 && deep.lastPlan().anyFading(), "lifted beside a bias of 1e-5: products");
    // In segments, a term left out must be below 2^−61 of every bin's sum: with the sums down to 2^−860 (a bias
    // of 0.1 the only regular component over 200 trials), a bias-0.96 component's, near 2^−890, is not. A lift
    // leaves nothing out.
    Histogram h200 = consecutive(0, 201, random);
    double[] ws = {0.5, 0.5};
    double[] phis = {0.1, 0.96};
    EmSession liftedSteep = agreeing(h200, MixtureModel.of(Family.binomial(200), ws, phis), "sums down to 2^-860");
    assertTrue(liftedSteep.lastPlan().onProducts() && liftedSteep.lastPlan().lift() > 0, "sums down to 2^-860: lifted");
    EmSession steep = agreeing(h200, withTinyBias(200, ws, phis), "sums down to 2^-860, beside a bias of 1e-40");
    assertTrue(!steep.lastPlan().onProducts() && steep.lastPlan().risingCount() == 1, "sums down to 2^-860 in segments: exponentials");
    // A bias of 0.51 with scale 2^−920 stays below 2^−914: lifted by 30, or in segments it never enters and
    // the exponentials take the E-step.
    double[] wn = {1 - 0x1p-817, 0x1p-817};
    double[] phin = {0.5, 0.51};
    EmSession liftedLow = agreeing(h100, MixtureModel.of(Family.binomial(100), wn, phin), "a component at 2^-920");
    assertTrue(liftedLow.lastPlan().onProducts() && liftedLow.lastPlan().lift() == 30, "a component at 2^-920: lifted by " + liftedLow.lastPlan().lift());
    EmSession never = agreeing(h100, withTinyBias(100, wn, phin), "never enters, beside a bias of 1e-40");
    assertTrue(!never.lastPlan().onProducts() && never.lastPlan().risingCount() > 0, "never enters: exponentials");
  }

  @Test
  void negativeBinomialWithWholeSizeAndGeometric() {
    SplittableRandom random = new SplittableRandom(63);
    Histogram h = consecutive(0, 61, random);
    double[] w = {0.5, 0.3, 0.2};
    double[] p = {0.25, 0.5, 0.8};
    assertTrue(agree(h, MixtureModel.of(Family.geometric(), w, p), "geometric"));
    assertTrue(agree(h, MixtureModel.of(Family.negativeBinomial(3), w, p), "negative binomial r=3"));
    // A size that is not whole has no exact product form: exponentials.
    assertFalse(agree(h, MixtureModel.of(Family.negativeBinomial(2.5), w, p), "negative binomial r=2.5"));
  }

  @Test
  void leavesToTheExponentialsWhatItCannotTake() {
    SplittableRandom random = new SplittableRandom(64);
    double[] w = {0.5, 0.5};
    // A rising component whose scale, 0.5·(1e-4)^200, is not a normal double: out of range.
    assertFalse(agree(consecutive(0, 201, random),
        MixtureModel.of(Family.binomial(200), w, new double[] {1 - 1e-4, 0.5}), "a scale near 1e-800"));
    // A fading component with N far below what it can lose (bins' sums down to about 2^−825, so 2^−184 of the
    // total, against a weight of 1e-100): the product E-step is thrown away for the exponentials.
    assertFalse(agree(consecutive(0, 256, random),
        MixtureModel.of(Family.binomial(255), new double[] {1 - 1e-100, 1e-100}, new double[] {0.15, 1e-6}),
        "a fading component of weight 1e-100"));
    assertTrue(agreeFading(consecutive(0, 256, random),
        MixtureModel.of(Family.binomial(255), new double[] {1 - 1e-40, 1e-40}, new double[] {0.15, 1e-6}),
        "a fading component of weight 1e-40"));
    // Only masses at single outcomes (biases 0 and 1): some bins would have no term in range.
    Histogram small = consecutive(0, 11, random);
    assertFalse(agree(small, MixtureModel.of(Family.binomial(10), w, new double[] {0.0, 1.0}), "biases 0 and 1"));
    // More trials than the product path's limit, outcomes past it, gaps, and families without a product form.
    assertFalse(agree(consecutive(0, 101, random),
        MixtureModel.of(Family.binomial(300), w, new double[] {0.1, 0.2}), "300 trials"));
    assertFalse(agree(consecutive(250, 20, random),
        MixtureModel.of(Family.binomial(300), w, new double[] {0.8, 0.85}), "outcomes past 256"));
    Histogram gaps = Histogram.ofCounts(new int[] {0, 1, 2, 4, 5}, new long[] {3, 4, 5, 6, 7});
    assertFalse(agree(gaps, MixtureModel.of(Family.binomial(5), w, new double[] {0.3, 0.6}), "a gap"));
  }

  /**
   * The paths the bench's GenotypeBenchmark documents for its mixture (weights 0.45, 0.35, 0.2; biases 0.001,
   * 0.5, 0.999): depth 30 all in range; 100 a fading and a rising component, lifted; 200 the exponentials
   * (the alternative component's first term, 0.2·0.001^200, is below the doubles).
   */
  @Test
  void genotypeBenchmarkPaths() {
    SplittableRandom random = new SplittableRandom(71);
    double[] w = {0.45, 0.35, 0.2};
    double[] phi = {0.001, 0.5, 0.999};
    EmSession d30 = agreeing(consecutive(0, 31, random), MixtureModel.of(Family.binomial(30), w, phi), "depth 30");
    assertTrue(d30.lastPlan().onProducts() && d30.lastPlan().risingCount() == 0 && !d30.lastPlan().anyFading(), "depth 30: every term in range");
    EmSession d100 = agreeing(consecutive(0, 101, random), MixtureModel.of(Family.binomial(100), w, phi),
        "depth 100");
    assertTrue(d100.lastPlan().onProducts() && d100.lastPlan().anyFading() && d100.lastPlan().lift() > 0, "depth 100: lifted by " + d100.lastPlan().lift());
    EmSession d200 = agreeing(consecutive(0, 201, random), MixtureModel.of(Family.binomial(200), w, phi),
        "depth 200");
    assertFalse(d200.lastPlan().onProducts(), "depth 200: exponentials");
  }

  @Test
  void genotypesFitTheSameEitherWay() {
    // Allele counts at depth 120 from reference, heterozygous and alternative genotypes with a 0.5% error rate:
    // the fitted alternative component rises from below 2^−900, the reference one fades.
    SplittableRandom random = new SplittableRandom(70);
    int depth = 120;
    int[] outcomes = new int[depth + 1];
    long[] counts = new long[depth + 1];
    double[] truth = {0.005, 0.5, 0.995};
    for (int i = 0; i < 30000; i++) {
      double phi = truth[random.nextInt(3)];
      int x = 0;
      for (int t = 0; t < depth; t++) {
        x += random.nextDouble() < phi ? 1 : 0;
      }
      counts[x]++;
    }
    for (int b = 0; b <= depth; b++) {
      outcomes[b] = b;
      counts[b] += 1; // Every outcome present: consecutive.
    }
    Histogram h = Histogram.ofCounts(outcomes, counts);
    MixtureModel start = MixtureModel.of(Family.binomial(depth), new double[] {0.3, 0.4, 0.3},
        new double[] {0.01, 0.45, 0.99});
    EmFitter scalarFitter = EmFitter.builder().kernel(KernelChoice.SCALAR).tolerance(1e-10).build();
    EmFitter vectorFitter = EmFitter.builder().kernel(KernelChoice.VECTOR).tolerance(1e-10).build();
    FitResult scalar = scalarFitter.fit(h, start);
    FitResult vector = vectorFitter.fit(h, start);
    FitResult again = vectorFitter.fit(h, start);
    EmSession fitted = vectorFitter.session(h, vector.model());
    fitted.eStep();
    assertTrue(fitted.lastPlan().onProducts() && fitted.lastPlan().lift() > 0 && fitted.lastPlan().anyFading(),
        "the fitted model takes the product path, lifted: " + vector.model());
    close(scalar.logLikelihood(), vector.logLikelihood(), "fitted log-likelihood");
    for (int j = 0; j < 3; j++) {
      assertEquals(scalar.model().param(j), vector.model().param(j), 1e-9, "fitted bias " + j);
      assertEquals(scalar.model().weight(j), vector.model().weight(j), 1e-9, "fitted weight " + j);
      assertEquals(Double.doubleToRawLongBits(vector.model().param(j)),
          Double.doubleToRawLongBits(again.model().param(j)), "repeat, bias " + j);
    }
  }

  @Test
  void fitsTheSameEitherWayAndRepeatsBitForBit() {
    SplittableRandom random = new SplittableRandom(65);
    Histogram h = consecutive(0, 31, random);
    MixtureModel start = binomial(30, 4, 0.2, 0.8, random);
    FitResult scalar = EmFitter.builder().kernel(KernelChoice.SCALAR).tolerance(1e-10).build().fit(h, start);
    FitResult vector = EmFitter.builder().kernel(KernelChoice.VECTOR).tolerance(1e-10).build().fit(h, start);
    FitResult again = EmFitter.builder().kernel(KernelChoice.VECTOR).tolerance(1e-10).build().fit(h, start);
    assertEquals(scalar.iterations(), vector.iterations());
    close(scalar.logLikelihood(), vector.logLikelihood(), "fitted log-likelihood");
    for (int j = 0; j < 4; j++) {
      assertEquals(scalar.model().param(j), vector.model().param(j), 1e-9, "fitted bias " + j);
      assertEquals(Double.doubleToRawLongBits(vector.model().param(j)),
          Double.doubleToRawLongBits(again.model().param(j)), "repeat, bias " + j);
      assertEquals(Double.doubleToRawLongBits(vector.model().weight(j)),
          Double.doubleToRawLongBits(again.model().weight(j)), "repeat, weight " + j);
    }
  }
}
