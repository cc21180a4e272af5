package org.emkernel.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long fits on stderr: nothing during the first second, then at most one line per second
 * (iteration, log-likelihood, elapsed time), so short fits and pipelines stay quiet.
 */
final class Progress {
  private static final long SECOND = 1_000_000_000L;
  private final PrintStream err;
  private final String label;
  private long nextReport;

  Progress(PrintStream err, String label) {
    this(err, label, SECOND);
  }

  /** Quiet for {@code firstNanos}, then at most one line per second. */
  Progress(PrintStream err, String label, long firstNanos) {
    this.err = err;
    this.label = label;
    this.nextReport = firstNanos;
  }

  /**
   * The tool's progress: quiet for the seconds in system property {@code emkernel.progress.after} (1 when unset);
   * the build's tests raise it so that a host slowed by load adds no line to the stderr they compare.
   */
  static Progress forTool(PrintStream err, String label) {
    long seconds = Math.max(1, Math.min(1L << 20, Long.getLong("emkernel.progress.after", 1)));
    return new Progress(err, label, seconds * SECOND);
  }

  /** Called after each iteration; prints when a report is due; always continues. */
  boolean onIteration(int iteration, double logLikelihood, long elapsedNanos) {
    if (elapsedNanos >= nextReport) {
      err.println(String.format(Locale.ROOT, "emkernel: %siteration %d, log-likelihood %.6f, %.1f s", label,
          iteration, logLikelihood, elapsedNanos / 1e9));
      nextReport = (elapsedNanos / SECOND + 1) * SECOND;
    }
    return true;
  }
}
