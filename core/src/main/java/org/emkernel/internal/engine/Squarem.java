package org.emkernel.internal.engine;

import org.emkernel.internal.SpecialFunctions;

/**
 * SQUAREM (Varadhan and Roland 2008), scheme S3, around the session's EM map F. Each cycle from θ0 computes
 * θ1 = F(θ0), θ2 = F(θ1), r = θ1 − θ0, v = θ2 − 2θ1 + θ0 and α = −‖r‖/‖v‖ clamped to at most −1 (and, as in
 * the authors' implementation, to at least −stepMax: stepMax starts at 1, is multiplied by 4 whenever the
 * bound binds and divided by 4, not below 1, when an extrapolation at the bound fails), then
 * θ' = θ0 − 2α·r + α²·v (α = −1 gives θ2 exactly). Vectors live on the unconstrained scale: log of each free live weight (mapped back
 * by a softmax onto the share left by fixed and dying weights) and the family's unconstrained transform of each
 * free live parameter. When θ' is not finite or its log-likelihood is below that of θ1, the cycle falls back
 * to the plain EM point θ2, so the log-likelihood never decreases from cycle to cycle.
 */
public final class Squarem {
  private Squarem() {}
  private static final double STEP_FACTOR = 4;

  /**
   * A fit's settings: at most {@code maxIterations} cycles, converged when the log-likelihood changes by at most
   * {@code tolerance} relative; fixed weights and parameters (masks of K) never move.
   */
  public record Settings(int maxIterations, double tolerance, boolean[] fixedWeights, boolean[] fixedParams) {}

  /** Runs SQUAREM cycles on the map from its current state until convergence, the limit or a stop. */
  public static Outcome run(EmMap s, Settings settings, Progress progress) {
    final boolean[] fw = settings.fixedWeights();
    final boolean[] fp = settings.fixedParams();
    final double[] w = s.weights();
    final double[] theta = s.params();
    int k = s.components();
    Trace trace = new Trace();
    double ll0 = s.eStep();
    int eSteps = 1;
    trace.add(ll0);
    int iterations = 0;
    boolean converged = false;
    boolean stopped = false;
    boolean[] moveW = new boolean[k];
    boolean[] moveP = new boolean[k];
    double[] u0 = new double[2 * k];
    double[] u1 = new double[2 * k];
    double[] u2 = new double[2 * k];
    double[] up = new double[2 * k];
    double[] w2 = new double[k];
    double[] th2 = new double[k];
    // Adaptive bound on the step (Varadhan and Roland's step.max, initial 1, factor 4): |α| may reach it,
    // it grows by 4 each time it binds and shrinks by 4 (not below 1) when an extrapolation at it fails.
    double stepMax = 1;
    while (iterations < settings.maxIterations()) {
      if (Thread.currentThread().isInterrupted()) {
        throw Interruption.cancelled();
      }
      // Which coordinates move this cycle: free and not dying at θ0.
      for (int j = 0; j < k; j++) {
        boolean live = !s.dying(j);
        moveW[j] = !fw[j] && live;
        moveP[j] = !fp[j] && live;
      }
      int dim = pack(s, moveW, moveP, u0);
      s.mStep();
      pack(s, moveW, moveP, u1);
      double ll1 = s.eStep();
      eSteps++;
      s.mStep();
      pack(s, moveW, moveP, u2);
      System.arraycopy(w, 0, w2, 0, k);
      System.arraycopy(theta, 0, th2, 0, k);
      // The extrapolation needs the same coordinates at θ0, θ1 and θ2: no component may start dying meanwhile.
      boolean sameLive = true;
      for (int j = 0; j < k; j++) {
        sameLive &= fw[j] || s.dying(j) != moveW[j];
      }
      double nr = 0;
      double nv = 0;
      for (int i = 0; i < dim; i++) {
        double r = u1[i] - u0[i];
        double v = u2[i] - 2 * u1[i] + u0[i];
        nr += r * r;
        nv += v * v;
      }
      nr = Math.sqrt(nr);
      nv = Math.sqrt(nv);
      double alpha = nv > 0 && Double.isFinite(nr / nv) ? Math.max(Math.min(-nr / nv, -1), -stepMax) : -1;
      double next;
      if (alpha == -1 || !sameLive) {
        if (alpha == -stepMax) {
          stepMax *= STEP_FACTOR;
        }
        // The extrapolation is θ2 itself.
        next = s.eStep();
        eSteps++;
      } else {
        boolean finite = true;
        for (int i = 0; i < dim; i++) {
          double r = u1[i] - u0[i];
          double v = u2[i] - 2 * u1[i] + u0[i];
          up[i] = u0[i] - 2 * alpha * r + alpha * alpha * v;
          finite &= Double.isFinite(up[i]);
        }
        next = Double.NaN;
        if (finite) {
          unpack(s, moveW, moveP, up);
          next = s.eStep();
          eSteps++;
        }
        if (!(next >= ll1)) {
          System.arraycopy(w2, 0, w, 0, k);
          System.arraycopy(th2, 0, theta, 0, k);
          next = s.eStep();
          eSteps++;
          if (alpha == -stepMax) {
            stepMax = Math.max(1, stepMax / STEP_FACTOR);
          }
        } else if (alpha == -stepMax) {
          stepMax *= STEP_FACTOR;
        }
      }
      iterations++;
      trace.add(next);
      converged = Math.abs(next - ll0) <= settings.tolerance() * Math.abs(next);
      ll0 = next;
      if (!progress.onIteration(iterations, ll0)) {
        converged = false;
        stopped = true;
        break;
      }
      if (converged) {
        break;
      }
    }
    return new Outcome(ll0, iterations, eSteps, converged, stopped, trace);
  }

  private static int pack(EmMap s, boolean[] moveW, boolean[] moveP, double[] u) {
    int i = 0;
    for (int j = 0; j < s.components(); j++) {
      if (moveW[j]) {
        u[i++] = SpecialFunctions.clampedLog(s.weights()[j]);
      }
    }
    for (int j = 0; j < s.components(); j++) {
      if (moveP[j]) {
        u[i++] = s.toUnconstrained(s.params()[j]);
      }
    }
    return i;
  }

  private static void unpack(EmMap s, boolean[] moveW, boolean[] moveP, double[] u) {
    int i = 0;
    double share = 1;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < s.components(); j++) {
      if (moveW[j]) {
        max = Math.max(max, u[i++]);
      } else {
        share -= s.weights()[j];
      }
    }
    share = Math.max(0, share);
    i = 0;
    double sum = 0;
    for (int j = 0; j < s.components(); j++) {
      if (moveW[j]) {
        s.weights()[j] = Math.exp(u[i++] - max);
        sum += s.weights()[j];
      }
    }
    for (int j = 0; j < s.components(); j++) {
      if (moveW[j]) {
        s.weights()[j] = share * s.weights()[j] / sum;
      }
    }
    for (int j = 0; j < s.components(); j++) {
      if (moveP[j]) {
        s.params()[j] = s.fromUnconstrained(u[i++]);
      }
    }
  }
}
