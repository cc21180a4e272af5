package org.emkernel.cli;

import static org.emkernel.cli.FitCommandTest.CHAPTER;
import static org.emkernel.cli.FitCommandTest.assertUserError;
import static org.emkernel.cli.FitCommandTest.fitArgs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22, defects 1 to 4: every error is one safe line with the right exit code. */
class ErrorOutputTest {
  @TempDir
  Path dir;

  /** A user error whose stderr holds no character that could act on a terminal. */
  static void assertSafeUserError(CliRunner.Result r, String... fragments) {
    assertUserError(r, fragments);
    assertSafe(r.err);
  }

  static void assertSafe(String err) {
    String line = err.endsWith("\n") ? err.substring(0, err.length() - 1) : err;
    line.codePoints().forEach(cp -> assertFalse(Text.unsafe(cp),
        () -> String.format("U+%04X reaches the terminal: %s", cp, line)));
  }

  // ---- defect 1: terminal escapes, NUL, UTF-16 and bidi characters from data, file names and options

  @Test
  void escapesInDataAreEscaped() {
    CliRunner.Result r = CliRunner.run("1\n\033[31mRED\033]0;x\007\n", "fit", "--trials", "10", "-k", "1");
    assertSafeUserError(r, "<stdin> line 2", "'\\u001b[31mRED\\u001b]0;x\\u0007' is not an integer");
    assertSafeUserError(CliRunner.run("1\n2\u00003\n", "fit", "--trials", "10", "-k", "1"), "'2\\u00003'");
    assertSafeUserError(CliRunner.run("1\n\u202e21\n", "fit", "--trials", "10", "-k", "1"), "'\\u202e21'");
    assertSafeUserError(CliRunner.run("1\n2\u2066\u200f\n", "fit", "--trials", "10", "-k", "1"),
        "\\u2066\\u200f");
  }

  @Test
  void utf16InputIsNamed() {
    byte[] utf16 = "1\n2\n".getBytes(StandardCharsets.UTF_16);
    assertSafeUserError(CliRunner.run(utf16, "fit", "--trials", "10", "-k", "1"), "<stdin> line 1", "UTF-16");
    byte[] utf16le = {'1', 0, '\n', 0};
    assertSafeUserError(CliRunner.run(utf16le, "fit", "--trials", "10", "-k", "1"), "<stdin> line 1",
        "\\u0000");
  }

  @Test
  void escapesInFileNamesAndOptionsAreEscaped() throws IOException {
    assertSafeUserError(CliRunner.run("", "fit", "x\033[31m\u202e", "--trials", "10", "-k", "1"),
        "cannot read x\\u001b[31m\\u202e: no such file");
    Path file = dir.resolve("bad\u202eline.txt");
    Files.writeString(file, "1\nz\n");
    assertSafeUserError(CliRunner.run("", "fit", file.toString(), "--trials", "10", "-k", "1"),
        "bad\\u202eline.txt line 2");
    assertSafeUserError(CliRunner.run("", "fit", "--family", "\033[2J\u202e", "-k", "1"), "\\u001b[2J\\u202e");
    assertSafeUserError(CliRunner.run("", "fit", "--trials", "10", "-k", "1", "--bo\033gus"), "--bo\\u001bgus");
    assertSafeUserError(CliRunner.run("", "fit", "nul\u0000name", "--trials", "10", "-k", "1"), "nul\\u0000name");
  }

  // ---- defect 2: option-value errors are one emkernel: line, not 32 lines of usage

  @Test
  void optionValueErrorsAreOneLine() {
    String[][] cases = {
        {"fit", "--trials", "abc", "-k", "1"}, {"fit", "--trials", "2147483648", "-k", "1"},
        {"fit", "--trials", "10", "-k", "1", "--seed", "abc"},
        {"fit", "--trials", "10", "--weights", "0.5,,0.5", "--params", "0.1,0.2,0.3"},
        {"fit", "--trials", "10", "--select-k", "5..1"}, {"fit", "--family", "foo", "-k", "1"},
        {"fit", "--trials", "10", "-k", "2", "-k", "3"}, {"sample", "--trials", "3", "--weights", "1", "--params",
        "0.5", "-n", "1.5"}, {"sample", "--trials", "3", "--weights", "1", "--params", "0.5"},
        {"fit", "--trials", "10", "-k", "1", "--tolerance", "NaN"},
        {"fit", "--trials", "10", "--weights", "1", "--params", "0x1p-3"},
        {"fit", "--family", "negbin", "--r", "Infinity", "-k", "1"}, {"demo", "--bogus"}, {"bogus"}};
    for (String[] args : cases) {
      CliRunner.Result r = CliRunner.run(CHAPTER, args);
      assertSafeUserError(r, "emkernel: ");
      assertTrue(r.err.startsWith("emkernel: ") && r.err.contains("--help'"), r.toString());
      assertFalse(r.err.contains("Usage:"), r.toString());
    }
    assertUserError(CliRunner.run(CHAPTER, "fit", "--family", "foo", "-k", "1"),
        "unknown family 'foo': expected binomial, poisson, geometric or negbin");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "-k", "2", "-k", "3"), "only once");
  }

  @Test
  void sampleCountsMayBeWrittenWithAnExponent() {
    CliRunner.Result r = CliRunner.run("", "sample", "--trials", "3", "--weights", "1", "--params", "0.5",
        "-n", "1e6");
    assertEquals(0, r.code, r.err);
    assertEquals(1_000_000, r.out.lines().count());
    assertEquals(r.out, CliRunner.run("", "sample", "--trials", "3", "--weights", "1", "--params", "0.5",
        "-n", "1000000").out);
  }

  // ---- defect 3 and must-have 3: write and read failures, out of memory, internal errors

  static CliRunner.Result run(InputStream in, OutputStream out, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(args, in, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRunner.Result(code, "", err.toString(StandardCharsets.UTF_8));
  }

  static OutputStream failing(String message) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }
    };
  }

  static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static void assertFailure(CliRunner.Result r, String fragment) {
    assertEquals(Main.EXIT_INTERNAL, r.code, r.toString());
    assertEquals(1, r.err.lines().count(), r.toString());
    assertTrue(r.err.startsWith("emkernel: ") && r.err.contains(fragment), r.toString());
    assertFalse(r.err.contains("\tat "), r.toString());
    assertSafe(r.err);
  }

  @Test
  void aFullDiskIsOneLineAndExit1() {
    OutputStream full = failing("No space left on device");
    assertFailure(run(stdin(CHAPTER), full, fitArgs()), "cannot write standard output: No space left on device");
    assertFailure(run(stdin(""), full, "demo"), "No space left on device");
    assertFailure(run(stdin(""), full, "sample", "--trials", "3", "--weights", "1", "--params", "0.5", "-n",
        "10"), "No space left on device");
    assertFailure(run(stdin(""), full, "fit", "--help"), "cannot write standard output");
    assertFailure(run(stdin(""), full, "--version"), "cannot write standard output");
  }

  @Test
  void aClosedPipeStaysQuiet() {
    CliRunner.Result r = run(stdin(""), failing("Broken pipe"), "sample", "--trials", "3", "--weights", "1",
        "--params", "0.5", "-n", "10");
    assertEquals(Main.EXIT_BROKEN_PIPE, r.code);
    assertEquals("", r.err);
  }

  @Test
  void readFailuresOutOfMemoryAndInternalErrorsAreOneLine() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("Input/output error");
      }
    };
    assertFailure(run(broken, new ByteArrayOutputStream(), "fit", "--trials", "10", "-k", "1"),
        "cannot read <stdin>: Input/output error");
    InputStream huge = new InputStream() {
      @Override
      public int read() {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    assertFailure(run(huge, new ByteArrayOutputStream(), "fit", "--trials", "10", "-k", "1"),
        "out of memory (Java heap space)");
    InputStream bug = new InputStream() {
      @Override
      public int read() {
        throw new IllegalStateException("a bug\u001b[31m");
      }
    };
    CliRunner.Result r = run(bug, new ByteArrayOutputStream(), "fit", "--trials", "10", "-k", "1");
    assertFailure(r, "internal error: java.lang.IllegalStateException: a bug\\u001b[31m");
    assertTrue(r.err.contains("--debug"), r.err);
    CliRunner.Result debug = run(bug, new ByteArrayOutputStream(), "fit", "--trials", "10", "-k", "1", "--debug");
    assertEquals(Main.EXIT_INTERNAL, debug.code);
    assertTrue(debug.err.startsWith("emkernel: internal error: ") && debug.err.contains("\tat "), debug.err);
  }

  // ---- defect 4: internal messages do not leak

  @Test
  void anIllegalArgumentFromTheJdkIsAnInternalErrorNotAUserError() {
    IllegalArgumentException jdk = new IllegalArgumentException("bound must be greater than origin");
    jdk.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.util.SplittableRandom", "nextInt", "SplittableRandom.java", 1)});
    InputStream throwing = new InputStream() {
      @Override
      public int read() {
        throw jdk;
      }
    };
    assertFailure(run(throwing, new ByteArrayOutputStream(), "fit", "--trials", "10", "-k", "1"),
        "internal error: java.lang.IllegalArgumentException: bound must be greater than origin");
    // The library's own checks stay user errors.
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "0.5,0.6", "--params",
        "0.1,0.2"), "weights sum to 1.1");
  }

  @Test
  void aRangeOfTrialsUpToTheLargestIntIsDrawn() {
    CliRunner.Result r = CliRunner.run("", "sample", "--format", "trials", "--trials", "1..2147483647",
        "--weights", "1", "--params", "0.5", "-n", "3", "--seed", "4");
    assertEquals(0, r.code, r.toString());
    assertEquals(3, r.out.lines().count(), r.out);
    r.out.lines().forEach(l -> {
      long t = Long.parseLong(l.split(",")[0]);
      long s = Long.parseLong(l.split(",")[1]);
      assertTrue(t >= 1 && t <= Integer.MAX_VALUE && s <= t, l);
    });
  }
}
