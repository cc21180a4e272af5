package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every family's log-likelihood equals a direct computation of Σ_b c_b·log Σ_k w_k·p(x_b | θ_k), with p built
 * here from sums of logs (never through the family's own methods), to 1e-10 relative.
 */
class FamilyLikelihoodTest {
  static final double REL = 1e-10;

  /** log x! as a plain sum of logs. */
  static double logFactorial(int x) {
    double s = 0;
    for (int i = 2; i <= x; i++) {
      s += Math.log(i);
    }
    return s;
  }

  static double logSumExp(double[] l) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : l) {
      max = Math.max(max, v);
    }
    double s = 0;
    for (double v : l) {
      s += Math.exp(v - max);
    }
    return max + Math.log(s);
  }

  interface LogP {
    double at(int x, double theta);
  }

  static double direct(Histogram h, double[] w, double[] theta, LogP logP) {
    double ll = 0;
    double[] l = new double[w.length];
    for (int b = 0; b < h.size(); b++) {
      for (int k = 0; k < w.length; k++) {
        l[k] = Math.log(w[k]) + logP.at(h.outcome(b), theta[k]);
      }
      ll += h.count(b) * logSumExp(l);
    }
    return ll;
  }

  static void check(double expected, double actual) {
    assertEquals(expected, actual, REL * Math.abs(expected));
  }

  static EmFitter fitter(KernelChoice kernel) {
    return EmFitter.builder().kernel(kernel).build();
  }

  static final double[] W = {0.2, 0.45, 0.35};

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void poisson(KernelChoice kernel) {
    double[] lambda = {0.7, 6.5, 30};
    MixtureModel m = MixtureModel.of(Family.poisson(), W, lambda);
    Histogram h = m.sampleHistogram(50_000, 21);
    double expected = direct(h, W, lambda, (x, l) -> -l + x * Math.log(l) - logFactorial(x));
    check(expected, fitter(kernel).logLikelihood(h, m));
    check(expected, m.logLikelihood(h));
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void geometric(KernelChoice kernel) {
    double[] p = {0.05, 0.3, 0.9};
    MixtureModel m = MixtureModel.of(Family.geometric(), W, p);
    Histogram h = m.sampleHistogram(50_000, 22);
    double expected = direct(h, W, p, (x, q) -> Math.log(q) + x * Math.log(1 - q));
    check(expected, fitter(kernel).logLikelihood(h, m));
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void negativeBinomialWithNonIntegerSize(KernelChoice kernel) {
    double r = 3.7;
    double[] p = {0.1, 0.4, 0.85};
    MixtureModel m = MixtureModel.of(Family.negativeBinomial(r), W, p);
    Histogram h = m.sampleHistogram(50_000, 23);
    // log C(x + r − 1, x) = Σ_{i<x} log(r + i) − log x!
    double expected = direct(h, W, p, (x, q) -> {
      double s = 0;
      for (int i = 0; i < x; i++) {
        s += Math.log(r + i);
      }
      return s - logFactorial(x) + r * Math.log(q) + x * Math.log(1 - q);
    });
    check(expected, fitter(kernel).logLikelihood(h, m));
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void binomial(KernelChoice kernel) {
    double[] phi = {0.15, 0.5, 0.8};
    MixtureModel m = MixtureModel.of(Family.binomial(40), W, phi);
    Histogram h = m.sampleHistogram(50_000, 24);
    double expected = direct(h, W, phi, (x, f) -> logFactorial(40) - logFactorial(x) - logFactorial(40 - x)
        + x * Math.log(f) + (40 - x) * Math.log(1 - f));
    check(expected, fitter(kernel).logLikelihood(h, m));
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void binomialWithVaryingTrials(KernelChoice kernel) {
    double[] phi = {0.15, 0.5, 0.8};
    MixtureModel m = MixtureModel.of(Family.binomialVaryingTrials(), W, phi);
    int[] trials = new int[20_000];
    for (int i = 0; i < trials.length; i++) {
      trials[i] = (i * 7919) % 61;
    }
    TrialsHistogram h = TrialsHistogram.of(trials, m.sampleSuccesses(trials, 25));
    double expected = 0;
    double[] l = new double[3];
    for (int b = 0; b < h.size(); b++) {
      int n = h.trials(b);
      int x = h.successes(b);
      for (int k = 0; k < 3; k++) {
        l[k] = Math.log(W[k]) + logFactorial(n) - logFactorial(x) - logFactorial(n - x)
            + x * Math.log(phi[k]) + (n - x) * Math.log(1 - phi[k]);
      }
      expected += h.count(b) * logSumExp(l);
    }
    check(expected, fitter(kernel).logLikelihood(h, m));
    check(expected, m.logLikelihood(h));
  }
}
