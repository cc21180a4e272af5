package org.emkernel.bench;

import java.util.concurrent.TimeUnit;
import org.emkernel.EmSession;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark of an {@link EmSession} shares: the JMH settings (mean time per operation in ns, one fork
 * with the vector module), the session, and a trial setup that builds it from the subclass's workload, runs the
 * first E-step (so an iteration's M-step has its sums) and iterates it {@link #settle()} times. Subclasses declare
 * their parameters, {@link #open()} and one benchmark method.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public abstract class SessionBenchmark {
  EmSession session;

  /** The session on this benchmark's workload (fixed seed). */
  abstract EmSession open();

  /** Iterations run after the first E-step, before measuring; none by default. */
  int settle() {
    return 0;
  }

  /** Builds the session, runs its first E-step and settles it. */
  @Setup(Level.Trial)
  public void setup() {
    session = open();
    session.eStep();
    for (int i = 0, n = settle(); i < n; i++) {
      session.iterate();
    }
  }
}
