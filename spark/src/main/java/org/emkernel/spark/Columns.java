package org.emkernel.spark;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks of the user's session, columns and values at the module's boundary, with messages naming what is bad. */
final class Columns {
  private Columns() {}

  /** The dataset, after checking that it belongs to the user's session. */
  static Dataset<Row> inSession(SparkSession spark, Dataset<Row> data) {
    if (spark == null) {
      throw new IllegalArgumentException("spark session is null");
    }
    if (data == null) {
      throw new IllegalArgumentException("data is null");
    }
    if (data.sparkSession() != spark) {
      throw new IllegalArgumentException("data belongs to another SparkSession than the one given");
    }
    return data;
  }

  /** The field of the named column; an IllegalArgumentException listing the columns when there is none. */
  static StructField field(StructType schema, String column) {
    if (column == null) {
      throw new IllegalArgumentException("column name is null");
    }
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new IllegalArgumentException("column '" + column + "' is not in the data (columns: "
        + String.join(", ", Arrays.asList(schema.fieldNames())) + ")");
  }

  /** Checks that the column exists and holds integers (byte, short, int or long). */
  static void requireInteger(StructType schema, String column) {
    DataType type = field(schema, column).dataType();
    if (!(type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType)) {
      throw new IllegalArgumentException("column '" + column + "' has type " + type.simpleString()
          + "; an integer type (tinyint, smallint, int or bigint) is needed");
    }
  }

  /**
   * A non-negative int from an integer column's value, or an error message naming the column and the value
   * (null for a null value: the caller applies its null policy).
   */
  static String outcomeError(String column, Object value) {
    if (value == null) {
      return "column '" + column + "' holds a null (NullPolicy.SKIP leaves such rows out)";
    }
    long v = ((Number) value).longValue();
    if (v < 0) {
      return "column '" + column + "' holds the negative value " + v;
    }
    if (v > Integer.MAX_VALUE) {
      return "column '" + column + "' holds the value " + v + ", above the largest outcome " + Integer.MAX_VALUE;
    }
    return null;
  }

  /** An error message when successes exceed trials, else null (both already valid outcomes). */
  static String trialsError(String trialsColumn, String successesColumn, int trials, int successes) {
    if (successes > trials) {
      return "column '" + successesColumn + "' holds " + successes + " successes, more than the " + trials
          + " trials in column '" + trialsColumn + "'";
    }
    return null;
  }
}
