package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.List;

/** Histogram builds: time and observations per second. */
final class BuildSection extends Section {
  BuildSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> rows = run.rows(BUILD);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Histogram build (`").append(BUILD).append("`)\n\n`Histogram.of(int[])` over draws from a "
        + "3-component binomial(n = 100) mixture (outcomes 0..100).\n\n");
    md.append("| observations | time | observations/s | B/op |\n|---:|---:|---:|---:|\n");
    for (int n : run.values(BUILD, "observations")) {
      Run.Row r = run.find(BUILD, "observations", str(n));
      md.append("| ").append(n).append(" | ").append(time(r)).append(" | ").append(rate(n, r.ns)).append(" | ")
          .append(bytes(r)).append(" |\n");
    }
    md.append('\n');
  }
}
