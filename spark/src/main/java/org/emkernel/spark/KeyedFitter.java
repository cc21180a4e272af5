package org.emkernel.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emkernel.Criterion;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.Initialisation;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;

/**
 * One mixture fit per key of a Dataset, run on the executors. The rows of each key are counted into a
 * histogram where they live (Spark's partial aggregation, so the shuffle carries counts, not rows), each
 * key's counts are gathered in one place and the core fits them there. Each key's result is, bit for bit,
 * what {@link EmFitter} with the same settings gives on that key's histogram in one JVM, for any
 * partitioning.
 *
 * <p>The result has the key columns, then {@code family, components, weights, params, logLikelihood, aic,
 * bic, iterations, converged, observations, kernel} (the kernel that ran: {@code vector} or {@code scalar})
 * and {@code error}: null, or why the key could not be fitted (bad values, too few observations), in which
 * case the fit columns are null. Immutable; build with {@link #builder()}.
 */
public final class KeyedFitter {
  /** Names of the working columns of the aggregation, which key columns must not take. */
  private static final List<String> INTERNAL = List.of("_f", "_a", "_b", "_c", "_m", "_z", "_bins");

  private final List<String> keys;
  private final Layout layout;
  private final String aColumn;
  private final String bColumn;
  private final String countColumn;
  private final String familyColumn;
  private final NullPolicy nulls;
  private final int fitPartitions;
  private final FitSettings settings;

  private KeyedFitter(Builder b) {
    if (b.keys.isEmpty()) {
      throw new IllegalArgumentException("no key columns: give at least one with keys(...)");
    }
    if (b.layout == null) {
      throw new IllegalArgumentException("no data columns: give values(...), valueCounts(...) or trials(...)");
    }
    if ((b.family == null) == (b.familyColumn == null)) {
      throw new IllegalArgumentException(b.family == null ? "no family: give family(...) or familyColumn(...)"
          : "give family(...) or familyColumn(...), not both");
    }
    if (b.family != null && b.family.needsTrials() != (b.layout == Layout.TRIALS)) {
      throw new IllegalArgumentException("family " + b.family.name() + (b.family.needsTrials()
          ? " needs trials(...) columns" : " needs values(...) or valueCounts(...) columns, not trials(...)"));
    }
    if (b.familyColumn != null && b.layout == Layout.TRIALS) {
      throw new IllegalArgumentException("a family column needs values(...) or valueCounts(...); trials(...) "
          + "data are fitted with family(Family.binomialVaryingTrials())");
    }
    if (b.initial != null) {
      if (b.familyColumn != null || !b.initial.family().equals(b.family)) {
        throw new IllegalArgumentException("initial model of family " + b.initial.family().name()
            + " does not match the family " + (b.family == null ? "column" : b.family.name()));
      }
      if (b.criterion != null) {
        throw new IllegalArgumentException("an initial model fixes K; it does not go with a K range");
      }
    }
    this.keys = List.copyOf(b.keys);
    this.layout = b.layout;
    this.aColumn = b.aColumn;
    this.bColumn = b.bColumn;
    this.countColumn = b.countColumn;
    this.familyColumn = b.familyColumn;
    this.nulls = b.nulls;
    this.fitPartitions = b.fitPartitions;
    int k = b.initial != null ? b.initial.components() : b.minK;
    this.settings = new FitSettings(b.family == null ? null : FamilyNames.of(b.family), k,
        b.initial != null ? k : b.maxK, b.criterion, b.initial, b.seed, b.restarts, b.tolerance,
        b.maxIterations, b.accelerate, b.kernel, b.initialisation);
  }

  /** A builder: give keys, data columns, a family and K; the rest defaults to {@link EmFitter}'s defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The per-key fits of the data, which must belong to the given session. The returned Dataset is lazy like
   * any other: the fits run when it is computed (and again each time, unless the caller caches it).
   */
  public Dataset<Row> fit(SparkSession spark, Dataset<Row> data) {
    Columns.inSession(spark, data);
    StructType schema = data.schema();
    Set<String> seen = new HashSet<>();
    StructField[] keyFields = new StructField[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      keyFields[i] = Columns.field(schema, key);
      if (!seen.add(key)) {
        throw new IllegalArgumentException("key column '" + key + "' is given twice");
      }
      if (ResultColumns.isResultColumn(key) || INTERNAL.contains(key)) {
        throw new IllegalArgumentException("key column '" + key + "' has the name of a result column or of "
            + "one of the fitter's working columns " + INTERNAL);
      }
    }
    List<String> dataColumns = new ArrayList<>();
    dataColumns.add(aColumn);
    if (bColumn != null) {
      dataColumns.add(bColumn);
    }
    if (countColumn != null) {
      dataColumns.add(countColumn);
    }
    for (String c : dataColumns) {
      Columns.requireInteger(schema, c);
      if (seen.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' is both a key and a data column");
      }
    }
    if (familyColumn != null && !(Columns.field(schema, familyColumn).dataType().equals(DataTypes.StringType))) {
      throw new IllegalArgumentException("family column '" + familyColumn + "' has type "
          + Columns.field(schema, familyColumn).dataType().simpleString() + "; string is needed");
    }

    // Stage 1: a count per (key, family, outcome or trials and successes), partially aggregated map-side.
    List<Column> groups = new ArrayList<>();
    for (String key : keys) {
      groups.add(data.col(key));
    }
    if (familyColumn != null) {
      groups.add(data.col(familyColumn).as("_f"));
    }
    groups.add(data.col(aColumn).as("_a"));
    if (bColumn != null) {
      groups.add(data.col(bColumn).as("_b"));
    }
    Column counted = countColumn == null ? count(lit(1)).cast("decimal(38,0)")
        : sum(data.col(countColumn).cast("decimal(38,0)"));
    Column least = countColumn == null ? lit(1L) : min(data.col(countColumn)).cast("long");
    Column nullCounts = countColumn == null ? lit(0L)
        : sum(when(data.col(countColumn).isNull(), 1L).otherwise(0L));
    Dataset<Row> stage1 = data.groupBy(groups.toArray(new Column[0]))
        .agg(counted.as("_c"), least.as("_m"), nullCounts.as("_z"));

    // Stage 2: each key's bins in one row, fitted where that row lands.
    Column bin = struct(
        familyColumn != null ? col("_f") : lit(settings.family).as("_f"),
        col("_a").cast("long").as("_a"),
        bColumn != null ? col("_b").cast("long").as("_b") : lit(0L).as("_b"),
        col("_c"), col("_m"), col("_z"));
    Column[] keyColumns = keys.stream().map(k -> col("`" + k.replace("`", "``") + "`")).toArray(Column[]::new);
    // Spread the keys over a fixed number of partitions first: adaptive execution would otherwise coalesce the
    // small stream of counts into one partition and leave the fits to a single task.
    int spread = fitPartitions > 0 ? fitPartitions : Math.max(1, spark.sparkContext().defaultParallelism());
    Dataset<Row> perKey = stage1.repartition(spread, keyColumns).groupBy(keyColumns)
        .agg(collect_list(bin).as("_bins"));
    KeyFit fit = new KeyFit(settings, layout, keys.size(), aColumn, bColumn, countColumn, familyColumn, nulls);
    return perKey.map(fit, Encoders.row(ResultColumns.schema(keyFields)));
  }

  @Override
  public String toString() {
    return "KeyedFitter{keys=" + keys + ", layout=" + layout + ", columns=" + Arrays.asList(aColumn, bColumn,
        countColumn) + ", family=" + (familyColumn != null ? "column " + familyColumn : settings.family) + "}";
  }

  /** Builder for {@link KeyedFitter}; each setter checks its value. */
  public static final class Builder {
    private final List<String> keys = new ArrayList<>();
    private Layout layout;
    private String aColumn;
    private String bColumn;
    private String countColumn;
    private Family family;
    private String familyColumn;
    private MixtureModel initial;
    private int minK = 1;
    private int maxK = 1;
    private Criterion criterion;
    private long seed = EmFitter.DEFAULT_SEED;
    private int restarts = 1;
    private double tolerance = EmFitter.DEFAULT_TOLERANCE;
    private int maxIterations = EmFitter.DEFAULT_MAX_ITERATIONS;
    private boolean accelerate;
    private KernelChoice kernel = KernelChoice.AUTO;
    private Initialisation initialisation = Initialisation.KMEANS_PLUS_PLUS;
    private NullPolicy nulls = NullPolicy.FAIL;
    private int fitPartitions;

    private Builder() {}

    /** The key columns (any types Spark can group by); one fit per distinct combination. */
    public Builder keys(String... columns) {
      if (columns == null || columns.length == 0) {
        throw new IllegalArgumentException("no key columns given");
      }
      for (String c : columns) {
        keys.add(name(c, "key column"));
      }
      return this;
    }

    /** Data: one integer column, one observation per row. */
    public Builder values(String column) {
      return layout(Layout.VALUES, name(column, "value column"), null, null);
    }

    /** Data: an integer column of outcomes and one of counts (each row is that many observations). */
    public Builder valueCounts(String valueColumn, String countColumn) {
      return layout(Layout.VALUE_COUNTS, name(valueColumn, "value column"), null, name(countColumn, "count column"));
    }

    /** Data: integer columns of trials and successes, one observation per row (family binomial with varying trials). */
    public Builder trials(String trialsColumn, String successesColumn) {
      return layout(Layout.TRIALS, name(trialsColumn, "trials column"), name(successesColumn, "successes column"),
          null);
    }

    private Builder layout(Layout layout, String a, String b, String count) {
      this.layout = layout;
      this.aColumn = a;
      this.bColumn = b;
      this.countColumn = count;
      return this;
    }

    private static String name(String column, String what) {
      if (column == null || column.isEmpty()) {
        throw new IllegalArgumentException(what + " name is " + (column == null ? "null" : "empty"));
      }
      return column;
    }

    /** The family every key is fitted with. */
    public Builder family(Family family) {
      FamilyNames.of(family);
      this.family = family;
      return this;
    }

    /**
     * A string column naming each key's family as {@link Family#name()} does ({@code binomial(n=20)},
     * {@code poisson}, {@code geometric}, {@code negbinomial(r=2.5)}); one family per key.
     */
    public Builder familyColumn(String column) {
      this.familyColumn = name(column, "family column");
      return this;
    }

    /** K components for every key (default 1). */
    public Builder components(int k) {
      if (k < 1 || k > EmFitter.MAX_COMPONENTS) {
        throw new IllegalArgumentException("number of components K = " + k + " must be in [1, "
            + EmFitter.MAX_COMPONENTS + "]");
      }
      this.minK = k;
      this.maxK = k;
      this.criterion = null;
      return this;
    }

    /** Every K in [minK, maxK] for each key, keeping the best by the criterion. */
    public Builder components(int minK, int maxK, Criterion criterion) {
      if (minK < 1 || maxK < minK || maxK > EmFitter.MAX_COMPONENTS) {
        throw new IllegalArgumentException("component range [" + minK + ", " + maxK
            + "] is empty, starts below 1 or ends above " + EmFitter.MAX_COMPONENTS);
      }
      if (criterion == null) {
        throw new IllegalArgumentException("criterion is null");
      }
      this.minK = minK;
      this.maxK = maxK;
      this.criterion = criterion;
      return this;
    }

    /** The model every key's fit starts from (its K and family; no seeded starts). */
    public Builder initial(MixtureModel initial) {
      if (initial == null) {
        throw new IllegalArgumentException("initial model is null");
      }
      this.initial = initial;
      return this;
    }

    /** Seed of the starting models (see {@link EmFitter.Builder#seed}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of starting models per fit (see {@link EmFitter.Builder#restarts}). */
    public Builder restarts(int restarts) {
      EmFitter.builder().restarts(restarts);
      this.restarts = restarts;
      return this;
    }

    /** Relative log-likelihood tolerance (see {@link EmFitter.Builder#tolerance}). */
    public Builder tolerance(double tolerance) {
      EmFitter.builder().tolerance(tolerance);
      this.tolerance = tolerance;
      return this;
    }

    /** Iteration limit (see {@link EmFitter.Builder#maxIterations}). */
    public Builder maxIterations(int maxIterations) {
      EmFitter.builder().maxIterations(maxIterations);
      this.maxIterations = maxIterations;
      return this;
    }

    /** SQUAREM acceleration (see {@link EmFitter.Builder#accelerate}). */
    public Builder accelerate(boolean accelerate) {
      this.accelerate = accelerate;
      return this;
    }

    /** The kernel the executors use (default AUTO: vector when the executors' JVMs have the module). */
    public Builder kernel(KernelChoice kernel) {
      EmFitter.builder().kernel(kernel);
      this.kernel = kernel;
      return this;
    }

    /** How starting models are chosen (see {@link EmFitter.Builder#initialisation}). */
    public Builder initialisation(Initialisation initialisation) {
      EmFitter.builder().initialisation(initialisation);
      this.initialisation = initialisation;
      return this;
    }

    /** What a null in a data column does (default {@link NullPolicy#FAIL}: an error row for its key). */
    public Builder nulls(NullPolicy nulls) {
      if (nulls == null) {
        throw new IllegalArgumentException("null policy is null");
      }
      this.nulls = nulls;
      return this;
    }

    /**
     * Number of partitions (tasks) the keys are fitted in (default 0: the session's default parallelism, its
     * number of cores). The results do not depend on it.
     */
    public Builder fitPartitions(int partitions) {
      if (partitions < 0) {
        throw new IllegalArgumentException("fit partitions " + partitions + " must be >= 0 (0: the default parallelism)");
      }
      this.fitPartitions = partitions;
      return this;
    }

    /** The fitter; an IllegalArgumentException when the settings do not fit together. */
    public KeyedFitter build() {
      return new KeyedFitter(this);
    }
  }
}
