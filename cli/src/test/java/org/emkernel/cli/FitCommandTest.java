package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit: the chapter's iteration through the command line, formats, JSON and every user error. */
class FitCommandTest {
  static final String CHAPTER = "6\n5\n4\n2\n2\n6\n5\n5\n4\n2\n5\n2\n4\n4\n6\n4\n5\n6\n3\n3\n";
  static final int[] CHAPTER_DATA = {6, 5, 4, 2, 2, 6, 5, 5, 4, 2, 5, 2, 4, 4, 6, 4, 5, 6, 3, 3};
  static final String[] THETA0 = {"--trials", "10", "--weights", "0.25,0.5,0.25", "--params", "0.4,0.5,0.65"};

  @TempDir
  Path dir;

  static String[] args(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  static String[] fitArgs(String... more) {
    return args(args(new String[] {"fit"}, THETA0), more);
  }

  @Test
  void oneIterationOnTheChapterDataGivesEquation614AndTable64() {
    CliRunner.Result r = CliRunner.run(CHAPTER, fitArgs("--max-iterations", "1", "--json"));
    assertEquals(0, r.code, r.toString());
    assertEquals("", r.err);
    assertEquals(1, r.out.lines().count(), r.out);
    assertTrue(r.out.startsWith("{\"family\": \"binomial(n=10)\", \"components\": ["), r.out);
    assertArrayEquals(new double[] {0.3337246, 0.5261878, 0.1400877}, CliRunner.jsonNumbers(r.out, "weight"), 1e-7);
    assertArrayEquals(new double[] {0.3536485, 0.4278732, 0.5128013}, CliRunner.jsonNumbers(r.out, "param"), 1e-7);
    assertTrue(r.out.contains("\"iterations\": 1, \"eSteps\": 2, \"converged\": false"), r.out);
  }

  @Test
  void jsonRoundTripsTheCoreResultExactly() {
    CliRunner.Result r = CliRunner.run(CHAPTER, fitArgs("--json"));
    assertEquals(0, r.code, r.toString());
    MixtureModel theta0 = MixtureModel.of(Family.binomial(10), new double[] {0.25, 0.5, 0.25},
        new double[] {0.4, 0.5, 0.65});
    FitResult direct = EmFitter.create().fit(Histogram.of(CHAPTER_DATA), theta0);
    // The chapter's fit keeps the components in ascending order of bias.
    assertArrayEquals(direct.model().weights(), CliRunner.jsonNumbers(r.out, "weight"));
    assertArrayEquals(direct.model().params(), CliRunner.jsonNumbers(r.out, "param"));
    assertEquals(direct.logLikelihood(), CliRunner.jsonNumbers(r.out, "logLikelihood")[0]);
    int p = direct.model().freeParameters();
    assertEquals(5, p);
    assertEquals(-2 * direct.logLikelihood() + 2 * p, CliRunner.jsonNumbers(r.out, "aic")[0]);
    assertEquals(-2 * direct.logLikelihood() + p * Math.log(20), CliRunner.jsonNumbers(r.out, "bic")[0]);
    assertTrue(r.out.contains("\"iterations\": " + direct.iterations() + ", \"eSteps\": " + direct.eSteps()
        + ", \"converged\": true"), r.out);
  }

  @Test
  void componentsAreSortedByParameter() {
    CliRunner.Result r = CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "0.25,0.5,0.25",
        "--params", "0.65,0.5,0.4", "--max-iterations", "1", "--json");
    assertEquals(0, r.code, r.toString());
    assertArrayEquals(new double[] {0.3337246, 0.5261878, 0.1400877}, CliRunner.jsonNumbers(r.out, "weight"), 1e-7);
    assertArrayEquals(new double[] {0.3536485, 0.4278732, 0.5128013}, CliRunner.jsonNumbers(r.out, "param"), 1e-7);
  }

  @Test
  void textReportHasTheTableAndTheCriteria() {
    CliRunner.Result r = CliRunner.run(CHAPTER, fitArgs("--max-iterations", "1"));
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.contains("binomial(n=10)"), r.out);
    assertTrue(r.out.matches("(?s).*\\n1 +0\\.3337246 +0\\.3536485118 +3\\.536485118\\n.*"), r.out);
    assertTrue(r.out.matches("(?s).*\\n3 +0\\.1400877 +0\\.5128013164 +5\\.128013164\\n.*"), r.out);
    assertTrue(r.out.contains("iterations      1\n"), r.out);
    assertTrue(r.out.contains("converged       false\n"), r.out);
    assertTrue(r.out.contains("log-likelihood  "), r.out);
    assertTrue(r.out.contains("AIC  ") && r.out.contains("BIC  "), r.out);
  }

  @Test
  void countsFormatCommentsBlanksAndCrlfGiveTheSameFit(@TempDir Path tmp) throws IOException {
    String counts = "# outcome,count\n2,4\n\n3, 2\r\n 4 ,5\n5,3\n5,2\n6,4\n7,0";
    CliRunner.Result fromCounts = CliRunner.run(counts, fitArgs("--format", "counts", "--json"));
    CliRunner.Result fromValues = CliRunner.run("# the chapter\n\n" + CHAPTER.replace("\n", "\r\n"),
        fitArgs("--json"));
    assertEquals(0, fromCounts.code, fromCounts.toString());
    assertEquals(0, fromValues.code, fromValues.toString());
    assertEquals(fromValues.out, fromCounts.out);
    Path file = tmp.resolve("chapter.txt");
    Files.writeString(file, CHAPTER);
    CliRunner.Result fromFile = CliRunner.run("", fitArgs(file.toString(), "--json"));
    assertEquals(fromValues.out, fromFile.out);
  }

  // ---- errors: exit 2, one line naming source, line and text, nothing on stdout

  static void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.code, r.toString());
    assertEquals("", r.out, r.toString());
    assertEquals(1, r.err.lines().count(), r.toString());
    for (String f : fragments) {
      assertTrue(r.err.contains(f), "stderr lacks '" + f + "': " + r.err);
    }
  }

  @Test
  void notAnInteger() {
    assertUserError(CliRunner.run("1\n2\n\n4.5\n", fitArgs()), "<stdin> line 4", "\"4.5\"", "not an integer");
    assertUserError(CliRunner.run("1\nabc\n", fitArgs()), "<stdin> line 2", "\"abc\"");
    assertUserError(CliRunner.run("1\n6 5\n", fitArgs()), "<stdin> line 2", "\"6 5\"");
  }

  @Test
  void negative() {
    assertUserError(CliRunner.run("1\n# c\n-3\n", fitArgs()), "<stdin> line 3", "\"-3\"", "negative");
  }

  @Test
  void outcomeAboveTrials() {
    assertUserError(CliRunner.run("1\n11\n", fitArgs()), "<stdin> line 2", "\"11\"",
        "exceeds the number of trials n = 10");
    assertUserError(CliRunner.run("11,3\n", fitArgs("--format", "counts")), "<stdin> line 1", "\"11,3\"",
        "exceeds");
  }

  @Test
  void wrongNumberOfFields() {
    assertUserError(CliRunner.run("1\n2,3\n", fitArgs()), "<stdin> line 2", "\"2,3\"", "expected 1 field");
    assertUserError(CliRunner.run("1,2\n3\n", fitArgs("--format", "counts")), "<stdin> line 2", "\"3\"",
        "expected 2 fields");
    assertUserError(CliRunner.run("1,2,3\n", fitArgs("--format", "counts")), "line 1", "\"1,2,3\"");
  }

  @Test
  void errorNamesTheFileAndLastLineWithoutNewline() throws IOException {
    Path file = dir.resolve("data.txt");
    Files.writeString(file, "1\n2\nx7");
    assertUserError(CliRunner.run("", fitArgs(file.toString())), file + " line 3", "\"x7\"");
  }

  @Test
  void errorAcrossTheReadBufferBoundary() {
    // The bad line starts before and ends after the 1 MiB read buffer's edge.
    StringBuilder sb = new StringBuilder();
    int lines = 0;
    while (sb.length() < (1 << 20) - 2) {
      sb.append("3\n");
      lines++;
    }
    sb.append("12345x\n");
    CliRunner.Result r = CliRunner.run(sb.toString(), fitArgs());
    assertUserError(r, "<stdin> line " + (lines + 1), "\"12345x\"");
  }

  @Test
  void missingFile() {
    assertUserError(CliRunner.run("", fitArgs(dir.resolve("nope.txt").toString())), "nope.txt", "no such file");
  }

  @Test
  void emptyInput() {
    assertUserError(CliRunner.run("# nothing\n\n", fitArgs()), "<stdin>", "no observations");
  }

  @Test
  void unknownOptionIsOneLineWithAPointerToTheHelp() {
    assertUserError(CliRunner.run(CHAPTER, fitArgs("--bogus")), "emkernel: Unknown option: '--bogus'",
        "see 'emkernel fit --help'");
  }

  @Test
  void missingOrBadValuesAreOneLine() {
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials"),
        "emkernel: Missing required parameter for option '--trials'", "see 'emkernel fit --help'");
    CliRunner.Result badFormat = CliRunner.run(CHAPTER, fitArgs("--format", "xml"));
    assertUserError(badFormat);
    assertEquals("emkernel: Invalid value for option '--format': unknown format 'xml': expected values, "
        + "counts or trials; see 'emkernel fit --help'\n", badFormat.err);
    assertUserError(CliRunner.run(""), "emkernel: missing command: demo, fit or sample", "'emkernel --help'");
  }

  @Test
  void badModelFromCoreIsOneLine() {
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "0.5,0.6", "--params", "0.1,0.2"),
        "weights sum to 1.1");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "0.5,0.5", "--params", "0.1,1.2"),
        "bias 1.2 of component 1 is outside [0, 1]");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "0", "-k", "2"), "number of trials n = 0");
    assertUserError(CliRunner.run(CHAPTER, fitArgs("--tolerance", "-1")), "tolerance -1.0");
  }

  @Test
  void inconsistentOptions() {
    assertUserError(CliRunner.run(CHAPTER, "fit", "-k", "2"), "--trials");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10"), "-k");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "1"), "--params");
    assertUserError(CliRunner.run(CHAPTER, fitArgs("-k", "2")), "-k 2 does not match the 3 weights");
  }

  @Test
  void binaryGarbageIsAOneLineError() {
    byte[] junk = {'1', '\n', (byte) 0xff, 0, 7, '\n'};
    CliRunner.Result r = CliRunner.run(junk, fitArgs());
    assertUserError(r, "<stdin> line 2", "not an integer");
  }
}
