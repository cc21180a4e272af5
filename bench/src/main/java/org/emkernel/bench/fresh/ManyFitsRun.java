package org.emkernel.bench.fresh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link org.emkernel.bench.ManyFitsBenchmark} (one fork, 6 warm-up iterations of 2 s, as the vector
 * kernel can take seconds of a loaded machine to compile, and 5 measured iterations of 1 s), keeps
 * JMH's JSON, and appends issue 20's two verdicts on it to the fresh run's Markdown and README: fits per second at
 * K = 2 from a given start (≥ 250,000), and a fit's iteration against one {@code EmSession.iterate()} on the same
 * histograms (≤ 1.2×), per kernel, K and start. Arguments: JSON out, Markdown, README.
 */
public final class ManyFitsRun {
  private ManyFitsRun() {}

  /** Runs the benchmark and writes the verdicts. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ManyFitsRun JSON_OUT MARKDOWN README (got " + args.length + ")");
    }
    Options options = new OptionsBuilder().include("org.emkernel.bench.ManyFitsBenchmark")
        .forks(1).warmupIterations(6).warmupTime(TimeValue.seconds(2))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1))
        .resultFormat(ResultFormatType.JSON).result(args[0]).build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> rows = new LinkedHashMap<>(); // key -> fits/s, fit iterations/s, iterate/s
    for (RunResult r : results) {
      var params = r.getParams();
      String key = params.getParam("impl") + " | " + params.getParam("components") + " | "
          + params.getParam("start");
      double[] row = rows.computeIfAbsent(key, k -> new double[3]);
      String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      if (method.equals("fit")) {
        row[0] = r.getPrimaryResult().getScore();
        Result iterations = r.getSecondaryResults().get("iterations");
        row[1] = iterations == null ? Double.NaN : iterations.getScore();
      } else {
        row[2] = r.getPrimaryResult().getScore();
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("\n## Many small fits (ManyFitsBenchmark, one thread; JMH -f 1 -wi 6 -w 2s -i 5, JSON `")
        .append(Path.of(args[0]).getFileName()).append("`)\n\n")
        .append("64 histograms of 200 binomial(10) draws (11 outcomes) fitted in turn. A fit's iteration is "
            + "1 / (iterations per second inside the fits); `iterate()` is one EmSession.iterate() on the same "
            + "histograms' sessions.\n\n")
        .append("| kernel | K | start | fits/s | ns per fit iteration | ns per iterate() | ratio (≤ 1.2×) | "
            + "fits/s at K = 2, given (≥ 250,000) |\n|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, double[]> e : rows.entrySet()) {
      double[] v = e.getValue();
      double fitIteration = 1e9 / v[1];
      double iterate = 1e9 / v[2];
      double ratio = fitIteration / iterate;
      boolean throughputTarget = e.getKey().contains("| 2 | given");
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.3f× %s | %s |%n", e.getKey(), v[0],
          fitIteration, iterate, ratio, ratio <= 1.2 ? "PASS" : "MISS",
          throughputTarget ? (v[0] >= 250_000 ? "PASS" : "MISS") : ""));
    }
    for (int i = 1; i < 3; i++) {
      Files.writeString(Path.of(args[i]), md.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
    System.out.print(md);
  }
}
