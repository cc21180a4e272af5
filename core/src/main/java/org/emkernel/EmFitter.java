package org.emkernel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.emkernel.internal.Workers;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.Initialiser;
import org.emkernel.internal.engine.Interruption;
import org.emkernel.internal.engine.KernelHook;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * Fits mixtures by EM. Immutable and thread-safe; configure with {@link #builder()}. Iterates until the
 * relative change of the log-likelihood is at most the tolerance, or the iteration limit is reached.
 *
 * <p>Dying components: a component whose weight is free and whose expected count N_k falls to or below the
 * dying threshold ({@link Builder#dyingThreshold}) stays in the model: its weight follows N_k / N (it may
 * reach exactly 0), its parameter is frozen at its last value, everything stays finite, and the result lists
 * it in {@link FitResult#dyingComponents()}.
 *
 * <p>Interrupts: a fit checks its thread's interrupt status before each iteration (and each restart or
 * component count of a selection); when it is set, the fit ends with a {@link CancellationException} and
 * the status stays set, so the caller still sees the interrupt.
 */
public final class EmFitter {
  /** Default relative log-likelihood tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  /** Default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;
  /** Default dying threshold, in expected observations. */
  public static final double DEFAULT_DYING_THRESHOLD = 1e-8;
  /** Default seed of the initialisation. */
  public static final long DEFAULT_SEED = 0x5EEDL;

  private final double tolerance;
  private final int maxIterations;
  private final KernelChoice kernelChoice;
  private final EmKernel kernel;
  /** Whether sessions move to the vector kernel after {@link KernelProvider#AUTO_SWITCH_CELLS} cells (AUTO). */
  private final boolean next;
  private final int threads;
  private final long seed;
  private final int restarts;
  /** Whether seeded starts are random rather than k-means++ ({@link Initialisation}). */
  private final boolean randomStarts;
  private final boolean accelerate;
  private final FitListener listener;
  private final boolean[] fixedWeights;
  private final boolean[] fixedParams;
  private final double dyingThreshold;
  /** Runs one fit from a starting model with these settings. */
  private final FitRun runner;

  private EmFitter(Builder b) {
    this(b, b.kernel == KernelChoice.SCALAR ? KernelProvider.scalar()
        : b.kernel == KernelChoice.VECTOR ? KernelProvider.vector() : KernelProvider.autoStart(),
        b.kernel == KernelChoice.AUTO && KernelProvider.autoSwitches());
  }

  /**
   * A fitter on the kernel, moving to the vector kernel after a fixed amount of work when next (AUTO). Tests and
   * benchmarks reach it by reflection for a kernel no KernelChoice names ({@link KernelHook}).
   */
  private EmFitter(Builder b, EmKernel kernel, boolean next) {
    this.tolerance = b.tolerance;
    this.maxIterations = b.maxIterations;
    this.kernelChoice = b.kernel;
    this.kernel = kernel;
    this.next = next;
    // More threads than processors only queue behind each other: capped.
    this.threads = Math.min(b.threads, Workers.defaultThreads());
    this.seed = b.seed;
    this.restarts = b.restarts;
    this.randomStarts = b.randomStarts;
    this.accelerate = b.accelerate;
    this.listener = b.listener;
    this.fixedWeights = b.fixedWeights == null ? null : b.fixedWeights.clone();
    this.fixedParams = b.fixedParams == null ? null : b.fixedParams.clone();
    this.dyingThreshold = b.dyingThreshold;
    this.runner = new FitRun(kernel, next, threads, maxIterations, tolerance, accelerate, listener, fixedWeights,
        fixedParams, dyingThreshold);
  }

  /** {@return a fitter with the default settings} */
  public static EmFitter create() {
    return builder().build();
  }

  /** {@return a builder for a fitter} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the relative log-likelihood tolerance} */
  public double tolerance() {
    return tolerance;
  }

  /** {@return the iteration limit} */
  public int maxIterations() {
    return maxIterations;
  }

  /** {@return the kernel choice this fitter was built with} */
  public KernelChoice kernelChoice() {
    return kernelChoice;
  }

  /**
   * {@return number of threads an E-step may use: the builder's count, capped at the available processors
   * (results are bit-identical for any count)}
   */
  public int threads() {
    return threads;
  }

  /**
   * {@return name of the kernel in use: {@code scalar}, {@code vector} or {@code vector-exp}; under AUTO {@code auto}
   * (sessions start on the scalar kernel's product path and move to the vector kernel after a fixed amount of
   * work, see {@link KernelChoice#AUTO}), or {@code scalar-products} when the vector kernel cannot run here}
   */
  public String kernelName() {
    return next ? "auto" : kernel.name();
  }

  /** {@return the seed of the initialisation} */
  public long seed() {
    return seed;
  }

  /** {@return the number of starting models tried by {@link #fit(Histogram, Family, int)}} */
  public int restarts() {
    return restarts;
  }

  /** {@return whether fits use SQUAREM acceleration} */
  public boolean accelerated() {
    return accelerate;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Fitting

  /**
   * Runs EM from the initial model until convergence or the iteration limit.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param initial the starting model
   * @return the fit
   */
  public FitResult fit(Histogram data, MixtureModel initial) {
    return runner.run(DataChecks.data(data, initial), initial);
  }

  /**
   * Runs EM on data with trials per observation from the initial model (family {@link Family#binomialVaryingTrials()}).
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param initial the starting model
   * @return the fit
   */
  public FitResult fit(TrialsHistogram data, MixtureModel initial) {
    return runner.run(DataChecks.data(data, initial), initial);
  }

  /**
   * Fits K components of the family from {@link #restarts()} seeded starting models and keeps the best log-likelihood.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param family the family of every component
   * @param components the number of components K, at least 1
   * @return the best fit over the starts
   */
  public FitResult fit(Histogram data, Family family, int components) {
    checkFamily(family);
    return fitFromStarts(DataChecks.data(data, family), family, components);
  }

  /**
   * As {@link #fit(Histogram, Family, int)} for data with trials per observation.
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param family the family of every component
   * @param components the number of components K, at least 1
   * @return the best fit over the starts
   */
  public FitResult fit(TrialsHistogram data, Family family, int components) {
    checkFamily(family);
    return fitFromStarts(DataChecks.data(data, family), family, components);
  }

  /**
   * Fits every K in [minK, maxK] as {@link #fit(Histogram, Family, int)} does and picks the best by the criterion.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param family the family of every component
   * @param minK the fewest components to fit, at least 1
   * @param maxK the most components to fit, at least minK
   * @param criterion the criterion that picks the best fit
   * @return every fit and the best one
   */
  public SelectionResult selectComponents(Histogram data, Family family, int minK, int maxK, Criterion criterion) {
    checkFamily(family);
    return select(DataChecks.data(data, family), family, minK, maxK, criterion);
  }

  /**
   * As {@link #selectComponents(Histogram, Family, int, int, Criterion)} for data with trials per observation.
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param family the family of every component
   * @param minK the fewest components to fit, at least 1
   * @param maxK the most components to fit, at least minK
   * @param criterion the criterion that picks the best fit
   * @return every fit and the best one
   */
  public SelectionResult selectComponents(TrialsHistogram data, Family family, int minK, int maxK,
      Criterion criterion) {
    checkFamily(family);
    return select(DataChecks.data(data, family), family, minK, maxK, criterion);
  }

  private SelectionResult select(EmData d, Family family, int minK, int maxK, Criterion criterion) {
    if (criterion == null) {
      throw new IllegalArgumentException("criterion is null");
    }
    if (minK < 1 || maxK < minK) {
      throw new IllegalArgumentException("component range [" + minK + ", " + maxK
          + "] is empty or starts below 1");
    }
    DataChecks.components(maxK, d, family);
    List<FitResult> fits = new ArrayList<>();
    for (int k = minK; k <= maxK; k++) {
      if (Thread.currentThread().isInterrupted()) {
        throw Interruption.cancelled();
      }
      fits.add(fitFromStarts(d, family, k));
    }
    return new SelectionResult(criterion, fits);
  }

  /** The most components a fit from seeded starts takes. */
  public static final int MAX_COMPONENTS = 1 << 16;

  private FitResult fitFromStarts(EmData d, Family family, int components) {
    if (components < 1) {
      throw new IllegalArgumentException("number of components K = " + components + " must be at least 1");
    }
    DataChecks.components(components, d, family);
    if (fixedWeights != null || fixedParams != null) {
      throw new IllegalArgumentException(
          "fixed weights or parameters need an initial model holding their values: use fit(data, initial model)");
    }
    SplittableRandom root = new SplittableRandom(seed);
    FitResult best = null;
    for (int r = 0; r < restarts; r++) {
      if (Thread.currentThread().isInterrupted()) {
        throw Interruption.cancelled();
      }
      double[] weights = new double[components];
      double[] params = new double[components];
      Initialiser.initial(d, components, randomStarts, family.estimator,
          root.split(), weights, params);
      // The initialiser's values are valid by construction (weights positive and summing to 1, estimates clamped).
      MixtureModel start = MixtureModel.trusted(family, weights, params);
      FitResult fit = runner.run(d, start);
      if (best == null || fit.logLikelihood() > best.logLikelihood()) {
        best = fit;
      }
      if (fit.stoppedByListener()) {
        return fit;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Single steps and queries

  /**
   * One E-step: log-likelihood, expected counts and expected sufficient statistics under the model.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param model the model the E-step uses
   * @return the log-likelihood and the expected counts and statistics
   */
  public Expectations expectations(Histogram data, MixtureModel model) {
    return Evaluator.expectations(kernel, threads, DataChecks.data(data, model), model);
  }

  /**
   * One E-step on data with trials per observation: log-likelihood, N_k, S_k and T_k under the model.
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param model the model the E-step uses
   * @return the log-likelihood and the expected counts, statistics and trials
   */
  public Expectations expectations(TrialsHistogram data, MixtureModel model) {
    return Evaluator.expectations(kernel, threads, DataChecks.data(data, model), model);
  }

  /**
   * One EM iteration (E-step then M-step) from the model, with this fitter's fixed weights, fixed parameters
   * and dying threshold.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param model the model to start from
   * @return the model after one EM iteration
   */
  public MixtureModel step(Histogram data, MixtureModel model) {
    EmSession engine = session(data, model);
    engine.eStep();
    engine.mStep();
    return engine.model();
  }

  /**
   * One EM iteration (E-step then M-step) on data with trials per observation, as
   * {@link #step(Histogram, MixtureModel)}.
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param model the model to start from
   * @return the model after one EM iteration
   */
  public MixtureModel step(TrialsHistogram data, MixtureModel model) {
    EmSession engine = session(data, model);
    engine.eStep();
    engine.mStep();
    return engine.model();
  }

  /**
   * {@return log-likelihood of the data under the model, with the full base measure}
   *
   * @param data the observations, as a histogram of outcome counts
   * @param model the model
   */
  public double logLikelihood(Histogram data, MixtureModel model) {
    return Evaluator.logLikelihood(kernel, threads, DataChecks.data(data, model), model);
  }

  /**
   * {@return log-likelihood of data with trials per observation under the model, with the full base measure}
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param model the model
   */
  public double logLikelihood(TrialsHistogram data, MixtureModel model) {
    return Evaluator.logLikelihood(kernel, threads, DataChecks.data(data, model), model);
  }

  /**
   * {@return posteriors P(component k | outcome of bin b) as [bin][component]; each row sums to 1}
   *
   * @param data the observations, as a histogram of outcome counts
   * @param model the model
   */
  public double[][] posteriors(Histogram data, MixtureModel model) {
    return Evaluator.posteriors(kernel, threads, DataChecks.data(data, model), model, true);
  }

  /**
   * {@return posteriors P(component k | bin b) of data with trials per observation, as [bin][component]}
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param model the model
   */
  public double[][] posteriors(TrialsHistogram data, MixtureModel model) {
    return Evaluator.posteriors(kernel, threads, DataChecks.data(data, model), model, true);
  }

  /**
   * A session for driving EM step by step on the data from the model (E-step not yet run), whose M-step is
   * {@link #fit}'s: this fitter's fixed weights and parameters (masks of the model's K) and dying threshold.
   *
   * @param data the observations, as a histogram of outcome counts
   * @param initial the model the session starts at
   * @return a session at the initial model
   */
  public EmSession session(Histogram data, MixtureModel initial) {
    return configured(DataChecks.data(data, initial), initial);
  }

  /**
   * A session on data with trials per observation (E-step not yet run), as
   * {@link #session(Histogram, MixtureModel)}.
   *
   * @param data the observations, each a number of successes in its own number of trials
   * @param initial the model the session starts at
   * @return a session at the initial model
   */
  public EmSession session(TrialsHistogram data, MixtureModel initial) {
    return configured(DataChecks.data(data, initial), initial);
  }

  /** A session with this fitter's fixed weights, fixed parameters and dying threshold. */
  private EmSession configured(EmData d, MixtureModel initial) {
    int k = initial.components();
    return new EmSession(kernel, next, threads, d, initial, FitRun.mask(fixedWeights, "fixedWeights", k),
        FitRun.mask(fixedParams, "fixedParams", k), dyingThreshold, false);
  }


  // ---------------------------------------------------------------------------------------------------------
  // Validation at the boundary

  private static void checkFamily(Family family) {
    if (family == null) {
      throw new IllegalArgumentException("family is null");
    }
  }

  /** Builder for {@link EmFitter}. */
  public static final class Builder {
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private KernelChoice kernel = KernelChoice.AUTO;
    private int threads = Workers.defaultThreads();
    private long seed = DEFAULT_SEED;
    private int restarts = 1;
    // A flag, not the enum: a fitter built without initialisation(...) never loads the enum's class.
    private boolean randomStarts;
    private boolean accelerate;
    private FitListener listener;
    private boolean[] fixedWeights;
    private boolean[] fixedParams;
    private double dyingThreshold = DEFAULT_DYING_THRESHOLD;

    private Builder() {}

    /**
     * Threads per E-step (1 to 1024; default: available processors). Counts above the available processors
     * are capped at them ({@link EmFitter#threads()} reports the count used). Bins are split into fixed chunks
     * of 2048 reduced in a fixed order, so any thread count gives bit-identical results; no more threads than
     * chunks are used.
     *
     * @param threads the number of E-step threads, at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads " + threads + " must be between 1 and 1024");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the relative log-likelihood change at which the fit stops, in [0, 1): a change of 1 or more is no
     * convergence.
     *
     * @param tolerance the tolerance, at least 0 and below 1
     * @return this builder
     */
    public Builder tolerance(double tolerance) {
      if (!(tolerance >= 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance " + tolerance + " must be >= 0 and below 1");
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * {@return most iterations to run (&gt;= 0): EM updates, or SQUAREM cycles when accelerated}
     *
     * @param maxIterations the iteration limit
     */
    public Builder maxIterations(int maxIterations) {
      if (maxIterations < 0) {
        throw new IllegalArgumentException("maxIterations " + maxIterations + " must be >= 0");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /**
     * {@return which kernel to use}
     *
     * @param kernel the kernel choice
     */
    public Builder kernel(KernelChoice kernel) {
      if (kernel == null) {
        throw new IllegalArgumentException("kernel is null");
      }
      this.kernel = kernel;
      return this;
    }

    /**
     * {@return seed of the initialisation: a fixed seed gives bit-identical fits with the same kernel}
     *
     * @param seed the seed
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * {@return number of starting models (&gt;= 1) for fits without an initial model; the best log-likelihood wins}
     *
     * @param restarts the number of starting models
     */
    public Builder restarts(int restarts) {
      if (restarts < 1) {
        throw new IllegalArgumentException("restarts " + restarts + " must be >= 1");
      }
      this.restarts = restarts;
      return this;
    }

    /**
     * {@return how starting models are chosen (default {@link Initialisation#KMEANS_PLUS_PLUS})}
     *
     * @param initialisation how starting models are chosen
     */
    public Builder initialisation(Initialisation initialisation) {
      if (initialisation == null) {
        throw new IllegalArgumentException("initialisation is null");
      }
      this.randomStarts = initialisation == Initialisation.RANDOM;
      return this;
    }

    /**
     * Whether to accelerate EM with SQUAREM (Varadhan and Roland 2008, scheme S3) on the unconstrained scale
     * (log weights, logit or log parameters), with a fall-back to the plain EM point whenever the
     * extrapolation would lower the log-likelihood.
     *
     * @param accelerate whether to accelerate
     * @return this builder
     */
    public Builder accelerate(boolean accelerate) {
      this.accelerate = accelerate;
      return this;
    }

    /**
     * {@return a listener called after each iteration, which may stop the fit (null for none)}
     *
     * @param listener the listener, or null
     */
    public Builder listener(FitListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Which weights stay at their initial values (null: none); the free weights share 1 − Σ fixed in
     * proportion to their N_k. Needs an initial model of the same K.
     *
     * @param fixed per component, whether its weight stays fixed; null for none
     * @return this builder
     */
    public Builder fixedWeights(boolean[] fixed) {
      this.fixedWeights = fixed == null ? null : fixed.clone();
      return this;
    }

    /**
     * {@return which component parameters stay at their initial values (null: none). Needs an initial model of the same K}
     *
     * @param fixed per component, whether its parameter stays fixed; null for none
     */
    public Builder fixedParams(boolean[] fixed) {
      this.fixedParams = fixed == null ? null : fixed.clone();
      return this;
    }

    /**
     * {@return expected count (&gt;= 0) at or below which a free-weight component is dying (see {@link EmFitter})}
     *
     * @param expectedCount the expected count, at least 0
     */
    public Builder dyingThreshold(double expectedCount) {
      if (!(expectedCount >= 0) || Double.isInfinite(expectedCount)) {
        throw new IllegalArgumentException("dying threshold " + expectedCount + " must be finite and >= 0");
      }
      this.dyingThreshold = expectedCount;
      return this;
    }

    /**
     * Builds the fitter.
     *
     * @return the fitter
     */
    public EmFitter build() {
      return new EmFitter(this);
    }
  }
}
