package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Histograms: one-pass build, (outcome, count) pairs, merging, and totals beyond 2^31. */
class HistogramTest {

  static TreeMap<Integer, Long> direct(int[] obs) {
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (int v : obs) {
      m.merge(v, 1L, Long::sum);
    }
    return m;
  }

  static void assertMatches(TreeMap<Integer, Long> expected, Histogram h) {
    assertEquals(expected.size(), h.size());
    int b = 0;
    long total = 0;
    for (var e : expected.entrySet()) {
      assertEquals(e.getKey(), h.outcome(b));
      assertEquals(e.getValue(), h.count(b));
      total += e.getValue();
      b++;
    }
    assertEquals(total, h.total());
  }

  @Property(tries = 200, seed = "20261125")
  void buildMatchesDirectCount(@ForAll @Size(max = 2000) int[] raw, @ForAll @IntRange(min = 1, max = 100_000_000) int range) {
    int[] obs = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      obs[i] = Math.floorMod(raw[i], range);
    }
    assertMatches(direct(obs), Histogram.of(obs));
  }

  @Test
  void hugeOutcomesTakeTheSortingPath() {
    int[] obs = {Integer.MAX_VALUE, 5, Integer.MAX_VALUE, 0, 1 << 30, 5};
    Histogram h = Histogram.of(obs);
    assertArrayEquals(new int[] {0, 5, 1 << 30, Integer.MAX_VALUE}, h.outcomes());
    assertArrayEquals(new long[] {1, 2, 1, 2}, h.counts());
  }

  @Test
  void subrangeAndPairs() {
    int[] obs = {9, 1, 2, 2, 3, 9};
    assertEquals(Histogram.ofCounts(new int[] {2, 1, 3}, new long[] {2, 1, 1}), Histogram.of(obs, 1, 5));
    Histogram pairs = Histogram.ofCounts(new int[] {5, 3, 5, 8, 3}, new long[] {1, 2, 3, 0, 4});
    assertArrayEquals(new int[] {3, 5}, pairs.outcomes());
    assertArrayEquals(new long[] {6, 4}, pairs.counts());
    assertEquals(6, pairs.countOf(3));
    assertEquals(0, pairs.countOf(8));
  }

  @Property(tries = 100, seed = "20261126")
  void mergeEqualsHistogramOfConcatenation(@ForAll @Size(max = 500) int[] left, @ForAll @Size(max = 500) int[] right) {
    int[] l = new int[left.length];
    int[] r = new int[right.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.floorMod(left[i], 300);
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.floorMod(right[i], 300);
    }
    int[] both = new int[l.length + r.length];
    System.arraycopy(l, 0, both, 0, l.length);
    System.arraycopy(r, 0, both, l.length, r.length);
    assertEquals(Histogram.of(both), Histogram.of(l).merge(Histogram.of(r)));
    assertEquals(Histogram.of(both), Histogram.of(r).merge(Histogram.of(l)));
  }

  @Test
  void totalsBeyondTwoToThe31() {
    // Partial histograms combine into totals no int could hold; the fit sees every observation.
    Histogram part = Histogram.ofCounts(new int[] {2, 7}, new long[] {3_000_000_000L, 1_000_000_000L});
    Histogram all = part;
    for (int i = 0; i < 3; i++) {
      all = all.merge(part);
    }
    assertEquals(16_000_000_000L, all.total());
    assertEquals(12_000_000_000L, all.countOf(2));
    MixtureModel m = MixtureModel.of(Family.binomial(10), new double[] {0.5, 0.5}, new double[] {0.1, 0.9});
    Expectations e = EmFitter.create().expectations(all, m);
    double[] n = e.expectedCounts();
    assertEquals(16e9, n[0] + n[1], 16e9 * 1e-12);
    // EM depends on the counts only through their proportions: the fit equals that of 12 and 4 observations.
    FitResult fit = EmFitter.create().fit(all, m);
    FitResult small = EmFitter.create().fit(Histogram.ofCounts(new int[] {2, 7}, new long[] {12, 4}), m);
    assertArrayEquals(small.model().params(), fit.model().params(), 1e-9);
    assertArrayEquals(small.model().weights(), fit.model().weights(), 1e-9);
    assertEquals(small.logLikelihood() * 1e9, fit.logLikelihood(), 1e-9 * Math.abs(fit.logLikelihood()));
    IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
        () -> Histogram.ofCounts(new int[] {1, 1}, new long[] {Long.MAX_VALUE, 1}));
    assertTrue(overflow.getMessage().contains("outcome 1"));
  }

  @Test
  void largeRandomBuild() {
    SplittableRandom rnd = new SplittableRandom(7);
    int[] obs = new int[2_000_000];
    long[] expected = new long[1001];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = rnd.nextInt(1001);
      expected[obs[i]]++;
    }
    Histogram h = Histogram.of(obs);
    assertEquals(1001, h.size());
    for (int b = 0; b < 1001; b++) {
      assertEquals(b, h.outcome(b));
      assertEquals(expected[b], h.count(b));
    }
  }
}
