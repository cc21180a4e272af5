package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The reported log-likelihood at outcomes near 10^9 against the exact value, summed bin by bin in 45 digits
 * ({@link ExactLogs}): within 1e-10 of its size in both kernels, and the kernels within that of each other.
 */
class LargeOutcomeLikelihoodTest {
  private static final KernelChoice[] KERNELS = {KernelChoice.SCALAR, KernelChoice.VECTOR};

  /** Σ_b c_b·ln Poisson(x_b | λ) in 45 digits, logarithms of x anchored at λ's neighbourhood. */
  private static BigDecimal[] exactPoissonTerms(Histogram h, double lambda) {
    BigDecimal anchor = new BigDecimal(Math.rint(lambda));
    BigDecimal lnAnchor = ExactLogs.ln(anchor);
    BigDecimal l = new BigDecimal(lambda);
    BigDecimal lnLambda = ExactLogs.lnNear(l, anchor, lnAnchor);
    BigDecimal[] terms = new BigDecimal[h.size()];
    for (int b = 0; b < h.size(); b++) {
      long x = h.outcome(b);
      BigDecimal bx = BigDecimal.valueOf(x + 1);
      BigDecimal lnFactorial = ExactLogs.stirling(bx, ExactLogs.lnNear(bx, anchor, lnAnchor));
      terms[b] = BigDecimal.valueOf(x).multiply(lnLambda, ExactLogs.MC).subtract(l, ExactLogs.MC)
          .subtract(lnFactorial, ExactLogs.MC);
    }
    return terms;
  }

  private static void within(double exact, double actual, String what) {
    assertTrue(Math.abs(actual - exact) <= 1e-10 * Math.abs(exact),
        what + ": " + actual + " against the exact " + exact + ", off by " + (actual - exact));
  }

  @Test
  void millionDrawsOfPoissonTwoBillionAtTheTrueLambda() {
    double lambda = 2e9;
    MixtureModel model = MixtureModel.of(Family.poisson(), new double[] {1}, new double[] {lambda});
    Histogram h = Histogram.of(model.sample(1_000_000, 7));
    BigDecimal[] terms = exactPoissonTerms(h, lambda);
    BigDecimal sum = BigDecimal.ZERO;
    for (int b = 0; b < h.size(); b++) {
      sum = sum.add(terms[b].multiply(BigDecimal.valueOf(h.count(b)), ExactLogs.MC), ExactLogs.MC);
    }
    double exact = sum.doubleValue();
    assertTrue(exact < -1.2e7 && exact > -1.3e7, "the issue's shape: " + exact);
    double[] reported = new double[KERNELS.length];
    for (int i = 0; i < KERNELS.length; i++) {
      EmFitter fitter = EmFitter.builder().kernel(KERNELS[i]).maxIterations(0).build();
      reported[i] = fitter.logLikelihood(h, model);
      within(exact, reported[i], KERNELS[i] + " logLikelihood");
      within(exact, fitter.fit(h, model).logLikelihood(), KERNELS[i] + " fit with no iterations");
    }
    within(reported[0], reported[1], "vector against scalar");
  }

  @Test
  void twoPoissonComponentsNearOneBillion() {
    double[] w = {0.4, 0.6};
    double[] lambda = {1e9, 1e9 + 150_000};
    MixtureModel model = MixtureModel.of(Family.poisson(), w, lambda);
    Histogram h = Histogram.of(model.sample(1_000_000, 11));
    BigDecimal[] first = exactPoissonTerms(h, lambda[0]);
    // ln p2(x) − ln p1(x) = x·ln(λ2/λ1) − (λ2 − λ1), in 45 digits; then ln(w1 + w2·e^δ) in doubles (each bin's
    // rounding some 1e-16 of a value of order 1).
    BigDecimal lnRatio = ExactLogs.ln(new BigDecimal(lambda[1]).divide(new BigDecimal(lambda[0]), ExactLogs.MC));
    BigDecimal gap = new BigDecimal(lambda[1]).subtract(new BigDecimal(lambda[0]));
    BigDecimal sum = BigDecimal.ZERO;
    double mixing = 0;
    for (int b = 0; b < h.size(); b++) {
      double delta = BigDecimal.valueOf(h.outcome(b)).multiply(lnRatio, ExactLogs.MC).subtract(gap).doubleValue();
      double mix = delta <= 0 ? Math.log(w[0] + w[1] * Math.exp(delta)) : delta + Math.log(w[0] * Math.exp(-delta) + w[1]);
      sum = sum.add(first[b].multiply(BigDecimal.valueOf(h.count(b)), ExactLogs.MC), ExactLogs.MC);
      mixing += h.count(b) * mix;
    }
    double exact = sum.add(new BigDecimal(mixing), ExactLogs.MC).doubleValue();
    double[] reported = new double[KERNELS.length];
    for (int i = 0; i < KERNELS.length; i++) {
      reported[i] = EmFitter.builder().kernel(KERNELS[i]).build().logLikelihood(h, model);
      within(exact, reported[i], KERNELS[i] + " logLikelihood");
    }
    within(reported[0], reported[1], "vector against scalar");
  }

  @Test
  void aFitNearOneBillionConvergesOnlyAtItsFixedPoint() {
    // Issue 22, defect 8: 21 bins near 10^9 with 10^6 observations each, K = 2, tolerance 0. The log-likelihood
    // rounded to some 64 nats, so an unchanged figure stopped the fit 2e-4 short of the maximum in w.
    int[] outcomes = new int[21];
    long[] counts = new long[21];
    for (int j = 0; j < 21; j++) {
      outcomes[j] = 1_000_000_000 + 20_000 * (j - 10);
      counts[j] = 1_000_000;
    }
    Histogram h = Histogram.ofCounts(outcomes, counts);
    double[] weights = new double[KERNELS.length];
    for (int i = 0; i < KERNELS.length; i++) {
      EmFitter fitter = EmFitter.builder().kernel(KERNELS[i]).tolerance(0).maxIterations(100_000).build();
      FitResult fit = fitter.fit(h, Family.poisson(), 2);
      assertTrue(fit.converged(), KERNELS[i].toString());
      // Converged means at the fixed point: one more EM step moves nothing that matters.
      MixtureModel next = fitter.step(h, fit.model());
      assertEquals(fit.model().weight(0), next.weight(0), 1e-9, KERNELS[i] + " " + fit.model());
      for (int j = 0; j < 2; j++) {
        assertEquals(fit.model().param(j), next.param(j), 1e-3, KERNELS[i] + " " + fit.model());
      }
      double[] trace = fit.trace();
      // The log-likelihood rises, up to the roundings of the kernel's terms: some 1e-11 per observation here
      // (η·x of some 1e5 per term), 1e-12 of the total; before, the figures were rounded to 64.
      for (int t = 1; t < trace.length; t++) {
        assertTrue(trace[t] >= trace[t - 1] - 1e-12 * Math.abs(trace[t]),
            "the log-likelihood falls at iteration " + t + " by " + (trace[t - 1] - trace[t]) + ": " + KERNELS[i]);
      }
      weights[i] = Math.min(fit.model().weight(0), fit.model().weight(1));
    }
    assertEquals(weights[0], weights[1], 1e-9, "the kernels' weights");
  }

  @Test
  void aSingleObservationAtTheTrialsHasLikelihoodOne() {
    // Issue 22, defect 10: one observation of 2147483647 successes in as many trials gave +1.1e-4.
    Histogram h = Histogram.of(new int[] {Integer.MAX_VALUE});
    for (KernelChoice kernel : KERNELS) {
      FitResult fit = EmFitter.builder().kernel(kernel).build().fit(h, Family.binomial(Integer.MAX_VALUE), 1);
      assertEquals(1.0, fit.model().param(0));
      assertEquals(0.0, fit.logLikelihood(), kernel.toString());
    }
  }
}
