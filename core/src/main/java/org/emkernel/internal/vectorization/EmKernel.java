package org.emkernel.internal.vectorization;

import org.emkernel.internal.Logarithms;

/**
 * The E-step over a range of histogram bins for a mixture whose log-joint is affine in the bin's
 * covariates: {@code l[b][k] = a[k] + eta[k]·x[b] + zeta[k]·z[b]} (the {@code z} term only when
 * {@code z != null}). Implementations are stateless; callers own every array.
 */
public interface EmKernel {

  /** Length of the scratch array {@link #accumulate} and {@link #logPosteriors} need for k components. */
  int scratchLength(int k);

  /**
   * Components whose floor is at or below this are computed exactly even when floors are given; a kernel
   * that {@link #usesFloors(int) uses floors} may drop terms only of components with a higher floor.
   */
  double EXACT_FLOOR = -860;

  /**
   * Fused E-step over bins [from, to): adds {@code c[b]·r[b][k]} to {@code n[k]}, {@code c[b]·r[b][k]·x[b]}
   * to {@code s[k]} and (when z is non-null) {@code c[b]·r[b][k]·z[b]} to {@code t[k]}, and returns
   * {@code Σ_b c[b]·logsumexp_k l[b][k]}. Never materialises the posterior matrix.
   *
   * <p>{@code floors} (nullable: exact) are base-2 logarithms that let the kernel drop component j's term in
   * bin b when {@code max(1, x[b])·exp(l[b][j] − l[b][m]) < 2^floors[j]} for a component m of the bin, so long
   * as {@code floors[j] > EXACT_FLOOR}: each dropped term is below 2^floor of that bin's sum of terms, so n[j]
   * and s[j] lose at most {@code Σ_b c[b]·2^floors[j]} each, and every other quantity a relative
   * {@code Σ_j 2^floors[j]}.
   */
  double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, double[] floors, int k,
      double[] n, double[] s, double[] t, double[] scratch);

  /** Logarithms for the coefficients of k components, in this kernel's arithmetic (one instance per session). */
  Logarithms logarithms(int k);

  /** Whether {@link #accumulate} over at most {@code bins} bins may drop terms under the floors it is given. */
  boolean usesFloors(int bins);

  /**
   * Writes the log-posteriors {@code l[b][j] − logsumexp_k l[b][k]} of bins [from, to) row-major into
   * {@code out[(b − base)·k + j]}, and (when non-null) each bin's logsumexp into {@code lse[b − base]}; base is
   * at most from (0: rows at their bin's place; from: a buffer for the block alone).
   */
  void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch);

  /** Doubles per vector: 1 for the scalar kernel. */
  int lanes();

  /** A short name for reports: {@code scalar} or {@code vector}. */
  String name();
}
