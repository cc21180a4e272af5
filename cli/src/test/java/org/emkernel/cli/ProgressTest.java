package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress lines: none in the first second, then at most one per second of (given) elapsed time. */
class ProgressTest {
  @Test
  void quietForOneSecondThenOneLinePerSecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "");
    long ms = 1_000_000L;
    assertTrue(p.onIteration(1, -10.0, 10 * ms));
    assertTrue(p.onIteration(2, -9.0, 999 * ms));
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    p.onIteration(3, -8.5, 1_200 * ms);
    p.onIteration(4, -8.25, 1_900 * ms);
    p.onIteration(5, -8.125, 2_050 * ms);
    p.onIteration(6, -8.0625, 4_500 * ms);
    assertEquals("emkernel: iteration 3, log-likelihood -8.500000, 1.2 s\n"
        + "emkernel: iteration 5, log-likelihood -8.125000, 2.1 s\n"
        + "emkernel: iteration 6, log-likelihood -8.062500, 4.5 s\n",
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void theToolWaitsTheSecondsThePropertyGives() {
    String before = System.getProperty("emkernel.progress.after");
    System.setProperty("emkernel.progress.after", "5");
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Progress p = Progress.forTool(new PrintStream(bytes, true, StandardCharsets.UTF_8), "");
      long ms = 1_000_000L;
      p.onIteration(1, -9.0, 4_900 * ms);
      assertEquals("", bytes.toString(StandardCharsets.UTF_8));
      p.onIteration(2, -8.0, 5_100 * ms);
      assertEquals("emkernel: iteration 2, log-likelihood -8.000000, 5.1 s\n",
          bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    } finally {
      if (before == null) {
        System.clearProperty("emkernel.progress.after");
      } else {
        System.setProperty("emkernel.progress.after", before);
      }
    }
  }
}
