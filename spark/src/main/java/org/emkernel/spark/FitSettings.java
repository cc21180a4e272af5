package org.emkernel.spark;

import java.io.Serializable;
import org.emkernel.Criterion;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.Initialisation;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;

/**
 * The fitter's settings in serialisable form (core's fitter and families are not serialisable): what each
 * executor needs to build the same {@link EmFitter} as the driver would.
 */
final class FitSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The family's name, or null when a column names it per key. */
  final String family;
  final int minComponents;
  final int maxComponents;
  /** How K is chosen in [minComponents, maxComponents]; null for a fixed K or an initial model. */
  final Criterion criterion;
  /** The initial model's weights and parameters (of {@link #family}), or null. */
  final double[] initialWeights;
  final double[] initialParams;
  final long seed;
  final int restarts;
  final double tolerance;
  final int maxIterations;
  final boolean accelerate;
  final KernelChoice kernel;
  final Initialisation initialisation;

  FitSettings(String family, int minComponents, int maxComponents, Criterion criterion, MixtureModel initial,
      long seed, int restarts, double tolerance, int maxIterations, boolean accelerate, KernelChoice kernel,
      Initialisation initialisation) {
    this.family = family;
    this.minComponents = minComponents;
    this.maxComponents = maxComponents;
    this.criterion = criterion;
    this.initialWeights = initial == null ? null : initial.weights();
    this.initialParams = initial == null ? null : initial.params();
    this.seed = seed;
    this.restarts = restarts;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.accelerate = accelerate;
    this.kernel = kernel;
    this.initialisation = initialisation;
    fitter(); // the core's checks of every setting, on the driver
  }

  /** The fitter, one thread per fit: Spark's tasks already use the executor's cores (the result is the same). */
  EmFitter fitter() {
    return EmFitter.builder()
        .threads(1)
        .seed(seed)
        .restarts(restarts)
        .tolerance(tolerance)
        .maxIterations(maxIterations)
        .accelerate(accelerate)
        .kernel(kernel)
        .initialisation(initialisation)
        .build();
  }

  /** The initial model of the family, or null. */
  MixtureModel initial(Family f) {
    return initialWeights == null ? null : MixtureModel.of(f, initialWeights, initialParams);
  }
}
