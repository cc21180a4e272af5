package org.emkernel.internal.engine;

import java.util.function.BiFunction;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * The way tests and benchmarks reach a fitter on a kernel that {@code KernelChoice} does not name (the vector
 * kernel with one exponential per cell), without widening the public API. The fitter class installs the
 * builder function when it is loaded.
 */
public final class KernelHook {
  private static volatile BiFunction<Object, EmKernel, Object> fitters;

  private KernelHook() {}

  /** Installs how a fitter builder with a given kernel becomes a fitter; only the first call counts. */
  public static synchronized void install(BiFunction<Object, EmKernel, Object> build) {
    if (fitters == null) {
      fitters = build;
    }
  }

  /**
   * The fitter the builder (an {@code EmFitter.Builder}) builds, on the vector kernel with one exponential per
   * cell (its product path and recurrences off); throws {@link UnsupportedOperationException} without the
   * vector module.
   */
  @SuppressWarnings("unchecked")
  public static <F> F expPerCell(Object builder) {
    return (F) fitters.apply(builder, KernelProvider.vectorExp());
  }
}
