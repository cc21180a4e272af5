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

  /**
   * The build's class-data-sharing archive goes to the JVM only when that JVM's JDK dumped it (the same release
   * file): a JVM given another JDK's archive skips it and starts without its own default archive too. A copy of
   * the launcher beside a fake build, run with fake JVMs that print their arguments.
   */
  @Test
  void theArchiveGoesOnlyToTheJdkThatDumpedIt() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "launcher-archive-test")).toAbsolutePath();
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.copy(Path.of("emkernel"), dir.resolve("emkernel"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(target.resolve("emkernel.jar"), "jar");
    Path jsa = Files.writeString(target.resolve("emkernel.jsa"), "archive");
    Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Files.writeString(target.resolve("emkernel.jsa.release"), "JAVA_VERSION=\"17.0.15\"\nIMPLEMENTOR=\"a\"\n");
    Path same = fakeJdk(dir.resolve("jdk-same"), "JAVA_VERSION=\"17.0.15\"\nIMPLEMENTOR=\"a\"\n");
    Path other = fakeJdk(dir.resolve("jdk-other"), "JAVA_VERSION=\"25.0.3\"\nIMPLEMENTOR=\"a\"\n");
    String withArchive = "-XX:SharedArchiveFile=" + jsa;
    assertTrue(runFake(dir, same).contains(withArchive), "the dumping JDK maps the archive");
    assertTrue(!runFake(dir, other).contains("SharedArchiveFile"), "another JDK is not given it");
    Files.delete(target.resolve("emkernel.jsa.release"));
    assertTrue(!runFake(dir, same).contains("SharedArchiveFile"), "without the dumping JDK's release file, neither");
  }

  /** A JDK directory whose bin/java prints its arguments, one a line, beside the given release file. */
  private static Path fakeJdk(Path home, String release) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), release);
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    assertTrue(java.toFile().setExecutable(true));
    return java;
  }

  private static String runFake(Path dir, Path java) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", dir.resolve("emkernel").toString(), "--version");
    pb.environment().put("JAVA", java.toString());
    pb.environment().remove("EMKERNEL_JAR");
    pb.environment().remove("EMKERNEL_JAVA_OPTS");
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ProcessTest.drain(p.getErrorStream()));
    String out = ProcessTest.drain(p.getInputStream());
    assertEquals(0, p.waitFor(), err.get());
    return out;
  }
}
