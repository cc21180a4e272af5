package org.emkernel.bench;

/**
 * EM for a binomial(n) mixture written the way users write it without histograms: one pass over the raw
 * observations per E-step, a log-sum-exp per observation, plain scalar loops and {@link Math}. The
 * per-component logs are hoisted out of the observation loop (any careful user does that); nothing else is
 * clever. Allocation-free after construction. Not thread-safe.
 */
public final class RawEm {
  private final int[] data;
  private final int trials;
  private final double[] logChoose;
  private final double[] weights;
  private final double[] biases;
  private final double[] offset;
  private final double[] slope;
  private final double[] joint;
  private final double[] counts;
  private final double[] sums;

  /** Keeps the observations (not copied) and copies the starting weights and biases. */
  public RawEm(int[] data, int trials, double[] weights, double[] biases) {
    if (weights.length != biases.length) {
      throw new IllegalArgumentException("weights has length " + weights.length
          + " but biases has length " + biases.length);
    }
    this.data = data;
    this.trials = trials;
    this.weights = weights.clone();
    this.biases = biases.clone();
    int k = weights.length;
    this.offset = new double[k];
    this.slope = new double[k];
    this.joint = new double[k];
    this.counts = new double[k];
    this.sums = new double[k];
    this.logChoose = new double[trials + 1];
    // log C(n, x) by the recurrence C(n, x) = C(n, x − 1)·(n − x + 1)/x.
    for (int x = 1; x <= trials; x++) {
      logChoose[x] = logChoose[x - 1] + Math.log((double) (trials - x + 1) / x);
    }
  }

  /** E-step over every observation, then M-step; returns the log-likelihood of the model the E-step used. */
  public double iterate() {
    double logLik = eStep();
    mStep();
    return logLik;
  }

  /** Fills the expected counts and statistics under the current model; returns its log-likelihood. */
  public double eStep() {
    int k = weights.length;
    for (int j = 0; j < k; j++) {
      // log(w·φ^x·(1−φ)^(n−x)) = log w + n·log(1−φ) + x·log(φ/(1−φ)).
      offset[j] = Math.log(weights[j]) + trials * Math.log1p(-biases[j]);
      slope[j] = Math.log(biases[j]) - Math.log1p(-biases[j]);
      counts[j] = 0;
      sums[j] = 0;
    }
    double logLik = 0;
    for (int x : data) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        joint[j] = offset[j] + slope[j] * x;
        max = Math.max(max, joint[j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(joint[j] - max);
      }
      double logSum = max + Math.log(sum);
      logLik += logSum + logChoose[x];
      for (int j = 0; j < k; j++) {
        double r = Math.exp(joint[j] - logSum);
        counts[j] += r;
        sums[j] += r * x;
      }
    }
    return logLik;
  }

  /** New weights N_k / Σ N and biases S_k / (n·N_k) from the last E-step. */
  public void mStep() {
    int k = weights.length;
    double total = 0;
    for (int j = 0; j < k; j++) {
      total += counts[j];
    }
    for (int j = 0; j < k; j++) {
      weights[j] = counts[j] / total;
      if (counts[j] > 0) {
        biases[j] = Math.min(1.0, Math.max(0.0, sums[j] / (trials * counts[j])));
      }
    }
  }

  /** A copy of the current weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** A copy of the current biases. */
  public double[] biases() {
    return biases.clone();
  }

  /** A copy of the expected counts N_k of the last E-step. */
  public double[] expectedCounts() {
    return counts.clone();
  }

  /** A copy of the expected statistics S_k of the last E-step. */
  public double[] expectedStatistics() {
    return sums.clone();
  }
}
