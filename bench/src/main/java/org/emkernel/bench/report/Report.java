package org.emkernel.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The results generator. {@code Report <dir>} keeps the latest run of each profile, machine and JDK in dir and moves
 * older runs (JSON and sidecar) to dir/history/; it writes one page per run beside its JSON, charts for the latest
 * runs, the dashboard dir/README.md and the index dir/history/README.md. {@code Report compare <a.json> <b.json>}
 * prints two runs side by side as ratios. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.emkernel.bench.report.Report results/}.
 */
public final class Report {
  static final String HISTORY = "history";
  static final String CHARTS = "charts";

  private Report() {}

  /** Writes the dashboard of a results directory, or compares two runs. */
  public static void main(String[] args) throws IOException {
    try {
      if (args.length == 3 && args[0].equals("compare")) {
        System.out.print(Compare.markdown(Run.read(existing(args[1])), Run.read(existing(args[2]))));
        return;
      }
      if (args.length != 1) {
        System.err.println("usage: Report <results-directory> | Report compare <a.json> <b.json>");
        System.exit(2);
      }
      Path dir = Paths.get(args[0]);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(dir + " is not a directory");
      }
      System.out.println("Report: wrote " + write(dir));
    } catch (IllegalArgumentException e) {
      System.err.println("Report: " + e.getMessage());
      System.exit(2);
    }
  }

  private static Path existing(String file) {
    Path p = Paths.get(file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    return p;
  }

  /** A run's file name: date, profile, the number bench/run.sh gives an earlier run of the same day, the rest. */
  private static final Pattern RUN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})_([a-z]+)(?:-(\\d{1,9}))?_(.*)");

  /**
   * Runs newest first: by date, then profile, then machine and JDK, then run number (the unnumbered run is the
   * day's last, then -N before -(N − 1): compared as numbers, so -10 comes before -9). Other names by name.
   */
  static final Comparator<Path> NEWEST_FIRST = Comparator.comparing((Path p) -> runKey(p.getFileName().toString()))
      .reversed();

  /** Sortable key of a run's file name: fields in order, the run number zero-padded (unnumbered: the highest). */
  private static String runKey(String name) {
    Matcher m = RUN_NAME.matcher(name);
    if (!m.matches()) {
      return name;
    }
    String number = m.group(3) == null ? "9999999999" : String.format(Locale.ROOT, "%010d", Long.parseLong(m.group(3)));
    return m.group(1) + "_" + m.group(2) + "_" + m.group(4) + "_" + number;
  }

  /** The series a run belongs to: its profile and the rest of its name (machine and JDK); other names alone. */
  static String series(String name) {
    Matcher m = RUN_NAME.matcher(name);
    return m.matches() ? m.group(2) + "_" + m.group(4) : name;
  }

  /** Generates everything for dir and returns the dashboard's path. */
  public static Path write(Path dir) throws IOException {
    Path history = dir.resolve(HISTORY);
    Map<String, Path> latest = new LinkedHashMap<>();
    for (Path f : jsonFiles(dir)) {
      String name = base(f);
      if (latest.putIfAbsent(series(name), f) != null) {
        moveRun(f, history);
      }
    }
    Path charts = dir.resolve(CHARTS);
    deleteMatching(charts, ".svg");
    deleteMatching(dir, ".md");
    deleteMatching(history, ".md");
    List<Run> runs = new ArrayList<>();
    for (Path f : latest.values()) {
      Run run = Run.read(f);
      runs.add(run);
      String page = new RunPage(run, charts).write("#");
      Files.writeString(dir.resolve(run.name + ".md"), page, StandardCharsets.UTF_8);
    }
    List<Run> older = new ArrayList<>();
    for (Path f : jsonFiles(history)) {
      Run run = Run.read(f);
      older.add(run);
      Files.writeString(history.resolve(run.name + ".md"), new RunPage(run, null).write("#"), StandardCharsets.UTF_8);
    }
    if (!older.isEmpty()) {
      Files.writeString(history.resolve("README.md"), Dashboard.index(older), StandardCharsets.UTF_8);
    }
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, Dashboard.markdown(runs, older.size(), charts), StandardCharsets.UTF_8);
    return readme;
  }

  /** dir's JMH JSON files, newest first (none when dir does not exist). */
  static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(NEWEST_FIRST)
          .collect(Collectors.toList());
    }
  }

  static String base(Path json) {
    String n = json.getFileName().toString();
    return n.substring(0, n.length() - ".json".length());
  }

  /** Moves a run's JSON and sidecar into history; refuses to overwrite a run already there. */
  private static void moveRun(Path json, Path history) throws IOException {
    Files.createDirectories(history);
    Path sidecar = json.resolveSibling(base(json) + ".properties");
    for (Path p : new Path[] {json, sidecar}) {
      if (Files.exists(p) && Files.exists(history.resolve(p.getFileName()))) {
        throw new IllegalArgumentException(history.resolve(p.getFileName()) + " already exists: rename " + p
            + " before regenerating");
      }
    }
    Files.move(json, history.resolve(json.getFileName()));
    if (Files.exists(sidecar)) {
      Files.move(sidecar, history.resolve(sidecar.getFileName()));
    }
  }

  /** Deletes dir's files ending in suffix: generated pages and charts are written afresh each time. */
  private static void deleteMatching(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(suffix)).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  /** How long a run took, from its sidecar's start and finish ("12 min 30 s"), or "?". */
  static String duration(Run run) {
    try {
      Duration d = Duration.between(Instant.parse(run.meta.getProperty("started", "")),
          Instant.parse(run.meta.getProperty("finished", "")));
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    } catch (DateTimeParseException e) {
      return "?";
    }
  }

  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }
}
