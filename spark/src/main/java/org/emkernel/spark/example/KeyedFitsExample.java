package org.emkernel.spark.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.emkernel.EmFitter;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.emkernel.spark.KeyedFitter;
import org.emkernel.spark.SparkHistograms;

/**
 * Fits one two-component mixture per key on a local Spark master over generated data (by default 10^7 rows,
 * 10^3 keys, four families), prints what it recovered, and with {@code --measure DIR} also times the same
 * fits in a single-JVM loop and by the core alone on the collected rows, writing JSON and its report to DIR.
 *
 * <p>Options: {@code --rows N}, {@code --keys K}, {@code --partitions P}, {@code --master M} (default
 * {@code local[2]}), {@code --repeats R} (Spark runs when measuring), {@code --measure DIR}.
 */
public final class KeyedFitsExample {
  /** The documented command that runs this class (the spark module's example profile). */
  static final String COMMAND = "mvn -B -q -pl spark -am package -DskipTests -Pexample";

  private KeyedFitsExample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    long rows = 10_000_000L;
    int keys = 1000;
    int partitions = 8;
    int repeats = 2;
    String master = "local[2]";
    Path measure = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        fail("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--rows": rows = positive(args[i], v); break;
        case "--keys": keys = (int) positive(args[i], v); break;
        case "--partitions": partitions = (int) positive(args[i], v); break;
        case "--repeats": repeats = (int) positive(args[i], v); break;
        case "--master": master = v; break;
        case "--measure": measure = Path.of(v); break;
        default: fail("unknown option " + args[i] + " (known: --rows, --keys, --partitions, --master, --repeats, --measure)");
      }
    }
    if (rows < keys) {
      fail("--rows " + rows + " must be at least --keys " + keys);
    }
    SparkSession spark = SparkSession.builder().master(master).appName("emkernel keyed fits")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, rows, keys, partitions, repeats, master, measure, args);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, long rows, int keys, int partitions, int repeats, String master,
      Path measure, String[] args) throws IOException, InterruptedException {
    StageMetrics metrics = new StageMetrics();
    spark.sparkContext().addSparkListener(metrics);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long t0 = System.nanoTime();
    Dataset<Row> data = ExampleData.dataset(spark, rows, keys, partitions).cache();
    long count = data.count();
    double generateS = seconds(t0);
    System.out.printf("generated %d rows, %d keys, %d partitions on %s in %.1f s%n", count, keys, partitions,
        master, generateS);

    KeyedFitter fitter = KeyedFitter.builder().keys("key").values("x").familyColumn("family").components(2).build();
    ArrayNode sparkRuns = new ObjectMapper().createArrayNode();
    List<Row> fits = null;
    for (int r = 0; r < (measure == null ? 1 : repeats); r++) {
      settle();
      long t = System.nanoTime();
      fits = fitter.fit(spark, data).collectAsList();
      double s = seconds(t);
      settle();
      System.out.printf("fitted %d keys on the executors in %.1f s: %.3g rows/s%n", fits.size(), s, rows / s);
      ObjectNode run = sparkRuns.addObject();
      run.put("seconds", s);
      ArrayNode stages = run.putArray("stages");
      for (StageMetrics.Stage st : metrics.drain()) {
        ObjectNode o = stages.addObject();
        o.put("id", st.id).put("name", st.name).put("tasks", st.tasks).put("wallMs", st.wallMs)
            .put("runMs", st.runMs).put("cpuMs", st.cpuMs).put("shuffleWriteMs", st.shuffleWriteMs)
            .put("shuffleWriteBytes", st.shuffleWriteBytes).put("shuffleWriteRecords", st.shuffleWriteRecords)
            .put("shuffleFetchWaitMs", st.shuffleFetchWaitMs).put("shuffleReadBytes", st.shuffleReadBytes);
      }
    }
    Row[] byKey = new Row[keys];
    long errors = 0;
    long converged = 0;
    for (Row row : fits) {
      byKey[row.getInt(0)] = row;
      errors += row.isNullAt(row.fieldIndex("error")) ? 0 : 1;
      converged += !row.isNullAt(row.fieldIndex("converged")) && row.<Boolean>getAs("converged") ? 1 : 0;
    }
    System.out.printf("%d keys fitted, %d converged, %d errors, kernel %s%n", fits.size(), converged, errors,
        fits.get(0).<String>getAs("kernel"));
    for (int key = 0; key < Math.min(keys, 4); key++) {
      Row row = byKey[key];
      System.out.printf("key %d %-18s true %s%n        fitted weights %s params %s%n", key,
          row.<String>getAs("family"), ExampleData.model(key),
          row.getList(row.fieldIndex("weights")), row.getList(row.fieldIndex("params")));
    }
    if (measure != null) {
      measure(spark, data, rows, keys, partitions, master, byKey, sparkRuns, generateS, loadBefore, measure, args);
    }
  }

  /** The same fits in one JVM: a plain loop, and the core on the rows collected from Spark; then the JSON and report. */
  private static void measure(SparkSession spark, Dataset<Row> data, long rows, int keys, int partitions,
      String master, Row[] byKey, ArrayNode sparkRuns, double generateS, double loadBefore, Path dir, String[] args)
      throws IOException {
    EmFitter fitter = EmFitter.builder().threads(1).build();
    // The histogram of the whole column, built on the executors.
    long th = System.nanoTime();
    Histogram all = SparkHistograms.histogram(spark, data, "x");
    double histogramS = seconds(th);
    Histogram merged = Histogram.empty();
    // A plain loop over the keys: histogram, then fit, each timed (generation not).
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long loopCpuNs = 0;
    long histogramNs = 0;
    long fitNs = 0;
    boolean identical = true;
    for (int key = 0; key < keys; key++) {
      int[] x = ExampleData.values(key, rows, keys);
      long cpu = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      Histogram h = Histogram.of(x);
      long t1 = System.nanoTime();
      FitResult fit = fitter.fit(h, ExampleData.family(key), 2);
      long t2 = System.nanoTime();
      loopCpuNs += threads.getCurrentThreadCpuTime() - cpu;
      histogramNs += t1 - t;
      fitNs += t2 - t1;
      identical &= same(fit, byKey[key]);
      merged = merged.merge(h);
    }
    boolean histogramIdentical = merged.equals(all);
    System.out.printf("histogram of all %d rows on the executors in %.1f s, equal to the core's: %s%n", all.total(),
        histogramS, histogramIdentical);
    System.out.printf("single-JVM loop: histograms %.1f s, fits %.1f s; identical to Spark's: %s%n",
        histogramNs / 1e9, fitNs / 1e9, identical);
    // The core alone on the rows collected to the driver.
    long t = System.nanoTime();
    int[][] values = new int[keys][];
    int[] filled = new int[keys];
    for (int key = 0; key < keys; key++) {
      values[key] = new int[ExampleData.rows(key, rows, keys)];
    }
    Iterator<Row> it = data.select("key", "x").toLocalIterator();
    while (it.hasNext()) {
      Row row = it.next();
      int key = row.getInt(0);
      values[key][filled[key]++] = row.getInt(1);
    }
    long collectNs = System.nanoTime() - t;
    long cHistogramNs = 0;
    long cFitNs = 0;
    boolean cIdentical = true;
    for (int key = 0; key < keys; key++) {
      long a = System.nanoTime();
      Histogram h = Histogram.of(values[key]);
      long b = System.nanoTime();
      FitResult fit = fitter.fit(h, ExampleData.family(key), 2);
      long c = System.nanoTime();
      cHistogramNs += b - a;
      cFitNs += c - b;
      cIdentical &= same(fit, byKey[key]);
    }
    System.out.printf("collected: collect %.1f s, histograms %.1f s, fits %.1f s; identical to Spark's: %s%n",
        collectNs / 1e9, cHistogramNs / 1e9, cFitNs / 1e9, cIdentical);

    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    Instant now = Instant.now();
    root.put("date", now.toString());
    ObjectNode machine = root.putObject("machine");
    machine.put("cpu", cpuModel()).put("processors", Runtime.getRuntime().availableProcessors())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"))
        .put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20)
        .put("loadAverageBefore", loadBefore)
        .put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    ObjectNode jdk = root.putObject("jdk");
    jdk.put("version", System.getProperty("java.version")).put("vm", System.getProperty("java.vm.name"))
        .put("vendor", System.getProperty("java.vendor"));
    root.put("spark", spark.version());
    root.put("command", args.length == 0 ? COMMAND : COMMAND + " -Dexample.args=\"" + String.join(" ", args) + "\"");
    ArrayNode jvm = root.putArray("jvmArguments");
    ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(jvm::add);
    ArrayNode arguments = root.putArray("arguments");
    Arrays.stream(args).forEach(arguments::add);
    root.put("rows", rows).put("keys", keys).put("partitions", partitions).put("master", master)
        .put("components", 2).put("kernel", fitter.kernelName()).put("generateSeconds", generateS);
    root.set("sparkRuns", sparkRuns);
    root.putObject("sparkHistogram").put("seconds", histogramS).put("identicalToCore", histogramIdentical);
    root.putObject("singleJvmLoop").put("histogramSeconds", histogramNs / 1e9).put("fitSeconds", fitNs / 1e9)
        .put("cpuSeconds", loopCpuNs / 1e9).put("identicalToSpark", identical);
    root.putObject("collected").put("collectSeconds", collectNs / 1e9).put("histogramSeconds", cHistogramNs / 1e9)
        .put("fitSeconds", cFitNs / 1e9).put("identicalToSpark", cIdentical);
    Files.createDirectories(dir);
    String jdkMajor = System.getProperty("java.specification.version");
    Path file = dir.resolve(now.toString().substring(0, 10) + "_fit-per-key_jdk" + jdkMajor + ".json");
    for (int n = 1; Files.exists(file); n++) {
      file = dir.resolve(now.toString().substring(0, 10) + "_fit-per-key-" + n + "_jdk" + jdkMajor + ".json");
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    SparkReport.write(dir);
    System.out.println("wrote " + file + " and " + dir.resolve("README.md"));
  }

  /** Whether Spark's row holds exactly the fit. */
  private static boolean same(FitResult fit, Row row) {
    if (row == null || !row.isNullAt(row.fieldIndex("error"))) {
      return false;
    }
    MixtureModel m = fit.model();
    List<Double> w = row.getList(row.fieldIndex("weights"));
    List<Double> p = row.getList(row.fieldIndex("params"));
    for (int k = 0; k < m.components(); k++) {
      if (Double.doubleToLongBits(m.weight(k)) != Double.doubleToLongBits(w.get(k))
          || Double.doubleToLongBits(m.param(k)) != Double.doubleToLongBits(p.get(k))) {
        return false;
      }
    }
    return Double.doubleToLongBits(fit.logLikelihood()) == Double.doubleToLongBits(row.getAs("logLikelihood"))
        && fit.iterations() == row.<Integer>getAs("iterations");
  }

  /** Waits until Spark's listener bus has gone quiet (its events arrive asynchronously). */
  private static void settle() throws InterruptedException {
    Thread.sleep(1000);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static long positive(String option, String value) {
    try {
      long v = Long.parseLong(value);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("option " + option + " needs a positive integer, not '" + value + "'");
    return 0;
  }

  private static void fail(String message) {
    System.err.println("error: " + message);
    System.exit(2);
  }
}
