package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.ArrayList;
import java.util.List;

/** The hand-written floor at few outcomes, against the bare exp and the library's iteration. */
final class FloorSection extends Section {
  FloorSection(RunPage page) {
    super(page);
  }

  /** Per outcomes and components, the quicker layout's row of the floor benchmark. */
  static List<Run.Row> floors(Run run) {
    List<Run.Row> out = new ArrayList<>();
    for (int outcomes : run.values(FLOOR, "bins")) {
      for (int k : run.values(FLOOR, "components")) {
        Run.Row best = null;
        for (Run.Row r : run.rows(FLOOR)) {
          if (r.intParam("bins") == outcomes && r.intParam("components") == k && (best == null || r.ns < best.ns)) {
            best = r;
          }
        }
        if (best != null) {
          out.add(best);
        }
      }
    }
    return out;
  }

  @Override
  void write() {
    List<Run.Row> rows = run.rows(FLOOR);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### A floor at few outcomes (`").append(FLOOR).append("`)\n\nOne EM iteration (M-step, then E-step "
        + "with the log-likelihood) on the iteration benchmark's workload, written by hand for the binomial alone: "
        + "no range checks, masses, fading or rising components, fallbacks, other families or deterministic "
        + "arithmetic (lane sums by `reduceLanes`, logarithms by `lanewise(LOG)`). Lanes are outcomes or "
        + "components. It is what an iteration costs at least, near enough, at these sizes: against the bare exp "
        + "over the same few cells, and the library's vector iteration (`").append(ITERATION).append("`) against it."
        + "\n\n");
    md.append("| outcomes | components | layout | time | per cell ÷ bare exp per cell | library's vector iteration "
        + "| library ÷ floor | B/op |\n|---:|---:|---|---:|---:|---:|---:|---:|\n");
    for (int outcomes : run.values(FLOOR, "bins")) {
      for (int k : run.values(FLOOR, "components")) {
        Run.Row e = run.find(EXP, "outcomes", str(outcomes), "components", str(k));
        Run.Row lib = run.find(ITERATION, "impl", "vector", "outcomes", str(outcomes), "components", str(k));
        for (Run.Row f : rows) {
          if (f.intParam("bins") != outcomes || f.intParam("components") != k) {
            continue;
          }
          md.append("| ").append(outcomes).append(" | ").append(k).append(" | ").append(f.params.get("layout"))
              .append(" | ").append(time(f)).append(" | ").append(e == null ? "–" : ratio(f.ns / e.ns)).append(" | ")
              .append(lib == null ? "–" : time(lib)).append(" | ").append(lib == null ? "–" : ratio(lib.ns / f.ns))
              .append(" | ").append(bytes(f)).append(" |\n");
        }
      }
    }
    md.append('\n');
  }
}
