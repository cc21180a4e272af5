package org.emkernel;

import org.emkernel.internal.Indices;

/**
 * Standard errors of a fitted model's weights and component parameters, from the observed information in
 * its outer-product form, I = Σ_b c_b·s_b·s_bᵀ, where s_b is the score of log p(x_b) with respect to the free
 * parameters: the free weights except the last free one (the last is 1 − the others − the fixed ones; its
 * error follows by the delta method) and the component parameters on their natural scale (φ, λ or p).
 * Fixed weights and parameters have error 0; a parameter on the boundary of its range, a dying component's
 * weight and parameter, and every free parameter when I is singular have error +∞.
 */
public final class StandardErrors {
  private final double[] weights;
  private final double[] params;

  StandardErrors(double[] weights, double[] params) {
    this.weights = weights;
    this.params = params;
  }

  /** {@return a copy of the weights' standard errors, by component} */
  public double[] weights() {
    return weights.clone();
  }

  /** {@return a copy of the component parameters' standard errors, by component} */
  public double[] params() {
    return params.clone();
  }

  /**
   * {@return standard error of the weight of component k}
   *
   * @param k the component, from 0
   */
  public double weight(int k) {
    return weights[Indices.check(k, weights.length, "component")];
  }

  /**
   * {@return standard error of the parameter of component k}
   *
   * @param k the component, from 0
   */
  public double param(int k) {
    return params[Indices.check(k, params.length, "component")];
  }

  @Override
  public String toString() {
    return "StandardErrors{weights=" + java.util.Arrays.toString(weights) + ", params="
        + java.util.Arrays.toString(params) + "}";
  }
}
