package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emkernel.internal.Sampling;
import org.junit.jupiter.api.Test;

/**
 * The samplers against their distributions: a chi-square goodness-of-fit over cells with expected count
 * at least 20 (the statistic must stay below df + 6·√(2·df), a false-alarm rate far below 1e-6), on every
 * algorithmic path (inversion, Knuth's beta splitting, the gamma/binomial Poisson splitting, Poisson–gamma).
 */
class SamplingTest {

  /** Asserts that the histogram fits the single-component model by chi-square. */
  static void assertFits(Histogram h, Family f, double theta) {
    double n = h.total();
    double stat = 0;
    int df = -1;
    double expectedCell = 0;
    double observedCell = 0;
    int lo = h.outcome(0);
    int hi = h.outcome(h.size() - 1);
    // Cells: merge consecutive outcomes until the expected count reaches 20; tails join the end cells.
    double below = 0;
    for (int x = 0; x < lo; x++) {
      below += Math.exp(f.logPmf(x, theta));
    }
    expectedCell = n * below;
    double covered = below;
    for (int x = lo; x <= hi; x++) {
      double p = Math.exp(f.logPmf(x, theta));
      covered += p;
      expectedCell += n * p;
      observedCell += h.countOf(x);
      if (expectedCell >= 20 && x < hi) {
        stat += (observedCell - expectedCell) * (observedCell - expectedCell) / expectedCell;
        df++;
        expectedCell = 0;
        observedCell = 0;
      }
    }
    expectedCell += n * Math.max(0, 1 - covered);
    stat += (observedCell - expectedCell) * (observedCell - expectedCell) / expectedCell;
    df++;
    assertTrue(df >= 3, "only " + df + " degrees of freedom");
    double limit = df + 6 * Math.sqrt(2.0 * df);
    assertTrue(stat < limit, f.name() + " θ=" + theta + ": chi-square " + stat + " on " + df + " df exceeds " + limit);
  }

  static void checkDraws(Family f, double theta, int draws, long seed) {
    MixtureModel m = MixtureModel.of(f, new double[] {1}, new double[] {theta});
    assertFits(Histogram.of(m.sample(draws, seed)), f, theta);
    assertFits(m.sampleHistogram(draws, seed + 1), f, theta);
  }

  @Test
  void binomialByInversionSplittingAndSymmetry() {
    checkDraws(Family.binomial(40), 0.2, 200_000, 1);
    checkDraws(Family.binomial(1000), 0.97, 200_000, 3);
    checkDraws(Family.binomial(1_000_000), 0.3, 100_000, 5);
    checkDraws(Family.binomial(2_000_000_000), 1e-8, 200_000, 7);
  }

  @Test
  void poissonSmallAndLarge() {
    checkDraws(Family.poisson(), 0.3, 200_000, 11);
    checkDraws(Family.poisson(), 3.5, 200_000, 13);
    checkDraws(Family.poisson(), 15.9, 200_000, 15);
    checkDraws(Family.poisson(), 1e4, 200_000, 17);
  }

  @Test
  void geometricAndNegativeBinomial() {
    checkDraws(Family.geometric(), 0.05, 200_000, 21);
    checkDraws(Family.geometric(), 0.9, 200_000, 23);
    checkDraws(Family.negativeBinomial(3.7), 0.2, 200_000, 25);
    checkDraws(Family.negativeBinomial(0.5), 0.3, 200_000, 27);
    checkDraws(Family.negativeBinomial(200), 0.5, 200_000, 29);
  }

  /** The per-draw exact samplers directly (sample() uses inversion tables for these parameters). */
  @Test
  void perDrawSamplersOnTheirLargeParameterPaths() {
    SplittableRandom r = new SplittableRandom(33);
    int[] draws = new int[100_000];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (int) Sampling.binomial(1_000_000, 0.3, r);
    }
    assertFits(Histogram.of(draws), Family.binomial(1_000_000), 0.3);
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (int) Sampling.binomial(5000, 0.9, r);
    }
    assertFits(Histogram.of(draws), Family.binomial(5000), 0.9);
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (int) Sampling.poisson(1e4, r);
    }
    assertFits(Histogram.of(draws), Family.poisson(), 1e4);
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (int) Sampling.negativeBinomial(3.7, 0.05, r);
    }
    assertFits(Histogram.of(draws), Family.negativeBinomial(3.7), 0.05);
    for (int i = 0; i < draws.length; i++) {
      draws[i] = (int) Sampling.geometric(0.01, r);
    }
    assertFits(Histogram.of(draws), Family.geometric(), 0.01);
  }

  @Test
  void gammaMoments() {
    SplittableRandom r = new SplittableRandom(31);
    for (double shape : new double[] {0.3, 1, 2.5, 40}) {
      int n = 400_000;
      double sum = 0;
      double sum2 = 0;
      for (int i = 0; i < n; i++) {
        double g = Sampling.gamma(shape, r);
        sum += g;
        sum2 += g * g;
      }
      double mean = sum / n;
      double var = sum2 / n - mean * mean;
      // Mean shape, variance shape; standard error of the mean √(shape/n).
      assertEquals(shape, mean, 6 * Math.sqrt(shape / n), "gamma mean, shape " + shape);
      assertEquals(shape, var, 0.03 * shape + 6 * Math.sqrt(shape / n), "gamma variance, shape " + shape);
    }
  }

  @Test
  void hundredMillionObservationsAsAHistogram() {
    MixtureModel m = MixtureModel.of(Family.poisson(), new double[] {0.25, 0.75}, new double[] {4, 900});
    Histogram h = m.sampleHistogram(100_000_000L, 41);
    assertEquals(100_000_000L, h.total());
    double low = 0;
    for (int b = 0; b < h.size() && h.outcome(b) < 100; b++) {
      low += h.count(b);
    }
    // Component counts are binomial(1e8, 0.25): SE 4330.
    assertEquals(25_000_000, low, 30_000);
  }

  @Test
  void aSupportWiderThanTheTableIsDrawnInBlocksForAnyN() {
    // Supports of about 7 and 14 million outcomes (past the 2^22 of one table): before, these were drawn one
    // observation at a time, so n = 10^12 would not have finished.
    for (long n : new long[] {1_000_000L, 1_000_000_000_000L}) {
      Family g = Family.geometric();
      Histogram h = MixtureModel.of(g, new double[] {1}, new double[] {1e-4}).sampleHistogram(n, 5);
      assertEquals(n, h.total());
      assertFits(h, g, 1e-4);
      Family nb = Family.negativeBinomial(2.5);
      Histogram hn = MixtureModel.of(nb, new double[] {1}, new double[] {5e-5}).sampleHistogram(n, 6);
      assertEquals(n, hn.total());
      assertFits(hn, nb, 5e-5);
    }
    MixtureModel two = MixtureModel.of(Family.geometric(), new double[] {0.5, 0.5}, new double[] {1e-4, 0.5});
    assertEquals(two.sampleHistogram(1_000_000_000L, 8), two.sampleHistogram(1_000_000_000L, 8));
  }

  @Test
  void varyingTrialsSuccesses() {
    MixtureModel m = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {1}, new double[] {0.35});
    int[] trials = new int[300_000];
    java.util.Arrays.fill(trials, 25);
    int[] s = m.sampleSuccesses(trials, 43);
    assertFits(Histogram.of(s), Family.binomial(25), 0.35);
    int[] zero = m.sampleSuccesses(new int[] {0, 0, 0}, 1);
    assertArrayEquals(new int[] {0, 0, 0}, zero);
  }

  @Test
  void sameSeedSameDraws() {
    MixtureModel m = MixtureModel.of(Family.negativeBinomial(2), new double[] {0.4, 0.6}, new double[] {0.3, 0.8});
    assertArrayEquals(m.sample(10_000, 99), m.sample(10_000, 99));
    assertEquals(m.sampleHistogram(1_000_000, 99), m.sampleHistogram(1_000_000, 99));
    assertTrue(!java.util.Arrays.equals(m.sample(10_000, 99), m.sample(10_000, 100)));
  }
}
