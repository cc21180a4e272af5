package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Bytes allocated per call of the steady-state steps. */
final class AllocationSection extends Section {
  AllocationSection(RunPage page) {
    super(page);
  }

  /** Allocation per measured iteration below this is harness overhead, not per-call allocation. */
  static final double HARNESS_BYTES = 16 * 1024;

  @Override
  void write() {
    boolean any = false;
    for (String b : new String[] {ESTEP, MSTEP, ITERATION, FAMILY, GENOTYPES}) {
      any |= !run.rows(b).isEmpty();
    }
    if (!any) {
      return;
    }
    md.append("### Allocation per call\n\n");
    md.append("`gc.alloc.rate.norm` of the steady-state steps. A configuration allocates per call when it shows at "
        + "least 1 B/op (an object takes 16 bytes or more, so that is an allocation at least every 16 calls) and "
        + "at least ").append((int) (HARNESS_BYTES / 1024)).append(" KiB per measured iteration "
        + "(B/op × calls per iteration); less is the harness's own per-iteration allocation.\n\n");
    md.append("| benchmark | configurations | max B/op | max bytes per measured iteration | allocation-free per call "
        + "| configurations that allocate per call |\n|---|---:|---:|---:|---|---|\n");
    double iterationNs = measurementNs();
    for (String b : new String[] {ESTEP, MSTEP, ITERATION, FAMILY, GENOTYPES}) {
      List<Run.Row> rows = run.rows(b);
      if (rows.isEmpty()) {
        continue;
      }
      double maxPerOp = Double.NaN;
      double maxPerIteration = Double.NaN;
      List<String> allocating = new ArrayList<>();
      for (Run.Row r : rows) {
        if (Double.isNaN(r.allocPerOp)) {
          continue;
        }
        double perIteration = r.allocPerOp * Math.max(1, iterationNs / r.ns);
        if (r.allocPerOp >= 1 && perIteration >= HARNESS_BYTES) {
          allocating.add(r.params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" ")) + " (" + fixed(r.allocPerOp) + " B/op)");
        }
        maxPerOp = Double.isNaN(maxPerOp) ? r.allocPerOp : Math.max(maxPerOp, r.allocPerOp);
        maxPerIteration = Double.isNaN(maxPerIteration) ? perIteration : Math.max(maxPerIteration, perIteration);
      }
      md.append("| `").append(b).append("` | ").append(rows.size()).append(" | ");
      if (Double.isNaN(maxPerOp)) {
        md.append("– | – | not measured (run without `-prof gc`) | – |\n");
      } else {
        md.append(fixed(maxPerOp)).append(" | ").append(String.format(Locale.ROOT, "%.0f", maxPerIteration))
            .append(" | ").append(allocating.isEmpty() ? "**yes**" : "**no**").append(" | ")
            .append(allocating.isEmpty() ? "none" : String.join("; ", allocating)).append(" |\n");
      }
    }
    md.append('\n');
  }

  /** The measurement iteration time in ns (from the JSON, e.g. "1 s" or "100 ms"). */
  double measurementNs() {
    String t = run.field("measurementTime").trim();
    String[] parts = t.split(" ");
    try {
      double v = Double.parseDouble(parts[0]);
      String unit = parts.length > 1 ? parts[1] : "s";
      switch (unit) {
        case "ns":
          return v;
        case "us":
          return v * 1e3;
        case "ms":
          return v * 1e6;
        case "min":
          return v * 60e9;
        default:
          return v * 1e9;
      }
    } catch (NumberFormatException e) {
      return 1e9;
    }
  }
}
