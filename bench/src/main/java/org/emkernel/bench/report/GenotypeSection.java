package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.List;

/** Allele counts at three depths: vector against scalar and against vector-exp. */
final class GenotypeSection extends Section {
  GenotypeSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> rows = run.rows(GENOTYPES);
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Genotypes (`").append(GENOTYPES).append("`)\n\nOne `EmSession.iterate()` on allele counts at "
        + "a sequencing depth: reference, heterozygous and alternative genotypes (biases 0.001, 0.5, 0.999). At "
        + "depth 30 every product term is in range; at 100 the reference component fades and the alternative one "
        + "rises from below 2^−900, so the vector kernel lifts every term by a power of two (the run at "
        + "101359a predates the lift: there its E-step ran in two segments); at 200 the alternative component's "
        + "first term is below the doubles and the exponentials take the E-step. `vector-exp` is the vector kernel "
        + "without its product path and recurrences.\n\n");
    md.append("| depth | scalar time | vector time | vector-exp time | vector ÷ scalar | vector ÷ vector-exp "
        + "| vector B/op |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int depth : run.values(GENOTYPES, "depth")) {
      Run.Row s = run.find(GENOTYPES, "depth", str(depth), "impl", "scalar");
      Run.Row v = run.find(GENOTYPES, "depth", str(depth), "impl", "vector");
      Run.Row e = run.find(GENOTYPES, "depth", str(depth), "impl", "vector-exp");
      md.append("| ").append(depth).append(" | ").append(s == null ? "–" : time(s)).append(" | ")
          .append(v == null ? "–" : time(v)).append(" | ").append(e == null ? "–" : time(e)).append(" | ")
          .append(v == null || s == null ? "–" : ratio(s.ns / v.ns)).append(" | ")
          .append(v == null || e == null ? "–" : ratio(e.ns / v.ns)).append(" | ")
          .append(v == null ? "–" : bytes(v)).append(" |\n");
    }
    md.append('\n');
  }
}
