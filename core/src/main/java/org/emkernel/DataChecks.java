package org.emkernel;

import org.emkernel.internal.engine.EmData;

/** Validation of data against a model or family at the API boundary: the engine below trusts what passes. */
final class DataChecks {
  private DataChecks() {}

  static EmData data(Histogram data, MixtureModel model) {
    if (model == null) {
      throw new IllegalArgumentException(data == null ? "histogram is null" : "model is null");
    }
    return data(data, model.family());
  }

  static EmData data(Histogram data, Family family) {
    if (data == null) {
      throw new IllegalArgumentException("histogram is null");
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("histogram is empty: there is nothing to fit");
    }
    if (family.needsTrials()) {
      throw new IllegalArgumentException("family " + family.name()
          + " needs the number of trials per observation: give a TrialsHistogram");
    }
    // Outcomes ascend and a family refuses only outcomes above its largest: the last bin decides, and the scan
    // then names the first bad one.
    if (data.x[data.size() - 1] > family.maxOutcome()) { // The padded column: no bounds check to load.
      for (int b = 0; b < data.size(); b++) {
        family.checkOutcome(data.outcome(b), b);
      }
    }
    return EmData.of(data.x, null, data.c, data.size(), data.total());
  }

  static EmData data(TrialsHistogram data, MixtureModel model) {
    if (model == null) {
      throw new IllegalArgumentException(data == null ? "histogram is null" : "model is null");
    }
    return data(data, model.family());
  }

  static EmData data(TrialsHistogram data, Family family) {
    if (data == null) {
      throw new IllegalArgumentException("histogram is null");
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("histogram is empty: there is nothing to fit");
    }
    if (!family.needsTrials()) {
      throw new IllegalArgumentException("family " + family.name()
          + " takes a Histogram of outcomes, not a TrialsHistogram");
    }
    boolean anyTrials = false;
    for (int b = 0; b < data.size() && !anyTrials; b++) {
      anyTrials = data.trials(b) > 0 && data.count(b) > 0;
    }
    if (!anyTrials) {
      throw new IllegalArgumentException("every observation has 0 trials: the data hold no information to fit");
    }
    return EmData.of(data.x, data.z, data.c, data.size(), data.total());
  }

  /**
   * A fit from seeded starts refuses more components than the data or the family can tell apart: more than the
   * observations, than the distinct outcomes (distinct (successes, trials) pairs for data with trials), or, for
   * the binomial with n trials, more than (n + 1) / 2 (a mixture of K binomials is identifiable only when
   * n ≥ 2K − 1).
   */
  static void components(int components, EmData d, Family family) {
    if (components > EmFitter.MAX_COMPONENTS) {
      throw new IllegalArgumentException("number of components K = " + components + " exceeds " + EmFitter.MAX_COMPONENTS);
    }
    if (components > d.total) {
      throw new IllegalArgumentException("number of components K = " + components
          + " exceeds the number of observations " + d.total);
    }
    int distinct = 0;
    for (int b = 0; b < d.bins; b++) {
      distinct += d.c[b] > 0 ? 1 : 0;
    }
    if (components > distinct) {
      throw new IllegalArgumentException("number of components K = " + components
          + " exceeds the number of distinct outcomes " + distinct + ": the data cannot tell them apart");
    }
    if (family instanceof Binomial && 2L * components - 1 > ((Binomial) family).trials()) {
      int n = ((Binomial) family).trials();
      throw new IllegalArgumentException("number of components K = " + components + " exceeds " + (n + 1) / 2
          + ", the most a mixture of binomials with n = " + n + " trials can identify (n >= 2K - 1)");
    }
  }

}
