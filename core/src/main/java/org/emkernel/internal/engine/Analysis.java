package org.emkernel.internal.engine;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Quantities of a fitted model on its data that need the posteriors: entropy (ICL) and standard errors. The
 * posteriors come block by block from {@code posteriors}, which runs a visitor over every bin in order.
 */
public final class Analysis {
  private Analysis() {}

  /** A component's score: ∂ log p(x | θ) / ∂θ at outcome x (with z trials for data with trials). */
  @FunctionalInterface
  public interface Score {
    /** The score at θ, x and z. */
    double at(double theta, double x, double z);
  }

  /** Posterior entropy −Σ_b c_b Σ_k r_bk·log r_bk of k components, at least 0. */
  public static double entropy(EmData data, int k, Consumer<PosteriorBlock> posteriors) {
    double[] e = {0};
    posteriors.accept((from, to, lp) -> {
      for (int b = from; b < to; b++) {
        double row = 0;
        int at = (b - from) * k;
        for (int j = 0; j < k; j++) {
          double l = lp[at + j];
          double r = Math.exp(l);
          if (r > 0) {
            row -= r * l;
          }
        }
        e[0] += data.c[b] * row;
      }
    });
    return Math.max(0, e[0]);
  }

  /**
   * Standard errors of the weights and parameters w, θ from the observed information, as {weights, params}: ∞
   * for a dying or zero-weight component's free values, 0 for fixed ones.
   */
  public static double[][] standardErrors(EmData data, double[] w, double[] theta, Score family,
      boolean[] fixedWeights, boolean[] fixedParams, int[] dying, Consumer<PosteriorBlock> posteriors) {
    int k = w.length;
    boolean[] isDying = new boolean[k];
    for (int j : dying) {
      isDying[j] = true;
    }
    double[] seW = new double[k];
    double[] seP = new double[k];
    // Free weight coordinates: the free, live, positive weights except the last one (the reference).
    int[] freeW = new int[k];
    int nw = 0;
    for (int j = 0; j < k; j++) {
      if (!fixedWeights[j] && !isDying[j] && w[j] > 0) {
        freeW[nw++] = j;
      } else if (!fixedWeights[j]) {
        seW[j] = Double.POSITIVE_INFINITY;
      }
    }
    int ref = nw > 0 ? freeW[nw - 1] : -1;
    int weightCoords = Math.max(0, nw - 1);
    int[] freeP = new int[k];
    int np = 0;
    for (int j = 0; j < k; j++) {
      if (fixedParams[j]) {
        continue;
      }
      if (isDying[j] || !(w[j] > 0)) {
        seP[j] = Double.POSITIVE_INFINITY;
      } else {
        freeP[np++] = j;
      }
    }
    int d = weightCoords + np;
    if (d == 0) {
      return new double[][] {seW, seP};
    }
    double[] info = new double[d * d];
    double[] score = new double[d];
    boolean[] broken = new boolean[d];
    final int params = np;
    posteriors.accept((from, to, lp) -> {
      for (int b = from; b < to; b++) {
        addScore(data, family, w, theta, freeW, ref, weightCoords, freeP, params, lp, (b - from) * k, b, info,
            score, broken);
      }
    });
    // Parameters on the boundary (infinite score) leave the information; the rest is inverted.
    int[] keep = new int[d];
    int dk = 0;
    for (int i = 0; i < d; i++) {
      if (!broken[i]) {
        keep[dk++] = i;
      }
    }
    double[] sub = new double[dk * dk];
    for (int i = 0; i < dk; i++) {
      for (int m = 0; m < dk; m++) {
        int a = Math.max(keep[i], keep[m]);
        int c = Math.min(keep[i], keep[m]);
        sub[i * dk + m] = info[a * d + c];
      }
    }
    double[] cov = invert(sub, dk);
    double[] var = new double[d];
    Arrays.fill(var, Double.POSITIVE_INFINITY);
    double refVar = Double.POSITIVE_INFINITY;
    if (cov != null) {
      for (int i = 0; i < dk; i++) {
        var[keep[i]] = cov[i * dk + i];
      }
      boolean weightsKept = true;
      for (int i = 0; i < weightCoords; i++) {
        weightsKept &= !broken[i];
      }
      if (weightsKept) {
        // Var(w_ref) = 1ᵀ Σ_ww 1 over the weight block (weights come first and are never broken).
        double sum = 0;
        for (int i = 0; i < weightCoords; i++) {
          for (int m = 0; m < weightCoords; m++) {
            sum += cov[i * dk + m];
          }
        }
        refVar = sum;
      }
    }
    for (int i = 0; i < weightCoords; i++) {
      seW[freeW[i]] = Math.sqrt(Math.max(0, var[i]));
    }
    if (ref >= 0) {
      seW[ref] = weightCoords == 0 ? 0 : Math.sqrt(Math.max(0, refVar));
    }
    for (int i = 0; i < np; i++) {
      seP[freeP[i]] = Math.sqrt(Math.max(0, var[weightCoords + i]));
    }
    return new double[][] {seW, seP};
  }

  /** Inverse of a symmetric positive-definite matrix by Gauss–Jordan with partial pivoting; null when singular. */
  public static double[] invert(double[] m, int d) {
    double[] a = m.clone();
    double[] inv = new double[d * d];
    for (int i = 0; i < d; i++) {
      inv[i * d + i] = 1;
    }
    double scale = 0;
    for (int i = 0; i < d; i++) {
      scale = Math.max(scale, Math.abs(a[i * d + i]));
    }
    if (!(scale > 0)) {
      return d == 0 ? inv : null;
    }
    for (int col = 0; col < d; col++) {
      int pivot = col;
      for (int r = col + 1; r < d; r++) {
        if (Math.abs(a[r * d + col]) > Math.abs(a[pivot * d + col])) {
          pivot = r;
        }
      }
      double p = a[pivot * d + col];
      if (!(Math.abs(p) > 1e-13 * scale)) {
        return null;
      }
      if (pivot != col) {
        for (int c = 0; c < d; c++) {
          double tmp = a[col * d + c];
          a[col * d + c] = a[pivot * d + c];
          a[pivot * d + c] = tmp;
          tmp = inv[col * d + c];
          inv[col * d + c] = inv[pivot * d + c];
          inv[pivot * d + c] = tmp;
        }
      }
      for (int c = 0; c < d; c++) {
        a[col * d + c] /= p;
        inv[col * d + c] /= p;
      }
      for (int r = 0; r < d; r++) {
        if (r != col) {
          double f = a[r * d + col];
          if (f != 0) {
            for (int c = 0; c < d; c++) {
              a[r * d + c] -= f * a[col * d + c];
              inv[r * d + c] -= f * inv[col * d + c];
            }
          }
        }
      }
    }
    return inv;
  }

  /** Adds bin b's outer product c_b·s_b·s_bᵀ (lower triangle) to info; its log-posteriors start at lp[row]. */
  private static void addScore(EmData data, Score family, double[] w, double[] theta, int[] freeW, int ref,
      int weightCoords, int[] freeP, int np, double[] lp, int row, int b, double[] info, double[] score,
      boolean[] broken) {
    int d = weightCoords + np;
    double xb = data.x[b];
    double zb = data.z == null ? 0 : data.z[b];
    for (int i = 0; i < weightCoords; i++) {
      int j = freeW[i];
      score[i] = Math.exp(lp[row + j]) / w[j] - Math.exp(lp[row + ref]) / w[ref];
    }
    for (int i = 0; i < np; i++) {
      int j = freeP[i];
      double r = Math.exp(lp[row + j]);
      double sc = r > 0 ? r * family.at(theta[j], xb, zb) : 0;
      if (!Double.isFinite(sc)) {
        broken[weightCoords + i] = true;
        sc = 0;
      }
      score[weightCoords + i] = sc;
    }
    double cb = data.c[b];
    for (int i = 0; i < d; i++) {
      double si = cb * score[i];
      for (int m = 0; m <= i; m++) {
        info[i * d + m] += si * score[m];
      }
    }
  }
}
