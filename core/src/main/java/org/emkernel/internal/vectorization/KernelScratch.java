package org.emkernel.internal.vectorization;

/**
 * A kernel's working memory for one thread, made by {@link EmKernel#scratch}. The scalar kernel uses the first k
 * doubles as its row of per-component values; the vector kernel's {@code PanamaScratch} names its rows.
 */
public class KernelScratch {
  /** The doubles a kernel call works in; no call needs them clean. */
  final double[] doubles;

  KernelScratch(double[] doubles) {
    this.doubles = doubles;
  }

  /** How many doubles it holds: of two, a pool keeps the larger. */
  public final int size() {
    return doubles.length;
  }
}
