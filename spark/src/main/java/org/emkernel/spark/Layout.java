package org.emkernel.spark;

/** Which data columns a per-key fit reads. */
enum Layout {
  /** One integer column: each row is one observation. */
  VALUES,
  /** An integer column of outcomes and one of counts: each row is that many observations of the outcome. */
  VALUE_COUNTS,
  /** Integer columns of trials and successes: each row is one binomial observation (binomial with varying trials). */
  TRIALS
}
