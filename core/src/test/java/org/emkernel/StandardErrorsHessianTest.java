package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Mixture standard errors against an independent Hessian: central finite differences of the observed
 * log-likelihood, written here from the pmf formulas, over the free coordinates (the weights but the last, every
 * parameter), its negative inverse the covariance (the last weight's variance 1ᵀΣ1 over the weight block). The
 * library uses the outer-product form of the observed information; at the maximum both estimate the Fisher
 * information and, on 10^6 observations, differ by a fraction of a percent. Overlapping components correlate the
 * coordinates strongly, so keeping only the information's diagonal changes the errors by far more than the
 * tolerance (checked here too).
 */
class StandardErrorsHessianTest {

  /** log p(x | θ) of the test's families: 0 binomial(n), 1 Poisson; log-factorials summed term by term. */
  static double logPmf(int kind, int n, int x, double th) {
    double logFactX = 0;
    for (int i = 2; i <= x; i++) {
      logFactX += Math.log(i);
    }
    if (kind == 1) {
      return x * Math.log(th) - th - logFactX;
    }
    double lc = 0;
    for (int i = 0; i < x; i++) {
      lc += Math.log((double) (n - i) / (i + 1));
    }
    return lc + x * Math.log(th) + (n - x) * Math.log1p(-th);
  }

  /** The observed log-likelihood at coordinates v = (w_1..w_{K−1}, θ_1..θ_K), w_K = 1 − Σ. */
  static double logLikelihood(int kind, int n, Histogram h, double[] v, int k) {
    double[] w = new double[k];
    double last = 1;
    for (int j = 0; j < k - 1; j++) {
      w[j] = v[j];
      last -= v[j];
    }
    w[k - 1] = last;
    double ll = 0;
    for (int b = 0; b < h.size(); b++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += w[j] * Math.exp(logPmf(kind, n, h.outcome(b), v[k - 1 + j]));
      }
      ll += h.count(b) * Math.log(sum);
    }
    return ll;
  }

  /** The inverse of a symmetric positive definite matrix by Gauss–Jordan elimination. */
  static double[][] invert(double[][] m) {
    int d = m.length;
    double[][] a = new double[d][2 * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(m[i], 0, a[i], 0, d);
      a[i][d + i] = 1;
    }
    for (int p = 0; p < d; p++) {
      int best = p;
      for (int r = p + 1; r < d; r++) {
        if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
          best = r;
        }
      }
      double[] t = a[p];
      a[p] = a[best];
      a[best] = t;
      double pivot = a[p][p];
      for (int c = 0; c < 2 * d; c++) {
        a[p][c] /= pivot;
      }
      for (int r = 0; r < d; r++) {
        if (r != p) {
          double f = a[r][p];
          for (int c = 0; c < 2 * d; c++) {
            a[r][c] -= f * a[p][c];
          }
        }
      }
    }
    double[][] inv = new double[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(a[i], d, inv[i], 0, d);
    }
    return inv;
  }

  static void check(int kind, int n, MixtureModel truth, long seed, double tolerance) {
    int k = truth.components();
    Histogram h = truth.sampleHistogram(1_000_000, seed);
    FitResult fit = EmFitter.builder().tolerance(1e-15).maxIterations(100_000).build().fit(h, truth);
    MixtureModel m = fit.model();
    int d = 2 * k - 1;
    double[] v = new double[d];
    double[] step = new double[d];
    for (int j = 0; j < k - 1; j++) {
      v[j] = m.weight(j);
      step[j] = 1e-4;
    }
    for (int j = 0; j < k; j++) {
      v[k - 1 + j] = m.param(j);
      step[k - 1 + j] = 1e-4 * (kind == 1 ? m.param(j) : Math.min(m.param(j), 1 - m.param(j)));
    }
    // −H by central differences.
    double[][] info = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double f = 0;
        for (int si = -1; si <= 1; si += 2) {
          for (int sj = -1; sj <= 1; sj += 2) {
            double[] u = v.clone();
            u[i] += si * step[i];
            u[j] += sj * step[j];
            f += si * sj * logLikelihood(kind, n, h, u, k);
          }
        }
        info[i][j] = -f / (4 * step[i] * step[j]);
        info[j][i] = info[i][j];
      }
    }
    double[][] cov = invert(info);
    double[] seW = new double[k];
    double[] seP = new double[k];
    double lastVar = 0;
    for (int i = 0; i < k - 1; i++) {
      seW[i] = Math.sqrt(cov[i][i]);
      for (int j = 0; j < k - 1; j++) {
        lastVar += cov[i][j];
      }
    }
    seW[k - 1] = Math.sqrt(lastVar);
    for (int j = 0; j < k; j++) {
      seP[j] = Math.sqrt(cov[k - 1 + j][k - 1 + j]);
    }
    StandardErrors se = fit.standardErrors();
    for (int j = 0; j < k; j++) {
      assertEquals(seW[j], se.weight(j), tolerance * seW[j], "SE of weight " + j + ": " + se);
      assertEquals(seP[j], se.param(j), tolerance * seP[j], "SE of parameter " + j + ": " + se);
    }
    // The diagonal alone would give errors far outside the tolerance: the test sees the covariances.
    double worst = 0;
    for (int j = 0; j < k; j++) {
      worst = Math.max(worst, Math.abs(1 / Math.sqrt(info[k - 1 + j][k - 1 + j]) - seP[j]) / seP[j]);
    }
    assertTrue(worst > 5 * tolerance, "the diagonal differs by only " + worst);
  }

  @Test
  void twoOverlappingBinomials() {
    check(0, 20, MixtureModel.of(Family.binomial(20), new double[] {0.4, 0.6}, new double[] {0.3, 0.55}), 11, 0.02);
  }

  @Test
  void threePoissons() {
    check(1, 0, MixtureModel.of(Family.poisson(), new double[] {0.3, 0.5, 0.2}, new double[] {2, 5, 11}), 12, 0.02);
  }
}
