package org.emkernel.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.emkernel.Histogram;
import org.emkernel.TrialsHistogram;

/**
 * Histograms of Dataset columns, built where the data lives: each partition is counted on its executor and
 * only the merged histogram reaches the driver. The result equals {@code Histogram.of} (or
 * {@code TrialsHistogram.of}) on the collected column, for any partitioning.
 *
 * <p>Bad input is an IllegalArgumentException naming the column and the value: a column that is missing or
 * not of an integer type, a negative value, one above {@code Integer.MAX_VALUE}, successes above trials, and
 * a null unless {@link NullPolicy#SKIP} is given.
 */
public final class SparkHistograms {
  private SparkHistograms() {}

  /** The histogram of an integer column; nulls are errors. */
  public static Histogram histogram(SparkSession spark, Dataset<Row> data, String column) {
    return histogram(spark, data, column, NullPolicy.FAIL);
  }

  /** The histogram of an integer column, with the given null policy. */
  public static Histogram histogram(SparkSession spark, Dataset<Row> data, String column, NullPolicy nulls) {
    Columns.inSession(spark, data);
    Columns.requireInteger(data.schema(), column);
    NullPolicy policy = policy(nulls);
    JavaRDD<PartialHistogram> partials = data.select(data.col(column)).javaRDD()
        .mapPartitions(rows -> java.util.List.of(PartitionCounter.values(rows, column, policy)).iterator());
    PartialHistogram merged = reduce(partials);
    return merged == null ? Histogram.empty() : merged.histogram();
  }

  /** The histogram of (trials, successes) pairs from two integer columns; nulls are errors. */
  public static TrialsHistogram trialsHistogram(SparkSession spark, Dataset<Row> data, String trialsColumn,
      String successesColumn) {
    return trialsHistogram(spark, data, trialsColumn, successesColumn, NullPolicy.FAIL);
  }

  /** The histogram of (trials, successes) pairs from two integer columns, with the given null policy. */
  public static TrialsHistogram trialsHistogram(SparkSession spark, Dataset<Row> data, String trialsColumn,
      String successesColumn, NullPolicy nulls) {
    Columns.inSession(spark, data);
    Columns.requireInteger(data.schema(), trialsColumn);
    Columns.requireInteger(data.schema(), successesColumn);
    NullPolicy policy = policy(nulls);
    JavaRDD<PartialHistogram> partials = data.select(data.col(trialsColumn), data.col(successesColumn)).javaRDD()
        .mapPartitions(rows -> java.util.List.of(
            PartitionCounter.trials(rows, trialsColumn, successesColumn, policy)).iterator());
    PartialHistogram merged = reduce(partials);
    return merged == null ? TrialsHistogram.ofCounts(new int[0], new int[0], new long[0])
        : merged.trialsHistogram();
  }

  private static NullPolicy policy(NullPolicy nulls) {
    if (nulls == null) {
      throw new IllegalArgumentException("null policy is null");
    }
    return nulls;
  }

  /**
   * Merges the partitions' partials (one each) on the executors, a tree of merges; throws the error if any;
   * null when there are no partitions.
   */
  private static PartialHistogram reduce(JavaRDD<PartialHistogram> partials) {
    if (partials.getNumPartitions() == 0) {
      return null;
    }
    PartialHistogram merged = partials.treeReduce(PartialHistogram::merge);
    if (merged.error != null) {
      throw new IllegalArgumentException(merged.error);
    }
    return merged;
  }
}
