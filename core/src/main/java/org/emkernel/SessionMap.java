package org.emkernel;

import org.emkernel.internal.engine.EmMap;

/** A session as the EM map an accelerator drives: its E- and M-steps, and its weights and parameters in place. */
final class SessionMap implements EmMap {
  private final EmSession session;

  SessionMap(EmSession session) {
    this.session = session;
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
