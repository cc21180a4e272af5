package org.emkernel.internal;

/** Boundary checks of indices passed to the public accessors. */
public final class Indices {
  private Indices() {}

  /**
   * Returns {@code index} when it lies in [0, size), else throws an {@link IllegalArgumentException} naming it,
   * what it indexes and the valid range.
   */
  public static int check(int index, int size, String what) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(what + " " + index + " is outside [0, " + size + ")"
          + (size == 0 ? ": there is none" : ""));
    }
    return index;
  }
}
