package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A fresh-JVM run ({@code bench/fresh.sh}): every process case's median, least and most over the rounds, then the
 * many-small-fits table (fits per second, a fit's iteration against a steady iterate() in the same measurement).
 */
final class FreshSection extends Section {
  FreshSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    if (!run.samples.isEmpty()) {
      md.append("### Fresh JVMs: start-up and first calls\n\nEvery round runs every case once, in a seeded shuffled "
          + "order. Wall: the whole process as the script saw it; inside: the first call's own timing of histogram "
          + "and fit (`-cpu`: that thread's CPU time); CPU: user + system time of the process.\n\n")
          .append("| case | kind | median ms | least ms | most ms |\n|---|---|---:|---:|---:|\n");
      for (Map.Entry<String, Map<String, double[]>> kind : run.samples.entrySet()) {
        for (Map.Entry<String, double[]> c : kind.getValue().entrySet()) {
          double[] s = c.getValue().clone();
          Arrays.sort(s);
          md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f |%n", c.getKey(),
              kind.getKey().replace("Millis", ""), run.median(kind.getKey(), c.getKey()), s[0], s[s.length - 1]));
        }
      }
      md.append('\n');
    }
    if (run.rows(MANY_PAIRED).isEmpty() && run.rows(MANY_FITS).isEmpty()) {
      return;
    }
    md.append("### Many small fits (`ManyFitsBenchmark`, one thread)\n\n64 histograms of 200 binomial(10) draws "
        + "(11 outcomes) fitted in turn. `fit`: fits per second alone. `paired`: each operation is a fit, then as "
        + "many steady `EmSession.iterate()` calls as it took iterations, both timed inside the same measurement; "
        + "a fit's iteration is its time ÷ its iterations (setup and the last E-step included).\n\n")
        .append("| kernel | K | start | fits/s (`fit`) | iterations per fit | ns per fit iteration | ns per iterate() "
            + "| ratio | B per fit |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (Run.Row p : run.rows(MANY_PAIRED)) {
      Run.Row f = run.find(MANY_FITS, "impl", p.params.get("impl"), "components", p.params.get("components"),
          "start", p.params.get("start"));
      double fitIteration = p.secondary("fitNanos") / p.secondary("fitIterations");
      double iterate = p.secondary("iterateNanos") / p.secondary("iterateCalls");
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f | %.1f | %.3f× | %s |%n",
          p.params.get("impl"), p.params.get("components"), p.params.get("start"),
          f == null ? "–" : String.format(Locale.ROOT, "%.0f", 1e9 / f.ns),
          p.secondary("fitIterations") / p.secondary("fits"), fitIteration, iterate, fitIteration / iterate,
          f == null ? "–" : Format.bytes(f)));
    }
    md.append('\n');
  }
}
