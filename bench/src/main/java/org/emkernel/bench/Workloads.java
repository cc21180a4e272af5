package org.emkernel.bench;

import java.util.SplittableRandom;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.emkernel.internal.engine.KernelHook;

/**
 * The data every benchmark runs on, generated from fixed seeds so that each run (and the tests) sees
 * bit-identical inputs. Kernel workloads are binomial mixtures over outcomes 0..n with every outcome
 * present; observation workloads are draws from a binomial(n = 100) mixture.
 */
public final class Workloads {
  /** Seed of every generator in the suite. */
  public static final long SEED = 20261125L;
  /** Trials of the binomial behind the observation benchmarks (outcomes 0..100). */
  public static final int OBSERVATION_TRIALS = 100;
  /** Observations per bin, on average, of the kernel histograms (before the +1 that keeps every bin). */
  static final double COUNT_PER_BIN = 1000;

  private Workloads() {}

  /**
   * The fitter of the named kernel: {@code scalar}, {@code vector}, or {@code vector-exp} (the vector kernel
   * with one exponential per cell, outside the default grid: add it with {@code -p impl=scalar,vector,vector-exp}).
   */
  public static EmFitter fitter(String impl) {
    return fitter(impl, 1);
  }

  /**
   * The fitter of the named kernel with an E-step on {@code threads} threads. The benchmarks default to one
   * thread, so their cells per second are per core and comparable with the single-threaded bare exp.
   */
  public static EmFitter fitter(String impl, int threads) {
    EmFitter.Builder builder = EmFitter.builder().threads(threads);
    switch (impl) {
      case "scalar":
        return builder.kernel(KernelChoice.SCALAR).build();
      case "vector":
        return builder.kernel(KernelChoice.VECTOR).build();
      case "vector-exp":
        return KernelHook.expPerCell(builder.kernel(KernelChoice.VECTOR));
      default:
        throw new IllegalArgumentException("impl '" + impl + "' is not scalar, vector or vector-exp");
    }
  }

  /**
   * A well-posed binomial(trials) mixture of k components: biases spread evenly over [0.05, 0.95] with a
   * little seeded jitter, weights seeded in [1, 2] and normalised (no component is negligible).
   */
  public static MixtureModel mixture(int trials, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("components " + k + " must be at least 1");
    }
    SplittableRandom random = new SplittableRandom(SEED ^ (31L * trials + k));
    double[] weights = new double[k];
    double[] biases = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      weights[j] = 1 + random.nextDouble();
      sum += weights[j];
      double slot = 0.9 / k;
      biases[j] = 0.05 + slot * (j + 0.25 + 0.5 * random.nextDouble());
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= sum;
    }
    // Renormalise the last weight so the sum is 1 to rounding.
    double rest = 1;
    for (int j = 0; j < k - 1; j++) {
      rest -= weights[j];
    }
    weights[k - 1] = rest;
    return MixtureModel.of(Family.binomial(trials), weights, biases);
  }

  /** The size of {@link #familyMixture}'s negative binomial. */
  public static final double NEGATIVE_BINOMIAL_SIZE = 3;

  /**
   * A k-component mixture of the named family ({@code binomial} with n = outcomes − 1, {@code poisson},
   * {@code geometric}, {@code negative-binomial} of size {@value #NEGATIVE_BINOMIAL_SIZE}) with {@link #mixture}'s
   * weights and each component's mean at {@link #mixture}'s bias times outcomes − 1.
   */
  public static MixtureModel familyMixture(String family, int outcomes, int k) {
    MixtureModel binomial = mixture(outcomes - 1, k);
    double[] params = new double[k];
    Family f;
    for (int j = 0; j < k; j++) {
      double mean = binomial.param(j) * (outcomes - 1);
      switch (family) {
        case "binomial": params[j] = binomial.param(j); break;
        case "poisson": params[j] = mean; break;
        case "geometric": params[j] = 1 / (1 + mean); break;
        case "negative-binomial": params[j] = NEGATIVE_BINOMIAL_SIZE / (NEGATIVE_BINOMIAL_SIZE + mean); break;
        default: throw new IllegalArgumentException("family " + family + " is not binomial, poisson, geometric or negative-binomial");
      }
    }
    switch (family) {
      case "binomial": f = Family.binomial(outcomes - 1); break;
      case "poisson": f = Family.poisson(); break;
      case "geometric": f = Family.geometric(); break;
      default: f = Family.negativeBinomial(NEGATIVE_BINOMIAL_SIZE); break;
    }
    return MixtureModel.of(f, binomial.weights(), params);
  }

  /** The sequencing error rate of {@link #genotypes}. */
  public static final double GENOTYPE_ERROR = 0.001;

  /**
   * Allele counts at a sequencing depth: a binomial(depth) mixture of the reference genotype (bias
   * {@value #GENOTYPE_ERROR}, weight 0.45), the heterozygous one (0.5, weight 0.35) and the alternative one
   * (1 − {@value #GENOTYPE_ERROR}, weight 0.2).
   */
  public static MixtureModel genotypes(int depth) {
    return MixtureModel.of(Family.binomial(depth), new double[] {0.45, 0.35, 0.2},
        new double[] {GENOTYPE_ERROR, 0.5, 1 - GENOTYPE_ERROR});
  }

  /**
   * A histogram over every outcome 0..outcomes−1 (binomial n = outcomes − 1): bin x counts
   * {@code 1 + floor(COUNT_PER_BIN·outcomes·p(x)·u)}, p the mixture's probability of x and u a seeded
   * jitter in [0.9, 1.1]. Every outcome is present, so the histogram has exactly {@code outcomes} bins.
   */
  public static Histogram fullSupportHistogram(MixtureModel model, int outcomes) {
    if (outcomes < 2) {
      throw new IllegalArgumentException("outcomes " + outcomes + " must be at least 2");
    }
    SplittableRandom random = new SplittableRandom(SEED ^ outcomes);
    int[] xs = new int[outcomes];
    long[] counts = new long[outcomes];
    double total = COUNT_PER_BIN * outcomes;
    for (int x = 0; x < outcomes; x++) {
      double p = mixtureProbability(model, x);
      xs[x] = x;
      counts[x] = 1 + (long) Math.floor(total * p * (0.9 + 0.2 * random.nextDouble()));
    }
    return Histogram.ofCounts(xs, counts);
  }

  /** The mixture's probability of outcome x, summed in log space. */
  public static double mixtureProbability(MixtureModel model, int x) {
    return Math.exp(mixtureLogProbability(model, x));
  }

  /** log Σ_k w_k p(x | θ_k), straight from {@link Family#logPmf} (an independent reference for the kernels). */
  public static double mixtureLogProbability(MixtureModel model, int x) {
    int k = model.components();
    double max = Double.NEGATIVE_INFINITY;
    double[] l = new double[k];
    for (int j = 0; j < k; j++) {
      l[j] = Math.log(model.weight(j)) + model.family().logPmf(x, model.param(j));
      max = Math.max(max, l[j]);
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += Math.exp(l[j] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * {@code count} observations drawn from the model (a binomial mixture), by inverse transform on
   * per-component cumulative tables: component by weight, then outcome.
   */
  public static int[] observations(MixtureModel model, int trials, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("observations " + count + " must be >= 0");
    }
    int k = model.components();
    double[] componentCdf = new double[k];
    double[][] outcomeCdf = new double[k][trials + 1];
    double acc = 0;
    for (int j = 0; j < k; j++) {
      acc += model.weight(j);
      componentCdf[j] = acc;
      double c = 0;
      for (int x = 0; x <= trials; x++) {
        c += Math.exp(model.family().logPmf(x, model.param(j)));
        outcomeCdf[j][x] = c;
      }
    }
    SplittableRandom random = new SplittableRandom(SEED ^ ((long) count << 8) ^ k);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int j = search(componentCdf, random.nextDouble() * acc);
      double[] cdf = outcomeCdf[j];
      out[i] = search(cdf, random.nextDouble() * cdf[trials]);
    }
    return out;
  }

  /** The first index whose cumulative value exceeds u (the last index when none does). */
  private static int search(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
