package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;


/** The M-step: time per call and per component. */
final class MStepSection extends Section {
  MStepSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    java.util.List<Run.Row> rows = run.rows(MSTEP);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### M-step (`").append(MSTEP).append("`)\n\nOne `EmSession.mStep()` after one E-step (histogram of "
        + "1001 outcomes); it reads only the K expected counts and statistics.\n\n");
    md.append("| components | time | ns per component | B/op |\n|---:|---:|---:|---:|\n");
    for (int k : run.values(MSTEP, "components")) {
      Run.Row r = run.find(MSTEP, "components", str(k));
      md.append("| ").append(k).append(" | ").append(time(r)).append(" | ").append(fixed(r.ns / k)).append(" | ")
          .append(bytes(r)).append(" |\n");
    }
    md.append('\n');
  }
}
