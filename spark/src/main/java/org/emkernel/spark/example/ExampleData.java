package org.emkernel.spark.example;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkernel.Family;
import org.emkernel.MixtureModel;

/**
 * The example's generated data: keys 0..keys-1 in turn of four families (binomial with 30 trials, Poisson,
 * geometric, negative binomial with r = 3), each key a two-component mixture of its own drawn with the
 * core's sampler from a seed of its own, so Spark and a plain loop see the same values.
 */
final class ExampleData {
  static final Family[] FAMILIES = {
      Family.binomial(30), Family.poisson(), Family.geometric(), Family.negativeBinomial(3)};
  static final StructType SCHEMA = new StructType().add("key", DataTypes.IntegerType)
      .add("family", DataTypes.StringType).add("x", DataTypes.IntegerType);

  private ExampleData() {}

  static Family family(int key) {
    return FAMILIES[key % FAMILIES.length];
  }

  /** The mixture key's rows are drawn from. */
  static MixtureModel model(int key) {
    double u = (key / FAMILIES.length % 10) / 10.0;
    double w = 0.3 + 0.4 * ((key * 7) % 10) / 10.0;
    double[] weights = {w, 1 - w};
    switch (key % FAMILIES.length) {
      case 0:
        return MixtureModel.of(family(key), weights, new double[] {0.15 + 0.1 * u, 0.6 + 0.2 * u});
      case 1:
        return MixtureModel.of(family(key), weights, new double[] {2 + 3 * u, 12 + 10 * u});
      case 2:
        return MixtureModel.of(family(key), weights, new double[] {0.7 - 0.2 * u, 0.1 + 0.05 * u});
      default:
        return MixtureModel.of(family(key), weights, new double[] {0.6 + 0.1 * u, 0.15});
    }
  }

  /** Number of rows of a key: rows spread evenly, the first keys taking one more. */
  static int rows(int key, long rows, int keys) {
    return (int) (rows / keys + (key < rows % keys ? 1 : 0));
  }

  /** A key's values. */
  static int[] values(int key, long rows, int keys) {
    return model(key).sample(rows(key, rows, keys), 1_000_003L * key + 17);
  }

  /**
   * The rows as a Dataset of (key, family, x), generated on the executors a key at a time and then spread
   * round-robin over the given number of partitions, so every partition holds every key, as data from
   * many sources usually do.
   */
  static Dataset<Row> dataset(SparkSession spark, long rows, int keys, int partitions) {
    FlatMapFunction<Long, Row> generate = id -> {
      int key = id.intValue();
      String family = family(key).name();
      int[] x = values(key, rows, keys);
      List<Row> out = new ArrayList<>(x.length);
      for (int v : x) {
        out.add(RowFactory.create(key, family, v));
      }
      return out.iterator();
    };
    return spark.range(0, keys, 1, partitions).as(Encoders.LONG()).flatMap(generate, Encoders.row(SCHEMA))
        .repartition(partitions);
  }
}
