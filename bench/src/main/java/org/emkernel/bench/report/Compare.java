package org.emkernel.bench.report;

import static org.emkernel.bench.report.Format.ratio;
import static org.emkernel.bench.report.Format.time;

import java.util.stream.Collectors;

/** Two runs side by side (two machines, JDKs or commits): every shared benchmark and parameter set, B ÷ A. */
final class Compare {
  private Compare() {}

  static String markdown(Run a, Run b) {
    StringBuilder md = new StringBuilder("# ").append(a.name).append(" (A) against ").append(b.name)
        .append(" (B)\n\n| | A | B |\n|---|---|---|\n");
    for (String key : new String[] {"cpu", "java", "git", "command"}) {
      md.append("| ").append(key).append(" | ").append(a.meta.getProperty(key, "?")).append(" | ")
          .append(b.meta.getProperty(key, "?")).append(" |\n");
    }
    md.append("\n| benchmark | parameters | A time | B time | B ÷ A |\n|---|---|---:|---:|---:|\n");
    int shared = 0;
    double logSum = 0;
    for (Run.Row x : a.rows) {
      Run.Row y = null;
      for (Run.Row r : b.rows(x.benchmark)) {
        if (r.params.equals(x.params)) {
          y = r;
        }
      }
      if (y == null) {
        continue;
      }
      shared++;
      logSum += Math.log(y.ns / x.ns);
      md.append("| `").append(x.benchmark).append("` | ").append(x.params.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))).append(" | ")
          .append(time(x)).append(" | ").append(time(y)).append(" | ").append(ratio(y.ns / x.ns)).append(" |\n");
    }
    md.append('\n');
    if (shared == 0) {
      md.append("The runs share no benchmark and parameter set.\n");
    } else {
      md.append(shared).append(" shared points; geometric mean of B ÷ A: ").append(ratio(Math.exp(logSum / shared)))
          .append(" (above 1×: B is slower).\n");
    }
    return md.toString();
  }
}
