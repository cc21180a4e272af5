package org.emkernel;

import java.util.Arrays;

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

  /** Creates a validated model; the arrays are copied. */
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

  /** The family of every component. */
  public Family family() {
    return family;
  }

  /** Number of components K. */
  public int components() {
    return weights.length;
  }

  /** Weight of component k. */
  public double weight(int k) {
    return weights[k];
  }

  /** Parameter of component k. */
  public double param(int k) {
    return params[k];
  }

  /** A copy of the weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** A copy of the parameters. */
  public double[] params() {
    return params.clone();
  }

  /** Number of free parameters: (K − 1) weights plus K times the family's parameters per component. */
  public int freeParameters() {
    return components() - 1 + components() * family.parametersPerComponent();
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
        + family.parameterName() + "s=" + Arrays.toString(params) + "}";
  }
}
