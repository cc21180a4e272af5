package org.emkernel.spark;

/** What a histogram or a per-key fit does with a null in a data column. */
public enum NullPolicy {
  /** A null is bad input: the histogram fails, or the key gets an error row, naming the column (the default). */
  FAIL,
  /** Rows with a null in any data column are left out, as if they were not in the data. */
  SKIP
}
