package org.emkernel;

import java.util.Arrays;
import org.emkernel.internal.Workers;

/** The counting loops behind {@link Histogram#of(int[])}: dense int tables, no boxing, optionally parallel. */
final class HistogramBuilder {
  /** Tables up to this size are kept in four interleaved copies. */
  private static final int INTERLEAVE_LIMIT = 1 << 16;
  /** Inputs shorter than this are counted on one thread. */
  static final int PARALLEL_THRESHOLD = 1 << 20;

  private HistogramBuilder() {}

  /**
   * Counts observations[from, to) into a dense table indexed by outcome, grown as larger outcomes appear;
   * returns null when an outcome exceeds {@code limit} (the caller then sorts instead). Int counters are
   * enough: one int[] holds fewer than 2^31 observations.
   */
  static int[] denseCounts(int[] observations, int from, int to, int limit) {
    int size = 64;
    // Four tables, one per position mod 4: repeated values no longer wait on each other's stores.
    int[] t0 = new int[size];
    int[] t1 = new int[size];
    int[] t2 = new int[size];
    int[] t3 = new int[size];
    int i = from;
    while (i < to) {
      int mask = -size; // size is a power of two: v & mask == 0 iff 0 <= v < size.
      if (t1 != null) {
        for (; i + 3 < to; i += 4) {
          int v0 = observations[i];
          int v1 = observations[i + 1];
          int v2 = observations[i + 2];
          int v3 = observations[i + 3];
          if (((v0 | v1 | v2 | v3) & mask) != 0) {
            break;
          }
          t0[v0]++;
          t1[v1]++;
          t2[v2]++;
          t3[v3]++;
        }
      } else {
        for (; i < to; i++) {
          int v = observations[i];
          if ((v & mask) != 0) {
            break;
          }
          t0[v]++;
        }
      }
      // One observation at a time until the next that does not fit (or the end).
      for (; i < to; i++) {
        int v = observations[i];
        if ((v & mask) != 0) {
          break;
        }
        t0[v]++;
        if (t1 != null && ((i - from) & 3) == 3) {
          i++;
          break;
        }
      }
      if (i < to && (observations[i] & mask) != 0) {
        int v = observations[i];
        Histogram.checkObservation(v, i);
        if (v > limit) {
          return null;
        }
        size = Integer.highestOneBit(v) << 1;
        t0 = Arrays.copyOf(t0, size);
        if (t1 != null && size <= INTERLEAVE_LIMIT) {
          t1 = Arrays.copyOf(t1, size);
          t2 = Arrays.copyOf(t2, size);
          t3 = Arrays.copyOf(t3, size);
        } else if (t1 != null) {
          fold(t0, t1, t2, t3);
          t1 = null;
          t2 = null;
          t3 = null;
        }
      }
    }
    if (t1 != null) {
      fold(t0, t1, t2, t3);
    }
    return trim(t0);
  }

  private static void fold(int[] into, int[] t1, int[] t2, int[] t3) {
    for (int v = 0; v < t1.length; v++) {
      into[v] += t1[v] + t2[v] + t3[v];
    }
  }

  private static int[] trim(int[] table) {
    int last = table.length - 1;
    while (last >= 0 && table[last] == 0) {
      last--;
    }
    return Arrays.copyOf(table, last + 1);
  }

  /**
   * Counts observations[from, to) on {@code threads} threads, each over a contiguous slice, and adds the
   * slices' tables; null when some outcome exceeds {@code limit}.
   */
  static int[] parallelDenseCounts(int[] observations, int from, int to, int limit, int threads) {
    // Every slice may grow a table up to the limit: keep them together within 2^26 ints (256 MiB).
    int parts = (int) Math.max(1, Math.min(Math.min(threads, (to - (long) from) / (PARALLEL_THRESHOLD / 4)),
        (1 << 26) / Math.max(1, limit)));
    if (parts == 1) {
      return denseCounts(observations, from, to, limit);
    }
    int[][] tables = new int[parts][];
    boolean[] tooLarge = new boolean[1];
    new Workers.Region(w -> {
      int lo = (int) (from + (long) (to - from) * w / parts);
      int hi = (int) (from + (long) (to - from) * (w + 1) / parts);
      tables[w] = denseCounts(observations, lo, hi, limit);
    }, parts).run();
    int length = 0;
    for (int[] t : tables) {
      if (t == null) {
        tooLarge[0] = true;
        break;
      }
      length = Math.max(length, t.length);
    }
    if (tooLarge[0]) {
      return null;
    }
    int[] sum = new int[length];
    for (int[] t : tables) {
      for (int v = 0; v < t.length; v++) {
        sum[v] += t[v];
      }
    }
    return sum;
  }
}
