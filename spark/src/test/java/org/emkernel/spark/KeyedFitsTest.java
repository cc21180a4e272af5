package org.emkernel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkernel.Criterion;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.emkernel.TrialsHistogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-key fits on a local[2] session against EmFitter on each key's data in this JVM, bit for bit. */
class KeyedFitsTest {
  private static final int[] PARTITIONINGS = {1, 2, 8};
  private static final Family[] FAMILIES = {
      Family.binomial(20), Family.poisson(), Family.geometric(), Family.negativeBinomial(2.5)};
  private static final double[][] PARAMS = {{0.2, 0.7}, {3, 15}, {0.6, 0.1}, {0.7, 0.2}};
  private static final int KEYS = 12;

  private static SparkSession spark;
  /** Each key's observations, by key name. */
  private static final Map<String, int[]> VALUES = new HashMap<>();
  /** Columns: key (string), arm (int), x (long), family (string). */
  private static Dataset<Row> data;

  @BeforeAll
  static void start() {
    spark = TestSessions.start("KeyedFitsTest");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      int f = i % FAMILIES.length;
      MixtureModel model = MixtureModel.of(FAMILIES[f], new double[] {0.4, 0.6}, PARAMS[f]);
      int[] x = model.sample(300 + 97 * i, 1000 + i);
      String key = "key" + i;
      VALUES.put(key, x);
      for (int v : x) {
        rows.add(RowFactory.create(key, i % 3, (long) v, FAMILIES[f].name()));
      }
    }
    StructType schema = new StructType().add("key", DataTypes.StringType).add("arm", DataTypes.IntegerType)
        .add("x", DataTypes.LongType).add("family", DataTypes.StringType);
    data = spark.createDataFrame(rows, schema);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Family familyOf(String key) {
    return FAMILIES[Integer.parseInt(key.substring(3)) % FAMILIES.length];
  }

  private static double[] doubles(Row row, String column) {
    List<Double> list = row.getList(row.fieldIndex(column));
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  /** Asserts that a result row holds exactly the fit, and no error. */
  private static void assertSameFit(FitResult expected, String kernel, Row row, String where) {
    assertNull(row.getAs("error"), where);
    assertEquals(expected.model().family().name(), row.getAs("family"), where);
    assertEquals(expected.model().components(), (int) row.getAs("components"), where);
    assertArrayEquals(expected.model().weights(), doubles(row, "weights"), where);
    assertArrayEquals(expected.model().params(), doubles(row, "params"), where);
    assertEquals(expected.logLikelihood(), (double) row.getAs("logLikelihood"), where);
    assertEquals(expected.aic(), (double) row.getAs("aic"), where);
    assertEquals(expected.bic(), (double) row.getAs("bic"), where);
    assertEquals(expected.iterations(), (int) row.getAs("iterations"), where);
    assertEquals(expected.converged(), row.getAs("converged"), where);
    assertEquals(expected.observations(), (long) row.getAs("observations"), where);
    assertEquals(kernel, row.getAs("kernel"), where);
  }

  /** Runs the per-key fits at 1, 2 and 8 partitions and checks every key against the single-JVM fit. */
  private static void assertBitIdentical(KeyedFitter fitter, Dataset<Row> input, Function<String, FitResult> single) {
    String kernel = EmFitter.builder().threads(1).build().kernelName();
    for (int partitions : PARTITIONINGS) {
      List<Row> rows = fitter.fit(spark, input.repartition(partitions)).collectAsList();
      assertEquals(KEYS, rows.size());
      for (Row row : rows) {
        String key = row.getAs("key");
        assertSameFit(single.apply(key), kernel, row, key + " at " + partitions + " partitions");
      }
    }
  }

  @Test
  void fixedKIsBitIdenticalToEmFitterForAnyPartitioning() {
    KeyedFitter fitter = KeyedFitter.builder().keys("key").values("x").familyColumn("family").components(2)
        .seed(7).restarts(2).build();
    EmFitter core = EmFitter.builder().seed(7).restarts(2).build();
    assertBitIdentical(fitter, data,
        key -> core.fit(Histogram.of(VALUES.get(key)), familyOf(key), 2));
  }

  @Test
  void componentRangeWithAccelerationIsBitIdenticalForAnyPartitioning() {
    KeyedFitter fitter = KeyedFitter.builder().keys("key", "arm").values("x").familyColumn("family")
        .components(1, 3, Criterion.BIC).accelerate(true).tolerance(1e-9).maxIterations(500).build();
    EmFitter core = EmFitter.builder().accelerate(true).tolerance(1e-9).maxIterations(500).build();
    assertBitIdentical(fitter, data, key -> core.selectComponents(Histogram.of(VALUES.get(key)), familyOf(key),
        1, 3, Criterion.BIC).best());
  }

  @Test
  void initialModelAndOneFamilyAreBitIdentical() {
    MixtureModel initial = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {1, 20});
    Dataset<Row> poisson = data.filter("family = 'poisson'");
    KeyedFitter fitter = KeyedFitter.builder().keys("key").values("x").family(Family.poisson()).initial(initial)
        .build();
    List<Row> rows = fitter.fit(spark, poisson.repartition(8)).collectAsList();
    assertEquals(3, rows.size());
    for (Row row : rows) {
      String key = row.getAs("key");
      assertSameFit(EmFitter.create().fit(Histogram.of(VALUES.get(key)), initial),
          EmFitter.create().kernelName(), row, key);
    }
  }

  @Test
  void valueCountsAndTrialsAreBitIdentical() {
    // (value, count) rows: each key's histogram split over two rows per outcome.
    List<Row> counted = new ArrayList<>();
    Map<String, Histogram> histograms = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      Histogram h = Histogram.of(VALUES.get("key" + (4 * i + 1)));
      histograms.put("p" + i, h);
      for (int b = 0; b < h.size(); b++) {
        counted.add(RowFactory.create("p" + i, h.outcome(b), h.count(b) / 2));
        counted.add(RowFactory.create("p" + i, h.outcome(b), h.count(b) - h.count(b) / 2));
      }
    }
    Dataset<Row> counts = spark.createDataFrame(counted, new StructType().add("key", DataTypes.StringType)
        .add("x", DataTypes.IntegerType).add("n", DataTypes.LongType));
    KeyedFitter byCounts = KeyedFitter.builder().keys("key").valueCounts("x", "n").family(Family.poisson())
        .components(2).build();
    for (int partitions : PARTITIONINGS) {
      List<Row> byKey = byCounts.fit(spark, counts.repartition(partitions)).collectAsList();
      assertEquals(3, byKey.size());
      for (Row row : byKey) {
        String key = row.getAs("key");
        assertSameFit(EmFitter.create().fit(histograms.get(key), Family.poisson(), 2),
            EmFitter.create().kernelName(), row, key + " at " + partitions);
      }
    }

    List<Row> binomial = new ArrayList<>();
    Map<String, TrialsHistogram> trials = new HashMap<>();
    MixtureModel model = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.3, 0.7},
        new double[] {0.1, 0.6});
    for (int i = 0; i < 3; i++) {
      int[] n = new int[400 + 50 * i];
      for (int j = 0; j < n.length; j++) {
        n[j] = 5 + (j * 7 + i) % 30;
      }
      int[] s = model.sampleSuccesses(n, 40 + i);
      trials.put("t" + i, TrialsHistogram.of(n, s));
      for (int j = 0; j < n.length; j++) {
        binomial.add(RowFactory.create("t" + i, n[j], s[j]));
      }
    }
    Dataset<Row> pairs = spark.createDataFrame(binomial, new StructType().add("key", DataTypes.StringType)
        .add("n", DataTypes.IntegerType).add("k", DataTypes.IntegerType));
    KeyedFitter byTrials = KeyedFitter.builder().keys("key").trials("n", "k").family(Family.binomialVaryingTrials())
        .components(2).build();
    for (int partitions : PARTITIONINGS) {
      List<Row> rows = byTrials.fit(spark, pairs.repartition(partitions)).collectAsList();
      assertEquals(3, rows.size());
      for (Row row : rows) {
        String key = row.getAs("key");
        assertSameFit(EmFitter.create().fit(trials.get(key), Family.binomialVaryingTrials(), 2),
            EmFitter.create().kernelName(), row, key + " at " + partitions);
      }
    }
  }

  @Test
  void keysThatCannotBeFittedGetAnErrorRowAndTheOthersTheirFit() {
    StructType schema = new StructType().add("key", DataTypes.StringType).add("x", DataTypes.IntegerType)
        .add("family", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int v : VALUES.get("key1")) {
      rows.add(RowFactory.create("good", v, "poisson"));
    }
    rows.add(RowFactory.create("two", 4, "poisson"));
    rows.add(RowFactory.create("two", 9, "poisson"));
    rows.add(RowFactory.create("negative", 4, "poisson"));
    rows.add(RowFactory.create("negative", -1, "poisson"));
    rows.add(RowFactory.create("negative", 5, "poisson"));
    rows.add(RowFactory.create("null", null, "poisson"));
    rows.add(RowFactory.create("null", 5, "poisson"));
    rows.add(RowFactory.create("unknown", 5, "zeta"));
    rows.add(RowFactory.create("mixed", 5, "poisson"));
    rows.add(RowFactory.create("mixed", 6, "geometric"));
    Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(3);
    KeyedFitter fitter = KeyedFitter.builder().keys("key").values("x").familyColumn("family").components(3).build();
    Map<String, Row> byKey = new HashMap<>();
    for (Row row : fitter.fit(spark, input).collectAsList()) {
      byKey.put(row.getAs("key"), row);
    }
    assertEquals(6, byKey.size());
    assertSameFit(EmFitter.create().fit(Histogram.of(VALUES.get("key1")), Family.poisson(), 3),
        EmFitter.create().kernelName(), byKey.get("good"), "good");
    assertEquals("number of components K = 3 exceeds the number of observations 2", byKey.get("two").getAs("error"));
    assertEquals("column 'x' holds the negative value -1", byKey.get("negative").getAs("error"));
    assertEquals("column 'x' holds a null (NullPolicy.SKIP leaves such rows out)", byKey.get("null").getAs("error"));
    assertEquals("column 'family' holds the unknown family 'zeta' (known: " + FamilyNames.KNOWN + ")",
        byKey.get("unknown").getAs("error"));
    assertEquals("column 'family' holds both 'geometric' and 'poisson' for one key",
        byKey.get("mixed").getAs("error"));
    for (String key : new String[] {"two", "negative", "null", "unknown", "mixed"}) {
      Row row = byKey.get(key);
      assertTrue(row.isNullAt(row.fieldIndex("weights")) && row.isNullAt(row.fieldIndex("logLikelihood")), key);
    }
    // Skipping nulls, the null key is its one remaining observation: still too few for K = 3.
    Row skipped = KeyedFitter.builder().keys("key").values("x").familyColumn("family").components(1)
        .nulls(NullPolicy.SKIP).build().fit(spark, input.filter("key = 'null'")).collectAsList().get(0);
    assertSameFit(EmFitter.create().fit(Histogram.of(new int[] {5}), Family.poisson(), 1),
        EmFitter.create().kernelName(), skipped, "null skipped");
  }

  @Test
  void badSettingsAndColumnsAreRefusedOnTheDriver() {
    assertEquals("column 'family' has type string; an integer type (tinyint, smallint, int or bigint) is needed",
        assertThrows(IllegalArgumentException.class, () -> KeyedFitter.builder().keys("key").values("family")
            .family(Family.poisson()).build().fit(spark, data)).getMessage());
    assertEquals("column 'sample' is not in the data (columns: key, arm, x, family)",
        assertThrows(IllegalArgumentException.class, () -> KeyedFitter.builder().keys("sample").values("x")
            .family(Family.poisson()).build().fit(spark, data)).getMessage());
    assertEquals("no family: give family(...) or familyColumn(...)", assertThrows(IllegalArgumentException.class,
        () -> KeyedFitter.builder().keys("key").values("x").build()).getMessage());
    assertEquals("family binomial(varying n) needs trials(...) columns", assertThrows(IllegalArgumentException.class,
        () -> KeyedFitter.builder().keys("key").values("x").family(Family.binomialVaryingTrials()).build())
        .getMessage());
    assertEquals("restarts 0 must be >= 1", assertThrows(IllegalArgumentException.class,
        () -> KeyedFitter.builder().restarts(0)).getMessage());
    assertEquals("data belongs to another SparkSession than the one given",
        assertThrows(IllegalArgumentException.class, () -> KeyedFitter.builder().keys("key").values("x")
            .family(Family.poisson()).build().fit(spark.newSession(), data)).getMessage());
  }

  /** Runs with and without jdk.incubator.vector (a second surefire execution): the kernel column says which ran. */
  @Test
  void kernelRunsAndIsReported() {
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    // AUTO: the scalar product path, moving to the vector kernel after a fixed amount of work when it can run.
    String expected = vectorModule ? "auto" : "scalar-products";
    assertEquals(expected, EmFitter.create().kernelName());
    KeyedFitter fitter = KeyedFitter.builder().keys("key").values("x").familyColumn("family").components(2).build();
    List<Row> rows = fitter.fit(spark, data.repartition(2)).collectAsList();
    assertEquals(KEYS, rows.size());
    for (Row row : rows) {
      String key = row.getAs("key");
      assertSameFit(EmFitter.create().fit(Histogram.of(VALUES.get(key)), familyOf(key), 2), expected, row, key);
    }
  }
}
