package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** EM never lowers the log-likelihood, for every family, on random data from random starts (plain, fitted and accelerated). */
class MonotoneLikelihoodProperties {
  static final double REL = 1e-12;

  static Family family(int index) {
    switch (index) {
      case 0:
        return Family.binomial(25);
      case 1:
        return Family.poisson();
      case 2:
        return Family.geometric();
      case 3:
        return Family.negativeBinomial(2.5);
      default:
        return Family.binomialVaryingTrials();
    }
  }

  /** A random valid parameter, away from the boundary. */
  static double parameter(Family f, SplittableRandom r) {
    if (f.equals(Family.poisson())) {
      return 0.1 + 40 * r.nextDouble();
    }
    return 0.02 + 0.96 * r.nextDouble();
  }

  static MixtureModel randomModel(Family f, int k, SplittableRandom r) {
    double[] w = new double[k];
    double[] p = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      w[j] = 0.05 + r.nextDouble();
      sum += w[j];
      p[j] = parameter(f, r);
    }
    for (int j = 0; j < k; j++) {
      w[j] /= sum;
    }
    return MixtureModel.of(f, w, p);
  }

  /** Non-decreasing up to rounding: 1e-12 relative, plus 1e-12 per observation for log-likelihoods near 0. */
  static void assertMonotone(double[] trace, long observations, String what) {
    for (int i = 1; i < trace.length; i++) {
      assertTrue(trace[i] >= trace[i - 1] - REL * (Math.abs(trace[i - 1]) + observations),
          what + ": step " + i + " " + trace[i - 1] + " -> " + trace[i]);
    }
  }

  @Property(tries = 200, seed = "20261127")
  void logLikelihoodNeverDecreases(@ForAll @IntRange(min = 0, max = 4) int familyIndex,
      @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 5000) int n,
      @ForAll long seed) {
    Family f = family(familyIndex);
    SplittableRandom r = new SplittableRandom(seed);
    MixtureModel truth = randomModel(f, 1 + r.nextInt(4), r);
    MixtureModel start = randomModel(f, k, r);
    double[] plain = new double[151];
    EmSession session;
    EmFitter fitter = EmFitter.builder().tolerance(1e-13).maxIterations(300).build();
    FitResult fit;
    FitResult fast;
    if (f.needsTrials()) {
      int[] trials = new int[n];
      for (int i = 0; i < n; i++) {
        trials[i] = r.nextInt(31);
      }
      TrialsHistogram h = TrialsHistogram.of(trials, truth.sampleSuccesses(trials, r.nextLong()));
      session = fitter.session(h, start);
      fit = fitter.fit(h, start);
      fast = EmFitter.builder().tolerance(1e-13).maxIterations(300).accelerate(true).build().fit(h, start);
    } else {
      Histogram h = truth.sampleHistogram(n, r.nextLong());
      session = fitter.session(h, start);
      fit = fitter.fit(h, start);
      fast = EmFitter.builder().tolerance(1e-13).maxIterations(300).accelerate(true).build().fit(h, start);
    }
    plain[0] = session.eStep();
    for (int i = 1; i < plain.length; i++) {
      plain[i] = session.iterate();
    }
    String what = f.name() + " K=" + k + " n=" + n + " seed=" + seed;
    assertMonotone(plain, n, what + " session");
    assertMonotone(fit.trace(), n, what + " fit");
    assertMonotone(fast.trace(), n, what + " SQUAREM");
    for (double v : fast.trace()) {
      assertTrue(Double.isFinite(v), what);
    }
  }
}
