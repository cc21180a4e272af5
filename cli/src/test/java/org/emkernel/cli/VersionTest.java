package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** --version alone is answered before picocli starts; it prints what picocli's own --version prints. */
class VersionTest {
  @Test
  void theShortPathPrintsPicocliSVersionLine() {
    // With another option beside it, picocli parses the line and runs its version help.
    CliRunner.Result picocli = CliRunner.run("", "--debug", "--version");
    assertEquals(0, picocli.code, picocli.toString());
    assertEquals("emkernel (development build)" + System.lineSeparator(), picocli.out);
    assertEquals("", picocli.err);
    for (String option : new String[] {"--version", "-V"}) {
      CliRunner.Result fast = CliRunner.run("", option);
      assertEquals(0, fast.code, fast.toString());
      assertEquals(picocli.out, fast.out, option);
      assertEquals("", fast.err, option);
    }
  }
}
