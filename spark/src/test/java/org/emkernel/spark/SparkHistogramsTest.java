package org.emkernel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.emkernel.TrialsHistogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distributed histograms against the core's histograms of the same collected values. */
class SparkHistogramsTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSessions.start("SparkHistogramsTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> ints(StructType schema, List<Row> rows) {
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void histogramEqualsTheCoresOnTheCollectedColumnForAnyPartitioning() {
    int[] values = MixtureModel.of(Family.poisson(), new double[] {0.3, 0.7}, new double[] {2, 40})
        .sample(20_000, 11);
    List<Row> rows = new ArrayList<>();
    for (int v : values) {
      rows.add(RowFactory.create((long) v));
    }
    Dataset<Row> data = ints(new StructType().add("x", DataTypes.LongType), rows);
    Histogram expected = Histogram.of(values);
    for (int partitions : new int[] {1, 2, 8}) {
      assertEquals(expected, SparkHistograms.histogram(spark, data.repartition(partitions), "x"),
          partitions + " partitions");
    }
    assertEquals(20_000, expected.total());
  }

  @Test
  void trialsHistogramEqualsTheCoresForAnyPartitioning() {
    int[] trials = new int[5_000];
    for (int i = 0; i < trials.length; i++) {
      trials[i] = 1 + i % 37;
    }
    int[] successes = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.5, 0.5},
        new double[] {0.2, 0.8}).sampleSuccesses(trials, 5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < trials.length; i++) {
      rows.add(RowFactory.create(trials[i], (short) successes[i]));
    }
    Dataset<Row> data = ints(new StructType().add("n", DataTypes.IntegerType).add("k", DataTypes.ShortType), rows);
    TrialsHistogram expected = TrialsHistogram.of(trials, successes);
    for (int partitions : new int[] {1, 2, 8}) {
      assertEquals(expected, SparkHistograms.trialsHistogram(spark, data.repartition(partitions), "n", "k"),
          partitions + " partitions");
    }
  }

  @Test
  void nullsFailByDefaultAndAreLeftOutWhenSkipped() {
    StructType schema = new StructType().add("x", DataTypes.IntegerType);
    Dataset<Row> data = ints(schema, List.of(RowFactory.create(3), RowFactory.create((Object) null),
        RowFactory.create(3), RowFactory.create(5)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkHistograms.histogram(spark, data, "x"));
    assertEquals("column 'x' holds a null (NullPolicy.SKIP leaves such rows out)", e.getMessage());
    assertEquals(Histogram.of(new int[] {3, 3, 5}), SparkHistograms.histogram(spark, data, "x", NullPolicy.SKIP));
  }

  @Test
  void badValuesAndColumnsAreNamed() {
    StructType schema = new StructType().add("x", DataTypes.LongType).add("s", DataTypes.StringType)
        .add("d", DataTypes.DoubleType);
    Dataset<Row> negative = ints(schema, List.of(RowFactory.create(4L, "a", 1.0), RowFactory.create(-3L, "b", 2.0)));
    assertEquals("column 'x' holds the negative value -3", assertThrows(IllegalArgumentException.class,
        () -> SparkHistograms.histogram(spark, negative, "x")).getMessage());
    Dataset<Row> huge = ints(schema, List.of(RowFactory.create(3_000_000_000L, "a", 1.0)));
    assertEquals("column 'x' holds the value 3000000000, above the largest outcome 2147483647",
        assertThrows(IllegalArgumentException.class, () -> SparkHistograms.histogram(spark, huge, "x")).getMessage());
    assertEquals("column 's' has type string; an integer type (tinyint, smallint, int or bigint) is needed",
        assertThrows(IllegalArgumentException.class, () -> SparkHistograms.histogram(spark, huge, "s")).getMessage());
    assertEquals("column 'd' has type double; an integer type (tinyint, smallint, int or bigint) is needed",
        assertThrows(IllegalArgumentException.class, () -> SparkHistograms.histogram(spark, huge, "d")).getMessage());
    assertEquals("column 'y' is not in the data (columns: x, s, d)",
        assertThrows(IllegalArgumentException.class, () -> SparkHistograms.histogram(spark, huge, "y")).getMessage());
  }

  @Test
  void successesAboveTrialsAreNamed() {
    StructType schema = new StructType().add("n", DataTypes.IntegerType).add("k", DataTypes.IntegerType);
    Dataset<Row> data = ints(schema, List.of(RowFactory.create(10, 3), RowFactory.create(5, 7)));
    assertEquals("column 'k' holds 7 successes, more than the 5 trials in column 'n'",
        assertThrows(IllegalArgumentException.class,
            () -> SparkHistograms.trialsHistogram(spark, data, "n", "k")).getMessage());
  }

  @Test
  void emptyDataGivesTheEmptyHistogramAndOtherSessionsAreRefused() {
    StructType schema = new StructType().add("x", DataTypes.IntegerType);
    Dataset<Row> empty = ints(schema, List.of());
    assertEquals(Histogram.empty(), SparkHistograms.histogram(spark, empty, "x"));
    assertEquals(Histogram.empty(), SparkHistograms.histogram(spark, empty.repartition(3), "x"));
    SparkSession other = spark.newSession();
    Dataset<Row> elsewhere = other.createDataFrame(List.of(RowFactory.create(1)), schema);
    assertEquals("data belongs to another SparkSession than the one given",
        assertThrows(IllegalArgumentException.class,
            () -> SparkHistograms.histogram(spark, elsewhere, "x")).getMessage());
  }
}
