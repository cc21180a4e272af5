package org.emkernel;

import static org.emkernel.internal.engine.HistogramBuilder.FAST_RUN;
import static org.emkernel.internal.engine.HistogramBuilder.FIRST_RUN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emkernel.internal.engine.HistogramBuilder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting loop's fast path (four tables of its own, no test but the array bounds; it counts a whole
 * run or, when an observation falls outside the tables, nothing) against a plain count, with outcomes
 * outside the tables placed where the fast path runs: just past the checked first run, on run boundaries,
 * late in long inputs.
 */
class HistogramFastPathTest {
  private static final int[] THREADS = {1, 2, 3};

  /** The histogram of obs counted one by one into a sorted map: no dense tables, no chunks. */
  static Histogram direct(int[] obs) {
    TreeMap<Integer, Long> counts = new TreeMap<>();
    for (int v : obs) {
      counts.merge(v, 1L, Long::sum);
    }
    int[] outcomes = new int[counts.size()];
    long[] c = new long[counts.size()];
    int b = 0;
    for (var e : counts.entrySet()) {
      outcomes[b] = e.getKey();
      c[b++] = e.getValue();
    }
    return Histogram.ofCounts(outcomes, c);
  }

  static int[] draws(int n, int range, long seed) {
    return ParallelHistogramBuildTest.draws(n, range, seed);
  }

  static void assertEveryBuildMatchesTheDirectCount(int[] obs) {
    Histogram expected = direct(obs);
    assertEquals(expected, Histogram.of(obs), "Histogram.of");
    for (int threads : THREADS) {
      assertEquals(expected, Histogram.ofParallel(obs, threads), threads + " threads");
    }
  }

  @Test
  void theFastLoopCountsAWholeRunOrNothing() {
    // Both arms: interleaved tables (up to INTERLEAVED_FAST outcomes) and one table.
    for (int size : new int[] {HistogramBuilder.INTERLEAVED_FAST, 2 * HistogramBuilder.INTERLEAVED_FAST}) {
      theFastLoopCountsAWholeRunOrNothing(size);
    }
  }

  @Test
  void theFastLoopCountsRunsOfEveryLengthAroundItsCalls() {
    // The interleaved arm counts 256 observations a call: runs shorter than one call, of whole calls, and of
    // whole calls with each possible tail of the four-way loop.
    int[] obs = draws(2_000, HistogramBuilder.INTERLEAVED_FAST, 2);
    for (int length : new int[] {1, 3, 4, 5, 255, 256, 257, 511, 512, 513, 514, 515, 768, 1_027}) {
      for (int from : new int[] {0, 1, 7}) {
        int[] into = new int[HistogramBuilder.INTERLEAVED_FAST];
        HistogramBuilder.countFast(obs, from, from + length, into);
        int[] expected = new int[into.length];
        for (int i = from; i < from + length; i++) {
          expected[obs[i]]++;
        }
        assertArrayEquals(expected, into, length + " from " + from);
      }
    }
  }

  private static void theFastLoopCountsAWholeRunOrNothing(int size) {
    int[] obs = draws(10_003, size, 1);
    int[] into = new int[size];
    Arrays.fill(into, 7);
    HistogramBuilder.countFast(obs, 3, obs.length, into);
    int[] expected = new int[size];
    Arrays.fill(expected, 7);
    for (int i = 3; i < obs.length; i++) {
      expected[obs[i]]++;
    }
    assertArrayEquals(expected, into);
    // A run whose length is not a multiple of four: the last three go through the loop's tail.
    HistogramBuilder.countFast(obs, 3, obs.length - 1, into);
    for (int i = 3; i < obs.length - 1; i++) {
      expected[obs[i]]++;
    }
    assertArrayEquals(expected, into);
    // One observation past the tables, or below them, anywhere in the run: the tables are left as they were.
    for (int bad : new int[] {size, 1 << 20, -1}) {
      for (int at : new int[] {3, 5_000, obs.length - 1}) {
        int[] spoilt = obs.clone();
        spoilt[at] = bad;
        int[] before = into.clone();
        assertThrows(ArrayIndexOutOfBoundsException.class,
            () -> HistogramBuilder.countFast(spoilt, 3, spoilt.length, into));
        assertArrayEquals(before, into, bad + " at " + at);
      }
      // The last of a run of 9999, in the loop's tail.
      int[] spoilt = obs.clone();
      spoilt[obs.length - 2] = bad;
      int[] before = into.clone();
      assertThrows(ArrayIndexOutOfBoundsException.class,
          () -> HistogramBuilder.countFast(spoilt, 3, spoilt.length - 1, into));
      assertArrayEquals(before, into, bad + " in the tail");
    }
  }

  @Test
  void outcomesPastTheTablesWhereTheFastLoopRuns() {
    int n = FIRST_RUN + 3 * FAST_RUN + 4_321;
    int[] obs = draws(n, 40, 2);
    // The first fast run meets 1000 at its first observation and the third 5000 at its last: both are counted
    // again with checks (growing the tables); the second is counted by the fast loop; the last 4321, too few
    // for tables of 8192, are counted with checks.
    obs[FIRST_RUN] = 1_000;
    obs[FIRST_RUN + 3 * FAST_RUN - 1] = 5_000;
    obs[n - 2] = 9_999;
    HistogramBuilder.Counts counts = new HistogramBuilder.Counts(1 << 24);
    assertEquals(n, counts.add(obs, 0, n));
    assertEquals(1, counts.fastRuns());
    assertEquals(direct(obs), Histogram.fromDense(counts.table()));
    assertEveryBuildMatchesTheDirectCount(obs);
    // Without the outcomes past the tables, every full run is counted by the fast loop.
    int[] plain = draws(n, 40, 2);
    HistogramBuilder.Counts fast = new HistogramBuilder.Counts(1 << 24);
    assertEquals(n, fast.add(plain, 0, n));
    assertEquals(4, fast.fastRuns());
    assertEquals(direct(plain), Histogram.fromDense(fast.table()));
    // Growing past the interleaving limit (one table from there on) midway.
    obs[FIRST_RUN + FAST_RUN + FAST_RUN / 2] = 70_000;
    assertEveryBuildMatchesTheDirectCount(obs);
    // Above the dense limit late on: the build sorts instead.
    obs[n - 100] = Integer.MAX_VALUE;
    assertEveryBuildMatchesTheDirectCount(obs);
  }

  @Test
  void aNegativeObservationInAFastRunIsNamed() {
    int n = FIRST_RUN + 2 * FAST_RUN;
    int[] obs = draws(n, 101, 3);
    obs[FIRST_RUN + 10] = 500; // tables grow in the first fast run, so that run is counted again with checks
    obs[FIRST_RUN + FAST_RUN + 77] = -3;
    for (int threads : THREADS) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Histogram.ofParallel(obs, threads));
      assertEquals("observation -3 at index " + (FIRST_RUN + FAST_RUN + 77) + " is negative", e.getMessage());
    }
    assertEquals("observation -3 at index " + (FIRST_RUN + FAST_RUN + 77) + " is negative",
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(obs)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6, 7, 8, 9})
  void randomOutcomesWithRandomSpikes(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = FIRST_RUN + rnd.nextInt(3 * FAST_RUN);
    int[] ranges = {1, 2, 50, 1_000};
    int[] obs = draws(n, ranges[rnd.nextInt(ranges.length)], seed);
    int spikes = rnd.nextInt(12);
    for (int s = 0; s < spikes; s++) {
      obs[rnd.nextInt(n)] = rnd.nextInt(300_000);
    }
    assertEveryBuildMatchesTheDirectCount(obs);
  }
}
