package org.emkernel;

/** Which E-step kernel a fitter uses. */
public enum KernelChoice {
  /**
   * Each fit starts on the scalar kernel (with the product path where the data allow it) and moves to the vector
   * kernel, when {@code jdk.incubator.vector} is available, once it has done 2^27 cells (padded bins × components,
   * summed over its E-steps): in a fresh JVM the vector kernel costs seconds of compilation before it pays, and a
   * count of work, unlike a time, gives the same bits on every run. A fit below the switch gives the scalar
   * product path's bits, one past it the vector kernel's from the switch on: both within the kernels' bound of the
   * scalar reference (1e-12 relative), not bit for bit a {@link #VECTOR} fit's.
   */
  AUTO,
  /** The scalar reference kernel (plain loops, {@link Math}). */
  SCALAR,
  /** The vector kernel; fails when {@code jdk.incubator.vector} is not available. */
  VECTOR
}
