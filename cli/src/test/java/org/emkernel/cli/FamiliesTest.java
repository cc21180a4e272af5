package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sample | fit for every family and format, seeded initialisation, model selection and acceleration. */
class FamiliesTest {
  static CliRunner.Result sampleThenFit(String[] sample, String... fit) {
    CliRunner.Result s = CliRunner.run("", sample);
    assertEquals(0, s.code, s.toString());
    CliRunner.Result f = CliRunner.run(s.out, fit);
    assertEquals(0, f.code, f.toString());
    assertEquals("", f.err);
    return f;
  }

  static void assertRecovered(CliRunner.Result f, double[] weights, double[] params, double wTol, double pTol) {
    assertArrayEquals(weights, CliRunner.jsonNumbers(f.out, "weight"), wTol, f.out);
    assertArrayEquals(params, CliRunner.jsonNumbers(f.out, "param"), pTol, f.out);
    assertTrue(f.out.contains("\"converged\": true"), f.out);
  }

  @Test
  void binomialSeededInitialisation() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--trials", "20", "--weights", "0.7,0.3", "--params", "0.7,0.2", "-n", "200000"},
        "fit", "--trials", "20", "-k", "2", "--seed", "5", "--restarts", "3", "--json");
    assertRecovered(f, new double[] {0.3, 0.7}, new double[] {0.2, 0.7}, 0.01, 0.0025);
  }

  @Test
  void poisson() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--family", "poisson", "--weights", "0.4,0.6", "--params", "3,15", "-n", "200000",
            "--format", "counts"},
        "fit", "--family", "poisson", "--format", "counts", "-k", "2", "--json");
    // Standard errors: about 0.0013 (weights), 0.006 and 0.012 (means).
    assertRecovered(f, new double[] {0.4, 0.6}, new double[] {3, 15}, 0.01, 0.08);
    assertTrue(f.out.startsWith("{\"family\": \"poisson\""), f.out);
  }

  @Test
  void geometric() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--family", "geometric", "--weights", "0.5,0.5", "--params", "0.1,0.6",
            "-n", "400000"},
        "fit", "--family", "geometric", "-k", "2", "--json");
    assertRecovered(f, new double[] {0.5, 0.5}, new double[] {0.1, 0.6}, 0.02, 0.01);
  }

  @Test
  void negativeBinomial() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--family", "negbin", "--r", "4", "--weights", "0.3,0.7", "--params", "0.2,0.7",
            "-n", "200000"},
        "fit", "--family", "negbin", "--r", "4", "-k", "2", "--json");
    assertRecovered(f, new double[] {0.3, 0.7}, new double[] {0.2, 0.7}, 0.01, 0.01);
  }

  @Test
  void binomialWithVaryingTrials() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--format", "trials", "--trials", "5..40", "--weights", "0.6,0.4",
            "--params", "0.25,0.75", "-n", "100000", "--seed", "9"},
        "fit", "--format", "trials", "-k", "2", "--json");
    assertRecovered(f, new double[] {0.6, 0.4}, new double[] {0.25, 0.75}, 0.01, 0.005);
  }

  @Test
  void selectKPicksTheTrueNumberOfComponents() {
    CliRunner.Result f = sampleThenFit(
        new String[] {"sample", "--family", "poisson", "--weights", "0.5,0.5", "--params", "2,12", "-n", "50000"},
        "fit", "--family", "poisson", "--select-k", "1..3", "--criterion", "bic", "--json");
    assertEquals(2, CliRunner.jsonNumbers(f.out, "weight").length, f.out);
    assertTrue(f.out.contains("\"selection\": {\"criterion\": \"bic\", \"candidates\": [{\"components\": 1, "),
        f.out);
    assertArrayEquals(new double[] {1, 2, 3}, CliRunner.jsonNumbers(f.out, "components"));
    double[] scores = CliRunner.jsonNumbers(f.out, "score");
    assertTrue(scores[1] < scores[0] && scores[1] < scores[2], f.out);
    assertEquals(scores[1], CliRunner.jsonNumbers(f.out, "bic")[0], f.out);
  }

  @Test
  void acceleratedFitReachesTheSameMaximum() {
    String[] sample = {"sample", "--trials", "10", "--weights", "0.5,0.5", "--params", "0.3,0.6", "-n", "20000"};
    // A tight tolerance, so that plain EM's slow final approach does not stop it short of the maximum.
    String[] fit = {"fit", "--trials", "10", "-k", "2", "--tolerance", "1e-15", "--max-iterations", "100000",
        "--json"};
    CliRunner.Result plain = sampleThenFit(sample, fit);
    CliRunner.Result fast = sampleThenFit(sample, FitCommandTest.args(fit, "--accelerate"));
    assertArrayEquals(CliRunner.jsonNumbers(plain.out, "param"), CliRunner.jsonNumbers(fast.out, "param"), 1e-4);
    assertEquals(CliRunner.jsonNumbers(plain.out, "logLikelihood")[0],
        CliRunner.jsonNumbers(fast.out, "logLikelihood")[0], 1e-6);
  }

  @Test
  void familyOptionErrors() {
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--family", "poisson", "--trials", "3", "-k", "1"),
        "--trials applies only to --family binomial");
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--family", "negbin", "-k", "1"), "--r R");
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--family", "negbin", "--r", "0", "-k", "1"),
        "r = 0.0");
    FitCommandTest.assertUserError(CliRunner.run("3,1\n", "fit", "--format", "trials", "--trials", "3", "-k", "1"),
        "--trials does not apply to the trials format");
    FitCommandTest.assertUserError(CliRunner.run("3,1\n", "fit", "--format", "trials", "--family", "poisson",
        "-k", "1"), "the trials format needs --family binomial");
    FitCommandTest.assertUserError(CliRunner.run("3,1\n3,4\n", "fit", "--format", "trials", "-k", "1"),
        "<stdin> line 2: successes 4 exceed trials 3: \"3,4\"");
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--family", "poisson", "--weights", "1",
        "--params", "-2"), "-2");
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--trials", "3", "-k", "1", "--restarts", "0"),
        "--restarts 0");
    FitCommandTest.assertUserError(CliRunner.run("1\n", FitCommandTest.fitArgs("--seed", "3")),
        "--seed applies to seeded initialisation");
    FitCommandTest.assertUserError(CliRunner.run("", "sample", "--format", "trials", "--weights", "1",
        "--params", "0.5", "-n", "3"), "--trials");
    FitCommandTest.assertUserError(CliRunner.run("", "sample", "--trials", "3..5", "--weights", "1",
        "--params", "0.5", "-n", "3"), "needs --format trials");
    FitCommandTest.assertUserError(CliRunner.run("1\n", "fit", "--family", "gauss", "-k", "1"),
        "unknown family 'gauss'", "see 'emkernel fit --help'");
  }
}
