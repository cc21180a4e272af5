package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs in a JVM started without {@code --add-modules jdk.incubator.vector} (a separate surefire execution):
 * the library works on the scalar kernel and warns once.
 */
class FallbackWithoutVectorModuleTest {
  static final List<LogRecord> RECORDS = new ArrayList<>();
  static final Logger LOGGER = Logger.getLogger("org.emkernel");

  static {
    // Installed before anything touches KernelProvider, whose class initialisation logs the warning.
    LOGGER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        RECORDS.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  @Test
  void scalarFallbackWorksAndWarnsOnce() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
        "this test must run without the vector module");
    assertFalse(KernelProvider.vectorAvailable());
    // AUTO stays on the scalar kernel's product path: no switch to a vector kernel that cannot run.
    assertEquals("scalar-products", KernelProvider.autoStart().name());
    assertFalse(KernelProvider.autoSwitches());
    assertNull(KernelProvider.autoNext());
    EmFitter first = EmFitter.create();
    EmFitter second = EmFitter.builder().kernel(KernelChoice.AUTO).build();
    assertEquals("scalar-products", first.kernelName());
    assertEquals("scalar-products", second.kernelName());
    MixtureModel theta1 = first.step(Histogram.of(ChapterExampleTest.DATA), ChapterExampleTest.THETA0);
    assertArrayEquals(new double[] {0.3337246, 0.5261878, 0.1400877}, theta1.weights(), 1e-7);
    assertArrayEquals(new double[] {0.3536485, 0.4278732, 0.5128013}, theta1.params(), 1e-7);
    long warnings = RECORDS.stream().filter(r -> r.getLevel() == Level.WARNING).count();
    assertEquals(1, warnings, "exactly one fallback warning");
    String message = RECORDS.get(0).getMessage();
    assertTrue(message.contains("--add-modules jdk.incubator.vector"), message);
    assertFalse(message.contains("\n"), "one line: " + message);
    assertEquals("org.emkernel", RECORDS.get(0).getLoggerName());
    assertThrows(UnsupportedOperationException.class, () -> EmFitter.builder().kernel(KernelChoice.VECTOR).build());
    assertThrows(UnsupportedOperationException.class, () -> Kernels.fitter("vector-exp"));
  }
}
