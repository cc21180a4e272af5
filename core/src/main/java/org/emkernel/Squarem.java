package org.emkernel;

import org.emkernel.internal.SpecialFunctions;

/**
 * SQUAREM (Varadhan and Roland 2008), scheme S3, around the session's EM map F. Each cycle from θ0 computes
 * θ1 = F(θ0), θ2 = F(θ1), r = θ1 − θ0, v = θ2 − 2θ1 + θ0 and α = −‖r‖/‖v‖ clamped to at most −1 (and, as in
 * the authors' implementation, to at least −stepMax: stepMax starts at 1, is multiplied by 4 whenever the
 * bound binds and divided by 4, not below 1, when an extrapolation at the bound fails), then
 * θ' = θ0 − 2α·r + α²·v (α = −1 gives θ2 exactly). Vectors live on the unconstrained scale: log of each free live weight (mapped back
 * by a softmax onto the share left by fixed and dying weights) and {@link Family#toUnconstrained} of each
 * free live parameter. When θ' is not finite or its log-likelihood is below that of θ1, the cycle falls back
 * to the plain EM point θ2, so the log-likelihood never decreases from cycle to cycle.
 */
final class Squarem {
  private Squarem() {}
  private static final double STEP_FACTOR = 4;

  static FitResult run(EmFitter fitter, EmSession s, boolean[] fw, boolean[] fp) {
    long start = System.nanoTime();
    int k = s.k;
    EmFitter.Trace trace = new EmFitter.Trace();
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
    while (iterations < fitter.maxIterations()) {
      EmFitter.checkInterrupt();
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
      System.arraycopy(s.w, 0, w2, 0, k);
      System.arraycopy(s.theta, 0, th2, 0, k);
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
          s.set(w2, th2);
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
      converged = Math.abs(next - ll0) <= fitter.tolerance() * Math.abs(next);
      ll0 = next;
      if (!fitter.report(iterations, ll0, start)) {
        converged = false;
        stopped = true;
        break;
      }
      if (converged) {
        break;
      }
    }
    return fitter.result(s, ll0, iterations, eSteps, converged, stopped, trace, fw, fp);
  }

  private static int pack(EmSession s, boolean[] moveW, boolean[] moveP, double[] u) {
    int i = 0;
    for (int j = 0; j < s.k; j++) {
      if (moveW[j]) {
        u[i++] = SpecialFunctions.clampedLog(s.w[j]);
      }
    }
    for (int j = 0; j < s.k; j++) {
      if (moveP[j]) {
        u[i++] = s.family.toUnconstrained(s.theta[j]);
      }
    }
    return i;
  }

  private static void unpack(EmSession s, boolean[] moveW, boolean[] moveP, double[] u) {
    int i = 0;
    double share = 1;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < s.k; j++) {
      if (moveW[j]) {
        max = Math.max(max, u[i++]);
      } else {
        share -= s.w[j];
      }
    }
    share = Math.max(0, share);
    i = 0;
    double sum = 0;
    for (int j = 0; j < s.k; j++) {
      if (moveW[j]) {
        s.w[j] = Math.exp(u[i++] - max);
        sum += s.w[j];
      }
    }
    for (int j = 0; j < s.k; j++) {
      if (moveW[j]) {
        s.w[j] = share * s.w[j] / sum;
      }
    }
    for (int j = 0; j < s.k; j++) {
      if (moveP[j]) {
        s.theta[j] = s.family.fromUnconstrained(u[i++]);
      }
    }
  }
}
