package org.emkernel.cli;

import java.util.Arrays;

/** An open-addressing map from long keys to long counts, without boxing; keys are never {@link #FREE}. */
final class LongCountMap {
  static final long FREE = Long.MIN_VALUE;
  private long[] keys;
  private long[] values;
  private int size;
  private int mask;

  LongCountMap() {
    keys = new long[64];
    values = new long[64];
    Arrays.fill(keys, FREE);
    mask = 63;
  }

  /** Adds delta to the count of key; returns the new count, or -1 when it overflows a long. */
  long add(long key, long delta) {
    assert key != FREE;
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        long sum = values[i] + delta;
        if (sum < 0) {
          return -1;
        }
        values[i] = sum;
        return sum;
      }
      if (k == FREE) {
        keys[i] = key;
        values[i] = delta;
        if (++size * 2 > keys.length) {
          grow();
        }
        return delta;
      }
      i = (i + 1) & mask;
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[keys.length];
    Arrays.fill(keys, FREE);
    mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != FREE) {
        int i = slot(oldKeys[j]);
        while (keys[i] != FREE) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  /** Number of distinct keys. */
  int size() {
    return size;
  }

  /** The keys, ascending. */
  long[] sortedKeys() {
    long[] out = new long[size];
    int n = 0;
    for (long k : keys) {
      if (k != FREE) {
        out[n++] = k;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** The count of key, 0 when absent. */
  long get(long key) {
    int i = slot(key);
    while (keys[i] != FREE) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return 0;
  }
}
