package org.emkernel;

import org.emkernel.internal.vectorization.EmKernel;

/**
 * A step-by-step EM run on one histogram, for tools that drive the iterations themselves (and for the
 * benchmarks): {@link #eStep()}, {@link #mStep()} and {@link #iterate()} allocate nothing. Bins are processed
 * in fixed chunks whose partial sums are added in chunk order, so results do not depend on scheduling.
 * Not thread-safe: one session belongs to one thread at a time. Obtain one from {@link EmFitter#session}.
 */
public final class EmSession {
  static final int CHUNK = 1 << 13;

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
  private final double[] partialN;
  private final double[] partialS;
  private final double[] scratch;

  EmSession(EmKernel kernel, Histogram h, MixtureModel init) {
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
    this.partialN = new double[k];
    this.partialS = new double[k];
    this.scratch = new double[kernel.scratchLength(k)];
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
    java.util.Arrays.fill(n, 0);
    java.util.Arrays.fill(s, 0);
    double logLik = 0;
    for (int from = 0; from < bins; from += CHUNK) {
      int to = Math.min(bins, from + CHUNK);
      java.util.Arrays.fill(partialN, 0);
      java.util.Arrays.fill(partialS, 0);
      logLik += kernel.accumulate(x, null, c, from, to, a, eta, null, k, partialN, partialS, null, scratch);
      for (int j = 0; j < k; j++) {
        n[j] += partialN[j];
        s[j] += partialS[j];
      }
    }
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
    kernel.logPosteriors(x, null, 0, bins, a, eta, null, k, out, lse, scratch);
    return out;
  }
}
