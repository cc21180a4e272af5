package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** A kernel table (E-step or iteration) by outcomes and components, and its throughput chart. */
final class KernelSection extends Section {
  final String benchmark;
  final String title;
  final String what;
  final boolean withExp;

  private KernelSection(RunPage page, String benchmark, String title, String what, boolean withExp) {
    super(page);
    this.benchmark = benchmark;
    this.title = title;
    this.what = what;
    this.withExp = withExp;
  }

  static KernelSection eStep(RunPage page) {
    return new KernelSection(page, ESTEP, "E-step", "One `EmSession.eStep()` over every bin of a histogram with "
        + "`outcomes` distinct outcomes (binomial n = outcomes − 1, every outcome present), for a "
        + "`components`-component mixture.", false);
  }

  static KernelSection iteration(RunPage page) {
    return new KernelSection(page, ITERATION, "EM iteration", "One `EmSession.iterate()` (M-step, then E-step) on "
        + "the E-step's workload, from the generating mixture (steady: the model stays near the maximum). The last "
        + "columns divide the vector kernel's time per cell by the bare vector exp's time per cell at the same "
        + "outcomes × components.", true);
  }

  /** The slug of this table's throughput chart. */
  String chartSlug() {
    return benchmark.substring(0, benchmark.indexOf('.')).replace("Benchmark", "").toLowerCase(Locale.ROOT)
        + "-throughput";
  }

  @Override
  void write() throws IOException {
    List<Run.Row> rows = run.rows(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### ").append(title).append(" (`").append(benchmark).append("`)\n\n").append(what).append("\n\n");
    boolean plain = rows.stream().anyMatch(r -> VECTOR_EXP_IMPL.equals(r.params.get("impl")));
    md.append("| outcomes | components | scalar time | scalar cells/s | vector time | vector cells/s | vector ÷ scalar "
        + "| scalar B/op | vector B/op |");
    int columns = 9;
    if (plain) {
      md.append(" vector-exp time | vector ÷ vector-exp speed-up |");
      columns += 2;
    }
    if (withExp) {
      md.append(" vector ns/cell | exp ns/cell | iteration ÷ exp (goal ≤ 1.5) |");
      columns += 3;
    }
    md.append("\n|").append("---:|".repeat(columns)).append('\n');
    for (int outcomes : run.values(benchmark, "outcomes")) {
      for (int k : run.values(benchmark, "components")) {
        Run.Row s = run.find(benchmark, "impl", "scalar", "outcomes", str(outcomes), "components", str(k));
        Run.Row v = run.find(benchmark, "impl", "vector", "outcomes", str(outcomes), "components", str(k));
        if (s == null && v == null) {
          continue;
        }
        double cells = (double) outcomes * k;
        md.append("| ").append(outcomes).append(" | ").append(k).append(" | ")
            .append(s == null ? "–" : time(s)).append(" | ").append(s == null ? "–" : rate(cells, s.ns)).append(" | ")
            .append(v == null ? "–" : time(v)).append(" | ").append(v == null ? "–" : rate(cells, v.ns)).append(" | ")
            .append(s != null && v != null ? ratio(s.ns / v.ns) : "–").append(" | ")
            .append(bytes(s)).append(" | ").append(bytes(v)).append(" |");
        if (plain) {
          Run.Row p = run.find(benchmark, "impl", VECTOR_EXP_IMPL, "outcomes", str(outcomes), "components", str(k));
          md.append(' ').append(time(p)).append(" | ").append(p != null && v != null ? ratio(p.ns / v.ns) : "–")
              .append(" |");
        }
        if (withExp) {
          Run.Row e = run.find(EXP, "outcomes", str(outcomes), "components", str(k));
          md.append(' ').append(v == null ? "–" : fixed(v.ns / cells)).append(" | ")
              .append(e == null ? "–" : fixed(e.ns / cells)).append(" | ");
          if (v != null && e != null) {
            double r = v.ns / e.ns;
            md.append(ratio(r)).append(r <= Targets.ITERATION_OVER_EXP ? " pass" : " miss");
          } else {
            md.append('–');
          }
          md.append(" |");
        }
        md.append('\n');
      }
    }
    md.append('\n');
    // Chart: cells per second against components, one line per kernel and outcomes.
    LineChart chart = new LineChart(title + ": throughput against components",
        "components K", "cells (outcome × component) per second");
    int colour = 0;
    for (int outcomes : run.values(benchmark, "outcomes")) {
      String c = LineChart.PALETTE[colour++ % LineChart.PALETTE.length];
      LineChart.Series vs = chart.series("vector, B = " + outcomes, c, "");
      LineChart.Series ss = chart.series("scalar, B = " + outcomes, c, "7 4");
      LineChart.Series es = chart.series("bare exp, B = " + outcomes, c, "2 3");
      LineChart.Series ps = chart.series("vector-exp, B = " + outcomes, c, "12 3 2 3");
      for (int k : run.values(benchmark, "components")) {
        double cells = (double) outcomes * k;
        Run.Row v = run.find(benchmark, "impl", "vector", "outcomes", str(outcomes), "components", str(k));
        Run.Row s = run.find(benchmark, "impl", "scalar", "outcomes", str(outcomes), "components", str(k));
        Run.Row e = run.find(EXP, "outcomes", str(outcomes), "components", str(k));
        if (v != null) {
          vs.add(k, cells / v.ns * 1e9);
        }
        if (s != null) {
          ss.add(k, cells / s.ns * 1e9);
        }
        if (e != null) {
          es.add(k, cells / e.ns * 1e9);
        }
        Run.Row p = run.find(benchmark, "impl", VECTOR_EXP_IMPL, "outcomes", str(outcomes), "components", str(k));
        if (p != null) {
          ps.add(k, cells / p.ns * 1e9);
        }
      }
    }
    chart(chart, chartSlug(), "solid: vector kernel, dashed: scalar kernel, dotted: bare vector exp over the same number "
        + "of cells; dash-dot (when measured): the vector kernel without its recurrence (vector-exp); colour: outcomes B.");
  }
}
