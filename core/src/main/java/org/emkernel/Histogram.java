package org.emkernel;

import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.HistogramBuilder;
import java.util.Arrays;
import org.emkernel.internal.Indices;
import org.emkernel.internal.Workers;

/**
 * An immutable outcome-count histogram: distinct non-negative outcomes in ascending order, each with a
 * positive 64-bit count. Observations are never stored one object each.
 */
public final class Histogram {
  private static final int[] NO_OUTCOMES = new int[0];
  private static final long[] NO_COUNTS = new long[0];
  /** Largest outcome counted in a dense table before the build switches to sorting. */
  private static final int DENSE_LIMIT = 1 << 24;

  private final int[] outcomes;
  private final long[] counts;
  private final long total;
  // Kernel views of the same data, as doubles (exact: counts below 2^53), padded to whole vectors (EmData.PAD).
  final double[] x;
  final double[] c;

  private Histogram(int[] outcomes, long[] counts) {
    this.outcomes = outcomes;
    this.counts = counts;
    long sum = 0;
    for (long count : counts) {
      sum += count;
      if (sum < 0) {
        throw new IllegalArgumentException("total count exceeds " + Long.MAX_VALUE);
      }
    }
    this.total = sum;
    this.x = new double[EmData.padded(outcomes.length)];
    this.c = new double[x.length];
    for (int b = 0; b < outcomes.length; b++) {
      x[b] = outcomes[b];
      c[b] = counts[b];
    }
    EmData.pad(x, outcomes.length);
  }

  /**
   * Builds the histogram of all observations in one pass; each must be &gt;= 0.
   *
   * @param observations the observations
   * @return their histogram
   */
  public static Histogram of(int[] observations) {
    if (observations == null) {
      throw new IllegalArgumentException("observations is null");
    }
    return of(observations, 0, observations.length);
  }

  /**
   * Builds the histogram of {@code observations[from, to)} in one pass; each must be &gt;= 0.
   *
   * @param observations the observations
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the histogram of the range
   */
  public static Histogram of(int[] observations, int from, int to) {
    if (observations == null) {
      throw new IllegalArgumentException("observations is null");
    }
    if (from < 0 || from > to || to > observations.length) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") is outside observations of length " + observations.length);
    }
    int threads = to - from >= HistogramBuilder.PARALLEL_THRESHOLD ? Workers.defaultThreads() : 1;
    return build(observations, from, to, threads);
  }

  /**
   * Builds the histogram of all observations on up to {@code threads} threads (they count chunks in turn,
   * each into its own tables; the tables are added), so the result is the same for any thread count.
   *
   * @param observations the observations
   * @param threads the number of threads, at least 1
   * @return their histogram
   */
  public static Histogram ofParallel(int[] observations, int threads) {
    if (observations == null) {
      throw new IllegalArgumentException("observations is null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be >= 1");
    }
    return build(observations, 0, observations.length, threads);
  }

  private static Histogram build(int[] observations, int from, int to, int threads) {
    // A dense table pays while it is not much larger than the input: sparse, huge outcomes are sorted.
    int limit = (int) Math.min(DENSE_LIMIT, Math.max(1 << 16, 8L * (to - from)));
    int[] table = threads > 1
        ? HistogramBuilder.parallelDenseCounts(observations, from, to, limit, threads)
        : HistogramBuilder.denseCounts(observations, from, to, limit);
    if (table == null) {
      return ofSorted(observations, from, to);
    }
    return fromDense(table);
  }

  static Histogram fromDense(int[] table) {
    int bins = 0;
    for (int count : table) {
      if (count != 0) {
        bins++;
      }
    }
    int[] outs = new int[bins];
    long[] cnts = new long[bins];
    int b = 0;
    for (int v = 0; v < table.length; v++) {
      if (table[v] != 0) {
        outs[b] = v;
        cnts[b++] = Integer.toUnsignedLong(table[v]);
      }
    }
    return new Histogram(outs, cnts);
  }

  private static Histogram ofSorted(int[] observations, int from, int to) {
    int[] sorted = Arrays.copyOfRange(observations, from, to);
    Arrays.sort(sorted);
    if (sorted.length > 0 && sorted[0] < 0) {
      for (int i = from; i < to; i++) {
        checkObservation(observations[i], i);
      }
    }
    int bins = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        bins++;
      }
    }
    int[] outs = new int[bins];
    long[] cnts = new long[bins];
    int b = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        outs[++b] = sorted[i];
      }
      cnts[b]++;
    }
    return new Histogram(outs, cnts);
  }

  static void checkObservation(int value, long index) {
    HistogramBuilder.checkObservation(value, index);
  }

  /**
   * Builds a histogram from (outcome, count) pairs in any order; repeated outcomes are added up and
   * zero counts dropped. Outcomes must be &gt;= 0 and counts &gt;= 0.
   *
   * @param outcomes the outcomes, each at least 0
   * @param counts the count of each outcome, each at least 0
   * @return the histogram
   */
  public static Histogram ofCounts(int[] outcomes, long[] counts) {
    if (outcomes == null || counts == null) {
      throw new IllegalArgumentException(outcomes == null ? "outcomes is null" : "counts is null");
    }
    if (outcomes.length != counts.length) {
      throw new IllegalArgumentException("outcomes has length " + outcomes.length
          + " but counts has length " + counts.length);
    }
    int n = outcomes.length;
    for (int i = 0; i < n; i++) {
      if (outcomes[i] < 0) {
        throw new IllegalArgumentException("outcome " + outcomes[i] + " at index " + i + " is negative");
      }
      if (counts[i] < 0) {
        throw new IllegalArgumentException("count " + counts[i] + " at index " + i + " is negative");
      }
    }
    // Sort (outcome, index) pairs packed into longs: primitive, stable for equal outcomes.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) outcomes[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] outs = new int[n];
    long[] cnts = new long[n];
    int b = -1;
    for (int i = 0; i < n; i++) {
      int index = (int) keys[i];
      long count = counts[index];
      if (count == 0) {
        continue;
      }
      int outcome = (int) (keys[i] >>> 32);
      if (b >= 0 && outs[b] == outcome) {
        cnts[b] = addCounts(cnts[b], count, outcome);
      } else {
        outs[++b] = outcome;
        cnts[b] = count;
      }
    }
    return new Histogram(Arrays.copyOf(outs, b + 1), Arrays.copyOf(cnts, b + 1));
  }

  private static long addCounts(long a, long b, int outcome) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      throw new IllegalArgumentException("count of outcome " + outcome + " overflows a 64-bit count");
    }
    return sum;
  }

  /** {@return the histogram with no observations} */
  public static Histogram empty() {
    return new Histogram(NO_OUTCOMES, NO_COUNTS);
  }

  /**
   * Returns the histogram of both histograms' observations together.
   *
   * @param other the other histogram
   * @return the histogram of both
   */
  public Histogram merge(Histogram other) {
    if (other == null) {
      throw new IllegalArgumentException("other histogram is null");
    }
    int[] outs = new int[outcomes.length + other.outcomes.length];
    long[] cnts = new long[outs.length];
    int i = 0;
    int j = 0;
    int b = 0;
    while (i < outcomes.length || j < other.outcomes.length) {
      if (j == other.outcomes.length || (i < outcomes.length && outcomes[i] < other.outcomes[j])) {
        outs[b] = outcomes[i];
        cnts[b++] = counts[i++];
      } else if (i == outcomes.length || other.outcomes[j] < outcomes[i]) {
        outs[b] = other.outcomes[j];
        cnts[b++] = other.counts[j++];
      } else {
        outs[b] = outcomes[i];
        cnts[b++] = addCounts(counts[i++], other.counts[j++], outs[b - 1]);
      }
    }
    return new Histogram(Arrays.copyOf(outs, b), Arrays.copyOf(cnts, b));
  }

  /** {@return number of distinct outcomes (bins)} */
  public int size() {
    return outcomes.length;
  }

  /** {@return whether the histogram holds no observation} */
  public boolean isEmpty() {
    return outcomes.length == 0;
  }

  /**
   * {@return the outcome of bin b (ascending in b)}
   *
   * @param bin the bin, from 0
   */
  public int outcome(int bin) {
    return outcomes[Indices.check(bin, outcomes.length, "bin")];
  }

  /**
   * {@return the count of bin b}
   *
   * @param bin the bin, from 0
   */
  public long count(int bin) {
    return counts[Indices.check(bin, counts.length, "bin")];
  }

  /** {@return a copy of the distinct outcomes, ascending} */
  public int[] outcomes() {
    return outcomes.clone();
  }

  /** {@return a copy of the counts, aligned with {@link #outcomes()}} */
  public long[] counts() {
    return counts.clone();
  }

  /** {@return total number of observations (the sum of the counts)} */
  public long total() {
    return total;
  }

  /**
   * {@return the count of the given outcome, 0 when absent}
   *
   * @param outcome the outcome
   */
  public long countOf(int outcome) {
    int b = Arrays.binarySearch(outcomes, outcome);
    return b >= 0 ? counts[b] : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram && Arrays.equals(outcomes, ((Histogram) o).outcomes)
        && Arrays.equals(counts, ((Histogram) o).counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(outcomes) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Histogram{total=").append(total).append(", bins=").append(size());
    for (int b = 0; b < Math.min(size(), 16); b++) {
      sb.append(b == 0 ? ", " : " ").append(outcomes[b]).append(':').append(counts[b]);
    }
    return sb.append(size() > 16 ? " …}" : "}").toString();
  }
}
