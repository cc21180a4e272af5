package org.emkernel;

import org.emkernel.internal.engine.EmData;
import java.util.Arrays;
import org.emkernel.internal.Indices;

/**
 * An immutable histogram of binomial observations with varying numbers of trials: distinct
 * (trials, successes) pairs in ascending order of trials then successes, each with a positive 64-bit count.
 * The data of {@link Family#binomialVaryingTrials()}.
 */
public final class TrialsHistogram {
  private final int[] trials;
  private final int[] successes;
  private final long[] counts;
  private final long total;
  // Kernel views as doubles: x = successes, z = trials, c = counts.
  final double[] x;
  final double[] z;
  final double[] c;

  private TrialsHistogram(int[] trials, int[] successes, long[] counts) {
    this.trials = trials;
    this.successes = successes;
    this.counts = counts;
    long sum = 0;
    for (long count : counts) {
      sum += count;
      if (sum < 0) {
        throw new IllegalArgumentException("total count exceeds " + Long.MAX_VALUE);
      }
    }
    this.total = sum;
    int bins = counts.length;
    this.x = new double[EmData.padded(bins)];
    this.z = new double[x.length];
    this.c = new double[x.length];
    for (int b = 0; b < bins; b++) {
      x[b] = successes[b];
      z[b] = trials[b];
      c[b] = counts[b];
    }
    EmData.pad(x, bins);
    EmData.pad(z, bins);
  }

  /**
   * Builds the histogram of observations i = successes[i] successes in trials[i] trials.
   *
   * @param trials the number of trials of each observation
   * @param successes the number of successes of each observation
   * @return their histogram
   */
  public static TrialsHistogram of(int[] trials, int[] successes) {
    if (trials == null || successes == null) {
      throw new IllegalArgumentException(trials == null ? "trials is null" : "successes is null");
    }
    long[] ones = new long[trials.length];
    Arrays.fill(ones, 1);
    return ofCounts(trials, successes, ones);
  }

  /**
   * Builds the histogram from (trials, successes, count) triples in any order; repeats are added, zero counts dropped.
   *
   * @param trials the number of trials of each triple
   * @param successes the number of successes of each triple
   * @param counts the count of each triple
   * @return the histogram
   */
  public static TrialsHistogram ofCounts(int[] trials, int[] successes, long[] counts) {
    if (trials == null || successes == null || counts == null) {
      throw new IllegalArgumentException(
          (trials == null ? "trials" : successes == null ? "successes" : "counts") + " is null");
    }
    if (trials.length != successes.length || trials.length != counts.length) {
      throw new IllegalArgumentException("trials has length " + trials.length + ", successes has length "
          + successes.length + " and counts has length " + counts.length + "; they must be equal");
    }
    int n = trials.length;
    for (int i = 0; i < n; i++) {
      check(trials[i], successes[i], counts[i], i);
    }
    // Sort indices by the packed key (trials, successes): primitive, and repeats become adjacent.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) trials[i] << 32) | successes[i];
    }
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sortByKey(keys, order);
    int[] tr = new int[n];
    int[] su = new int[n];
    long[] cn = new long[n];
    int b = -1;
    for (int i = 0; i < n; i++) {
      long count = counts[(int) order[i]];
      if (count == 0) {
        continue;
      }
      int t = (int) (keys[i] >>> 32);
      int s = (int) keys[i];
      if (b >= 0 && tr[b] == t && su[b] == s) {
        cn[b] = add(cn[b], count, t, s);
      } else {
        b++;
        tr[b] = t;
        su[b] = s;
        cn[b] = count;
      }
    }
    return new TrialsHistogram(Arrays.copyOf(tr, b + 1), Arrays.copyOf(su, b + 1), Arrays.copyOf(cn, b + 1));
  }

  private static void check(int trials, int successes, long count, int index) {
    if (trials < 0) {
      throw new IllegalArgumentException("trials " + trials + " at index " + index + " is negative");
    }
    if (successes < 0) {
      throw new IllegalArgumentException("successes " + successes + " at index " + index + " is negative");
    }
    if (successes > trials) {
      throw new IllegalArgumentException(
          "successes " + successes + " at index " + index + " exceed trials " + trials);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count " + count + " at index " + index + " is negative");
    }
  }

  /** Sorts keys ascending, permuting the companion array alongside. */
  private static void sortByKey(long[] keys, long[] companion) {
    int n = keys.length;
    if (n < 2) {
      return;
    }
    // The key already uses 62 bits, so the index cannot be packed alongside: a stable bottom-up merge sort.
    long[] tmpK = new long[n];
    long[] tmpC = new long[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          if (keys[j] < keys[i]) {
            tmpK[o] = keys[j];
            tmpC[o++] = companion[j++];
          } else {
            tmpK[o] = keys[i];
            tmpC[o++] = companion[i++];
          }
        }
        while (i < mid) {
          tmpK[o] = keys[i];
          tmpC[o++] = companion[i++];
        }
        while (j < hi) {
          tmpK[o] = keys[j];
          tmpC[o++] = companion[j++];
        }
      }
      System.arraycopy(tmpK, 0, keys, 0, n);
      System.arraycopy(tmpC, 0, companion, 0, n);
    }
  }

  private static long add(long a, long b, int trials, int successes) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      throw new IllegalArgumentException("count of (trials " + trials + ", successes " + successes
          + ") overflows a 64-bit count");
    }
    return sum;
  }

  /**
   * Returns the histogram of both histograms' observations together.
   *
   * @param other the other histogram
   * @return the histogram of both
   */
  public TrialsHistogram merge(TrialsHistogram other) {
    if (other == null) {
      throw new IllegalArgumentException("other histogram is null");
    }
    int n = size() + other.size();
    int[] tr = new int[n];
    int[] su = new int[n];
    long[] cn = new long[n];
    System.arraycopy(trials, 0, tr, 0, size());
    System.arraycopy(other.trials, 0, tr, size(), other.size());
    System.arraycopy(successes, 0, su, 0, size());
    System.arraycopy(other.successes, 0, su, size(), other.size());
    System.arraycopy(counts, 0, cn, 0, size());
    System.arraycopy(other.counts, 0, cn, size(), other.size());
    return ofCounts(tr, su, cn);
  }

  /** {@return number of distinct (trials, successes) pairs (bins)} */
  public int size() {
    return counts.length;
  }

  /** {@return whether the histogram holds no observation} */
  public boolean isEmpty() {
    return counts.length == 0;
  }

  /** {@return total number of observations (the sum of the counts)} */
  public long total() {
    return total;
  }

  /**
   * {@return the number of trials of bin b}
   *
   * @param bin the bin, from 0
   */
  public int trials(int bin) {
    return trials[Indices.check(bin, trials.length, "bin")];
  }

  /**
   * {@return the number of successes of bin b}
   *
   * @param bin the bin, from 0
   */
  public int successes(int bin) {
    return successes[Indices.check(bin, successes.length, "bin")];
  }

  /**
   * {@return the count of bin b}
   *
   * @param bin the bin, from 0
   */
  public long count(int bin) {
    return counts[Indices.check(bin, counts.length, "bin")];
  }

  /** {@return a copy of the trials of every bin} */
  public int[] trials() {
    return trials.clone();
  }

  /** {@return a copy of the successes of every bin} */
  public int[] successes() {
    return successes.clone();
  }

  /** {@return a copy of the counts of every bin} */
  public long[] counts() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrialsHistogram)) {
      return false;
    }
    TrialsHistogram h = (TrialsHistogram) o;
    return Arrays.equals(trials, h.trials) && Arrays.equals(successes, h.successes) && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(trials) * 31 + Arrays.hashCode(successes)) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TrialsHistogram{total=").append(total).append(", bins=").append(size());
    for (int b = 0; b < Math.min(size(), 16); b++) {
      sb.append(b == 0 ? ", " : " ").append(successes[b]).append('/').append(trials[b]).append(':').append(counts[b]);
    }
    return sb.append(size() > 16 ? " …}" : "}").toString();
  }
}
