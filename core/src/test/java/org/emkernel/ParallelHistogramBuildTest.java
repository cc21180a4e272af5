package org.emkernel;

import static org.emkernel.internal.engine.HistogramBuilder.MAX_CHUNK;
import static org.emkernel.internal.engine.HistogramBuilder.MIN_CHUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emkernel.internal.engine.HistogramBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Parallel histogram builds, whose threads take chunks in turn, at awkward sizes: every result equals the
 * single-threaded one, and bad input fails as it does on one thread.
 */
class ParallelHistogramBuildTest {
  private static final int[] THREADS = {2, 3, 4, 8};
  /** The chunk sizes of the direct tests, down to one observation. */
  private static final int[] CHUNKS = {1, 3, 64, 1000, 4093};

  /** Draws n outcomes in [0, range). */
  static int[] draws(int n, int range, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] obs = new int[n];
    for (int i = 0; i < n; i++) {
      obs[i] = rnd.nextInt(range);
    }
    return obs;
  }

  /** The single-threaded histogram. */
  static Histogram one(int[] obs) {
    return Histogram.ofParallel(obs, 1);
  }

  static void assertEveryThreadCountMatches(int[] obs) {
    Histogram expected = one(obs);
    assertEquals(obs.length, expected.total());
    for (int threads : THREADS) {
      assertEquals(expected, Histogram.ofParallel(obs, threads), threads + " threads");
    }
  }

  /** Checks the chunked build of obs[from, to) against one thread for every chunk size and thread count. */
  static void assertEveryChunkingMatches(int[] obs, int from, int to, int limit) {
    Histogram expected = Histogram.of(obs, from, to);
    assertEquals(expected, Histogram.fromDense(HistogramBuilder.denseCounts(obs, from, to, limit)));
    for (int chunk : CHUNKS) {
      for (int threads : THREADS) {
        int[] table = HistogramBuilder.parallelDenseCounts(obs, from, to, limit, threads, chunk);
        assertEquals(expected, Histogram.fromDense(table), threads + " threads, chunks of " + chunk);
      }
    }
  }

  static String negativeMessage(int[] obs, int threads) {
    return assertThrows(IllegalArgumentException.class, () -> Histogram.ofParallel(obs, threads)).getMessage();
  }

  @Test
  void sizesThatAreNotAMultipleOfTheChunk() {
    // Chunks of MAX_CHUNK on 2 threads, shorter ones on more: either way the last chunk is short.
    assertEveryThreadCountMatches(draws(32 * MAX_CHUNK + 12_345, 101, 1));
    assertEveryThreadCountMatches(draws(5 * MIN_CHUNK + 3, 101, 2));
    int[] obs = draws(10_007, 300, 3);
    assertEveryChunkingMatches(obs, 0, obs.length, 1 << 16);
    assertEveryChunkingMatches(obs, 13, obs.length - 7, 1 << 16);
  }

  @Test
  void fewerChunksThanThreads() {
    // Four chunks, the last of 5 observations, on 8 threads: 3 take part.
    assertEveryThreadCountMatches(draws(3 * MIN_CHUNK + 5, 101, 4));
    // One short chunk, and none at all.
    assertEveryThreadCountMatches(draws(MIN_CHUNK / 2 + 1, 101, 5));
    assertEveryThreadCountMatches(new int[0]);
    int[] obs = draws(2_500, 50, 6);
    for (int threads : THREADS) {
      for (int chunk : new int[] {1000, 10_000}) {
        int[] table = HistogramBuilder.parallelDenseCounts(obs, 0, obs.length, 1 << 16, threads, chunk);
        assertEquals(Histogram.of(obs), Histogram.fromDense(table), threads + " threads, chunks of " + chunk);
      }
    }
  }

  @Test
  void outcomesGrowingOnlyInALateChunk() {
    // Small outcomes throughout; the last observations grow one thread's tables past the interleaving limit.
    int[] obs = draws(6 * MIN_CHUNK + 99, 16, 7);
    int n = obs.length;
    for (int k = 1; k <= 40; k++) {
      obs[n - 9 * k] = k * 2_500 - 1;
    }
    obs[n - 1] = 100_000;
    assertEveryThreadCountMatches(obs);
    // Chunked directly: growth in the last chunk only, then also in a middle one.
    int[] small = draws(20_011, 16, 8);
    for (int k = 1; k <= 20; k++) {
      small[small.length - 3 * k] = k * 5_000 + 1;
    }
    assertEveryChunkingMatches(small, 0, small.length, 1 << 17);
    small[10_000] = 70_000;
    small[10_001] = 200;
    assertEveryChunkingMatches(small, 0, small.length, 1 << 17);
  }

  @Test
  void aNegativeObservationInALateChunkIsNamedByItsIndex() {
    int[] obs = draws(4 * MAX_CHUNK + 321, 101, 9);
    int n = obs.length;
    obs[n - 3] = -7;
    String expected = "observation -7 at index " + (n - 3) + " is negative";
    assertEquals(expected, negativeMessage(obs, 1));
    for (int threads : THREADS) {
      assertEquals(expected, negativeMessage(obs, threads), threads + " threads");
    }
    // Two negatives: the first is named, whichever thread finds which.
    obs[n / 2 + 1] = -2;
    expected = "observation -2 at index " + (n / 2 + 1) + " is negative";
    assertEquals(expected, negativeMessage(obs, 1));
    for (int threads : THREADS) {
      assertEquals(expected, negativeMessage(obs, threads), threads + " threads");
    }
    // An outcome above the limit before it: the sorting path names it too.
    obs[n / 2 + 1] = 5;
    obs[10] = Integer.MAX_VALUE;
    expected = "observation -7 at index " + (n - 3) + " is negative";
    assertEquals(expected, negativeMessage(obs, 1));
    for (int threads : THREADS) {
      assertEquals(expected, negativeMessage(obs, threads), threads + " threads");
    }
    // One thread stops at an outcome above the limit, short of a negative in its chunk (MIN_CHUNK long
    // here), while another finds a later negative early in the next chunk: the earlier one is named.
    obs[10] = 3;
    obs[MIN_CHUNK - 100] = Integer.MAX_VALUE;
    obs[MIN_CHUNK - 50] = -4;
    obs[MIN_CHUNK + 10] = -5;
    expected = "observation -4 at index " + (MIN_CHUNK - 50) + " is negative";
    assertEquals(expected, negativeMessage(obs, 1));
    for (int threads : THREADS) {
      assertEquals(expected, negativeMessage(obs, threads), threads + " threads");
    }
    int[] small = draws(9_999, 101, 10);
    small[9_990] = -1;
    for (int chunk : CHUNKS) {
      for (int threads : THREADS) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HistogramBuilder.parallelDenseCounts(small, 0, small.length, 1 << 16, threads, chunk));
        assertEquals("observation -1 at index 9990 is negative", e.getMessage());
      }
    }
  }

  @Test
  void anOutcomeAboveTheLimitInOneChunkSortsInstead() {
    int[] obs = draws(3 * MAX_CHUNK + 17, 101, 11);
    obs[2 * MAX_CHUNK + 5] = 1 << 25; // above the dense limit (2^24)
    Histogram expected = one(obs);
    assertEquals(1, expected.countOf(1 << 25));
    assertEquals(obs.length, expected.total());
    assertEveryThreadCountMatches(obs);
    int[] small = draws(9_999, 101, 12);
    small[5_000] = 70_000;
    for (int chunk : CHUNKS) {
      for (int threads : THREADS) {
        assertNull(HistogramBuilder.parallelDenseCounts(small, 0, small.length, 1 << 16, threads, chunk));
      }
    }
  }
}
