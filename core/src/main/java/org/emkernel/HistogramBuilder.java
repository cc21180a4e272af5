package org.emkernel;

/** The counting loops behind {@link Histogram#of(int[])}: dense int tables, no boxing. */
final class HistogramBuilder {
  private HistogramBuilder() {}

  /**
   * Counts observations[from, to) into a dense table indexed by outcome, grown as larger outcomes appear;
   * returns null when an outcome exceeds {@code limit} (the caller then sorts instead). Int counters are
   * enough: one int[] holds fewer than 2^31 observations.
   */
  static int[] denseCounts(int[] observations, int from, int to, int limit) {
    int[] table = new int[64];
    int i = from;
    while (i < to) {
      // Inner loop over a stretch that fits the current table; leave it only to grow the table.
      int size = table.length;
      for (; i < to; i++) {
        int v = observations[i];
        if (Integer.compareUnsigned(v, size) >= 0) {
          break;
        }
        table[v]++;
      }
      if (i < to) {
        int v = observations[i];
        Histogram.checkObservation(v, i);
        if (v > limit) {
          return null;
        }
        int grown = Math.max(size * 2, Integer.highestOneBit(v) * 2);
        table = java.util.Arrays.copyOf(table, grown);
      }
    }
    // Trim to the largest observed outcome.
    int last = table.length - 1;
    while (last >= 0 && table[last] == 0) {
      last--;
    }
    return java.util.Arrays.copyOf(table, last + 1);
  }
}
