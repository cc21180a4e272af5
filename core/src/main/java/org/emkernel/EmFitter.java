package org.emkernel;

import org.emkernel.internal.Workers;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * Fits mixtures by EM. Immutable and thread-safe; configure with {@link #builder()}. Iterates until the
 * relative change of the log-likelihood is at most the tolerance, or the iteration limit is reached.
 */
public final class EmFitter {
  /** Default relative log-likelihood tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  /** Default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  private final double tolerance;
  private final int maxIterations;
  private final KernelChoice kernelChoice;
  private final EmKernel kernel;
  private final int threads;

  private EmFitter(Builder b) {
    this.tolerance = b.tolerance;
    this.maxIterations = b.maxIterations;
    this.kernelChoice = b.kernel;
    this.threads = b.threads;
    switch (b.kernel) {
      case SCALAR:
        this.kernel = KernelProvider.scalar();
        break;
      case VECTOR:
        this.kernel = KernelProvider.vector();
        break;
      default:
        this.kernel = KernelProvider.auto();
    }
  }

  /** A fitter with the default settings. */
  public static EmFitter create() {
    return builder().build();
  }

  /** A builder for a fitter. */
  public static Builder builder() {
    return new Builder();
  }

  /** The relative log-likelihood tolerance. */
  public double tolerance() {
    return tolerance;
  }

  /** The iteration limit. */
  public int maxIterations() {
    return maxIterations;
  }

  /** The kernel choice this fitter was built with. */
  public KernelChoice kernelChoice() {
    return kernelChoice;
  }

  /** Number of threads an E-step may use (results are bit-identical for any count). */
  public int threads() {
    return threads;
  }

  /** Name of the kernel in use: {@code scalar} or {@code vector}. */
  public String kernelName() {
    return kernel.name();
  }

  /** Runs EM from the initial model until convergence or the iteration limit. */
  public FitResult fit(Histogram data, MixtureModel initial) {
    EmSession engine = engine(data, initial);
    double[] trace = new double[maxIterations + 1];
    double logLik = engine.eStep();
    trace[0] = logLik;
    int iterations = 0;
    boolean converged = false;
    while (iterations < maxIterations) {
      engine.mStep();
      double next = engine.eStep();
      trace[++iterations] = next;
      converged = Math.abs(next - logLik) <= tolerance * Math.abs(next);
      logLik = next;
      if (converged) {
        break;
      }
    }
    return new FitResult(engine.model(), logLik, iterations, iterations + 1, converged,
        java.util.Arrays.copyOf(trace, iterations + 1));
  }

  /** One E-step: log-likelihood, expected counts and expected sufficient statistics under the model. */
  public Expectations expectations(Histogram data, MixtureModel model) {
    EmSession engine = engine(data, model);
    double logLik = engine.eStep();
    return new Expectations(logLik, engine.n.clone(), engine.s.clone());
  }

  /** One EM iteration (E-step then M-step) from the model. */
  public MixtureModel step(Histogram data, MixtureModel model) {
    EmSession engine = engine(data, model);
    engine.eStep();
    engine.mStep();
    return engine.model();
  }

  /** Log-likelihood of the data under the model, with the full base measure. */
  public double logLikelihood(Histogram data, MixtureModel model) {
    return engine(data, model).eStep();
  }

  /** Posteriors P(component k | outcome of bin b) as [bin][component]; each row sums to 1. */
  public double[][] posteriors(Histogram data, MixtureModel model) {
    EmSession engine = engine(data, model);
    double[] flat = engine.logPosteriors(null);
    int k = model.components();
    double[][] out = new double[data.size()][k];
    for (int b = 0; b < out.length; b++) {
      for (int j = 0; j < k; j++) {
        out[b][j] = Math.exp(flat[b * k + j]);
      }
    }
    return out;
  }

  /** A session for driving EM step by step on the data from the model (E-step not yet run). */
  public EmSession session(Histogram data, MixtureModel initial) {
    return engine(data, initial);
  }

  private EmSession engine(Histogram data, MixtureModel model) {
    if (data == null || model == null) {
      throw new IllegalArgumentException(data == null ? "histogram is null" : "model is null");
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("histogram is empty: there is nothing to fit");
    }
    for (int b = 0; b < data.size(); b++) {
      model.family().checkOutcome(data.outcome(b), b);
    }
    return new EmSession(kernel, threads, data, model);
  }

  /** Builder for {@link EmFitter}. */
  public static final class Builder {
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private KernelChoice kernel = KernelChoice.AUTO;
    private int threads = Workers.defaultThreads();

    private Builder() {}

    /**
     * Threads per E-step (&gt;= 1; default: available processors). Bins are split into fixed chunks reduced
     * in a fixed order, so any thread count gives bit-identical results; histograms of at most 8192 bins
     * run on one thread.
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads " + threads + " must be >= 1");
      }
      this.threads = threads;
      return this;
    }

    /** Relative log-likelihood change at which the fit stops (&gt;= 0). */
    public Builder tolerance(double tolerance) {
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException("tolerance " + tolerance + " must be finite and >= 0");
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Most EM iterations to run (&gt;= 0). */
    public Builder maxIterations(int maxIterations) {
      if (maxIterations < 0) {
        throw new IllegalArgumentException("maxIterations " + maxIterations + " must be >= 0");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /** Which kernel to use. */
    public Builder kernel(KernelChoice kernel) {
      if (kernel == null) {
        throw new IllegalArgumentException("kernel is null");
      }
      this.kernel = kernel;
      return this;
    }

    /** Builds the fitter. */
    public EmFitter build() {
      return new EmFitter(this);
    }
  }
}
