package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.oneThread;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every target the report checks, and the reference rows shown beside them: one table, in the order printed. A new
 * target is one more entry in {@link #ALL}: what it is, its goal, and how to measure it from a run (an empty list
 * when the run did not measure it, which leaves the row out).
 */
final class Targets {
  /** Goal: vector E-step at least this many times faster than scalar at outcomes 1001, components 8. */
  static final double VECTOR_SPEEDUP = 4.0;
  /** Goal: vector iteration cost per cell at most this many times the bare vector exp per cell. */
  static final double ITERATION_OVER_EXP = 1.5;

  /** How a figure meets its goal. */
  enum Kind {
    AT_LEAST("≥ "),
    AT_MOST("≤ "),
    /** A reference figure shown beside the targets, with no goal. */
    REFERENCE("");

    final String sign;

    Kind(String sign) {
      this.sign = sign;
    }
  }

  /** One measured figure: the row's text, the figure, and a note printed before it (or ""). */
  record Figure(String what, double value, String note) {}

  /** A target: its kind, goal and unit (× or a rate), and how a run measures it. */
  record Target(Kind kind, double goal, String unit, Function<Run, List<Figure>> measure) {
    /** Whether a figure meets the goal, on the unrounded value. */
    boolean met(double value) {
      return kind == Kind.AT_LEAST ? value >= goal : value <= goal;
    }
  }

  static final List<Target> ALL = List.of(
      new Target(Kind.AT_LEAST, VECTOR_SPEEDUP, "×", run -> ratio(run,
          "vector E-step speed-up over scalar, outcomes = 1001, components = 8",
          run.find(ESTEP, "impl", "scalar", "outcomes", "1001", "components", "8"),
          run.find(ESTEP, "impl", "vector", "outcomes", "1001", "components", "8"))),
      new Target(Kind.AT_LEAST, VECTOR_SPEEDUP, "×", Targets::eStepGrid),
      new Target(Kind.AT_MOST, ITERATION_OVER_EXP, "×", run -> ratio(run,
          "vector iteration cost per cell ÷ bare vector exp per cell, outcomes = 1001, components = 8",
          run.find(ITERATION, "impl", "vector", "outcomes", "1001", "components", "8"),
          run.find(EXP, "outcomes", "1001", "components", "8"))),
      new Target(Kind.AT_MOST, 0.5, "×", run -> ratio(run,
          "iteration per cell ÷ bare exp per cell, outcomes = 1001, components = 8 (performance target)",
          run.find(ITERATION, "impl", "vector", "outcomes", "1001", "components", "8"),
          run.find(EXP, "outcomes", "1001", "components", "8"))),
      new Target(Kind.AT_MOST, 1, "×", Targets::iterationGrid),
      new Target(Kind.REFERENCE, Double.NaN, "×", Targets::floors),
      new Target(Kind.AT_LEAST, 8, "×", run -> ratio(run,
          "iteration speed-up over the scalar reference iteration, outcomes = 1001, components = 8",
          run.find(ITERATION, "impl", "scalar", "outcomes", "1001", "components", "8"),
          run.find(ITERATION, "impl", "vector", "outcomes", "1001", "components", "8"))),
      new Target(Kind.AT_LEAST, 1.8, "×", run -> ratio(run,
          "iteration speed-up from 1 to 2 threads, outcomes = 100001, components = 8",
          run.find(PAR_ITERATION, "threads", "1", "outcomes", "100001"),
          run.find(PAR_ITERATION, "threads", "2", "outcomes", "100001"))),
      new Target(Kind.AT_LEAST, 1.8, "×", run -> {
        String most = largestBuild(run);
        return most == null ? List.of() : ratio(run,
            "histogram build speed-up from 1 to 2 threads, " + most + " observations",
            run.find(PAR_BUILD, "threads", "1", "observations", most),
            run.find(PAR_BUILD, "threads", "2", "observations", most));
      }),
      new Target(Kind.REFERENCE, Double.NaN, "×", run -> {
        String most = largestBuild(run);
        return most == null ? List.of() : ceiling(run, "host ceiling in this run: a bare vector read of the same "
            + most + " observations, 1 → 2 threads (memory)", run.find(PAR_READ, "threads", "2", "observations", most));
      }),
      new Target(Kind.REFERENCE, Double.NaN, "×", run -> ceiling(run,
          "host ceiling in this run: bare vector fused multiply-adds, 1 → 2 threads (cores)",
          run.find(PAR_FMA, "threads", "2"))),
      new Target(Kind.REFERENCE, Double.NaN, "×", run -> ceiling(run,
          "host ceiling in this run: four scalar fused multiply-add chains, latency-bound, 1 → 2 threads",
          run.find(PAR_SPIN, "threads", "2"))),
      new Target(Kind.AT_LEAST, 1, " G/s", run -> {
        String most = largestBuild(run);
        Run.Row one = most == null ? null : run.find(PAR_BUILD, "threads", "1", "observations", most);
        return one == null ? List.of() : List.of(new Figure("histogram build on one thread, "
            + "G observations per second", Double.parseDouble(most) / one.ns, ""));
      }),
      new Target(Kind.AT_MOST, 1, "×", Targets::launcherKernels),
      new Target(Kind.AT_MOST, 3, "×", run -> fresh(run, WALL, "launcher `fit` of the 8-bin Poisson file (default "
          + "kernel) ÷ hello-world JVM with the same flags, wall time", "fit-poisson8-default", "hello")),
      new Target(Kind.AT_MOST, 1.5, "×", run -> fresh(run, WALL, "launcher `--version` ÷ hello-world JVM with the "
          + "same flags, wall time", "version", "hello")),
      new Target(Kind.AT_LEAST, 250_000, " fits/s", run -> {
        Run.Row r = run.find(MANY_FITS, "impl", "auto", "components", "2", "start", "given");
        return r == null ? List.of() : List.of(new Figure("many small fits on one thread (`ManyFitsBenchmark.fit`), "
            + "11 outcomes, K = 2, from a given start, default kernel", 1e9 / r.ns, ""));
      }),
      new Target(Kind.AT_MOST, 1.2, "×", Targets::fitOverIterate),
      new Target(Kind.AT_MOST, 1, "×", run -> fresh(run, INSIDE, "first call in a fresh JVM (10^6 observations → "
          + "histogram → 20 iterations), default kernel ÷ scalar", "first-call-default", "first-call-scalar")),
      new Target(Kind.AT_MOST, 15, " ms", run -> {
        double ms = run.median(INSIDE, "first-call-default");
        return Double.isNaN(ms) ? List.of() : List.of(new Figure("that first call, default kernel, median", ms, ""));
      }),
      new Target(Kind.REFERENCE, Double.NaN, "×", run -> fresh(run, INSIDE, "that first call's thread CPU time, "
          + "default kernel ÷ scalar", "first-call-default-cpu", "first-call-scalar-cpu")),
      new Target(Kind.REFERENCE, Double.NaN, "×", run -> fresh(run, INSIDE, "that first call with a class-data-sharing "
          + "archive of the application (-XX:ArchiveClassesAtExit) ÷ without, default kernel", "first-call-default-appcds",
          "first-call-default")));

  private Targets() {}

  /** numerator.ns ÷ denominator.ns as one figure, or nothing when either was not measured. */
  private static List<Figure> ratio(Run run, String what, Run.Row numerator, Run.Row denominator) {
    return numerator == null || denominator == null ? List.of()
        : List.of(new Figure(what, numerator.ns / denominator.ns, ""));
  }

  /** The speed-up of a bare loop from one to two threads, shown beside the thread targets. */
  private static List<Figure> ceiling(Run run, String what, Run.Row two) {
    Run.Row one = two == null ? null : run.onOneThread(two);
    return one == null ? List.of() : List.of(new Figure(what, one.ns / two.ns, ""));
  }

  /**
   * A fresh-JVM run's median of one case ÷ the median of another, or nothing when either was not measured. The
   * verdict is on that ratio; beside it, how far the machine's noise carries it: the interval of the rounds' own
   * ratios (each round ran both cases) that holds their median with 95 % or more (see {@link #medianInterval}).
   */
  private static List<Figure> fresh(Run run, String kind, String what, String numerator, String denominator) {
    double r = run.median(kind, numerator) / run.median(kind, denominator);
    if (Double.isNaN(r)) {
      return List.of();
    }
    double[] a = run.samples.getOrDefault(kind, Map.of()).get(numerator);
    double[] b = run.samples.getOrDefault(kind, Map.of()).get(denominator);
    int n = Math.min(a.length, b.length);
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = a[i] / b[i];
    }
    String interval = medianInterval(ratios);
    return List.of(new Figure(interval.isEmpty() ? what : what + " (" + interval + ")", r, ""));
  }

  /**
   * The distribution-free interval for the median of these values: the j-th smallest to the j-th largest, j the
   * largest order with P(Binomial(n, ½) &lt; j) ≤ 2.5 %, so that it holds the median with probability
   * 1 − 2·P(Binomial(n, ½) &lt; j) ≥ 95 %; "" below 6 values, where no such j exists.
   */
  static String medianInterval(double[] values) {
    int n = values.length;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double below = 0; // P(Binomial(n, ½) < j), for j = 1, 2, ...
    double term = Math.pow(0.5, n); // P(Binomial(n, ½) = j − 1)
    int order = 0;
    double outside = 0;
    for (int j = 1; j <= n / 2; j++) {
      below += term;
      term = term * (n - j + 1) / j;
      if (below > 0.025) {
        break;
      }
      order = j;
      outside = 2 * below;
    }
    if (order == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "rounds' own ratios: %d %% interval of their median %s–%s×",
        (int) Math.floor(100 * (1 - outside)), Format.ratio(sorted[order - 1]).replace("×", ""),
        Format.ratio(sorted[n - order]).replace("×", ""));
  }

  /** The launcher's fit on each small file, default kernel ÷ {@code -Demkernel.kernel=scalar}, wall time. */
  private static List<Figure> launcherKernels(Run run) {
    List<Figure> out = new ArrayList<>();
    String[][] files = {{"poisson8", "8-bin Poisson counts, K = 2, 8 restarts"},
        {"binomial13", "13-bin binomial counts, K = 2, given start, tolerance 1e-13"},
        {"values1e7", "10^7 binomial values, K = 3"}};
    for (String[] f : files) {
      out.addAll(fresh(run, WALL, "launcher `fit` of " + f[1] + ", default kernel ÷ scalar, wall time",
          "fit-" + f[0] + "-default", "fit-" + f[0] + "-scalar"));
    }
    return out;
  }

  /**
   * A fit's iteration ÷ one steady {@code EmSession.iterate()}, both timed in the same measurement
   * ({@code ManyFitsBenchmark.paired}), default kernel, per K and start.
   */
  private static List<Figure> fitOverIterate(Run run) {
    List<Figure> out = new ArrayList<>();
    for (Run.Row r : run.rows(MANY_PAIRED)) {
      if (!"auto".equals(r.params.get("impl"))) {
        continue;
      }
      double ratio = r.secondary("fitNanos") / r.secondary("fitIterations")
          / (r.secondary("iterateNanos") / r.secondary("iterateCalls"));
      if (!Double.isNaN(ratio)) {
        out.add(new Figure("a `fit()` iteration ÷ a steady `EmSession.iterate()` in the same measurement, 11 outcomes, "
            + "K = " + r.params.get("components") + ", " + r.params.get("start") + " start, default kernel", ratio, ""));
      }
    }
    return out;
  }

  /** The largest parallel build measured (small ones are dominated by fixed costs), or null. */
  private static String largestBuild(Run run) {
    String most = null;
    for (Run.Row r : run.rows(PAR_BUILD)) {
      if (most == null || r.intParam("observations") > Integer.parseInt(most)) {
        most = r.params.get("observations");
      }
    }
    return most;
  }

  /** The least vector ÷ scalar E-step speed-up over the run's grid (one thread). */
  private static List<Figure> eStepGrid(Run run) {
    int points = 0;
    int fast = 0;
    double least = Double.POSITIVE_INFINITY;
    for (Run.Row v : run.rows(ESTEP)) {
      Run.Row s = run.find(ESTEP, "impl", "scalar", "outcomes", v.params.get("outcomes"),
          "components", v.params.get("components"));
      if ("vector".equals(v.params.get("impl")) && oneThread(v) && s != null) {
        points++;
        fast += s.ns / v.ns >= VECTOR_SPEEDUP ? 1 : 0;
        least = Math.min(least, s.ns / v.ns);
      }
    }
    return points == 0 ? List.of() : List.of(new Figure("vector E-step speed-up over scalar at every point of the "
        + "grid", least, fast + " of " + points + " points, least "));
  }

  /** The worst iteration ÷ bare exp per cell over the grid's points with components ≥ 3 (one thread). */
  private static List<Figure> iterationGrid(Run run) {
    int points = 0;
    int within = 0;
    double worst = 0;
    for (Run.Row v : run.rows(ITERATION)) {
      Run.Row e = run.find(EXP, "outcomes", v.params.get("outcomes"), "components", v.params.get("components"));
      if ("vector".equals(v.params.get("impl")) && oneThread(v) && e != null && v.intParam("components") >= 3) {
        points++;
        within += v.ns / e.ns <= 1 ? 1 : 0;
        worst = Math.max(worst, v.ns / e.ns);
      }
    }
    return points == 0 ? List.of() : List.of(new Figure("iteration per cell ÷ bare exp per cell at every point "
        + "with components ≥ 3", worst, within + " of " + points + " points within, worst "));
  }

  /** The hand-written floor beside the per-point target, per outcomes and components (its quicker layout). */
  private static List<Figure> floors(Run run) {
    List<Figure> out = new ArrayList<>();
    for (Run.Row f : FloorSection.floors(run)) {
      Run.Row e = run.find(EXP, "outcomes", f.params.get("bins"), "components", f.params.get("components"));
      if (e != null) {
        out.add(new Figure("reference in this run: a hand-written iteration without checks "
            + "(`IterationFloorBenchmark`, " + f.params.get("layout") + " layout), outcomes = " + f.params.get("bins")
            + ", components = " + f.params.get("components") + ", per cell ÷ bare exp per cell", f.ns / e.ns, ""));
      }
    }
    return out;
  }

  /** One table row per measured figure: what, measured, goal, verdict; the verdict on the unrounded figure. */
  static void table(Run run, StringBuilder md) {
    StringBuilder rows = new StringBuilder();
    for (Target t : ALL) {
      for (Figure f : t.measure().apply(run)) {
        rows.append("| ").append(f.what()).append(" | ").append(f.note());
        if (t.kind() == Kind.REFERENCE) {
          rows.append(Format.ratio(f.value())).append(" | (reference) | – |\n");
        } else {
          rows.append(Format.agreeing(f.value(), t.goal(), t.kind() == Kind.AT_LEAST)).append(t.unit()).append(" | ")
              .append(t.kind().sign).append(Format.agreeing(t.goal(), t.goal(), true)).append(t.unit()).append(" | ")
              .append(t.met(f.value()) ? "**PASS**" : "**MISS**").append(" |\n");
        }
      }
    }
    if (rows.length() == 0) {
      md.append("This run measured none of the targets.\n\n");
      return;
    }
    md.append("| target | measured | goal | verdict |\n|---|---|---|---|\n").append(rows).append('\n');
  }

  /** How many of the run's measured targets it met, as "met of measured", or "" when it measured none. */
  static String score(Run run) {
    int measured = 0;
    int met = 0;
    for (Target t : ALL) {
      if (t.kind() == Kind.REFERENCE) {
        continue;
      }
      for (Figure f : t.measure().apply(run)) {
        measured++;
        met += t.met(f.value()) ? 1 : 0;
      }
    }
    return measured == 0 ? "" : met + " of " + measured;
  }
}
