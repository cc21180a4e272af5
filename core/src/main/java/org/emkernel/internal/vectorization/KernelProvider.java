package org.emkernel.internal.vectorization;

import java.util.Locale;

/**
 * Chooses the kernels at run time. AUTO starts every session on the scalar kernel's product path and moves it to
 * the vector kernel after {@link #AUTO_SWITCH_CELLS} cells of E-step work, counted, never timed, so a run's bits
 * never depend on timing (docs/kernel.md). The system property {@code emkernel.kernel} overrides the choice;
 * without {@code jdk.incubator.vector} the first choice logs one warning line and the scalar kernel runs.
 */
public final class KernelProvider {
  /**
   * Cells (the session's padded bins × components, summed over its E-steps) after which an AUTO session takes
   * the vector kernel: about a second of scalar work, the order of the vector kernel's warm-up in a fresh JVM.
   */
  public static final long AUTO_SWITCH_CELLS = 1L << 27;

  private static final String VECTOR_CLASS = "org.emkernel.internal.vectorization.PanamaEmKernel";
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The vector kernels, loaded on first use (null when they cannot run in this JVM). */
  private static final class Vector {
    static final EmKernel INSTANCE = loadVector("INSTANCE");
    static final EmKernel EXP_ONLY = loadVector("EXP_ONLY");
  }

  /**
   * Whether the vector module is missing: 0 until the first AUTO choice resolves it (and logs the warning), then
   * 1 present, 2 missing. A field, not a holder class: a fresh JVM's first fit loads one class fewer.
   */
  private static volatile int moduleState;

  private KernelProvider() {}

  /** The scalar reference kernel. */
  public static EmKernel scalar() {
    return DefaultEmKernel.INSTANCE;
  }

  /** Whether the vector kernel can run in this JVM. */
  public static boolean vectorAvailable() {
    return vectorModulePresent() && Vector.INSTANCE != null;
  }

  /** The vector kernel; throws {@link UnsupportedOperationException} when it cannot run in this JVM. */
  public static EmKernel vector() {
    if (!vectorAvailable()) {
      throw new UnsupportedOperationException(
          "the vector kernel needs the jdk.incubator.vector module: run java with --add-modules jdk.incubator.vector");
    }
    return Vector.INSTANCE;
  }

  /** The vector kernel with its recurrence path off (one exponential per cell); throws like {@link #vector()}. */
  public static EmKernel vectorExp() {
    vector();
    return Vector.EXP_ONLY;
  }

  /**
   * The kernel an AUTO session starts on: the scalar kernel with the product path (with or without the vector
   * module), or what the system property
   * {@code emkernel.kernel} asks for (the reference for {@code scalar}, the vector kernel for {@code vector}).
   */
  public static EmKernel autoStart() {
    switch (wanted()) {
      case "scalar":
        return DefaultEmKernel.INSTANCE;
      case "vector":
        return vector();
      default:
        boolean missing = moduleMissing(); // Logs the one warning on the first AUTO choice.
        assert missing == !vectorModulePresent();
        return DefaultEmKernel.PRODUCTS;
    }
  }

  /**
   * Whether AUTO sessions move to the vector kernel after {@link #AUTO_SWITCH_CELLS} cells: not when the system
   * property chose a kernel or the vector module is missing. Loads no vector classes.
   */
  public static boolean autoSwitches() {
    return wanted().equals("auto") && !moduleMissing();
  }

  /** The vector kernel for an AUTO session's switch (its classes load now), or null when it cannot run here. */
  public static EmKernel autoNext() {
    return vectorModulePresent() ? Vector.INSTANCE : null;
  }

  /** The kernel of one-off E-steps under AUTO (scoring a fitted model): {@link #autoStart()}'s. */
  public static EmKernel auto() {
    return autoStart();
  }

  private static String wanted() {
    String wanted = System.getProperty("emkernel.kernel", "auto").trim().toLowerCase(Locale.ROOT);
    if (!wanted.equals("auto") && !wanted.equals("scalar") && !wanted.equals("vector")) {
      throw new IllegalArgumentException(
          "system property emkernel.kernel is '" + wanted + "'; expected auto, scalar or vector");
    }
    return wanted;
  }

  private static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  private static EmKernel loadVector(String field) {
    if (!vectorModulePresent()) {
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

  /** Whether the vector module is missing; the first call decides it and logs the warning, once per JVM. */
  private static boolean moduleMissing() {
    int state = moduleState;
    if (state == 0) {
      synchronized (KernelProvider.class) {
        if (moduleState == 0) {
          moduleState = warnIfMissing() ? 2 : 1;
        }
        state = moduleState;
      }
    }
    return state == 2;
  }

  private static boolean warnIfMissing() {
    if (vectorModulePresent()) {
      return false;
    }
    System.getLogger("org.emkernel").log(System.Logger.Level.WARNING,
        "jdk.incubator.vector is not available: emkernel falls back to the scalar kernel. "
            + "Run java with --add-modules jdk.incubator.vector for the vector kernel.");
    return true;
  }
}
