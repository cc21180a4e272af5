package org.emkernel.internal.engine;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.emkernel.internal.Workers;

/** The counting loops behind {@code Histogram.of(int[])}: dense int tables, no boxing, optionally parallel. */
public final class HistogramBuilder {
  /** Tables up to this size are kept in four interleaved copies. */
  private static final int INTERLEAVE_LIMIT = 1 << 16;
  /** Inputs shorter than this are counted on one thread. */
  public static final int PARALLEL_THRESHOLD = 1 << 20;
  /** Fewest observations in a chunk of a parallel build; each thread gets at least this many to count. */
  public static final int MIN_CHUNK = PARALLEL_THRESHOLD / 4;
  /** Most observations in a chunk of a parallel build. */
  public static final int MAX_CHUNK = 1 << 20;
  /** Chunks per thread a parallel build aims at (within the bounds above) to even out slow threads. */
  private static final int CHUNKS_PER_THREAD = 16;
  /** Observations counted with range checks before the fast loop takes over: they set the tables' size. */
  public static final int FIRST_RUN = 1 << 14;
  /** Most observations in one call of the fast loop: what one outcome past the tables can cost twice. */
  public static final int FAST_RUN = 1 << 20;
  /** The fast loop runs when a run has at least this many observations per table entry (else the fold costs). */
  private static final int FAST_PER_ENTRY = 16;
  /** The fast loop keeps interleaved copies for tables up to this many outcomes (see {@link #countFast}). */
  public static final int INTERLEAVED_FAST = 128;
  /** Observations per call of the interleaved counting method (see {@link #countFast}). */
  static final int CHUNK = 256;

  private HistogramBuilder() {}

  /** Refuses a negative observation, naming it and its index. */
  public static void checkObservation(int value, long index) {
    if (value < 0) {
      throw new IllegalArgumentException("observation " + value + " at index " + index + " is negative");
    }
  }

  /**
   * Counts observations[from, to) into a dense table indexed by outcome, grown as larger outcomes appear;
   * returns null when an outcome exceeds {@code limit} (the caller then sorts instead). Int counters are
   * enough: one int[] holds fewer than 2^31 observations.
   */
  public static int[] denseCounts(int[] observations, int from, int to, int limit) {
    Counts counts = new Counts(limit);
    int stop = counts.add(observations, from, to);
    if (stop < to) {
      checkObservation(observations[stop], stop);
      return null;
    }
    return trim(counts.table());
  }

  /** One thread's dense count tables: counting goes on over any number of ranges, growing the tables. */
  public static final class Counts {
    private final int limit;
    private int size = 64;
    // Four tables, one per position mod 4: repeated values no longer wait on each other's stores.
    private int[] t0 = new int[size];
    private int[] t1 = new int[size];
    private int[] t2 = new int[size];
    private int[] t3 = new int[size];

    /** Creates empty tables for outcomes up to {@code limit}. */
    public Counts(int limit) {
      this.limit = limit;
    }

    /** Observations counted so far with range checks (the fast loop waits for {@link #FIRST_RUN}). */
    private long checked;
    /** Runs the fast loop counted whole. */
    private int fastRuns;

    /**
     * Adds observations[from, to) to the counts; returns {@code to}, or else the index of the first
     * observation that is negative or above the limit (those before it are counted).
     */
    public int add(int[] observations, int from, int to) {
      int i = from;
      while (i < to) {
        int hi = (int) Math.min(to, i + (long) (checked < FIRST_RUN ? FIRST_RUN : FAST_RUN));
        if (checked >= FIRST_RUN && t1 != null && hi - i >= FAST_PER_ENTRY * size) {
          try {
            countFast(observations, i, hi, t0);
            fastRuns++;
            i = hi;
            continue;
          } catch (ArrayIndexOutOfBoundsException outside) {
            // An observation outside the tables: nothing of this run was counted; count it with checks.
          }
        }
        int stop = addChecked(observations, i, hi);
        checked += stop - i;
        if (stop < hi) {
          return stop;
        }
        i = hi;
      }
      return to;
    }

    /** As {@link #add}, checking every observation against the tables' size (growing them as needed). */
    private int addChecked(int[] observations, int from, int to) {
      // Locals, not fields, in the loops; stored back at the end.
      int size = this.size;
      int[] t0 = this.t0;
      int[] t1 = this.t1;
      int[] t2 = this.t2;
      int[] t3 = this.t3;
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
          if (v < 0 || v > limit) {
            break;
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
      this.size = size;
      this.t0 = t0;
      this.t1 = t1;
      this.t2 = t2;
      this.t3 = t3;
      return i;
    }

    /** How many runs the fast loop has counted whole (for tests: that it runs, and where it gives way). */
    public int fastRuns() {
      return fastRuns;
    }

    /** The counts in one table (the interleaved copies folded in, possibly with trailing zeros). */
    public int[] table() {
      if (t1 != null) {
        fold(t0, t1, t2, t3);
        t1 = null;
        t2 = null;
        t3 = null;
      }
      return t0;
    }
  }

  /**
   * Adds the counts of observations[from, to) to {@code into}, all of them or (when one is outside
   * [0, into.length) and the array access throws) none; the loops have no test but the array bounds. Tables of
   * up to {@link #INTERLEAVED_FAST} outcomes are counted in four interleaved copies (count data repeat few
   * outcomes often, and each copy's increments then wait less on the last one's), {@link #CHUNK} observations a
   * call: a fresh JVM compiles that method after a few hundred calls, where one long loop would stay
   * interpreted for some 60,000 iterations, until its on-stack replacement. Larger tables are counted in one.
   */
  public static void countFast(int[] observations, int from, int to, int[] into) {
    int size = into.length;
    int[] t0 = new int[size];
    if (size > INTERLEAVED_FAST) {
      for (int i = from; i < to; i++) {
        t0[observations[i]]++;
      }
      for (int v = 0; v < size; v++) {
        into[v] += t0[v];
      }
      return;
    }
    int[] t1 = new int[size];
    int[] t2 = new int[size];
    int[] t3 = new int[size];
    for (int i = from; i < to; ) {
      int hi = to - i > CHUNK ? i + CHUNK : to;
      countInterleaved(observations, i, hi, t0, t1, t2, t3);
      i = hi;
    }
    for (int v = 0; v < size; v++) {
      into[v] += t0[v] + t1[v] + t2[v] + t3[v];
    }
  }

  /** Counts observations[from, to) into four tables by position mod 4 from {@code from}. */
  private static void countInterleaved(int[] observations, int from, int to, int[] t0, int[] t1, int[] t2,
      int[] t3) {
    int i = from;
    for (; i + 3 < to; i += 4) {
      t0[observations[i]]++;
      t1[observations[i + 1]]++;
      t2[observations[i + 2]]++;
      t3[observations[i + 3]]++;
    }
    for (; i < to; i++) {
      t0[observations[i]]++;
    }
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
   * Counts observations[from, to) on up to {@code threads} threads, which take chunks in turn, each into its
   * own tables, and adds the tables (possibly with trailing zeros); null when some outcome exceeds
   * {@code limit}.
   */
  public static int[] parallelDenseCounts(int[] observations, int from, int to, int limit, int threads) {
    long n = to - (long) from;
    int chunk = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, n / ((long) threads * CHUNKS_PER_THREAD)));
    return parallelDenseCounts(observations, from, to, limit, threads, chunk);
  }

  /** As {@link #parallelDenseCounts(int[], int, int, int, int)}, in chunks of {@code chunk} observations. */
  public static int[] parallelDenseCounts(int[] observations, int from, int to, int limit, int threads, int chunk) {
    assert chunk > 0;
    long n = to - (long) from;
    int chunks = (int) ((n + chunk - 1) / chunk);
    // At least a whole chunk per thread; every thread may grow a table up to the limit: keep them together
    // within 2^26 ints (256 MiB).
    int parts = (int) Math.max(1, Math.min(Math.min(threads, n / chunk), (1 << 26) / Math.max(1, limit)));
    if (parts == 1) {
      return denseCounts(observations, from, to, limit);
    }
    Counts[] counts = new Counts[parts];
    int[] stops = new int[parts];
    Arrays.fill(stops, -1);
    AtomicInteger next = new AtomicInteger();
    new Workers.Region(w -> {
      // Allocated by the worker itself: tables of different threads do not share cache lines.
      Counts mine = new Counts(limit);
      counts[w] = mine;
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        int lo = from + c * chunk;
        int hi = (int) Math.min(to, lo + (long) chunk);
        int stop = mine.add(observations, lo, hi);
        if (stop < hi) {
          stops[w] = stop;
          next.set(chunks); // The build falls back or fails: the others take no more chunks.
          break;
        }
      }
    }, parts).run();
    int failed = -1;
    for (int stop : stops) {
      if (stop >= 0 && (failed < 0 || observations[stop] < 0)) {
        failed = stop;
      }
    }
    if (failed >= 0 && observations[failed] < 0) {
      // Name the first negative observation, as one thread would: it may lie in a chunk nobody counted.
      for (int i = from; i <= failed; i++) {
        checkObservation(observations[i], i);
      }
    }
    if (failed >= 0) {
      return null;
    }
    int longest = 0;
    for (int w = 0; w < parts; w++) {
      if (counts[w].table().length > counts[longest].table().length) {
        longest = w;
      }
    }
    int[] sum = counts[longest].table();
    for (int w = 0; w < parts; w++) {
      if (w != longest) {
        int[] t = counts[w].table();
        for (int v = 0; v < t.length; v++) {
          sum[v] += t[v];
        }
      }
    }
    return sum;
  }
}
