package org.emkernel.bench.fresh;

import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link org.emkernel.bench.ManyFitsBenchmark}'s {@code fit} (fits per second) and {@code paired} (a fit's
 * iteration against a steady {@code EmSession.iterate()} inside one measurement), with the gc profiler for the bytes
 * allocated per fit: one fork, 5 warm-up iterations of 1 s (the vector kernel needs C2 before it is measured) and 5
 * measured iterations of 1 s. Writes JMH's JSON; the report computes the verdicts from it. Argument: the JSON file.
 */
public final class ManyFitsRun {
  private ManyFitsRun() {}

  /** Runs the benchmark into the JSON file named by args[0]. */
  public static void main(String[] args) throws RunnerException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManyFitsRun JSON_OUT (got " + args.length + " arguments)");
    }
    run(Path.of(args[0]));
  }

  /** Runs the benchmark and writes JMH's JSON to the file. */
  static void run(Path json) throws RunnerException {
    Options options = new OptionsBuilder().include("org\\.emkernel\\.bench\\.ManyFitsBenchmark\\.(fit|paired)$")
        .forks(1).warmupIterations(5).warmupTime(TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1)).addProfiler("gc")
        .resultFormat(ResultFormatType.JSON).result(json.toString()).build();
    new Runner(options).run();
  }
}
