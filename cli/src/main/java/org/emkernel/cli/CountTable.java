package org.emkernel.cli;

import java.util.Arrays;

/**
 * Outcome counts while reading: a dense long table indexed by outcome, grown as larger outcomes appear, with
 * a hash map for outcomes beyond {@link #DENSE_LIMIT} (so one huge outcome does not allocate gigabytes).
 */
final class CountTable {
  /** Largest outcome counted densely. */
  static final int DENSE_LIMIT = 1 << 22;
  private long[] dense = new long[64];
  private LongCountMap sparse;

  /** Counts one observation of outcome (&gt;= 0). */
  void increment(int outcome) {
    if (outcome < dense.length) {
      dense[outcome]++;
    } else {
      addSlow(outcome, 1);
    }
  }

  /** Adds count (&gt;= 0) observations of outcome (&gt;= 0); returns false when the total overflows a long. */
  boolean add(int outcome, long count) {
    if (outcome < dense.length) {
      long sum = dense[outcome] + count;
      if (sum < 0) {
        return false;
      }
      dense[outcome] = sum;
      return true;
    }
    return addSlow(outcome, count);
  }

  private boolean addSlow(int outcome, long count) {
    if (outcome <= DENSE_LIMIT) {
      dense = Arrays.copyOf(dense, Math.min(DENSE_LIMIT + 1, Math.max(dense.length * 2, Integer.highestOneBit(outcome) * 2)));
      return add(outcome, count);
    }
    if (sparse == null) {
      sparse = new LongCountMap();
    }
    return sparse.add(outcome, count) >= 0;
  }

  /** The distinct outcomes with a positive count, ascending. */
  int[] outcomes() {
    int n = 0;
    for (long c : dense) {
      if (c != 0) {
        n++;
      }
    }
    long[] big = sparse == null ? new long[0] : sparse.sortedKeys();
    int[] out = new int[n + big.length];
    int b = 0;
    for (int v = 0; v < dense.length; v++) {
      if (dense[v] != 0) {
        out[b++] = v;
      }
    }
    for (long v : big) {
      if (sparse.get(v) != 0) {
        out[b++] = (int) v;
      }
    }
    return Arrays.copyOf(out, b);
  }

  /** The count of an outcome. */
  long count(int outcome) {
    if (outcome < dense.length) {
      return dense[outcome];
    }
    return sparse == null ? 0 : sparse.get(outcome);
  }
}
