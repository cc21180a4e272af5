package org.emkernel.cli;

import org.emkernel.Histogram;

/**
 * Observations read from a file, aggregated without boxing: an outcome-count table, or for the
 * {@code trials} format (trials, successes, count) triples.
 */
final class Observations {
  final InputFormat format;
  final String source;
  /** Distinct outcomes (values and counts formats), ascending, with their counts. */
  final int[] outcomes;
  final long[] counts;
  /** Distinct (trials, successes) pairs (trials format), ascending by trials then successes. */
  final int[] trials;
  final int[] successes;
  final long[] pairCounts;
  /** Total number of observations. */
  final long total;

  private Observations(InputFormat format, String source, int[] outcomes, long[] counts, int[] trials,
      int[] successes, long[] pairCounts) {
    this.format = format;
    this.source = source;
    this.outcomes = outcomes;
    this.counts = counts;
    this.trials = trials;
    this.successes = successes;
    this.pairCounts = pairCounts;
    long sum = 0;
    for (long c : format == InputFormat.TRIALS ? pairCounts : counts) {
      sum += c;
      if (sum < 0) {
        throw new UserError(source + ": the number of observations exceeds " + Long.MAX_VALUE);
      }
    }
    this.total = sum;
  }

  static Observations ofOutcomes(InputFormat format, String source, int[] outcomes, long[] counts) {
    return new Observations(format, source, outcomes, counts, null, null, null);
  }

  static Observations ofTrials(String source, int[] trials, int[] successes, long[] counts) {
    return new Observations(InputFormat.TRIALS, source, null, null, trials, successes, counts);
  }

  /** The outcome-count histogram (values and counts formats). */
  Histogram histogram() {
    assert format != InputFormat.TRIALS;
    return Histogram.ofCounts(outcomes, counts);
  }

  /** The largest outcome (or number of successes), -1 when empty. */
  int maxOutcome() {
    int max = -1;
    for (int x : format == InputFormat.TRIALS ? successes : outcomes) {
      max = Math.max(max, x);
    }
    return max;
  }
}
