package org.emkernel.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * One result file (and its sidecar {@code .properties} with machine, JDK and command), parsed: a JMH JSON array, or
 * a fresh-JVM run ({@code bench/fresh.sh}), an object whose {@code processes} hold whole-process samples in
 * milliseconds per case and whose {@code jmh} holds the JMH results of the same run.
 */
final class Run {
  /** One benchmark × parameter combination: mean time per operation in ns, its error, and bytes allocated per op. */
  static final class Row {
    final String benchmark;
    final Map<String, String> params;
    final double ns;
    final double errorNs;
    final double allocPerOp;
    /** Secondary scores by their short name (an aux counter's name, gc.alloc.rate.norm, ...), as JMH gave them. */
    final Map<String, Double> secondary;

    Row(String benchmark, Map<String, String> params, double ns, double errorNs, double allocPerOp) {
      this(benchmark, params, ns, errorNs, allocPerOp, Map.of());
    }

    Row(String benchmark, Map<String, String> params, double ns, double errorNs, double allocPerOp,
        Map<String, Double> secondary) {
      this.benchmark = benchmark;
      this.params = params;
      this.ns = ns;
      this.errorNs = errorNs;
      this.allocPerOp = allocPerOp;
      this.secondary = secondary;
    }

    /** A secondary score, or NaN when JMH did not report it. */
    double secondary(String name) {
      return secondary.getOrDefault(name, Double.NaN);
    }

    int intParam(String name) {
      return Integer.parseInt(params.get(name));
    }
  }

  final String name;
  final Properties meta;
  final List<Row> rows;
  final Map<String, Object> first;
  /** A fresh-JVM run's samples: kind (wallMillis, insideMillis, cpuMillis) → case → one figure per round. */
  final Map<String, Map<String, double[]>> samples;

  private Run(String name, Properties meta, List<Row> rows, Map<String, Object> first,
      Map<String, Map<String, double[]>> samples) {
    this.name = name;
    this.meta = meta;
    this.rows = rows;
    this.first = first;
    this.samples = samples;
  }

  /** The median of a fresh-JVM run's samples of one kind and case, or NaN when the run has none. */
  double median(String kind, String name) {
    double[] v = samples.getOrDefault(kind, Map.of()).get(name);
    if (v == null || v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Reads {@code file} (JMH JSON) and {@code file} with .json replaced by .properties when present. */
  @SuppressWarnings("unchecked")
  static Run read(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String base = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    Map<String, Map<String, double[]>> samples = new LinkedHashMap<>();
    Properties fromFile = new Properties();
    if (parsed instanceof Map) {
      Map<String, Object> fresh = (Map<String, Object>) parsed;
      // The first fresh runs (before the report read them) kept the sample kinds at the top level.
      Object processes = fresh.containsKey("wallMillis") ? fresh : fresh.get("processes");
      if (!(processes instanceof Map)) {
        throw new IllegalArgumentException(file + ": not a fresh-JVM run (no \"processes\" object)");
      }
      for (Map.Entry<String, Object> kind : ((Map<String, Object>) processes).entrySet()) {
        if (!kind.getKey().endsWith("Millis")) {
          continue;
        }
        Map<String, double[]> cases = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : ((Map<String, Object>) kind.getValue()).entrySet()) {
          List<Object> values = (List<Object>) c.getValue();
          double[] v = new double[values.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = number(values.get(i));
          }
          cases.put(c.getKey(), v);
        }
        samples.put(kind.getKey(), cases);
      }
      fromFile.setProperty("profile", "fresh");
      String[][] keys = {{"command", "command"}, {"cpu", "cpu"}, {"cores", "cores"}, {"avx512f", "flags.avx512f"},
          {"memory", "memory"}, {"os", "os"}, {"java", "java"}, {"git", "git"},
          {"started", "started"}, {"finished", "finished"}, {"load", "load"},
          {"machine", "cpu"}, {"jdk", "java"}, {"commit", "git"}, {"date", "started"}};
      for (String[] key : keys) {
        if (fresh.get(key[0]) != null) {
          fromFile.setProperty(key[1], String.valueOf(fresh.get(key[0])));
        }
      }
      parsed = fresh.getOrDefault("jmh", List.of());
    }
    if (!(parsed instanceof List)) {
      throw new IllegalArgumentException(file + ": not a JMH result file (expected a JSON array)");
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Object> first = Collections.emptyMap();
    for (Object o : (List<Object>) parsed) {
      Map<String, Object> result = (Map<String, Object>) o;
      if (first.isEmpty()) {
        first = result;
      }
      String benchmark = shortName((String) result.get("benchmark"));
      Map<String, String> params = new LinkedHashMap<>();
      Object p = result.get("params");
      if (p instanceof Map) {
        for (Map.Entry<String, Object> e : ((Map<String, Object>) p).entrySet()) {
          params.put(e.getKey(), String.valueOf(e.getValue()));
        }
      }
      Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
      String unit = (String) primary.get("scoreUnit");
      double score = number(primary.get("score"));
      double error = number(primary.get("scoreError"));
      double ns = toNanosPerOp(score, unit, file);
      double errorNs = Double.isFinite(error) ? Math.abs(toNanosPerOp(score + error, unit, file) - ns) : Double.NaN;
      double alloc = Double.NaN;
      Map<String, Double> scores = new LinkedHashMap<>();
      Object secondary = result.get("secondaryMetrics");
      if (secondary instanceof Map) {
        for (Map.Entry<String, Object> e : ((Map<String, Object>) secondary).entrySet()) {
          double value = number(((Map<String, Object>) e.getValue()).get("score"));
          scores.put(e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey(), value);
          if (e.getKey().endsWith("gc.alloc.rate.norm")) {
            alloc = value;
          }
        }
      }
      rows.add(new Row(benchmark, params, ns, errorNs, alloc, scores));
    }
    Properties meta = new Properties(fromFile);
    Path sidecar = file.resolveSibling(base + ".properties");
    if (Files.exists(sidecar)) {
      try (Reader r = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
        meta.load(r);
      }
    }
    return new Run(base, meta, rows, first, samples);
  }

  /** org.emkernel.bench.EStepBenchmark.eStep → EStepBenchmark.eStep. */
  static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    int type = benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(type + 1);
  }

  static double number(Object o) {
    if (o instanceof Double) {
      return (Double) o;
    }
    if (o instanceof String) {
      try {
        return Double.parseDouble((String) o);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** Converts a JMH score (average time or throughput in any unit) to nanoseconds per operation. */
  static double toNanosPerOp(double score, String unit, Path file) {
    switch (unit) {
      case "ns/op":
        return score;
      case "us/op":
        return score * 1e3;
      case "ms/op":
        return score * 1e6;
      case "s/op":
        return score * 1e9;
      case "ops/ns":
        return 1 / score;
      case "ops/us":
        return 1e3 / score;
      case "ops/ms":
        return 1e6 / score;
      case "ops/s":
        return 1e9 / score;
      default:
        throw new IllegalArgumentException(file + ": unknown score unit " + unit);
    }
  }

  /** Rows of one benchmark (short name). */
  List<Row> rows(String benchmark) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.benchmark.equals(benchmark)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The row of a benchmark whose params include every given name=value pair, or null. */
  Row find(String benchmark, String... nameValues) {
    for (Row r : rows) {
      if (!r.benchmark.equals(benchmark)) {
        continue;
      }
      // Rows on more than one E-step thread only match when the threads are asked for explicitly.
      if (!"1".equals(r.params.getOrDefault("threads", "1")) && !asks(nameValues, "threads")) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < nameValues.length; i += 2) {
        if (!nameValues[i + 1].equals(r.params.get(nameValues[i]))) {
          match = false;
          break;
        }
      }
      if (match) {
        return r;
      }
    }
    return null;
  }

  private static boolean asks(String[] nameValues, String name) {
    for (int i = 0; i < nameValues.length; i += 2) {
      if (nameValues[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Distinct integer values of a parameter over a benchmark's rows, ascending. */
  TreeSet<Integer> values(String benchmark, String param) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Row r : rows(benchmark)) {
      String v = r.params.get(param);
      if (v != null) {
        out.add(Integer.parseInt(v));
      }
    }
    return out;
  }

  /** A string field of the first result (jdkVersion, vmName, …), or "?". */
  String field(String key) {
    Object v = first.get(key);
    return v == null ? "?" : String.valueOf(v);
  }

  /** The row of the same benchmark and parameters on one thread, or null. */
  Row onOneThread(Row r) {
    for (Row o : rows(r.benchmark)) {
      Map<String, String> p = new java.util.HashMap<>(r.params);
      p.put("threads", "1");
      if (o.params.equals(p)) {
        return o;
      }
    }
    return null;
  }
}
