package org.emkernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.emkernel.internal.ComponentSampler;
import org.emkernel.internal.Indices;
import org.emkernel.internal.Sampling;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.vectorization.KernelProvider;

/** An immutable finite mixture: K weights summing to 1 and one parameter per component, of one family. */
public final class MixtureModel {
  /** How far the weights may sum from 1. */
  public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

  private final Family family;
  private final double[] weights;
  private final double[] params;

  private MixtureModel(Family family, double[] weights, double[] params) {
    this.family = family;
    this.weights = weights;
    this.params = params;
  }

  /**
   * Creates a validated model; the arrays are copied.
   *
   * @param family the family of every component
   * @param weights the weights, non-negative and summing to 1
   * @param params the component parameters, valid for the family
   * @return the model
   */
  public static MixtureModel of(Family family, double[] weights, double[] params) {
    if (family == null) {
      throw new IllegalArgumentException("family is null");
    }
    if (weights == null || params == null) {
      throw new IllegalArgumentException(weights == null ? "weights is null" : "params is null");
    }
    if (weights.length < 1) {
      throw new IllegalArgumentException("number of components K = 0 must be at least 1");
    }
    if (weights.length != params.length) {
      throw new IllegalArgumentException("weights has length " + weights.length
          + " but params has length " + params.length);
    }
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      double w = weights[k];
      if (Double.isNaN(w) || w < 0 || w > 1) {
        throw new IllegalArgumentException("weight " + w + " at index " + k + " is not in [0, 1]");
      }
      sum += w;
      family.checkParameter(params[k], k);
    }
    if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
      throw new IllegalArgumentException("weights sum to " + sum + ", not 1 (tolerance "
          + WEIGHT_SUM_TOLERANCE + ")");
    }
    return new MixtureModel(family, weights.clone(), params.clone());
  }

  /** Wraps arrays the caller gives up (already valid), without copying or checking. */
  static MixtureModel trusted(Family family, double[] weights, double[] params) {
    assert weights.length == params.length;
    return new MixtureModel(family, weights, params);
  }

  /** {@return the family of every component} */
  public Family family() {
    return family;
  }

  /** {@return number of components K} */
  public int components() {
    return weights.length;
  }

  /**
   * {@return weight of component k}
   *
   * @param k the component, from 0
   */
  public double weight(int k) {
    return weights[Indices.check(k, weights.length, "component")];
  }

  /**
   * {@return parameter of component k}
   *
   * @param k the component, from 0
   */
  public double param(int k) {
    return params[Indices.check(k, params.length, "component")];
  }

  /** {@return a copy of the weights} */
  public double[] weights() {
    return weights.clone();
  }

  /** {@return a copy of the parameters} */
  public double[] params() {
    return params.clone();
  }

  /** {@return number of free parameters: (K − 1) weights plus K times the family's parameters per component} */
  public int freeParameters() {
    return components() - 1 + components() * family.parametersPerComponent();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Using a fitted model (through the Evaluator on the kernel of EmFitter.create()).

  /**
   * {@return log-likelihood of the data under this model, with the full base measure (the score of new data)}
   *
   * @param data the observations, as a histogram of outcome counts
   */
  public double logLikelihood(Histogram data) {
    return Evaluator.logLikelihood(KernelProvider.auto(), 1, DataChecks.data(data, family), this);
  }

  /**
   * {@return log-likelihood of data with trials per observation under this model, with the full base measure}
   *
   * @param data the observations, each a number of successes in its own number of trials
   */
  public double logLikelihood(TrialsHistogram data) {
    return Evaluator.logLikelihood(KernelProvider.auto(), 1, DataChecks.data(data, family), this);
  }

  /**
   * {@return log-posteriors log P(component k | outcome of bin b) as [bin][component]}
   *
   * @param data the observations, as a histogram of outcome counts
   */
  public double[][] logPosteriors(Histogram data) {
    return Evaluator.posteriors(KernelProvider.auto(), 1, DataChecks.data(data, family), this, false);
  }

  /**
   * {@return posteriors P(component k | outcome of bin b) as [bin][component]; each row sums to 1}
   *
   * @param data the observations, as a histogram of outcome counts
   */
  public double[][] posteriors(Histogram data) {
    return Evaluator.posteriors(KernelProvider.auto(), 1, DataChecks.data(data, family), this, true);
  }

  /**
   * {@return log-posteriors of each (trials, successes) bin as [bin][component]}
   *
   * @param data the observations, each a number of successes in its own number of trials
   */
  public double[][] logPosteriors(TrialsHistogram data) {
    return Evaluator.posteriors(KernelProvider.auto(), 1, DataChecks.data(data, family), this, false);
  }

  /**
   * {@return posteriors of each (trials, successes) bin as [bin][component]; each row sums to 1}
   *
   * @param data the observations, each a number of successes in its own number of trials
   */
  public double[][] posteriors(TrialsHistogram data) {
    return Evaluator.posteriors(KernelProvider.auto(), 1, DataChecks.data(data, family), this, true);
  }

  /**
   * {@return the most probable component of each bin's outcome (ties to the lower index), aligned with the bins}
   *
   * @param data the observations, as a histogram of outcome counts
   */
  public int[] mostProbableComponents(Histogram data) {
    return argmax(DataChecks.data(data, family));
  }

  /**
   * {@return the most probable component of each (trials, successes) bin, aligned with the bins}
   *
   * @param data the observations, each a number of successes in its own number of trials
   */
  public int[] mostProbableComponents(TrialsHistogram data) {
    return argmax(DataChecks.data(data, family));
  }

  /**
   * {@return the most probable component of each observation, aligned with the observations}
   *
   * @param observations the observations
   */
  public int[] classify(int[] observations) {
    Histogram h = Histogram.of(observations);
    if (h.isEmpty()) {
      return new int[0];
    }
    int[] byBin = mostProbableComponents(h);
    int[] outcomes = h.outcomes();
    int[] out = new int[observations.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = byBin[Arrays.binarySearch(outcomes, observations[i])];
    }
    return out;
  }

  /**
   * {@return the most probable component of each observation of successes[i] in trials[i] trials}
   *
   * @param trials the number of trials of each observation
   * @param successes the number of successes of each observation
   */
  public int[] classify(int[] trials, int[] successes) {
    TrialsHistogram h = TrialsHistogram.of(trials, successes);
    if (h.isEmpty()) {
      return new int[0];
    }
    int[] byBin = mostProbableComponents(h);
    long[] keys = new long[h.size()];
    for (int b = 0; b < keys.length; b++) {
      keys[b] = ((long) h.trials(b) << 32) | h.successes(b);
    }
    int[] out = new int[trials.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = byBin[Arrays.binarySearch(keys, ((long) trials[i] << 32) | successes[i])];
    }
    return out;
  }


  private int[] argmax(EmData d) {
    int k = components();
    int[] out = new int[d.bins];
    Evaluator.logPosteriorBlocks(KernelProvider.auto(), d, this, (from, to, rows) -> {
      for (int b = from; b < to; b++) {
        int at = (b - from) * k;
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (rows[at + j] > rows[at + best]) {
            best = j;
          }
        }
        out[b] = best;
      }
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Sampling (exact variates from java.util.SplittableRandom: the same seed gives the same data everywhere)

  /**
   * Draws n independent observations (families without trials per observation): each component's draws come
   * from an inversion table over its support with a guide table (O(1) per draw) when the support window is
   * at most max(4096, 4·n) outcomes wide, else from the exact per-draw samplers.
   *
   * @param n the number of observations to draw
   * @param seed the seed: the same seed gives the same draws
   * @return the draws
   */
  public int[] sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("sample size n = " + n + " is negative");
    }
    requireNoTrials();
    SplittableRandom random = new SplittableRandom(seed);
    int limit = (int) Math.min(1 << 22, Math.max(4096, 4L * n));
    ComponentSampler.Table[] tables = new ComponentSampler.Table[weights.length];
    for (int j = 0; j < weights.length; j++) {
      tables[j] = weights[j] > 0 ? ComponentSampler.Table.of(family.sampled(params[j]), limit) : null;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int j = component(random);
      out[i] = tables[j] != null ? tables[j].draw(random) : toOutcome(family.sample(params[j], random));
    }
    return out;
  }

  /**
   * Draws the histogram of n independent observations without materialising them: multinomial component
   * counts, then each component's outcome counts by conditional binomials over its support (outcomes whose
   * probability is below e^-700 of the centre of the support are left out; supports wider than 2^22 outcomes
   * in blocks of 4096), so the cost grows with the width of the support, not with n.
   *
   * @param n the number of observations to draw
   * @param seed the seed: the same seed gives the same histogram
   * @return the histogram of the draws
   */
  public Histogram sampleHistogram(long n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("sample size n = " + n + " is negative");
    }
    requireNoTrials();
    SplittableRandom random = new SplittableRandom(seed);
    long[] perComponent = multinomial(n, weights, random);
    Histogram out = Histogram.empty();
    for (int j = 0; j < weights.length; j++) {
      if (perComponent[j] > 0) {
        ComponentSampler.Draws draws = ComponentSampler.histogram(family.sampled(params[j]), perComponent[j], random);
        out = out.merge(Histogram.ofCounts(draws.outcomes, draws.counts));
      }
    }
    return out;
  }

  /**
   * Draws successes[i] in trials[i] trials for each i (family {@link Family#binomialVaryingTrials()}). A number
   * of trials frequent enough to pay for it gets a per-component inversion table (O(1) per draw, at most
   * 2^24 table entries in all); the rest use the exact per-draw binomial sampler.
   *
   * @param trials the number of trials of each observation
   * @param seed the seed: the same seed gives the same draws
   * @return the number of successes of each observation
   */
  public int[] sampleSuccesses(int[] trials, long seed) {
    if (trials == null) {
      throw new IllegalArgumentException("trials is null");
    }
    if (!family.needsTrials()) {
      throw new IllegalArgumentException("family " + family.name() + " has no trials per observation: use sample");
    }
    for (int i = 0; i < trials.length; i++) {
      if (trials[i] < 0) {
        throw new IllegalArgumentException("trials " + trials[i] + " at index " + i + " is negative");
      }
    }
    // Distinct numbers of trials and how often each occurs.
    int[] sorted = trials.clone();
    Arrays.sort(sorted);
    int distinctCount = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinctCount++] = sorted[i];
      }
    }
    int[] distinct = Arrays.copyOf(sorted, distinctCount);
    int[] occurrences = new int[distinctCount];
    for (int t : trials) {
      occurrences[Arrays.binarySearch(distinct, t)]++;
    }
    int k = weights.length;
    ComponentSampler.Table[][] tables = new ComponentSampler.Table[k][];
    boolean[][] decided = new boolean[k][];
    long budget = 1L << 24;
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[trials.length];
    for (int i = 0; i < out.length; i++) {
      int j = component(random);
      int t = trials[i];
      if (t < TABLE_MIN_TRIALS) {
        out[i] = (int) family.sample(params[j], t, random);
        continue;
      }
      if (tables[j] == null) {
        tables[j] = new ComponentSampler.Table[distinctCount];
        decided[j] = new boolean[distinctCount];
      }
      int d = Arrays.binarySearch(distinct, t);
      if (!decided[j][d]) {
        decided[j][d] = true;
        double phi = params[j];
        // The window is about 2·√(2·750·t·φ(1 − φ)) wide; build it when the draws it serves outnumber it / 8.
        double width = 2 * 39 * Math.sqrt(t * phi * (1 - phi)) + 1;
        if (8.0 * occurrences[d] >= width && width <= budget) {
          tables[j][d] = ComponentSampler.Table.of(Family.binomial(t).sampled(phi), (int) Math.min(budget, 1 << 22));
          budget -= tables[j][d] == null ? 0 : (long) width;
        }
      }
      ComponentSampler.Table table = tables[j][d];
      out[i] = table != null ? table.draw(random) : (int) family.sample(params[j], t, random);
    }
    return out;
  }

  /** Below this many trials the per-draw sampler (inversion) is as fast as a table. */
  private static final int TABLE_MIN_TRIALS = 32;

  private void requireNoTrials() {
    if (family.needsTrials()) {
      throw new IllegalArgumentException(
          "family " + family.name() + " needs the number of trials per observation: use sampleSuccesses");
    }
  }

  static int toOutcome(long x) {
    if (x > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sampled outcome " + x + " exceeds the int range of outcomes");
    }
    return (int) x;
  }

  private int component(SplittableRandom random) {
    double u = random.nextDouble();
    int last = weights.length - 1;
    for (int j = 0; j < last; j++) {
      u -= weights[j];
      if (u < 0) {
        return j;
      }
    }
    return last;
  }

  /** Multinomial(n, p) counts by sequential conditional binomials. */
  static long[] multinomial(long n, double[] p, SplittableRandom random) {
    int k = p.length;
    double[] tail = new double[k + 1];
    for (int j = k - 1; j >= 0; j--) {
      tail[j] = tail[j + 1] + p[j];
    }
    long[] out = new long[k];
    long left = n;
    for (int j = 0; j < k && left > 0; j++) {
      if (j == k - 1 || tail[j + 1] <= 0) {
        out[j] = left;
        break;
      }
      double q = tail[j] > 0 ? Math.min(1, p[j] / tail[j]) : 0;
      out[j] = Sampling.binomial(left, q, random);
      left -= out[j];
    }
    return out;
  }

  // Read-only views for the engine in this package.
  double[] weightsView() {
    return weights;
  }

  double[] paramsView() {
    return params;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MixtureModel)) {
      return false;
    }
    MixtureModel m = (MixtureModel) o;
    return family.equals(m.family) && Arrays.equals(weights, m.weights) && Arrays.equals(params, m.params);
  }

  @Override
  public int hashCode() {
    return (family.hashCode() * 31 + Arrays.hashCode(weights)) * 31 + Arrays.hashCode(params);
  }

  @Override
  public String toString() {
    return "MixtureModel{" + family.name() + ", weights=" + Arrays.toString(weights) + ", "
        + family.parameterName() + "=" + Arrays.toString(params) + "}";
  }
}
