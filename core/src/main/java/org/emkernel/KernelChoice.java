package org.emkernel;

/** Which E-step kernel a fitter uses. */
public enum KernelChoice {
  /** The vector kernel when {@code jdk.incubator.vector} is available, else the scalar one. */
  AUTO,
  /** The scalar reference kernel (plain loops, {@link Math}). */
  SCALAR,
  /** The vector kernel; fails when {@code jdk.incubator.vector} is not available. */
  VECTOR
}
