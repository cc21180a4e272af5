package org.emkernel;

import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.Interruption;
import org.emkernel.internal.engine.Outcome;
import org.emkernel.internal.engine.Squarem;
import org.emkernel.internal.engine.Trace;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * One fit from a starting model with a fitter's settings: the plain EM loop or SQUAREM, the listener, the
 * result. Starts, restarts and selections are the fitter's; this is what each of them runs.
 */
final class FitRun {
  private final EmKernel kernel;
  private final boolean next;
  private final int threads;
  private final int maxIterations;
  private final double tolerance;
  private final boolean accelerate;
  private final FitListener listener;
  private final boolean[] fixedWeights;
  private final boolean[] fixedParams;
  private final double dyingThreshold;

  FitRun(EmKernel kernel, boolean next, int threads, int maxIterations, double tolerance, boolean accelerate,
      FitListener listener, boolean[] fixedWeights, boolean[] fixedParams, double dyingThreshold) {
    this.kernel = kernel;
    this.next = next;
    this.threads = threads;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.accelerate = accelerate;
    this.listener = listener;
    this.fixedWeights = fixedWeights;
    this.fixedParams = fixedParams;
    this.dyingThreshold = dyingThreshold;
  }

  /** Runs EM from the initial model; the session borrows the thread's kernel scratch and gives it back. */
  FitResult run(EmData d, MixtureModel initial) {
    int k = initial.components();
    boolean[] fw = mask(fixedWeights, "fixedWeights", k);
    boolean[] fp = mask(fixedParams, "fixedParams", k);
    EmSession session = new EmSession(kernel, next, threads, d, initial, fw, fp, dyingThreshold, true);
    try {
      int impossible = session.impossibleBin();
      if (impossible >= 0) {
        // Its log-likelihood would be −∞ whatever EM did: every observation needs a component that can produce it.
        throw new IllegalArgumentException("outcome " + session.outcomeText(impossible) + " at bin " + impossible
            + " has probability 0 under every component of the initial model (biases of 0 or 1, p = 1)");
      }
      if (!accelerate) {
        return plain(session, fw, fp);
      }
      long start = System.nanoTime();
      Outcome o = SessionMap.squarem(session, new Squarem.Settings(maxIterations, tolerance, fw, fp),
          (iteration, logLik) -> report(iteration, logLik, start));
      return result(session, o.logLik, o.iterations, o.eSteps, o.converged, o.stopped, o.trace, fw, fp);
    } finally {
      session.release();
    }
  }

  /** No dying components, shared: results hand out copies of their list. */
  private static final int[] NONE_DYING = new int[0];

  /** All-false masks for small K, shared: no session, fit or result writes to a mask. */
  private static final boolean[][] NONE_FIXED = new boolean[17][];

  static {
    for (int k = 0; k < NONE_FIXED.length; k++) {
      NONE_FIXED[k] = new boolean[k];
    }
  }

  /** A copy of a fixed-values mask checked against K (all false for null, then possibly shared). */
  static boolean[] mask(boolean[] mask, String name, int k) {
    if (mask == null) {
      return k < NONE_FIXED.length ? NONE_FIXED[k] : new boolean[k];
    }
    if (mask.length != k) {
      throw new IllegalArgumentException(name + " has length " + mask.length + " but the model has K = " + k
          + " components");
    }
    return mask.clone();
  }

  private FitResult plain(EmSession session, boolean[] fw, boolean[] fp) {
    long start = listener == null ? 0 : System.nanoTime(); // The clock only for a listener.
    Trace trace = new Trace();
    double logLik = session.eStep();
    trace.add(logLik);
    int iterations = 0;
    boolean converged = false;
    boolean stopped = false;
    while (iterations < maxIterations) {
      if (Thread.currentThread().isInterrupted()) {
        throw Interruption.cancelled();
      }
      session.mStep();
      double next = session.eStep();
      trace.add(next);
      iterations++;
      converged = Math.abs(next - logLik) <= tolerance * Math.abs(next);
      logLik = next;
      if (!report(iterations, logLik, start)) {
        converged = false;
        stopped = true;
        break;
      }
      if (converged) {
        break;
      }
    }
    return result(session, logLik, iterations, iterations + 1, converged, stopped, trace, fw, fp);
  }

  private FitResult result(EmSession session, double logLik, int iterations, int eSteps, boolean converged,
      boolean stopped, Trace trace, boolean[] fw, boolean[] fp) {
    int count = 0;
    for (int j = 0; j < session.k; j++) {
      count += session.dying(j) ? 1 : 0;
    }
    int[] dying = count == 0 ? NONE_DYING : new int[count];
    for (int j = 0, i = 0; i < count; j++) {
      if (session.dying(j)) {
        dying[i++] = j;
      }
    }
    return new FitResult(session.handOverModel(), logLik, iterations, eSteps, converged, stopped, trace,
        session.data, kernel, fw, fp, dying);
  }

  /** Whether the listener wants to go on (true without a listener). */
  boolean report(int iteration, double logLik, long start) {
    return listener == null || listener.onIteration(iteration, logLik, System.nanoTime() - start);
  }
}
