package org.emkernel.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The result columns a per-key fit adds after the key columns, in order. */
final class ResultColumns {
  static final StructField[] FIELDS = {
      DataTypes.createStructField("family", DataTypes.StringType, true),
      DataTypes.createStructField("components", DataTypes.IntegerType, true),
      DataTypes.createStructField("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
      DataTypes.createStructField("params", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
      DataTypes.createStructField("logLikelihood", DataTypes.DoubleType, true),
      DataTypes.createStructField("aic", DataTypes.DoubleType, true),
      DataTypes.createStructField("bic", DataTypes.DoubleType, true),
      DataTypes.createStructField("iterations", DataTypes.IntegerType, true),
      DataTypes.createStructField("converged", DataTypes.BooleanType, true),
      DataTypes.createStructField("observations", DataTypes.LongType, true),
      DataTypes.createStructField("kernel", DataTypes.StringType, true),
      DataTypes.createStructField("error", DataTypes.StringType, true),
  };

  private ResultColumns() {}

  /** The key columns' fields followed by the result fields. */
  static StructType schema(StructField[] keys) {
    StructType schema = new StructType(keys);
    for (StructField f : FIELDS) {
      schema = schema.add(f);
    }
    return schema;
  }

  /** Whether a key column would clash with a result column. */
  static boolean isResultColumn(String name) {
    for (StructField f : FIELDS) {
      if (f.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
