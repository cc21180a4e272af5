package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
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
    String after = System.getProperty("emkernel.progress.after");
    if (after != null) {
      cmd.add(cmd.size() - 2, "-Demkernel.progress.after=" + after);
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

  /** The command line of the tool as one shell word list, for sh -c with a redirection. */
  static String shellCommand(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), "org.emkernel.cli.Main"));
    cmd.addAll(List.of(args));
    StringBuilder sb = new StringBuilder("exec");
    for (String a : cmd) {
      sb.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    return sb.toString();
  }

  static String[] run(String shell) throws Exception {
    Assumptions.assumeTrue(new java.io.File("/bin/sh").canExecute() && new java.io.File("/proc/self/fd").isDirectory());
    Process p = new ProcessBuilder("/bin/sh", "-c", shell).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    p.getOutputStream().close();
    String out = drain(p.getInputStream());
    int code = p.waitFor();
    String e = err.get().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))
        .collect(java.util.stream.Collectors.joining("\n"));
    return new String[] {Integer.toString(code), out, e};
  }

  @Test
  void aClosedStdinIsAUserErrorNotTheJvmsOwnBytes() throws Exception {
    String[] r = run(shellCommand("fit", "--trials", "10", "-k", "2") + " <&-");
    assertEquals("2", r[0], r[2]);
    assertEquals("", r[1]);
    assertEquals("emkernel: standard input is closed: give a FILE or redirect the data to standard input", r[2]);
  }

  @Test
  void aClosedStdoutOrAFullDiskIsOneLineAndExit1() throws Exception {
    Assumptions.assumeTrue(new java.io.File("/dev/full").exists());
    String sample = shellCommand("sample", "--trials", "10", "--weights", "1", "--params", "0.5", "-n", "100");
    String[] closed = run(sample + " >&-");
    assertEquals("1", closed[0], closed[2]);
    assertEquals("emkernel: cannot write standard output: standard output is closed", closed[2]);
    String[] full = run(sample + " >/dev/full");
    assertEquals("1", full[0], full[2]);
    assertEquals("emkernel: cannot write standard output: No space left on device", full[2]);
    String[] help = run(shellCommand("fit", "--help") + " >/dev/full");
    assertEquals("1", help[0], help[2]);
    assertEquals("emkernel: cannot write standard output: No space left on device", help[2]);
  }
}
