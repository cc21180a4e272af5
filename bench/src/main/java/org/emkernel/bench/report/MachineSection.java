package org.emkernel.bench.report;

import static org.emkernel.bench.report.Benchmarks.*;
import static org.emkernel.bench.report.Format.*;


/** The run's command, machine, JDK, JMH settings, times and commit. */
final class MachineSection extends Section {
  MachineSection(RunPage page) {
    super(page);
  }

  @Override
  void write() {
    String cpu = run.meta.getProperty("cpu", "? (no sidecar .properties)");
    md.append("| | |\n|---|---|\n");
    md.append("| command | `").append(run.meta.getProperty("command", "?")).append("` |\n");
    md.append("| CPU (/proc/cpuinfo model name) | ").append(cpu);
    if (run.meta.getProperty("cores") != null) {
      md.append(", ").append(run.meta.getProperty("cores")).append(" cores, AVX-512F: ")
          .append(run.meta.getProperty("flags.avx512f", "?"));
    }
    md.append(" |\n");
    md.append("| memory, OS | ").append(run.meta.getProperty("memory", "?")).append(", ")
        .append(run.meta.getProperty("os", "?")).append(" |\n");
    md.append("| JDK | ").append(run.meta.getProperty("java", "?")).append("; ")
        .append(run.field("vmName")).append(' ').append(run.field("vmVersion")).append(" |\n");
    md.append("| JVM args | `").append(run.field("jvmArgs")).append("` |\n");
    md.append("| JMH | ").append(run.field("jmhVersion")).append(", forks ").append(intField("forks"))
        .append(", warmup ").append(intField("warmupIterations")).append(" × ").append(run.field("warmupTime"))
        .append(", measurement ").append(intField("measurementIterations")).append(" × ")
        .append(run.field("measurementTime")).append(" |\n");
    md.append("| started, finished (UTC) | ").append(run.meta.getProperty("started", "?")).append(", ")
        .append(run.meta.getProperty("finished", "?")).append(" |\n");
    if (run.meta.getProperty("load") != null) {
      md.append("| load average | ").append(run.meta.getProperty("load")).append(" |\n");
    }
    md.append("| git commit | ").append(run.meta.getProperty("git", "?")).append(" |\n\n");
  }

  String intField(String key) {
    Object v = run.first.get(key);
    return v instanceof Double ? String.valueOf(((Double) v).intValue()) : "?";
  }
}
