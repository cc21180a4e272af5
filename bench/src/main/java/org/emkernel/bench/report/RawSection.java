package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.io.IOException;
import java.util.List;

/** The histogram iteration against the raw-observation baseline, with the build's break-even. */
final class RawSection extends Section {
  RawSection(RunPage page) {
    super(page);
  }

  @Override
  void write() throws IOException {
    List<Run.Row> rows = run.rows(RAW);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Histogram against the raw-observation baseline (`RawObservationBenchmark`)\n\n");
    md.append("`rawIteration`: one scalar E + M iteration over every raw observation, written plainly "
        + "(`org.emkernel.bench.RawEm`). `histogramIteration`: one `EmSession.iterate()` (vector kernel) on the "
        + "histogram of the same draws from a `components`-component binomial(n = 100) mixture. "
        + "Build is `HistogramBuildBenchmark` at the same number of observations (3-component data, same "
        + "outcome range); break-even is the number of iterations after which building the histogram "
        + "has paid for itself.\n\n");
    md.append("| observations | components | raw time | raw observations/s | histogram iteration | raw ÷ histogram "
        + "| build | build + 1 iteration | raw ÷ (build + 1 iteration) | break-even iterations | raw B/op |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    LineChart chart = new LineChart("One EM iteration: raw observations against the histogram",
        "observations N", "time per iteration").yFormat(LineChart::duration);
    int colour = 0;
    for (int k : run.values(RAW, "components")) {
      String c = LineChart.PALETTE[colour++ % LineChart.PALETTE.length];
      LineChart.Series rawLine = chart.series("raw baseline, K = " + k, c, "7 4");
      LineChart.Series histLine = chart.series("histogram iteration, K = " + k, c, "");
      LineChart.Series buildLine = chart.series("build + 1 iteration, K = " + k, c, "2 3");
      for (int n : run.values(RAW, "observations")) {
        Run.Row r = run.find(RAW, "observations", str(n), "components", str(k));
        Run.Row h = run.find(HIST, "observations", str(n), "components", str(k));
        Run.Row b = run.find(BUILD, "observations", str(n));
        if (r == null) {
          continue;
        }
        rawLine.add(n, r.ns);
        md.append("| ").append(n).append(" | ").append(k).append(" | ").append(time(r)).append(" | ")
            .append(rate(n, r.ns)).append(" | ").append(h == null ? "–" : time(h)).append(" | ")
            .append(h == null ? "–" : ratio(r.ns / h.ns)).append(" | ").append(b == null ? "–" : time(b))
            .append(" | ");
        if (h != null) {
          histLine.add(n, h.ns);
        }
        if (h != null && b != null) {
          double first = b.ns + h.ns;
          buildLine.add(n, first);
          md.append(timeNs(first)).append(" | ").append(ratio(r.ns / first)).append(" | ");
          if (r.ns > h.ns) {
            md.append((long) Math.max(1, Math.ceil(b.ns / (r.ns - h.ns))));
          } else {
            md.append("never");
          }
        } else {
          md.append("– | – | –");
        }
        md.append(" | ").append(bytes(r)).append(" |\n");
      }
    }
    md.append('\n');
    chart(chart, "raw-vs-histogram", "dashed: raw baseline; solid: one iteration on the histogram; dotted: "
        + "building the histogram plus one iteration; colour: components K.");
  }
}
