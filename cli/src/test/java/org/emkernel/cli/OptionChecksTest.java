package org.emkernel.cli;

import static org.emkernel.cli.FitCommandTest.CHAPTER;
import static org.emkernel.cli.FitCommandTest.assertUserError;
import static org.emkernel.cli.FitCommandTest.fitArgs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 22, defects 11 and 12: options that make no sense are refused, before any work or output. */
class OptionChecksTest {
  @Test
  void aToleranceOfOneOrMoreIsRefused() {
    for (String tol : new String[] {"1e308", "1", "1.0", "-1", "NaN"}) {
      assertUserError(CliRunner.run(CHAPTER, fitArgs("--tolerance", tol)), "--tolerance");
    }
    assertUserError(CliRunner.run(CHAPTER, fitArgs("--tolerance", "1e308")), "must be at least 0 and below 1");
    CliRunner.Result ok = CliRunner.run(CHAPTER, fitArgs("--tolerance", "0.999", "--json"));
    assertEquals(0, ok.code, ok.toString());
  }

  @Test
  void absurdRestartsAndComponentCountsAreRefusedBeforeReading() {
    // Standard input would be read only after the options are checked: an empty one proves they come first.
    assertUserError(CliRunner.run("", "fit", "--trials", "10", "-k", "2", "--restarts", "1000000000"),
        "--restarts 1000000000 must be from 1 to 1000");
    assertUserError(CliRunner.run("", "fit", "--trials", "10", "-k", "65536"), "-k 65536 must be from 1 to 1024");
    assertUserError(CliRunner.run("", "fit", "--trials", "10", "-k", "0"), "-k 0 must be from 1 to 1024");
    assertUserError(CliRunner.run("", "fit", "--trials", "10", "--select-k", "1..2000"),
        "--select-k 1..2000 goes above 1024");
    CliRunner.Result ok = CliRunner.run(CHAPTER, "fit", "--trials", "10", "-k", "2", "--restarts", "1000",
        "--max-iterations", "1", "--json");
    assertEquals(0, ok.code, ok.toString());
  }

  @Test
  void negativeZeroWeightsAreNotEchoed() {
    CliRunner.Result r = CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "-0.0,1",
        "--params", "0.2,0.45", "--max-iterations", "3", "--json");
    assertEquals(0, r.code, r.toString());
    assertFalse(r.out.contains("-0.0"), r.out);
    assertArrayEquals(new double[] {0, 1}, CliRunner.jsonNumbers(r.out, "weight"), r.out);
    CliRunner.Result text = CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "-0,1",
        "--params", "-0.0,0.45", "--max-iterations", "3");
    assertEquals(0, text.code, text.toString());
    assertFalse(text.out.contains("-0"), text.out);
    CliRunner.Result sample = CliRunner.run("", "sample", "--trials", "3", "--weights", "-0.0,1",
        "--params", "0.5,-0.0", "-n", "5");
    assertEquals(0, sample.code, sample.toString());
    assertEquals("0\n0\n0\n0\n0\n", sample.out);
  }

  @Test
  void notANumberInfinityAndHexadecimalAreRefused() {
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "NaN,1", "--params", "0.1,0.2"),
        "'NaN' is not a decimal number");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--family", "negbin", "--r", "Infinity", "-k", "1"),
        "'Infinity' is not a decimal number");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--family", "negbin", "--r", "1e309", "-k", "1"),
        "'1e309' is too large");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "1", "--params", "0x1p-2"),
        "'0x1p-2' is not a decimal number");
    assertUserError(CliRunner.run(CHAPTER, "fit", "--trials", "10", "--weights", "1", "--params", "0.5d"),
        "'0.5d' is not a decimal number");
  }

  // ---- defect 12: the outcome range is checked before anything is written

  @Test
  void aSampleThatCouldPassTheLargestOutcomeIsRefusedBeforeWriting() {
    for (String format : new String[] {"values", "counts"}) {
      CliRunner.Result r = CliRunner.run("", "sample", "--family", "geometric", "--weights", "1", "--params",
          "6.9e-9", "-n", "20000000", "--format", format);
      assertUserError(r, "component 1 (p 6.9E-9", "above 2147483647");
    }
    assertUserError(CliRunner.run("", "sample", "--family", "poisson", "--weights", "0.5,0.5", "--params",
        "3,2147483000", "-n", "10"), "component 2");
    assertUserError(CliRunner.run("", "sample", "--family", "negbin", "--r", "1e6", "--weights", "1",
        "--params", "4e-4", "-n", "10"), "component 1");
    // A tail far beyond reach, or a weight of zero, is no reason to refuse.
    CliRunner.Result far = CliRunner.run("", "sample", "--family", "geometric", "--weights", "0,1", "--params",
        "6.9e-9,1e-6", "-n", "1000");
    assertEquals(0, far.code, far.toString());
    assertEquals(1000, far.out.lines().count());
    CliRunner.Result poisson = CliRunner.run("", "sample", "--family", "poisson", "--weights", "1", "--params",
        "2e9", "-n", "100", "--format", "counts");
    assertEquals(0, poisson.code, poisson.toString());
    assertTrue(poisson.out.lines().allMatch(l -> Math.abs(Long.parseLong(l.split(",")[0]) - 2e9) < 5e5),
        poisson.out);
  }

  @Test
  void theChernoffBoundsAreBounds() {
    // Geometric: P(X >= 2^31) = (1 - p)^(2^31) exactly; Poisson and negative binomial against their exact tails
    // computed elsewhere would need more digits than a test can carry, so check the ordering against exact forms.
    for (double p : new double[] {1e-10, 6.9e-9, 1e-8, 1e-7}) {
      double exact = 2147483648.0 * Math.log1p(-p);
      double bound = OutcomeRange.negativeBinomial(1, p);
      assertTrue(bound >= exact && bound <= exact + 25, p + ": " + bound + " vs " + exact);
    }
    assertEquals(0, OutcomeRange.poisson(3e9));
    assertEquals(Double.NEGATIVE_INFINITY, OutcomeRange.poisson(0));
    assertTrue(OutcomeRange.poisson(2e9) < -5e6);
  }
}
