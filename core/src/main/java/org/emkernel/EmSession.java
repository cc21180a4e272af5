package org.emkernel;

import org.emkernel.internal.vectorization.ChunkedEStep;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * A step-by-step EM run on one histogram, for tools that drive the iterations themselves (and for the
 * benchmarks): {@link #eStep()}, {@link #mStep()} and {@link #iterate()} allocate nothing. Bins are processed
 * in fixed chunks whose partial sums are added in chunk order, so results do not depend on scheduling.
 * Not thread-safe: one session belongs to one thread at a time. Obtain one from {@link EmFitter#session}.
 */
public final class EmSession {
  final Family family;
  final EmKernel kernel;
  final double[] x;
  final double[] c;
  final int bins;
  final int k;
  final double logBase;
  final double[] w;
  final double[] theta;
  final double[] a;
  final double[] eta;
  final double[] n;
  final double[] s;
  private final ChunkedEStep estep;

  EmSession(EmKernel kernel, int threads, Histogram h, MixtureModel init) {
    this.family = init.family();
    this.kernel = kernel;
    this.x = h.x;
    this.c = h.c;
    this.bins = h.size();
    this.k = init.components();
    double base = 0;
    for (int b = 0; b < bins; b++) {
      base += c[b] * family.logBaseMeasure(h.outcome(b));
    }
    this.logBase = base;
    this.w = init.weights();
    this.theta = init.params();
    this.a = new double[k];
    this.eta = new double[k];
    this.n = new double[k];
    this.s = new double[k];
    this.estep = new ChunkedEStep(kernel, k, threads);
  }

  /** Fills a and eta from the current weights and parameters. */
  void coefficients() {
    for (int j = 0; j < k; j++) {
      a[j] = Math.log(w[j]) - family.logPartition(theta[j]);
      eta[j] = family.eta(theta[j]);
    }
  }

  /** E-step on the current model: computes N_k and S_k and returns the model's log-likelihood. */
  public double eStep() {
    coefficients();
    double logLik = estep.run(x, null, c, bins, a, eta, null, n, s, null);
    return logLik + logBase;
  }

  /** M-step from the last E-step: weights normalised by Σ N_k; a component with N_k = 0 keeps its parameter. */
  public void mStep() {
    double total = 0;
    for (int j = 0; j < k; j++) {
      total += n[j];
    }
    assert total > 0 : total;
    for (int j = 0; j < k; j++) {
      w[j] = n[j] / total;
      if (n[j] > 0) {
        theta[j] = family.parameterFromStatistics(n[j], s[j], 0);
      }
    }
  }

  /** One EM iteration (M-step from the last E-step, then an E-step); returns the new log-likelihood. */
  public double iterate() {
    mStep();
    return eStep();
  }

  /** The current model as an immutable snapshot. */
  public MixtureModel model() {
    return MixtureModel.trusted(family, w.clone(), theta.clone());
  }

  /** A copy of N_k from the last E-step. */
  public double[] expectedCounts() {
    return n.clone();
  }

  /** A copy of S_k from the last E-step. */
  public double[] expectedStatistics() {
    return s.clone();
  }

  /** Number of components K. */
  public int components() {
    return k;
  }

  /** Number of histogram bins B. */
  public int bins() {
    return bins;
  }

  /** Name of the kernel in use. */
  public String kernelName() {
    return kernel.name();
  }

  /** Log-posteriors of every bin, row-major B × K, under the current model. */
  double[] logPosteriors(double[] lse) {
    coefficients();
    double[] out = new double[Math.multiplyExact(bins, k)];
    estep.logPosteriors(x, null, bins, a, eta, null, out, lse);
    return out;
  }
}
