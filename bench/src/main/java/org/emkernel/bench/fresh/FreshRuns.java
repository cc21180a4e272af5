package org.emkernel.bench.fresh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process timings of issue 20's fresh-JVM targets, all in one run: the launcher's {@code fit} on small
 * files with the default kernel and with {@code -Demkernel.kernel=scalar}, {@code --version}, a hello-world JVM
 * with the launcher's flags, and the first call of an embedding application ({@link FirstCall}). Every round runs
 * every case once, in a seeded shuffled order, so a neighbour's burst on a shared machine spreads over all cases;
 * each case's figure is its median over the rounds. Ratios come from medians of the same run. Data files are
 * generated into the work directory. Then, unless --no-jmh, {@link ManyFitsRun} in the same run. Writes one JSON
 * file into the results directory (samples, the JMH results, machine, JDK, command, load average) and regenerates
 * the directory's pages, where the report computes the verdicts.
 *
 * <p>Arguments: root of the repository (with {@code cli/emkernel}, a packaged {@code cli/target/emkernel.jar}, and
 * the core and bench modules' own jars, which the first call runs from),
 * the benchmarks jar, the results directory, the work directory, rounds, a label for the machine, and optionally
 * {@code --no-jmh}.
 */
public final class FreshRuns {
  private FreshRuns() {}

  /** One timed command: its name, what it compares with, the process and its environment. */
  record Case(String name, List<String> command, Map<String, String> env) {}

  /** Runs the cases and writes the results. */
  public static void main(String[] args) throws Exception {
    if (args.length != 6 && !(args.length == 7 && args[6].equals("--no-jmh"))) {
      throw new IllegalArgumentException("usage: FreshRuns ROOT BENCHMARKS_JAR RESULTS_DIR WORK_DIR ROUNDS MACHINE "
          + "[--no-jmh] (got " + args.length + " arguments)");
    }
    boolean jmh = args.length == 6;
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String loadBefore = loadAverage();
    Path root = Path.of(args[0]).toAbsolutePath();
    Path benchJar = Path.of(args[1]).toAbsolutePath();
    Path results = Path.of(args[2]).toAbsolutePath();
    Path work = Path.of(args[3]).toAbsolutePath();
    int rounds = Integer.parseInt(args[4]);
    String machine = args[5];
    String java = System.getProperty("emkernel.java", "java");
    Files.createDirectories(work);
    Files.createDirectories(results);
    Path poisson = write(work.resolve("poisson8.csv"), poissonCounts());
    Path binomial = write(work.resolve("binomial13.csv"), binomialCounts());
    Path values = work.resolve("binomial-values-1e7.txt");
    if (!Files.exists(values)) {
      writeValues(values);
    }
    String launcher = root.resolve("cli/emkernel").toString();
    // The first call runs as an embedding application has it: the library's jar beside the application's.
    String embedding = jar(root.resolve("core/target"), "emkernel-core-") + File.pathSeparator
        + jar(root.resolve("bench/target"), "emkernel-bench-");
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("hello", List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", benchJar.toString(),
        Hello.class.getName()), Map.of()));
    cases.add(new Case("version", List.of(launcher, "--version"), Map.of()));
    for (String kernel : new String[] {"default", "scalar"}) {
      Map<String, String> env = kernel.equals("scalar")
          ? Map.of("EMKERNEL_JAVA_OPTS", "-Demkernel.kernel=scalar") : Map.of();
      cases.add(new Case("fit-poisson8-" + kernel, List.of(launcher, "fit", "--format=counts", "--family=poisson",
          "-k", "2", "--restarts=8", poisson.toString()), env));
      cases.add(new Case("fit-binomial13-" + kernel, List.of(launcher, "fit", "--format=counts", "--trials=12",
          "-k", "2", "--weights=0.5,0.5", "--params=0.2,0.8", "--tolerance=1e-13", binomial.toString()), env));
      cases.add(new Case("fit-values1e7-" + kernel, List.of(launcher, "fit", "--trials=20", "-k", "3",
          values.toString()), env));
      cases.add(new Case("first-call-" + kernel, List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
          embedding, FirstCall.class.getName(), kernel.equals("scalar") ? "scalar" : "auto"), Map.of()));
    }
    // The first call again with a class-data-sharing archive of the embedding application itself, dumped here by a
    // training run of the same JVM (-XX:ArchiveClassesAtExit): what an embedder can do about class loading.
    Path appArchive = work.resolve("first-call.jsa");
    Files.deleteIfExists(appArchive);
    Process training = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "-XX:ArchiveClassesAtExit=" + appArchive, "-cp", embedding, FirstCall.class.getName(), "auto")
        .redirectErrorStream(true).redirectOutput(work.resolve("first-call-training.log").toFile()).start();
    if (training.waitFor() == 0 && Files.exists(appArchive)) {
      cases.add(new Case("first-call-default-appcds", List.of(java, "--add-modules", "jdk.incubator.vector",
          "-XX:SharedArchiveFile=" + appArchive, "-cp", embedding, FirstCall.class.getName(), "auto"),
          Map.of()));
    }
    // CPU time of each process (user + system) by /usr/bin/time where there is one: on a shared machine it moves
    // far less with the neighbours' load than wall time does.
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, double[]> wall = new LinkedHashMap<>();
    Map<String, double[]> inside = new LinkedHashMap<>();
    for (Case c : cases) {
      wall.put(c.name(), new double[rounds]);
      if (timed) {
        cpu.put(c.name(), new double[rounds]);
      }
    }
    inside.put("first-call-default", new double[rounds]);
    inside.put("first-call-scalar", new double[rounds]);
    inside.put("first-call-default-cpu", new double[rounds]);
    inside.put("first-call-scalar-cpu", new double[rounds]);
    inside.put("first-call-default-histogram", new double[rounds]);
    inside.put("first-call-scalar-histogram", new double[rounds]);
    for (Case c : cases) {
      if (c.name().equals("first-call-default-appcds")) {
        for (String suffix : new String[] {"", "-cpu", "-histogram"}) {
          inside.put(c.name() + suffix, new double[rounds]);
        }
      }
    }
    SplittableRandom shuffle = new SplittableRandom(2020);
    for (int r = 0; r < rounds; r++) {
      List<Case> order = new ArrayList<>(cases);
      for (int i = order.size() - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        Case t = order.get(i);
        order.set(i, order.get(j));
        order.set(j, t);
      }
      for (Case c : order) {
        Path out = work.resolve("out.txt");
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>();
        if (timed) {
          command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", work.resolve("time.txt").toString()));
        }
        command.addAll(c.command());
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
            .redirectOutput(out.toFile()).redirectError(work.resolve("err.txt").toFile());
        pb.environment().putAll(c.env());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException(c.name() + " did not finish in 10 minutes");
        }
        long nanos = System.nanoTime() - begin;
        if (p.exitValue() != 0) {
          throw new IllegalStateException(c.name() + " exited with " + p.exitValue() + ": "
              + Files.readString(work.resolve("err.txt")));
        }
        wall.get(c.name())[r] = nanos / 1e6;
        if (timed) {
          String[] times = Files.readString(work.resolve("time.txt")).trim().split("\\s+");
          cpu.get(c.name())[r] = (Double.parseDouble(times[times.length - 2])
              + Double.parseDouble(times[times.length - 1])) * 1e3;
        }
        if (inside.containsKey(c.name())) {
          // The figures are the last line: a JVM may log to standard output before them (JDK 25 reports an
          // application archive dumped without the default archive's module options there, and goes on).
          String[] lines = Files.readString(out).trim().split("\\R");
          String[] printed = lines[lines.length - 1].trim().split(" ");
          inside.get(c.name())[r] = Long.parseLong(printed[0]) / 1e6;
          inside.get(c.name() + "-cpu")[r] = Long.parseLong(printed[1]) / 1e6;
          inside.get(c.name() + "-histogram")[r] = Long.parseLong(printed[5]) / 1e6;
        }
      }
      System.out.printf(Locale.ROOT, "round %d of %d done%n", r + 1, rounds);
    }
    String jmhJson = null;
    if (jmh) {
      Path jmhFile = work.resolve("manyfits.json");
      ManyFitsRun.run(jmhFile);
      jmhJson = Files.readString(jmhFile, StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + write(results, machine, java, rounds, started, loadBefore, wall, inside, cpu,
        jmhJson));
  }

  /**
   * Writes the run as RESULTS_DIR/DATE_fresh_MACHINE_jdkN.json (an earlier run of the same name moves to the lowest
   * free -N name, as bench/run.sh does) and regenerates the results directory's pages, where the report turns the
   * samples and the JMH results into issue 20's verdicts.
   */
  static Path write(Path results, String machine, String java, int rounds, String started, String loadBefore,
      Map<String, double[]> wall, Map<String, double[]> inside, Map<String, double[]> cpu, String jmh)
      throws IOException, InterruptedException {
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    String commit = git("rev-parse", "--short", "HEAD")
        + (new ProcessBuilder("git", "diff", "--quiet", "HEAD", "--", "core", "bench", "cli").start().waitFor() == 0
        ? "" : "-dirty");
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String tail = "_" + machine + "_jdk" + Runtime.version().feature();
    Path json = results.resolve(date + "_fresh" + tail + ".json");
    if (Files.exists(json)) {
      int n = 1;
      while (Files.exists(results.resolve(date + "_fresh-" + n + tail + ".json"))
          || Files.exists(results.resolve("history").resolve(date + "_fresh-" + n + tail + ".json"))) {
        n++;
      }
      Files.move(json, results.resolve(date + "_fresh-" + n + tail + ".json"));
    }
    StringBuilder out = new StringBuilder("{\n");
    field(out, "profile", "fresh");
    field(out, "command", "bench/fresh.sh " + rounds + (jmh == null ? " --no-jmh" : "") + " (JVM " + java + ")");
    field(out, "cpu", cpuModel());
    field(out, "cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    field(out, "avx512f", cpuFlag("avx512f"));
    field(out, "memory", memory());
    field(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    field(out, "java", jdk);
    field(out, "git", commit);
    field(out, "started", started);
    field(out, "finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    field(out, "load", "1/5/15-minute load average at start " + loadBefore + ", at end " + loadAverage());
    out.append("  \"rounds\": ").append(rounds).append(",\n  \"processes\": {\n    \"wallMillis\": {");
    appendSamples(out, wall);
    out.append("},\n    \"insideMillis\": {");
    appendSamples(out, inside);
    out.append("},\n    \"cpuMillis\": {");
    appendSamples(out, cpu);
    out.append("}\n  }");
    if (jmh != null) {
      out.append(",\n  \"jmh\": ").append(jmh.strip());
    }
    out.append("\n}\n");
    Files.writeString(json, out.toString(), StandardCharsets.UTF_8);
    org.emkernel.bench.report.Report.write(results);
    return json;
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append("  \"").append(name).append("\": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\",\n");
  }

  /** The first three fields of /proc/loadavg, or "?". */
  /** The one packaged jar in dir whose name starts with prefix (not its sources, javadoc or tests jar). */
  static String jar(Path dir, String prefix) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-sources.jar")
            && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar");
      }).forEach(found::add);
    }
    if (found.size() != 1) {
      throw new IllegalStateException("expected one " + prefix + "*.jar in " + dir + ", found " + found);
    }
    return found.get(0).toString();
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** "yes" when /proc/cpuinfo lists the flag, "no" when it does not, "?" without /proc. */
  static String cpuFlag(String flag) {
    String flags = procField("/proc/cpuinfo", "flags");
    return flags == null ? "?" : java.util.Arrays.asList(flags.split("\\s+")).contains(flag) ? "yes" : "no";
  }

  /** MemTotal of /proc/meminfo in GiB, or "?". */
  static String memory() {
    String total = procField("/proc/meminfo", "MemTotal");
    return total == null ? "?"
        : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.replaceAll("[^0-9]", "")) / 1048576.0);
  }

  /** The CPU's model name from /proc/cpuinfo, or "?". */
  static String cpuModel() {
    String model = procField("/proc/cpuinfo", "model name");
    return model == null ? "?" : model;
  }

  /** The value after the colon of the first line of a /proc file that starts with the name; null without one. */
  private static String procField(String file, String name) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(name)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // no /proc: none
    }
    return null;
  }

  static void appendSamples(StringBuilder json, Map<String, double[]> samples) {
    String sep = "\n      ";
    for (Map.Entry<String, double[]> e : samples.entrySet()) {
      json.append(sep).append('"').append(e.getKey()).append("\": [");
      double[] v = e.getValue();
      for (int i = 0; i < v.length; i++) {
        json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
      }
      json.append(']');
      sep = ",\n      ";
    }
    json.append("\n    ");
  }

  static String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? out : "unknown";
  }

  static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Eight outcomes of a two-component Poisson mixture, as counts. */
  static String poissonCounts() {
    long[] counts = {120, 260, 300, 210, 160, 90, 40, 20};
    StringBuilder sb = new StringBuilder();
    for (int x = 0; x < counts.length; x++) {
      sb.append(x).append(',').append(counts[x]).append('\n');
    }
    return sb.toString();
  }

  /** Thirteen outcomes (binomial, 12 trials) of two close components, as counts: a slow fit. */
  static String binomialCounts() {
    long[] counts = {2, 14, 55, 140, 240, 300, 290, 240, 170, 100, 45, 14, 2};
    StringBuilder sb = new StringBuilder();
    for (int x = 0; x < counts.length; x++) {
      sb.append(x).append(',').append(counts[x]).append('\n');
    }
    return sb.toString();
  }

  /** 10^7 seeded draws from a binomial(20) mixture (biases 0.2, 0.5, 0.8), one per line. */
  static void writeValues(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    double[] biases = {0.2, 0.5, 0.8};
    StringBuilder sb = new StringBuilder(1 << 20);
    try (var writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < 10_000_000; i++) {
        double p = biases[random.nextInt(3)];
        int x = 0;
        for (int t = 0; t < 20; t++) {
          x += random.nextDouble() < p ? 1 : 0;
        }
        sb.append(x).append('\n');
        if (sb.length() > (1 << 20) - 16) {
          writer.write(sb.toString());
          sb.setLength(0);
        }
      }
      writer.write(sb.toString());
    }
  }
}
