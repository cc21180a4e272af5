package org.emkernel;

import org.emkernel.internal.engine.KernelHook;

/** Fitters on each kernel the tests compare by name: scalar, vector, and vector-exp (one exponential per cell). */
final class Kernels {
  /** Every kernel's name. */
  static final String[] ALL = {"scalar", "vector", "vector-exp"};

  private Kernels() {}

  /** The builder's fitter on the named kernel. */
  static EmFitter fitter(String kernel, EmFitter.Builder builder) {
    switch (kernel) {
      case "scalar":
        return builder.kernel(KernelChoice.SCALAR).build();
      case "vector":
        return builder.kernel(KernelChoice.VECTOR).build();
      case "vector-exp":
        return KernelHook.expPerCell(builder.kernel(KernelChoice.VECTOR));
      default:
        throw new IllegalArgumentException("kernel " + kernel);
    }
  }

  /** A default fitter on the named kernel. */
  static EmFitter fitter(String kernel) {
    return fitter(kernel, EmFitter.builder());
  }
}
