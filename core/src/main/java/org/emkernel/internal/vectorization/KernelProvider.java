package org.emkernel.internal.vectorization;

import java.util.Locale;

/**
 * Chooses the kernel at run time: the vector kernel when {@code jdk.incubator.vector} is in the boot layer
 * and the machine has vectors of at least two doubles, else the scalar kernel with one logged warning.
 * The system property {@code emkernel.kernel} ({@code auto}, {@code scalar}, {@code vector}) overrides.
 */
public final class KernelProvider {
  private static final String VECTOR_CLASS = "org.emkernel.internal.vectorization.PanamaEmKernel";
  private static final EmKernel VECTOR = loadVector("INSTANCE");
  private static final EmKernel VECTOR_EXP = loadVector("EXP_ONLY");
  /** The default, resolved on first use (a bad system property then fails that call, not the class). */
  private static final class Default {
    static final EmKernel KERNEL = chooseDefault();
  }

  private KernelProvider() {}

  /** The scalar reference kernel. */
  public static EmKernel scalar() {
    return DefaultEmKernel.INSTANCE;
  }

  /** Whether the vector kernel can run in this JVM. */
  public static boolean vectorAvailable() {
    return VECTOR != null;
  }

  /** The vector kernel; throws {@link UnsupportedOperationException} when it cannot run in this JVM. */
  public static EmKernel vector() {
    if (VECTOR == null) {
      throw new UnsupportedOperationException(
          "the vector kernel needs the jdk.incubator.vector module: run java with --add-modules jdk.incubator.vector");
    }
    return VECTOR;
  }

  /** The vector kernel with its recurrence path off (one exponential per cell); throws like {@link #vector()}. */
  public static EmKernel vectorExp() {
    vector();
    return VECTOR_EXP;
  }

  /** The kernel chosen for this JVM (vector when available, else scalar). */
  public static EmKernel auto() {
    String wanted = System.getProperty("emkernel.kernel", "auto").trim().toLowerCase(Locale.ROOT);
    if (!wanted.equals("auto") && !wanted.equals("scalar") && !wanted.equals("vector")) {
      throw new IllegalArgumentException(
          "system property emkernel.kernel is '" + wanted + "'; expected auto, scalar or vector");
    }
    if (wanted.equals("vector")) {
      return vector();
    }
    return Default.KERNEL;
  }

  private static EmKernel loadVector(String field) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> type = Class.forName(VECTOR_CLASS);
      EmKernel kernel = (EmKernel) type.getField(field).get(null);
      return kernel.lanes() < 2 ? null : kernel;
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static EmKernel chooseDefault() {
    String wanted = System.getProperty("emkernel.kernel", "auto").trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "scalar":
        return DefaultEmKernel.INSTANCE;
      case "vector":
        return VECTOR != null ? VECTOR : DefaultEmKernel.INSTANCE; // auto() has already refused this case.
      default:
        break;
    }
    if (VECTOR != null) {
      return VECTOR;
    }
    System.getLogger("org.emkernel").log(System.Logger.Level.WARNING,
        "jdk.incubator.vector is not available: emkernel falls back to the scalar kernel. "
            + "Run java with --add-modules jdk.incubator.vector for the vector kernel.");
    return DefaultEmKernel.INSTANCE;
  }
}
