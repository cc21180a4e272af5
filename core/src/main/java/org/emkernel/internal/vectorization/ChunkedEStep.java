package org.emkernel.internal.vectorization;

import java.util.Arrays;

/**
 * Runs a kernel's fused E-step over all bins in fixed chunks and adds the chunks' partial sums in chunk
 * order, so the result does not depend on how chunks are scheduled. Owns its partial sums and scratch:
 * one instance belongs to one session, and {@link #run} allocates nothing.
 */
public final class ChunkedEStep {
  /** Bins per chunk. */
  public static final int CHUNK = 1 << 13;

  private final EmKernel kernel;
  private final int k;
  private final double[] partialN;
  private final double[] partialS;
  private final double[] partialT;
  private final double[] scratch;

  /** Creates the runner for k components. */
  public ChunkedEStep(EmKernel kernel, int k) {
    this.kernel = kernel;
    this.k = k;
    this.partialN = new double[k];
    this.partialS = new double[k];
    this.partialT = new double[k];
    this.scratch = new double[kernel.scratchLength(k)];
  }

  /** The kernel this runner uses. */
  public EmKernel kernel() {
    return kernel;
  }

  /**
   * Overwrites n, s (and t when z is non-null) with the E-step sums over bins [0, bins) and returns
   * {@code Σ_b c_b·logsumexp_k l[b][k]} (without the base measure).
   */
  public double run(double[] x, double[] z, double[] c, int bins, double[] a, double[] eta, double[] zeta,
      double[] n, double[] s, double[] t) {
    Arrays.fill(n, 0, k, 0);
    Arrays.fill(s, 0, k, 0);
    if (t != null) {
      Arrays.fill(t, 0, k, 0);
    }
    double logLik = 0;
    for (int from = 0; from < bins; from += CHUNK) {
      int to = Math.min(bins, from + CHUNK);
      Arrays.fill(partialN, 0);
      Arrays.fill(partialS, 0);
      Arrays.fill(partialT, 0);
      logLik += kernel.accumulate(x, z, c, from, to, a, eta, zeta, k, partialN, partialS, partialT, scratch);
      for (int j = 0; j < k; j++) {
        n[j] += partialN[j];
        s[j] += partialS[j];
        if (t != null) {
          t[j] += partialT[j];
        }
      }
    }
    return logLik;
  }

  /** Writes the log-posteriors of bins [0, bins) row-major into out, and each bin's logsumexp into lse (nullable). */
  public void logPosteriors(double[] x, double[] z, int bins, double[] a, double[] eta, double[] zeta,
      double[] out, double[] lse) {
    kernel.logPosteriors(x, z, 0, bins, a, eta, zeta, k, out, lse, scratch);
  }
}
