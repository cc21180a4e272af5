package org.emkernel.internal.engine;

import java.util.Arrays;

/** A growable log-likelihood trace. */
public final class Trace {
  private double[] values = new double[16]; // Most small fits take fewer iterations; it doubles as needed.
  private int size;

  /** Appends one log-likelihood. */
  public void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** The values so far, as a new array. */
  public double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
