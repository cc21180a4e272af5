package org.emkernel.spark;

import java.io.Serializable;
import org.emkernel.Histogram;
import org.emkernel.TrialsHistogram;

/**
 * One partition's histogram in serialisable form (core's histograms are not serialisable), or the error that
 * stopped it. Partials add up exactly, so the merged histogram does not depend on the partitioning.
 */
final class PartialHistogram implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Trials per bin, or null for a plain histogram. */
  private final int[] trials;
  /** Outcomes (successes, with trials) per bin. */
  private final int[] outcomes;
  private final long[] counts;
  /** What made the partition's data unusable, or null. */
  final String error;

  private PartialHistogram(int[] trials, int[] outcomes, long[] counts, String error) {
    this.trials = trials;
    this.outcomes = outcomes;
    this.counts = counts;
    this.error = error;
  }

  static PartialHistogram of(Histogram h) {
    return new PartialHistogram(null, h.outcomes(), h.counts(), null);
  }

  static PartialHistogram of(TrialsHistogram h) {
    return new PartialHistogram(h.trials(), h.successes(), h.counts(), null);
  }

  static PartialHistogram failed(String error) {
    return new PartialHistogram(null, null, null, error);
  }

  Histogram histogram() {
    return Histogram.ofCounts(outcomes, counts);
  }

  TrialsHistogram trialsHistogram() {
    return TrialsHistogram.ofCounts(trials, outcomes, counts);
  }

  /**
   * Both partials together. Of two errors the lexicographically first is kept, so the reported error does
   * not depend on the order in which Spark merges.
   */
  PartialHistogram merge(PartialHistogram other) {
    if (error != null || other.error != null) {
      if (error == null) {
        return other;
      }
      return other.error == null || error.compareTo(other.error) <= 0 ? this : other;
    }
    return trials == null ? of(histogram().merge(other.histogram()))
        : of(trialsHistogram().merge(other.trialsHistogram()));
  }
}
