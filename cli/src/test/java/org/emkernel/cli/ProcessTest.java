package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The tool as a separate JVM: main's streams, the scalar fallback warning on stderr only, a closed pipe. */
class ProcessTest {
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  static Process start(boolean vector, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path")));
    if (vector) {
      cmd.add(1, "--add-modules");
      cmd.add(2, "jdk.incubator.vector");
    }
    cmd.add("org.emkernel.cli.Main");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void withoutTheVectorModuleStdoutHoldsOnlyTheJsonAndStderrOneWarning() throws Exception {
    Process p = start(false, "fit", "--trials", "10", "--weights", "0.25,0.5,0.25", "--params", "0.4,0.5,0.65",
        "--max-iterations", "1", "--json");
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      in.write(FitCommandTest.CHAPTER.getBytes(StandardCharsets.UTF_8));
    }
    String out = drain(p.getInputStream());
    assertEquals(0, p.waitFor());
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.startsWith("{\"family\": \"binomial(n=10)\"") && out.endsWith("}\n"), out);
    assertTrue(out.contains("\"weight\": 0.33372456"), out);
    String e = err.get();
    assertEquals(1, e.lines().count(), e);
    assertTrue(e.startsWith("emkernel: WARNING: jdk.incubator.vector is not available"), e);
  }

  @Test
  void aClosedPipeStopsSampleQuietly() throws Exception {
    Process p = start(true, "sample", "--trials", "10", "--weights", "1", "--params", "0.5", "-n", "3000000000");
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    InputStream out = p.getInputStream();
    byte[] first = out.readNBytes(1000);
    assertEquals(1000, first.length);
    out.close();
    assertEquals(Main.EXIT_BROKEN_PIPE, p.waitFor());
    assertTrue(!err.get().contains("Exception"), err.get());
  }

  @Test
  void userErrorExitCodeFromMain() throws Exception {
    Process p = start(true, "fit", "/nonexistent/data.txt", "--trials", "3", "-k", "2");
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    assertEquals("", drain(p.getInputStream()));
    assertEquals(2, p.waitFor());
    assertTrue(err.get().contains("emkernel: cannot read /nonexistent/data.txt: no such file"), err.get());
  }
}
