package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.List;
import java.util.stream.Collectors;

/** One iteration per family, against the scalar kernel and the binomial. */
final class FamilySection extends Section {
  FamilySection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> rows = run.rows(FAMILY);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Iteration by family (`").append(FAMILY).append("`)\n\nOne `EmSession.iterate()` over outcomes "
        + "0..100 for each family, component means spread over the outcomes (the session is iterated toward the fit "
        + "before it is measured, by the warm-up and, from d5f8e40 on, by the setup); "
        + "the speed-up is the scalar kernel's time over the vector kernel's, and the next column the vector "
        + "iteration's time over the binomial's at the same components.\n\n");
    md.append("| family | components | scalar time | vector time | speed-up over scalar | vector time ÷ binomial's | vector B/op |"
        + "\n|---|---:|---:|---:|---:|---:|---:|\n");
    List<String> families = rows.stream().map(r -> r.params.get("family")).distinct().collect(Collectors.toList());
    for (String family : families) {
      for (int k : run.values(FAMILY, "components")) {
        Run.Row v = run.find(FAMILY, "family", family, "impl", "vector", "components", str(k));
        Run.Row s = run.find(FAMILY, "family", family, "impl", "scalar", "components", str(k));
        Run.Row b = run.find(FAMILY, "family", "binomial", "impl", "vector", "components", str(k));
        if (v == null && s == null) {
          continue;
        }
        md.append("| ").append(family).append(" | ").append(k).append(" | ").append(s == null ? "–" : time(s))
            .append(" | ").append(v == null ? "–" : time(v)).append(" | ")
            .append(v == null || s == null ? "–" : ratio(s.ns / v.ns)).append(" | ")
            .append(v == null || b == null ? "–" : ratio(v.ns / b.ns)).append(" | ")
            .append(v == null ? "–" : bytes(v)).append(" |\n");
      }
    }
    md.append('\n');
  }
}
