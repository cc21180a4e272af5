package org.emkernel.internal.vectorization;

import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;

/**
 * The E-step over a range of histogram bins for a mixture whose log-joint is affine in the bin's
 * covariates: {@code l[b][k] = a[k] + eta[k]·x[b] + zeta[k]·z[b]} (the {@code z} term only when
 * {@code z != null}). Implementations are stateless; callers own every array.
 */
public interface EmKernel {

  /** Scratch for calls with up to k components: {@code reuse} (nullable) when this kernel can use it, else new. */
  KernelScratch scratch(int k, KernelScratch reuse);

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
      double[] n, double[] s, double[] t, KernelScratch scratch);

  /** Logarithms for the coefficients of k components, in this kernel's arithmetic (one instance per session). */
  Logarithms logarithms(int k);

  /** The product path's powers for many components, in this kernel's arithmetic (the same bits in every kernel). */
  Powers powers();

  /** The M-step's loops over many components, in this kernel's arithmetic (the same bits in every kernel). */
  MStepArithmetic mStepArithmetic();

  /** Whether {@link #accumulate} over at most {@code bins} bins may drop terms under the floors it is given. */
  boolean usesFloors(int bins);

  /**
   * Writes the log-posteriors {@code l[b][j] − logsumexp_k l[b][k]} of bins [from, to) row-major into
   * {@code out[(b − base)·k + j]}, and (when non-null) each bin's logsumexp into {@code lse[b − base]}; base is
   * at most from (0: rows at their bin's place; from: a buffer for the block alone).
   */
  void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, KernelScratch scratch);

  /**
   * Largest outcome the product path takes (and, for the binomial, largest trials): a term scale·ρ^x then
   * carries at most a few hundred roundings, a relative error below 2e-13.
   */
  int PRODUCT_LIMIT = 256;

  /** Whether sessions should take {@link #accumulateProducts} where the family and the data allow it. */
  boolean usesProducts();

  /**
   * The quick range check of the product path (docs/kernel.md, step 1 and 2 of the ladder). Every component
   * below k must be regular (terms scale·ρ^x for x in [x0, end] and powers ρ^y, y up to max(x0, 8), within
   * 2^±900 by their exponents), a mass (ρ = 0, or ρ = ∞ when {@code massAtLast}), or fading (scale below 2, a
   * normal ρ below 1), and one at least regular.
   *
   * <p>Returns NaN when that fails (the planner then checks component by component); +∞ when no component fades;
   * else every bin's sum's least exponent bound, having written −1 into {@code fading[j]} for each fading
   * component and 1 for the others. The arrays hold k rounded up to 8 entries, none negative.
   */
  double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading);

  /**
   * The product path's E-step over bins [from, to) of consecutive outcomes, from terms scale[j]·rho[j]^x[b]:
   * writes Σ_b c[b]·r[b][j] into n[j] and Σ_b c[b]·r[b][j]·x[b] into s[j] and returns Σ_b c[b]·log Σ_j term,
   * with no exponential or logarithm per term. rho[j] = ∞ is a term scale[j] at the last bin only, rho[j] = 0 a
   * term at x = 0 only.
   *
   * <p>The caller's plan guarantees the ranges of docs/kernel.md: regular terms and step powers within 2^±900 up
   * to the last whole vector, fading terms (factors below 1 only) off by under 2^−1060 each, outcomes at most
   * {@link #PRODUCT_LIMIT}, counts 0 past {@code to} to the next whole vector, and scale 0, rho 1 past k.
   */
  double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, KernelScratch scratch);

  /** Doubles per vector: 1 for the scalar kernel. */
  int lanes();

  /** A short name for reports: {@code scalar} or {@code vector}. */
  String name();
}
