package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fixed seed gives bit-identical results whatever the JIT has compiled: the same fits in this warmed-up
 * JVM and in a fresh interpreter-only JVM (-Xint) print the same bits.
 */
class JitDeterminismTest {

  @Test
  void interpretedAndCompiledRunsAgreeBitForBit() throws IOException, InterruptedException {
    String here = DeterminismProbe.fingerprint();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xint", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), DeterminismProbe.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(here, there);
  }
}
