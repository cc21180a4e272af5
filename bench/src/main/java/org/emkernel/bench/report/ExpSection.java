package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.List;

/** The bare vector exp the kernels are read against. */
final class ExpSection extends Section {
  ExpSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> rows = run.rows(EXP);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Bare vector exp (`").append(EXP).append("`)\n\n`DoubleVector.lanewise(EXP)` over outcomes × "
        + "components doubles in [−30, 0], summed: the floor the kernels are read against.\n\n");
    md.append("| outcomes | components | time | ns per exp | exps/s |\n|---:|---:|---:|---:|---:|\n");
    for (int outcomes : run.values(EXP, "outcomes")) {
      for (int k : run.values(EXP, "components")) {
        Run.Row r = run.find(EXP, "outcomes", str(outcomes), "components", str(k));
        if (r == null) {
          continue;
        }
        double n = (double) outcomes * k;
        md.append("| ").append(outcomes).append(" | ").append(k).append(" | ").append(time(r)).append(" | ")
            .append(fixed(r.ns / n)).append(" | ").append(rate(n, r.ns)).append(" |\n");
      }
    }
    md.append('\n');
  }
}
