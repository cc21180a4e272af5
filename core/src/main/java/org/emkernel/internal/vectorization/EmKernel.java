package org.emkernel.internal.vectorization;

import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;

/**
 * The E-step over histogram bins for log-joints affine in the bin: l[b][k] = a[k] + eta[k]·x[b] (+ zeta[k]·z[b]).
 * Stateless; callers own every array.
 */
public interface EmKernel {

  /** Scratch for calls with up to k components: {@code reuse} (nullable) when this kernel can use it, else new. */
  KernelScratch scratch(int k, KernelScratch reuse);

  /** Components with a floor at or below this keep every term, floors or not. */
  double EXACT_FLOOR = -860;

  /**
   * E-step over bins [from, to): adds Σ_b c·r[b][k] to n[k], Σ_b c·r·x to s[k] (and Σ_b c·r·z to t[k]); returns
   * Σ_b c[b]·logsumexp_k l[b][k]. {@code floors} (nullable) let it drop a term below 2^floors[j] of its bin's
   * sum, for components with a floor above {@link #EXACT_FLOOR}.
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

  /** Log-posteriors of bins [from, to) into out[(b − base)·k + j], each bin's logsumexp into lse (nullable). */
  void logPosteriors(double[] x, double[] z, int from, int to, int base,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, KernelScratch scratch);

  /** Largest outcome (and binomial trials) the product path takes: a term carries a few hundred roundings at most. */
  int PRODUCT_LIMIT = 256;

  /** Whether sessions should take {@link #accumulateProducts} where the family and the data allow it. */
  boolean usesProducts();

  /**
   * The product path's quick range check (docs/kernel.md, ladder steps 1 and 2): +∞ when every component is
   * regular or a mass, NaN when one is neither regular, a mass nor fading, else the bins' least sum exponent,
   * with −1 in {@code fading[j]} for each fading component and 1 for the others.
   */
  double productsOrdinary(double[] scale, double[] rho, int k, double x0, double end, boolean massAtLast,
      double[] fading);

  /**
   * The product path's E-step over consecutive bins [from, to) from terms scale[j]·rho[j]^x (ρ = ∞: a mass at the
   * last bin, ρ = 0: at x = 0): N into n, S into s; returns Σ_b c[b]·log Σ_j term. The caller's plan keeps the
   * terms within the ranges of docs/kernel.md.
   */
  double accumulateProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, KernelScratch scratch);

  /** Doubles per vector: 1 for the scalar kernel. */
  int lanes();

  /** A short name for reports: {@code scalar} or {@code vector}. */
  String name();
}
