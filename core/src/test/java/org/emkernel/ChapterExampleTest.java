package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worked example of the reference chapter, section 6.3: one EM iteration reproduces Tables 6.1–6.4. */
class ChapterExampleTest {
  static final int[] DATA = {6, 5, 4, 2, 2, 6, 5, 5, 4, 2, 5, 2, 4, 4, 6, 4, 5, 6, 3, 3};
  static final MixtureModel THETA0 =
      MixtureModel.of(Family.binomial(10), new double[] {0.25, 0.5, 0.25}, new double[] {0.4, 0.5, 0.65});
  static final double TABLE_TOLERANCE = 1e-7;

  // Table 6.1: posteriors per outcome 2..6.
  static final double[][] TABLE_6_1 = {
      {0.5674795, 0.4124300, 0.0200905},
      {0.4568744, 0.4980674, 0.0450583},
      {0.3436451, 0.5619435, 0.0944114},
      {0.2370680, 0.5814960, 0.1814361},
      {0.1468149, 0.5401758, 0.3130094}};
  // Table 6.2: expected occurrences of each outcome per coin.
  static final double[][] TABLE_6_2 = {
      {2.2699180, 1.6497199, 0.0803621},
      {0.9137487, 0.9961348, 0.0901165},
      {1.7182254, 2.8097177, 0.4720569},
      {1.1853398, 2.9074798, 0.9071804},
      {0.5872594, 2.1607030, 1.2520376}};

  static EmFitter fitter(String kernel) {
    return Kernels.fitter(kernel, EmFitter.builder());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void table61Posteriors(String kernel) {
    Histogram h = Histogram.of(DATA);
    assertArrayEquals(new int[] {2, 3, 4, 5, 6}, h.outcomes());
    assertArrayEquals(new long[] {4, 2, 5, 5, 4}, h.counts());
    double[][] post = fitter(kernel).posteriors(h, THETA0);
    for (int b = 0; b < 5; b++) {
      assertArrayEquals(TABLE_6_1[b], post[b], TABLE_TOLERANCE, "outcome " + h.outcome(b));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void equation610ExpectedCountsAndTable62(String kernel) {
    Histogram h = Histogram.of(DATA);
    Expectations e = fitter(kernel).expectations(h, THETA0);
    assertArrayEquals(new double[] {6.6744913, 10.5237552, 2.8017535}, e.expectedCounts(), TABLE_TOLERANCE);
    double[][] post = fitter(kernel).posteriors(h, THETA0);
    for (int b = 0; b < 5; b++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(TABLE_6_2[b][k], h.count(b) * post[b][k], TABLE_TOLERANCE, "outcome " + h.outcome(b));
      }
    }
    // Equations (6.11) and (6.12), given to 6 and 7 decimals.
    assertEquals(2.269918, 4 * post[0][0], 1e-6);
    assertEquals(0.4720569, 5 * post[2][2], TABLE_TOLERANCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void table63SufficientStatistics(String kernel) {
    Expectations e = fitter(kernel).expectations(Histogram.of(DATA), THETA0);
    double[] s = e.expectedStatistics();
    // Equation (6.13) gives c_1 to 7 decimals; Table 6.3 gives all three to 5.
    assertEquals(23.6042391, s[0], TABLE_TOLERANCE);
    assertArrayEquals(new double[] {23.60424, 45.02833, 14.36743}, s, 0.5e-5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void equation614WeightsAndTable64Biases(String kernel) {
    MixtureModel theta1 = fitter(kernel).step(Histogram.of(DATA), THETA0);
    assertArrayEquals(new double[] {0.3337246, 0.5261878, 0.1400877}, theta1.weights(), TABLE_TOLERANCE);
    assertArrayEquals(new double[] {0.3536485, 0.4278732, 0.5128013}, theta1.params(), TABLE_TOLERANCE);
    // One iteration of fit() gives the same model.
    FitResult one = Kernels.fitter(kernel, EmFitter.builder().maxIterations(1)).fit(Histogram.of(DATA), THETA0);
    assertEquals(theta1, one.model());
    assertEquals(1, one.iterations());
    assertEquals(2, one.eSteps());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void equations67To69LikelihoodOfFirstObservation(String kernel) {
    // P(X = 6 | φ) for the three coins, (6.7), and the marginal it implies.
    Family f = Family.binomial(10);
    assertEquals(0.1114767, Math.exp(f.logPmf(6, 0.4)), TABLE_TOLERANCE);
    assertEquals(0.2050781, Math.exp(f.logPmf(6, 0.5)), TABLE_TOLERANCE);
    assertEquals(0.2376685, Math.exp(f.logPmf(6, 0.65)), TABLE_TOLERANCE);
    double marginal = 0.25 * 0.1114767 + 0.5 * 0.2050781 + 0.25 * 0.2376685;
    double ll = fitter(kernel).logLikelihood(Histogram.of(new int[] {6}), THETA0);
    assertEquals(Math.log(marginal), ll, 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector", "vector-exp"})
  void toConvergenceLikelihoodNeverDecreasesAndCountsSumToN(String kernel) {
    Histogram h = Histogram.of(DATA);
    EmSession session = fitter(kernel).session(h, THETA0);
    double previous = session.eStep();
    for (int it = 0; it < 500; it++) {
      double[] n = session.expectedCounts();
      assertEquals(20.0, n[0] + n[1] + n[2], 20 * 1e-9, "iteration " + it);
      double next = session.iterate();
      assertTrue(next >= previous - 1e-12 * Math.abs(previous), "iteration " + it + ": " + previous + " -> " + next);
      previous = next;
    }
    FitResult fit = Kernels.fitter(kernel, EmFitter.builder().tolerance(1e-14).maxIterations(100_000)).fit(h, THETA0);
    assertTrue(fit.converged());
    double[] trace = fit.trace();
    assertEquals(fit.iterations() + 1, trace.length);
    for (int i = 1; i < trace.length; i++) {
      assertTrue(trace[i] >= trace[i - 1] - 1e-12 * Math.abs(trace[i]), "trace step " + i);
    }
    assertEquals(trace[trace.length - 1], fit.logLikelihood());
    assertTrue(fit.logLikelihood() >= previous - 1e-9 * Math.abs(previous));
  }
}
