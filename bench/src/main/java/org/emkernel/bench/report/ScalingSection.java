package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;

import java.util.ArrayList;
import java.util.List;

/** The parallel benchmarks and the host's ceilings: time and speed-up over one thread. */
final class ScalingSection extends Section {
  ScalingSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    List<Run.Row> rows = new ArrayList<>(run.rows(PAR_ITERATION));
    rows.addAll(run.rows(PAR_BUILD));
    rows.addAll(run.rows(PAR_READ));
    rows.addAll(run.rows(PAR_FMA));
    rows.addAll(run.rows(PAR_SPIN));
    if (rows.isEmpty()) {
      return;
    }
    boolean read = !run.rows(PAR_READ).isEmpty();
    List<String> refs = new ArrayList<>();
    if (read) {
      refs.add("a bare vector read of the build's observations (memory)");
    }
    if (!run.rows(PAR_FMA).isEmpty()) {
      refs.add("bare vector fused multiply-adds (cores)");
    }
    if (!run.rows(PAR_SPIN).isEmpty()) {
      refs.add("four scalar fused multiply-add chains (`spin`, bound by their latency, not the cores' throughput)");
    }
    md.append("### Threads (`ParallelIterationBenchmark`, `ParallelHistogramBuildBenchmark`")
        .append(refs.isEmpty() ? "" : ", `ParallelReferenceBenchmark`").append(")\n\n")
        .append("One EM iteration (vector kernel, components = 8) and one `Histogram.ofParallel` build, on 1 and "
            + "2 threads")
        .append(refs.isEmpty() ? "" : "; beside them the machine's own ceilings in the same run: ")
        .append(String.join(" and ", refs))
        .append(". The machine has 2 cores, shared.\n\n")
        .append("| benchmark | size | threads | time | throughput | speed-up over 1 thread | B/op |\n"
        + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (Run.Row r : rows) {
      boolean iteration = r.benchmark.equals(PAR_ITERATION);
      boolean cores = r.benchmark.equals(PAR_FMA) || r.benchmark.equals(PAR_SPIN);
      String sizeName = iteration ? "outcomes" : "observations";
      Run.Row one = run.onOneThread(r);
      String size = cores ? "–" : r.params.get(sizeName) + (iteration ? " outcomes" : " obs");
      String throughput = cores ? "–"
          : iteration ? rate((double) r.intParam("outcomes") * r.intParam("components"), r.ns) + " cells"
          : rate(r.intParam("observations"), r.ns) + " obs";
      md.append("| `").append(r.benchmark).append("` | ").append(size).append(" | ").append(r.params.get("threads"))
          .append(" | ").append(time(r)).append(" | ").append(throughput).append(" | ")
          .append(one == null ? "–" : ratio(one.ns / r.ns)).append(" | ").append(bytes(r)).append(" |\n");
    }
    md.append('\n');
  }
}
