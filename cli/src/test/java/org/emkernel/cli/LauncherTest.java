package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher script {@code cli/emkernel} itself: it drops the JVM's incubator-module warning, so a user error
 * is one line, and keeps the JVM's exit status. Tests run before the shaded jar exists, so the launcher is given
 * a jar whose manifest points at the test class path.
 */
class LauncherTest {
  private static Path jar;

  @BeforeAll
  static void manifestJar() throws Exception {
    Assumptions.assumeTrue(new File("/bin/sh").canExecute() && new File("emkernel").isFile());
    Path dir = Files.createDirectories(Path.of("target", "launcher-test")).toAbsolutePath();
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e).toAbsolutePath();
      String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
      entries.add(Files.isDirectory(p) ? rel + "/" : rel);
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.emkernel.cli.Main");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    jar = dir.resolve("emkernel-test.jar");
    try (OutputStream out = Files.newOutputStream(jar)) {
      new JarOutputStream(out, m).close(); // The manifest is the whole jar.
    }
  }

  /** Runs the launcher through sh -c (for redirections); returns exit code, stdout and stderr. */
  static String[] launch(String redirections, String... args) throws Exception {
    StringBuilder sb = new StringBuilder("exec /bin/sh emkernel");
    for (String a : args) {
      sb.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", sb + " " + redirections);
    pb.environment().put("JAVA", ProcessTest.JAVA);
    pb.environment().put("EMKERNEL_JAR", jar.toString());
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ProcessTest.drain(p.getErrorStream()));
    p.getOutputStream().close();
    String out = ProcessTest.drain(p.getInputStream());
    return new String[] {Integer.toString(p.waitFor()), out, err.get()};
  }

  @Test
  void aUserErrorIsOneLineAndExit2() throws Exception {
    String[] r = launch("", "fit", "/nonexistent/data.txt", "--trials", "3", "-k", "2");
    assertEquals("2", r[0], r[2]);
    assertEquals("", r[1]);
    assertEquals("emkernel: cannot read /nonexistent/data.txt: no such file\n", r[2]);
  }

  @Test
  void versionPrintsNothingOnStderrAndExit0() throws Exception {
    String[] r = launch("", "--version");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].startsWith("emkernel "), r[1]);
    assertEquals("", r[2]);
  }

  @Test
  void aFullDiskIsOneLineAndExit1() throws Exception {
    Assumptions.assumeTrue(new File("/dev/full").exists());
    String[] r = launch(">/dev/full", "--version");
    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].startsWith("emkernel: ") && r[2].lines().count() == 1, r[2]);
  }

  @Test
  void aClosedStdoutIsOneLineAndExit1() throws Exception {
    String[] r = launch(">&-", "--version");
    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].startsWith("emkernel: ") && r[2].lines().count() == 1, r[2]);
  }
}
