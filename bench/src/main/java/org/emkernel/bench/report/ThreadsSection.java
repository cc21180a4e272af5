package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.ArrayList;
import java.util.List;

/** E-step and iteration rows measured on more than one E-step thread, against one thread. */
final class ThreadsSection extends Section {
  ThreadsSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> multi = new ArrayList<>();
    for (String b : new String[] {ESTEP, ITERATION}) {
      for (Run.Row r : run.rows(b)) {
        if (!"1".equals(r.params.getOrDefault("threads", "1"))) {
          multi.add(r);
        }
      }
    }
    if (multi.isEmpty() && !(run.rows(ESTEP).isEmpty() && run.rows(ITERATION).isEmpty())) {
      md.append("The E-step and iteration tables are on one E-step thread (`threads` = 1), so cells per second "
          + "are per core; add `-p threads=1,2` to a run to see the parallel E-step.\n\n");
    }
    if (multi.isEmpty()) {
      return;
    }
    md.append("### E-step threads\n\nThe tables above are on one E-step thread; these rows ran on more.\n\n");
    md.append("| benchmark | impl | outcomes | components | threads | time | cells/s | speed-up over 1 thread | B/op |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run.Row r : multi) {
      Run.Row one = run.find(r.benchmark, "impl", r.params.get("impl"), "outcomes", r.params.get("outcomes"),
          "components", r.params.get("components"));
      double cells = (double) r.intParam("outcomes") * r.intParam("components");
      md.append("| `").append(r.benchmark).append("` | ").append(r.params.get("impl")).append(" | ")
          .append(r.params.get("outcomes")).append(" | ").append(r.params.get("components")).append(" | ")
          .append(r.params.get("threads")).append(" | ").append(time(r)).append(" | ").append(rate(cells, r.ns))
          .append(" | ").append(one == null ? "–" : ratio(one.ns / r.ns)).append(" | ").append(bytes(r)).append(" |\n");
    }
    md.append('\n');
  }
}
