package org.emkernel.internal.engine;

import java.util.Arrays;
import org.emkernel.internal.plan.ProductPlanner;
import org.emkernel.internal.vectorization.ChunkedEStep;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelScratch;

/**
 * What a fit's session leaves on its thread for the next fit ({@link ScratchPool}): its E-step runner, which holds
 * the kernel scratch, its planner (null off the product path) and its per-component arrays. A session of the same
 * kernel, K and E-step threads takes them all, cleared as if new; any other session takes only the kernel scratch.
 * Many small fits in a row then neither allocate these nor touch fresh memory for them.
 */
public final class FitWorkspace {
  /** The E-step runner, on {@link ChunkedEStep#kernel()}. */
  final ChunkedEStep estep;
  /** The planner of that kernel and K, or null. */
  final ProductPlanner planner;
  /** N_k, S_k and the M-step's estimates: K each. */
  final double[] n;
  final double[] s;
  final double[] estimates;
  /** The product terms' scale and ρ, padded to whole vectors; null where the session had none. */
  final double[] productScale;
  final double[] productRho;
  private final int k;

  /** What a session of k components leaves: its runner, planner (or null) and arrays. */
  public FitWorkspace(int k, ChunkedEStep estep, ProductPlanner planner, double[] n, double[] s, double[] estimates,
      double[] productScale, double[] productRho) {
    assert planner == null || (planner.kernel() == estep.kernel() && planner.components() == k);
    this.k = k;
    this.estep = estep;
    this.planner = planner;
    this.n = n;
    this.s = s;
    this.estimates = estimates;
    this.productScale = productScale;
    this.productRho = productRho;
  }

  /** Whether a session of k components on this kernel, running its E-steps on {@code threads}, may take it all. */
  public boolean serves(EmKernel kernel, int k, int threads) {
    return estep.kernel() == kernel && this.k == k && estep.threads() == threads;
  }

  /** Whether it holds this runner, planner and scale (a session that took it all and made none of its own). */
  public boolean holds(ChunkedEStep estep, ProductPlanner planner, double[] productScale) {
    return this.estep == estep && this.planner == planner && this.productScale == productScale;
  }

  /** The kernel scratch, for a session that cannot take the rest. */
  public KernelScratch scratch() {
    return estep.firstScratch();
  }

  /** The E-step runner, for a session it {@link #serves}. */
  public ChunkedEStep estep() {
    return estep;
  }

  /** The planner made new for the session's data, or null when there is none. */
  public ProductPlanner planner(int bins, double x0, double end, int paddedBins, boolean massAtLast) {
    return planner == null ? null : planner.reset(bins, x0, end, paddedBins, massAtLast);
  }

  /** N_k, zeroed. */
  public double[] n() {
    return zeroed(n);
  }

  /** S_k, zeroed. */
  public double[] s() {
    return zeroed(s);
  }

  /** The M-step's estimates, zeroed. */
  public double[] estimates() {
    return zeroed(estimates);
  }

  /** Whether it holds product terms' arrays. */
  public boolean hasTerms() {
    return productScale != null;
  }

  /** The padded scale, zeroed (past K too, as new), or null when there is none. */
  public double[] productScale() {
    return productScale == null ? null : zeroed(productScale);
  }

  /** The padded ρ: zero up to K, 1 past it (as a new session sets it), or null when there is none. */
  public double[] productRho() {
    if (productRho == null) {
      return null;
    }
    Arrays.fill(productRho, 0, k, 0);
    Arrays.fill(productRho, k, productRho.length, 1.0);
    return productRho;
  }

  private static double[] zeroed(double[] a) {
    Arrays.fill(a, 0);
    return a;
  }
}
