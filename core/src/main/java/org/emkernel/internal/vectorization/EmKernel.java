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
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch);

  /**
   * Largest outcome the product path takes (and, for the binomial, largest trials): a term scale·ρ^x then
   * carries at most a few hundred roundings, a relative error below 2e-13.
   */
  int PRODUCT_LIMIT = 256;

  /** Whether sessions should take {@link #accumulateProducts} where the family and the data allow it. */
  boolean usesProducts();

  /**
   * The quick check of {@link #accumulateProducts}' conditions for the ordinary case: whether every component
   * below k has a normal scale and either a normal ρ whose terms scale·ρ^x (x from x0 to end) and powers ρ^y
   * (y up to max(x0, 8)) stay within 2^±900 by their binary exponents (a regular component), or ρ = 0, or ρ = ∞
   * when {@code massAtLast}, or fades (otherwise: scale below 2, a normal ρ below 1); and at least one is regular.
   * Returns NaN when not, leaving the decision to the caller's component-by-component check (zero weights,
   * masses off the last bin, terms out of range); else +∞ when none fades, and when some do, the largest
   * over regular components of the least binary exponent bound of their terms (every bin's sum of terms is at
   * least 2 to that power). With that finite answer it has written −1 into {@code fading[j]} for a fading
   * component and 1 for any other (up to k rounded up to 8 in the vector kernel). scale, rho and fading hold k
   * rounded up to 8 entries, scale and rho none negative (the scalar check reads only their exponents).
   */
  double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading);


  /**
   * Fused E-step over bins [from, to) of consecutive outcomes ({@code x[b] = x[from] + b − from}) from terms
   * {@code scale[j]·rho[j]^x[b]}, with no exponential or logarithm per term: writes {@code Σ_b c[b]·r[b][j]}
   * into {@code n[j]} and {@code Σ_b c[b]·r[b][j]·x[b]} into {@code s[j]} (j below k), and returns
   * {@code Σ_b c[b]·log Σ_j term}.
   * {@code rho[j] = ∞} stands for a term {@code scale[j]} at the last bin (to − 1) and 0 elsewhere;
   * {@code rho[j] = 0} for terms 0 past x = 0. The caller guarantees: every other term, and {@code rho[j]^y}
   * for y up to max(x[from], 8), is a normal double between 2^−900 and 2^900 (or scale[j] = 0 and rho[j] = 1),
   * for every outcome up to x[from] + (to − from rounded up to whole vectors) − 1, with at least one such
   * component, except for fading components (0 < rho below 1, and scale below 2 or rho^y normal for y up to
   * max(x[from], 8)), whose terms may fall below 2^−900 and underflow: every operation on them multiplies by
   * factors below 1, so each of their terms and start terms is off by less than 2^−1060 beyond the usual relative
   * error, and N and S by less than scale·2^−1065 + 2^−1070 (the caller bounds the loss).
   * Also: the outcomes stay at most {@link #PRODUCT_LIMIT}; counts past {@code to} up to the next whole vector
   * are 0 or the arrays end at {@code to}; scale and rho entries past k, if any up to k rounded up to whole
   * vectors, are 0 and 1.
   */
  double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, double[] scratch);

  /** Doubles per vector: 1 for the scalar kernel. */
  int lanes();

  /** A short name for reports: {@code scalar} or {@code vector}. */
  String name();
}
