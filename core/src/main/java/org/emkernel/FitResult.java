package org.emkernel;

import java.util.Arrays;
import org.emkernel.internal.engine.Analysis;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.Trace;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * The result of an EM fit: the final model, its log-likelihood, counts of work done, the trace, dying
 * components, model-selection criteria and standard errors (the last two computed on first use from the
 * data the fit saw).
 */
public final class FitResult {
  private final MixtureModel model;
  private final double logLikelihood;
  private final int iterations;
  private final int eSteps;
  private final boolean converged;
  private final boolean stoppedByListener;
  /** The fit's own trace, kept as the loop left it (nothing writes to it after the fit): copied on request. */
  private final Trace trace;
  // Context for the criteria and standard errors.
  private final EmData data;
  private final EmKernel kernel;
  private final boolean[] fixedWeights;
  private final boolean[] fixedParams;
  private final int[] dying;
  private volatile double entropy = Double.NaN;
  private volatile StandardErrors standardErrors;

  FitResult(MixtureModel model, double logLikelihood, int iterations, int eSteps, boolean converged,
      boolean stoppedByListener, Trace trace, EmData data, EmKernel kernel, boolean[] fixedWeights, boolean[] fixedParams, int[] dying) {
    this.model = model;
    this.logLikelihood = logLikelihood;
    this.iterations = iterations;
    this.eSteps = eSteps;
    this.converged = converged;
    this.stoppedByListener = stoppedByListener;
    this.trace = trace;
    this.data = data;
    this.kernel = kernel;
    this.fixedWeights = fixedWeights;
    this.fixedParams = fixedParams;
    this.dying = dying;
  }

  /** {@return the fitted model} */
  public MixtureModel model() {
    return model;
  }

  /** {@return log-likelihood of the data under {@link #model()}, with the full base measure} */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** {@return number of iterations: EM updates for plain EM, SQUAREM cycles (each two EM updates and an extrapolation) when accelerated} */
  public int iterations() {
    return iterations;
  }

  /** {@return number of E-steps (passes over the data) of the start that gave this result; for plain EM, iterations + 1} */
  public int eSteps() {
    return eSteps;
  }

  /** {@return whether the relative log-likelihood change fell to the tolerance (false after the iteration limit or a listener's stop)} */
  public boolean converged() {
    return converged;
  }

  /** {@return whether a {@link FitListener} stopped the fit early (then {@link #converged()} is false)} */
  public boolean stoppedByListener() {
    return stoppedByListener;
  }

  /** {@return a copy of the log-likelihood of the initial model and after each iteration (iterations + 1 values)} */
  public double[] trace() {
    return trace.toArray();
  }

  /**
   * Indices of dying components: free-weight components whose expected count N_k at the final model is at
   * most the fitter's dying threshold. They stay in the model (weight N_k / N, possibly 0, parameter frozen
   * at its last value, everything finite) and are listed here, ascending.
   *
   * @return the indices of the components that died out, ascending (empty when none did)
   */
  public int[] dyingComponents() {
    return dying.clone();
  }

  /** {@return number of observations N the model was fitted to} */
  public long observations() {
    return data.total;
  }

  /**
   * Number of free parameters p: (number of free weights − 1, at least 0) plus the number of free
   * component parameters; with nothing fixed, K − 1 + K ({@link MixtureModel#freeParameters()}).
   *
   * @return the number of free parameters p of the fitted model
   */
  public int freeParameters() {
    int freeW = 0;
    int freeP = 0;
    for (int j = 0; j < model.components(); j++) {
      freeW += fixedWeights[j] ? 0 : 1;
      freeP += fixedParams[j] ? 0 : model.family().parametersPerComponent();
    }
    return Math.max(0, freeW - 1) + freeP;
  }

  /** {@return akaike information criterion −2·logL + 2·p (lower is better)} */
  public double aic() {
    return -2 * logLikelihood + 2.0 * freeParameters();
  }

  /** {@return bayesian information criterion −2·logL + p·log N (lower is better)} */
  public double bic() {
    return -2 * logLikelihood + freeParameters() * Math.log(data.total);
  }

  /** {@return integrated completed likelihood in BIC form, BIC + 2·{@link #entropy()} (lower is better)} */
  public double icl() {
    return bic() + 2 * entropy();
  }

  /**
   * {@return the value of the given criterion}
   *
   * @param criterion the criterion to compute
   */
  public double criterion(Criterion criterion) {
    if (criterion == null) {
      throw new IllegalArgumentException("criterion is null");
    }
    switch (criterion) {
      case AIC:
        return aic();
      case BIC:
        return bic();
      default:
        return icl();
    }
  }

  /** {@return posterior entropy E = −Σ_b c_b Σ_k r_bk·log r_bk of the fitted model on the data (0 when every observation is certain)} */
  public double entropy() {
    double e = entropy;
    if (Double.isNaN(e)) {
      e = Analysis.entropy(data, model.components(), v -> Evaluator.logPosteriorBlocks(kernel, data, model, v));
      entropy = e;
    }
    return e;
  }

  /** {@return standard errors of the weights and parameters from the observed information (see {@link StandardErrors})} */
  public StandardErrors standardErrors() {
    StandardErrors se = standardErrors;
    if (se == null) {
      double[][] errors = Analysis.standardErrors(data, model.weightsView(), model.paramsView(), model.family()::score,
          fixedWeights, fixedParams, dying, v -> Evaluator.logPosteriorBlocks(kernel, data, model, v));
      se = new StandardErrors(errors[0], errors[1]);
      standardErrors = se;
    }
    return se;
  }

  @Override
  public String toString() {
    return "FitResult{" + model + ", logLikelihood=" + logLikelihood + ", iterations=" + iterations
        + ", eSteps=" + eSteps + ", converged=" + converged
        + (dying.length > 0 ? ", dying=" + Arrays.toString(dying) : "") + "}";
  }
}
