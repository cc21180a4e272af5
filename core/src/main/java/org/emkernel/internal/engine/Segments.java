package org.emkernel.internal.engine;

import java.util.Arrays;
import org.emkernel.internal.plan.EStepPlan;
import org.emkernel.internal.vectorization.ChunkedEStep;

/**
 * The product E-step of a segmented plan: bins split at the rising components' entries. In each segment the
 * components that have entered take their terms, the others scale 0; masses at the last bin (ρ = ∞) join in the
 * last segment only. The segments' sums are added in bin order.
 */
public final class Segments {
  private final int k;
  /** One segment's terms (padded like the product terms) and sums. */
  private final double[] scale;
  private final double[] rho;
  private final double[] segmentN;
  private final double[] segmentS;

  /** Buffers for k components. */
  public Segments(int k) {
    this.k = k;
    this.scale = new double[EmData.padded(k)];
    this.rho = new double[EmData.padded(k)];
    this.segmentN = new double[k];
    this.segmentS = new double[k];
  }

  /** Runs the plan's segments over bins [0, bins) into n and s; returns the log-likelihood of the terms. */
  public double run(EStepPlan plan, ChunkedEStep estep, double[] x, double[] c, int bins, double[] productScale,
      double[] productRho, double[] n, double[] s) {
    final int rising = plan.risingCount();
    System.arraycopy(productScale, 0, scale, 0, productScale.length);
    System.arraycopy(productRho, 0, rho, 0, productRho.length);
    for (int i = 0; i < rising; i++) {
      leaveOut(plan.entering(i));
    }
    for (int j = 0; j < k; j++) {
      if (productRho[j] == Double.POSITIVE_INFINITY) {
        leaveOut(j);
      }
    }
    Arrays.fill(n, 0);
    Arrays.fill(s, 0);
    double logLik = 0;
    int i = 0;
    for (int from = 0; from < bins;) {
      for (; i < rising && plan.entry(i) <= from; i++) {
        takeIn(plan.entering(i), productScale, productRho);
      }
      int to = i < rising ? Math.min(bins, plan.entry(i)) : bins;
      if (to == bins) {
        for (int j = 0; j < k; j++) {
          if (productRho[j] == Double.POSITIVE_INFINITY) {
            takeIn(j, productScale, productRho);
          }
        }
      }
      logLik += estep.runProducts(x, c, from, to, scale, rho, segmentN, segmentS);
      for (int j = 0; j < k; j++) {
        n[j] += segmentN[j];
        s[j] += segmentS[j];
      }
      from = to;
    }
    return logLik;
  }

  /** Component j contributes nothing: scale 0, ρ 1. */
  private void leaveOut(int j) {
    scale[j] = 0;
    rho[j] = 1;
  }

  /** Component j takes its product terms. */
  private void takeIn(int j, double[] productScale, double[] productRho) {
    scale[j] = productScale[j];
    rho[j] = productRho[j];
  }
}
