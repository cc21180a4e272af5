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

  /**
   * Another JDK (13 or later) gets an archive of its own: its first {@code fit} dumps one into a file of that
   * process's, which goes into place after a clean exit; later runs map it while it is newer than the jar. Other
   * commands never dump, a failed fit leaves nothing, and a JDK before 13 gets no archive at all.
   */
  @Test
  void anotherJdkDumpsAndThenMapsAnArchiveOfItsOwn() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "launcher-own-archive-test")).toAbsolutePath();
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.copy(Path.of("emkernel"), dir.resolve("emkernel"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path jar = Files.writeString(target.resolve("emkernel.jar"), "jar");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Path own = target.resolve("emkernel-jdk25.0.3.jsa");
    Files.deleteIfExists(own);
    Path jdk25 = fakeJdk(dir.resolve("jdk-25"), "JAVA_VERSION=\"25.0.3\"\nIMPLEMENTOR=\"a\"\n");
    Path jdk11 = fakeJdk(dir.resolve("jdk-11"), "JAVA_VERSION=\"11.0.2\"\n");

    assertTrue(!runFake(dir, jdk25, 0, "--version").contains("-XX:"), "no archive, and --version dumps none");
    assertTrue(runFake(dir, jdk25, 2, "fit", "bad").contains("-XX:ArchiveClassesAtExit=" + own + "."),
        "the first fit dumps");
    assertTrue(!Files.exists(own) && leftovers(target) == 0, "a failed fit leaves nothing");
    assertTrue(runFake(dir, jdk25, 0, "fit", "data").contains("-XX:ArchiveClassesAtExit=" + own + "."));
    assertTrue(Files.exists(own) && leftovers(target) == 0, "a clean exit puts the dump in place");
    String mapped = runFake(dir, jdk25, 0, "--version");
    assertTrue(mapped.contains("-XX:SharedArchiveFile=" + own) && !mapped.contains("ArchiveClassesAtExit"), mapped);
    // A newer jar makes it stale: the next fit dumps again.
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertTrue(runFake(dir, jdk25, 0, "fit", "data").contains("-XX:ArchiveClassesAtExit=" + own + "."));
    assertTrue(!runFake(dir, jdk11, 0, "fit", "data").contains("-XX:"), "JDK 11 gets no archive");
  }

  /** Dumps of a process still lying in target (emkernel-jdk*.jsa.PID). */
  private static long leftovers(Path target) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().matches("emkernel-jdk.*\\.jsa\\.[0-9]+")).count();
    }
  }

  /**
   * A JDK directory whose bin/java prints its arguments, one a line, beside the given release file; it writes a
   * file where -XX:ArchiveClassesAtExit points and exits with $FAKE_STATUS (0 unless set).
   */
  private static Path fakeJdk(Path home, String release) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), release);
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\";\n"
        + "  case \"$a\" in -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\" ;; esac\ndone\n"
        + "exit ${FAKE_STATUS:-0}\n");
    assertTrue(java.toFile().setExecutable(true));
    return java;
  }

  private static String runFake(Path dir, Path java) throws Exception {
    return runFake(dir, java, 0, "--version");
  }

  private static String runFake(Path dir, Path java, int status, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh",
        dir.resolve("emkernel").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JAVA", java.toString());
    pb.environment().put("FAKE_STATUS", Integer.toString(status));
    pb.environment().remove("EMKERNEL_JAR");
    pb.environment().remove("EMKERNEL_JAVA_OPTS");
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ProcessTest.drain(p.getErrorStream()));
    String out = ProcessTest.drain(p.getInputStream());
    assertEquals(status, p.waitFor(), err.get());
    return out;
  }
}
