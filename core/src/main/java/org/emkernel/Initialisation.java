package org.emkernel;

/** How {@link EmFitter#fit(Histogram, Family, int)} chooses starting models. */
public enum Initialisation {
  /**
   * k-means++ seeding over the outcomes (for varying trials: the success rates x/n) weighted by their counts,
   * refined by weighted Lloyd iterations; each cluster's statistics, shrunk by one pseudo-observation at the
   * overall mean, give the component's weight and parameter.
   */
  KMEANS_PLUS_PLUS,
  /** Weights from a flat Dirichlet, parameters from outcomes drawn in proportion to their counts (shrunk as above). */
  RANDOM
}
