package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to the families, their models and the trials histogram: IllegalArgumentException naming the value and where it is. */
class FamilyValidationTest {

  static void rejects(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  static final double[] W2 = {0.5, 0.5};

  @Test
  void poissonLambda() {
    Family f = Family.poisson();
    rejects(() -> MixtureModel.of(f, W2, new double[] {1, 0}), "lambda 0.0", "component 1");
    rejects(() -> MixtureModel.of(f, W2, new double[] {-2, 1}), "lambda -2.0", "component 0");
    rejects(() -> MixtureModel.of(f, W2, new double[] {1, Double.NaN}), "lambda NaN", "component 1");
    rejects(() -> MixtureModel.of(f, W2, new double[] {Double.POSITIVE_INFINITY, 1}), "lambda Infinity", "component 0");
  }

  @Test
  void geometricAndNegativeBinomialP() {
    for (Family f : new Family[] {Family.geometric(), Family.negativeBinomial(2.5)}) {
      rejects(() -> MixtureModel.of(f, W2, new double[] {0.5, 0}), "p 0.0", "component 1", "(0, 1]");
      rejects(() -> MixtureModel.of(f, W2, new double[] {1.5, 0.5}), "p 1.5", "component 0");
      rejects(() -> MixtureModel.of(f, W2, new double[] {0.5, Double.NaN}), "p NaN", "component 1");
      rejects(() -> MixtureModel.of(f, W2, new double[] {-0.1, 0.5}), "p -0.1", "component 0");
    }
    // p = 1 is allowed: all mass at 0.
    MixtureModel.of(Family.geometric(), W2, new double[] {1, 0.5});
  }

  @Test
  void meanAndLogPmfRefuseABadParameterByItsValue() {
    Family binomial = Family.binomial(10);
    rejects(() -> binomial.mean(1.5), "bias 1.5 is outside [0, 1]");
    rejects(() -> binomial.logPmf(3, -0.25), "bias -0.25 is outside [0, 1]");
    rejects(() -> Family.poisson().mean(0), "lambda 0.0 must be finite and > 0");
    rejects(() -> Family.poisson().logPmf(2, Double.NaN), "lambda NaN");
    rejects(() -> Family.geometric().logPmf(0, 0), "p 0.0 is outside (0, 1]");
    rejects(() -> Family.negativeBinomial(3).mean(2), "p 2.0 is outside (0, 1]");
    rejects(() -> Family.binomialVaryingTrials().logPmf(1, 4, 1.01), "bias 1.01 is outside [0, 1]");
    // Given on its own, a parameter has no component to name.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> binomial.mean(2));
    assertEquals("bias 2.0 is outside [0, 1]", e.getMessage());
    // Valid parameters at the ends still work, and an impossible outcome is −∞, not an error.
    assertEquals(10.0, binomial.mean(1), 0.0);
    assertEquals(0.0, binomial.logPmf(0, 0), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, binomial.logPmf(11, 0.5), 0.0);
    // C(2, 1)·½·½; log C(n, x) comes from log-gamma values, within some 1e−15 here.
    assertEquals(Math.log(0.5), Family.binomial(2).logPmf(1, 0.5), 1e-14);
  }

  @Test
  void negativeBinomialSize() {
    rejects(() -> Family.negativeBinomial(0), "r = 0.0");
    rejects(() -> Family.negativeBinomial(-1.5), "r = -1.5");
    rejects(() -> Family.negativeBinomial(Double.NaN), "r = NaN");
    rejects(() -> Family.negativeBinomial(Double.POSITIVE_INFINITY), "r = Infinity");
  }

  @Test
  void varyingTrialsBias() {
    Family f = Family.binomialVaryingTrials();
    rejects(() -> MixtureModel.of(f, W2, new double[] {0.5, 1.01}), "bias 1.01", "component 1");
    rejects(() -> MixtureModel.of(f, W2, new double[] {Double.NaN, 0.5}), "bias NaN", "component 0");
  }

  @Test
  void trialsHistogram() {
    rejects(() -> TrialsHistogram.of(new int[] {5, 5, 5}, new int[] {1, 2, 7}), "successes 7", "index 2", "trials 5");
    rejects(() -> TrialsHistogram.of(new int[] {5, -1}, new int[] {1, 0}), "trials -1", "index 1", "negative");
    rejects(() -> TrialsHistogram.of(new int[] {5, 3}, new int[] {-2, 0}), "successes -2", "index 0");
    rejects(() -> TrialsHistogram.ofCounts(new int[] {5}, new int[] {1}, new long[] {-4}), "count -4", "index 0");
    rejects(() -> TrialsHistogram.of(new int[] {5}, new int[] {1, 2}), "length 1", "length 2");
    rejects(() -> TrialsHistogram.of(null, new int[] {1}), "trials is null");
    rejects(() -> MixtureModel.of(Family.binomialVaryingTrials(), new double[] {1}, new double[] {0.5})
        .sampleSuccesses(new int[] {3, -7}, 1), "trials -7", "index 1");
  }

  @Test
  void familyAndDataMustMatch() {
    MixtureModel varying = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {1}, new double[] {0.5});
    MixtureModel poisson = MixtureModel.of(Family.poisson(), new double[] {1}, new double[] {2});
    Histogram h = Histogram.of(new int[] {1, 2, 3});
    TrialsHistogram t = TrialsHistogram.of(new int[] {4, 4}, new int[] {1, 2});
    rejects(() -> EmFitter.create().fit(h, varying), "binomial(varying n)", "TrialsHistogram");
    rejects(() -> EmFitter.create().fit(t, poisson), "poisson", "not a TrialsHistogram");
    rejects(() -> EmFitter.create().fit(TrialsHistogram.of(new int[0], new int[0]), varying), "empty");
    rejects(() -> varying.sample(10, 1), "sampleSuccesses");
    rejects(() -> poisson.sampleSuccesses(new int[] {1}, 1), "use sample");
    rejects(() -> poisson.sample(-1, 1), "n = -1");
    rejects(() -> poisson.sampleHistogram(-5, 1), "n = -5");
  }

  @Test
  void fitterOptions() {
    Histogram h = Histogram.of(new int[] {1, 2, 3, 9, 9});
    rejects(() -> EmFitter.create().fit(h, Family.poisson(), 0), "K = 0");
    rejects(() -> EmFitter.builder().restarts(0), "restarts 0");
    rejects(() -> EmFitter.builder().dyingThreshold(-1), "dying threshold -1.0");
    rejects(() -> EmFitter.builder().dyingThreshold(Double.NaN), "dying threshold NaN");
    rejects(() -> EmFitter.builder().fixedWeights(new boolean[] {true}).build().fit(h,
        MixtureModel.of(Family.poisson(), W2, new double[] {1, 5})), "fixedWeights has length 1", "K = 2");
    rejects(() -> EmFitter.builder().fixedParams(new boolean[] {true, false, true}).build().fit(h,
        MixtureModel.of(Family.poisson(), W2, new double[] {1, 5})), "fixedParams has length 3", "K = 2");
    rejects(() -> EmFitter.builder().fixedParams(new boolean[] {true}).build().fit(h, Family.poisson(), 1),
        "initial model");
    rejects(() -> EmFitter.create().selectComponents(h, Family.poisson(), 3, 2, Criterion.BIC), "[3, 2]");
    rejects(() -> EmFitter.create().selectComponents(h, Family.poisson(), 0, 2, Criterion.BIC), "[0, 2]");
    rejects(() -> EmFitter.create().selectComponents(h, Family.poisson(), 1, 2, null), "criterion is null");
    rejects(() -> EmFitter.create().fit(h, (Family) null, 2), "family is null");
  }
}
