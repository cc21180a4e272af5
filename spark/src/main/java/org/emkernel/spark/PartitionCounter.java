package org.emkernel.spark;

import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.emkernel.Histogram;
import org.emkernel.TrialsHistogram;

/** Counts one partition's rows into a histogram: values are checked one by one and counted by the core in chunks. */
final class PartitionCounter {
  /** Values buffered before the core counts them (4 MiB of ints). */
  static final int CHUNK = 1 << 20;

  private PartitionCounter() {}

  /** The histogram of column 0 of the rows, or the first bad value's error. */
  static PartialHistogram values(Iterator<Row> rows, String column, NullPolicy nulls) {
    int[] buffer = new int[CHUNK];
    int n = 0;
    Histogram acc = Histogram.empty();
    while (rows.hasNext()) {
      Object v = rows.next().get(0);
      if (v == null && nulls == NullPolicy.SKIP) {
        continue;
      }
      String error = Columns.outcomeError(column, v);
      if (error != null) {
        return PartialHistogram.failed(error);
      }
      buffer[n++] = ((Number) v).intValue();
      if (n == CHUNK) {
        acc = acc.merge(Histogram.ofParallel(buffer, 1));
        n = 0;
      }
    }
    if (n > 0) {
      acc = acc.merge(Histogram.of(buffer, 0, n));
    }
    return PartialHistogram.of(acc);
  }

  /** The trials histogram of columns 0 (trials) and 1 (successes), or the first bad pair's error. */
  static PartialHistogram trials(Iterator<Row> rows, String trialsColumn, String successesColumn,
      NullPolicy nulls) {
    int[] trials = new int[CHUNK];
    int[] successes = new int[CHUNK];
    int n = 0;
    TrialsHistogram acc = TrialsHistogram.ofCounts(new int[0], new int[0], new long[0]);
    while (rows.hasNext()) {
      Row row = rows.next();
      Object t = row.get(0);
      Object s = row.get(1);
      if ((t == null || s == null) && nulls == NullPolicy.SKIP) {
        continue;
      }
      String error = Columns.outcomeError(trialsColumn, t);
      if (error == null) {
        error = Columns.outcomeError(successesColumn, s);
      }
      if (error == null) {
        error = Columns.trialsError(trialsColumn, successesColumn, ((Number) t).intValue(), ((Number) s).intValue());
      }
      if (error != null) {
        return PartialHistogram.failed(error);
      }
      trials[n] = ((Number) t).intValue();
      successes[n++] = ((Number) s).intValue();
      if (n == CHUNK) {
        acc = acc.merge(TrialsHistogram.of(trials, successes));
        n = 0;
      }
    }
    if (n > 0) {
      acc = acc.merge(TrialsHistogram.of(java.util.Arrays.copyOf(trials, n), java.util.Arrays.copyOf(successes, n)));
    }
    return PartialHistogram.of(acc);
  }
}
