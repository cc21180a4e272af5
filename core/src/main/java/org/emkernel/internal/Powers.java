package org.emkernel.internal;

/**
 * The product path's terms for many components at a time: the kernel in use supplies them, pass by pass over
 * the components or a vector of components at a time, with the same bits either way (every power by
 * {@link SpecialFunctions#timesPower}'s binary powering).
 */
public interface Powers {
  /**
   * Up to this many components {@link #binomial} goes one component at a time; above, by
   * {@link #binomialTerms} (the same operations: each is cheaper on its side).
   */
  int FEW_COMPONENTS = 7;

  /**
   * Up to this many components {@link #negativeBinomial} goes one component at a time; above, by
   * {@link #timesPowers} pass by pass (the same operations: each is cheaper on its side).
   */
  int FEW_POWERS = 8;

  /**
   * A negative binomial(r) mixture's terms for j &lt; k, r ≥ 0 whole: {@code scale[j] = timesPower(w[j], θ_j, r)}
   * and {@code rho[j] = 1 − θ_j}, one component at a time or by this kernel's passes (the same bits); entries past
   * k are left alone.
   */
  default void negativeBinomial(double[] w, double[] theta, int k, int r, double[] scale, double[] rho) {
    if (k <= FEW_POWERS) {
      for (int j = 0; j < k; j++) {
        scale[j] = SpecialFunctions.timesPower(w[j], theta[j], r);
        rho[j] = 1 - theta[j];
      }
      return;
    }
    System.arraycopy(w, 0, scale, 0, k);
    System.arraycopy(theta, 0, rho, 0, k);
    timesPowers(scale, rho, k, r);
    for (int j = 0; j < k; j++) {
      rho[j] = 1 - theta[j];
    }
  }

  /** {@link #binomialTerms} at any component count: one component at a time or by this kernel, the same bits. */
  default void binomial(double[] w, double[] theta, int k, int n, double[] scale, double[] rho) {
    if (k <= FEW_COMPONENTS) {
      for (int j = 0; j < k; j++) {
        double th = theta[j];
        scale[j] = th == 1 ? w[j] : SpecialFunctions.timesPower(w[j], 1 - th, n);
        rho[j] = th / (1 - th);
      }
      return;
    }
    binomialTerms(w, theta, k, n, scale, rho);
  }

  /**
   * Sets {@code scale[j] = }{@link SpecialFunctions#timesPower}{@code (scale[j], base[j], e)} for j &lt; k
   * (e ≥ 0); base may be overwritten (with powers of itself); entries past k are left alone.
   */
  void timesPowers(double[] scale, double[] base, int k, int e);

  /**
   * A binomial(n) mixture's terms for j &lt; k: {@code scale[j] = timesPower(w[j], 1 − θ_j, n)} and
   * {@code rho[j] = θ_j / (1 − θ_j)}, except that θ_j = 1 gives scale w_j (and ρ = ∞: the whole mass at x =
   * n). 0 ≤ θ_j ≤ 1, n ≥ 0; entries past k are left alone.
   */
  void binomialTerms(double[] w, double[] theta, int k, int n, double[] scale, double[] rho);
}
