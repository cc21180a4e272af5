package org.emkernel;

import org.emkernel.internal.engine.EmMap;
import org.emkernel.internal.engine.Outcome;
import org.emkernel.internal.engine.Progress;
import org.emkernel.internal.engine.Squarem;

/** A session as the EM map an accelerator drives: its E- and M-steps, and its weights and parameters in place. */
final class SessionMap implements EmMap {
  private final EmSession session;

  SessionMap(EmSession session) {
    this.session = session;
  }

  /**
   * SQUAREM on the session. Here rather than in {@link FitRun}, so that a plain fit's classes do not refer to the
   * accelerator's, and a fresh JVM's first plain fit loads none of them.
   */
  static Outcome squarem(EmSession session, Squarem.Settings settings, Progress progress) {
    return Squarem.run(new SessionMap(session), settings, progress);
  }

  @Override
  public int components() {
    return session.k;
  }

  @Override
  public double eStep() {
    return session.eStep();
  }

  @Override
  public void mStep() {
    session.mStep();
  }

  @Override
  public boolean dying(int j) {
    return session.dying(j);
  }

  @Override
  public double[] weights() {
    return session.w;
  }

  @Override
  public double[] params() {
    return session.theta;
  }

  @Override
  public double toUnconstrained(double t) {
    return session.family.toUnconstrained(t);
  }

  @Override
  public double fromUnconstrained(double u) {
    return session.family.fromUnconstrained(u);
  }
}
