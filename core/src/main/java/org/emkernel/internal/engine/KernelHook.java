package org.emkernel.internal.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * The way tests and benchmarks reach a fitter on a kernel that {@code KernelChoice} does not name (the vector
 * kernel with one exponential per cell), without widening the public API: by reflection on the fitter's private
 * constructor, so an application's fitter neither installs nor loads anything for it.
 */
public final class KernelHook {
  private static final String FITTER = "org.emkernel.EmFitter";

  private KernelHook() {}

  /**
   * The fitter the builder (an {@code EmFitter.Builder}) builds, on the vector kernel with one exponential per
   * cell (its product path and recurrences off); throws {@link UnsupportedOperationException} without the
   * vector module.
   */
  @SuppressWarnings("unchecked")
  public static <F> F expPerCell(Object builder) {
    EmKernel kernel = KernelProvider.vectorExp();
    try {
      Constructor<?> make = Class.forName(FITTER).getDeclaredConstructor(builder.getClass(), EmKernel.class,
          boolean.class);
      make.setAccessible(true);
      return (F) make.newInstance(builder, kernel, false);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the fitter's constructor (Builder, EmKernel, boolean) is gone", e);
    }
  }
}
