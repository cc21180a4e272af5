package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sample: deterministic output in every format, and sample | fit recovers the mixture. */
class SampleCommandTest {
  static final String[] MODEL = {"--trials", "20", "--weights", "0.3,0.7", "--params", "0.2,0.7"};

  static String[] sampleArgs(String... more) {
    return FitCommandTest.args(FitCommandTest.args(new String[] {"sample"}, MODEL), more);
  }

  @Test
  void sameSeedSameOutputDifferentSeedDifferentOutput() {
    CliRunner.Result a = CliRunner.run("", sampleArgs("-n", "1000", "--seed", "7"));
    CliRunner.Result b = CliRunner.run("", sampleArgs("-n", "1000", "--seed", "7"));
    CliRunner.Result c = CliRunner.run("", sampleArgs("-n", "1000", "--seed", "8"));
    assertEquals(0, a.code, a.toString());
    assertEquals(a.out, b.out);
    assertTrue(!a.out.equals(c.out));
    assertEquals(1000, a.out.lines().count());
    assertTrue(a.out.lines().allMatch(l -> l.matches("[0-9]+") && Integer.parseInt(l) <= 20), a.out);
  }

  @Test
  void valuesAndTrialsOfASmallerNAreAPrefixAcrossChunks() {
    int big = SampleCommand.CHUNK + 1000;
    for (String format : new String[] {"values", "trials"}) {
      String[] args = {"sample", "--format", format, "--trials", "20", "--weights", "0.3,0.7", "--params", "0.2,0.7",
          "--seed", "4"};
      CliRunner.Result small = CliRunner.run("", FitCommandTest.args(args, "-n", "1500"));
      CliRunner.Result large = CliRunner.run("", FitCommandTest.args(args, "-n", Integer.toString(big)));
      assertEquals(0, large.code, large.err);
      assertEquals(big, large.out.lines().count());
      assertTrue(large.out.startsWith(small.out), format);
      if (format.equals("trials")) {
        assertTrue(large.out.lines().allMatch(l -> l.startsWith("20,")));
      }
    }
  }

  @Test
  void countsFormatIsDeterministicAndSumsToN() {
    CliRunner.Result a = CliRunner.run("", sampleArgs("-n", "5000", "--seed", "3", "--format", "counts"));
    CliRunner.Result b = CliRunner.run("", sampleArgs("-n", "5000", "--seed", "3", "--format", "counts"));
    assertEquals(0, a.code, a.toString());
    assertEquals(a.out, b.out);
    assertEquals(5000, a.out.lines().mapToLong(l -> Long.parseLong(l.split(",")[1])).sum());
    // The counts format is drawn as a histogram: no limit of an int[] on N.
    CliRunner.Result big = CliRunner.run("", sampleArgs("-n", "3000000000", "--format", "counts"));
    assertEquals(0, big.code, big.toString());
    assertEquals(3_000_000_000L, big.out.lines().mapToLong(l -> Long.parseLong(l.split(",")[1])).sum());
    assertTrue(big.out.lines().allMatch(l -> Integer.parseInt(l.split(",")[0]) <= 20), big.out);
  }

  @Test
  void countsOfAWideSupportCostTheSameForAnyN() {
    // Issue 22, defect 13: a support of about 7 million outcomes was drawn one observation at a time, so this
    // -n (10^12) would not have finished; now it is split as counts, the same for the same seed.
    String[] args = {"sample", "--family", "geometric", "--weights", "1", "--params", "1e-4", "-n", "1e12",
        "--format", "counts", "--seed", "9"};
    CliRunner.Result a = CliRunner.run("", args);
    assertEquals(0, a.code, a.err);
    assertEquals(1_000_000_000_000L, a.out.lines().mapToLong(l -> Long.parseLong(l.split(",")[1])).sum());
    // P(X = 0) = 1e-4: 10^8 expected, standard deviation 10^4.
    long zero = a.out.lines().filter(l -> l.startsWith("0,")).mapToLong(l -> Long.parseLong(l.split(",")[1]))
        .sum();
    assertEquals(1e8, zero, 6e4);
    assertEquals(a.out, CliRunner.run("", args).out);
  }

  @Test
  void sampleThenFitRecoversTheMixture() {
    for (String format : new String[] {"values", "counts"}) {
      CliRunner.Result s = CliRunner.run("", sampleArgs("-n", "200000", "--seed", "11", "--format", format));
      assertEquals(0, s.code, s.toString());
      CliRunner.Result f = CliRunner.run(s.out, "fit", "--format", format, "--trials", "20",
          "--weights", "0.5,0.5", "--params", "0.4,0.5", "--json");
      assertEquals(0, f.code, f.toString());
      // Standard errors are about 0.002 (weights) and 0.0005 (biases); allow five of them.
      assertArrayEquals(new double[] {0.3, 0.7}, CliRunner.jsonNumbers(f.out, "weight"), 0.01, f.out);
      assertArrayEquals(new double[] {0.2, 0.7}, CliRunner.jsonNumbers(f.out, "param"), 0.0025, f.out);
      assertTrue(f.out.contains("\"converged\": true"), f.out);
      assertTrue(f.out.contains("\"observations\": 200000"), f.out);
    }
  }

  @Test
  void errors() {
    FitCommandTest.assertUserError(CliRunner.run("", "sample", "--trials", "20", "--weights", "0.3,0.8",
        "--params", "0.2,0.7", "-n", "10"), "weights sum to 1.1");
    FitCommandTest.assertUserError(CliRunner.run("", sampleArgs("-n", "-5")), "'-n': '-5' is negative");
    FitCommandTest.assertUserError(CliRunner.run("", "sample", "--weights", "1", "--params", "0.2", "-n", "3"),
        "--trials");
    CliRunner.Result missing = CliRunner.run("", "sample", "--trials", "20", "--weights", "1", "-n", "3");
    assertEquals(2, missing.code);
    assertEquals("", missing.out);
    assertTrue(missing.err.contains("Missing required option: '--params=P'"), missing.err);
  }
}
