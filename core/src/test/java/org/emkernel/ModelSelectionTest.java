package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** AIC, BIC and ICL by their formulas, and the selection of K over a range. */
class ModelSelectionTest {
  static final MixtureModel TRUTH =
      MixtureModel.of(Family.poisson(), new double[] {0.3, 0.5, 0.2}, new double[] {2, 9, 25});

  @Test
  void criteriaFollowTheirFormulas() {
    Histogram h = TRUTH.sampleHistogram(100_000, 1);
    FitResult fit = EmFitter.create().fit(h, Family.poisson(), 3);
    double ll = fit.logLikelihood();
    assertEquals(5, fit.freeParameters());
    assertEquals(fit.model().freeParameters(), fit.freeParameters());
    assertEquals(100_000, fit.observations());
    assertEquals(-2 * ll + 10, fit.aic(), 1e-9);
    assertEquals(-2 * ll + 5 * Math.log(100_000), fit.bic(), 1e-9);
    // Entropy from posteriors computed here from the Poisson pmf, w_j·λ_j^x·e^−λ_j / Σ (x! cancels).
    double entropy = 0;
    double logLik = 0;
    MixtureModel m = fit.model();
    for (int b = 0; b < h.size(); b++) {
      int x = h.outcome(b);
      double[] l = new double[3];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 3; j++) {
        l[j] = Math.log(m.weight(j)) + x * Math.log(m.param(j)) - m.param(j);
        max = Math.max(max, l[j]);
      }
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += Math.exp(l[j] - max);
      }
      double logFactorial = 0;
      for (int i = 2; i <= x; i++) {
        logFactorial += Math.log(i);
      }
      logLik += h.count(b) * (max + Math.log(sum) - logFactorial);
      for (int j = 0; j < 3; j++) {
        double r = Math.exp(l[j] - max) / sum;
        if (r > 0) {
          entropy -= h.count(b) * r * Math.log(r);
        }
      }
    }
    assertEquals(logLik, ll, 1e-12 * Math.abs(logLik), "log-likelihood from the pmf");
    assertTrue(entropy > 0);
    assertEquals(entropy, fit.entropy(), 1e-9 * entropy);
    assertEquals(fit.bic() + 2 * entropy, fit.icl(), 1e-9 * Math.abs(fit.icl()));
    assertEquals(fit.aic(), fit.criterion(Criterion.AIC));
    assertEquals(fit.bic(), fit.criterion(Criterion.BIC));
    assertEquals(fit.icl(), fit.criterion(Criterion.ICL));
    // One component: no posterior uncertainty, ICL = BIC.
    FitResult one = EmFitter.create().fit(h, Family.poisson(), 1);
    assertEquals(0.0, one.entropy());
    assertEquals(one.bic(), one.icl());
    assertEquals(1, one.freeParameters());
  }

  @Test
  void bicAndIclPickTheTrueNumberOfComponents() {
    Histogram h = TRUTH.sampleHistogram(100_000, 2);
    for (Criterion c : new Criterion[] {Criterion.BIC, Criterion.ICL}) {
      SelectionResult sel = EmFitter.builder().restarts(2).build().selectComponents(h, Family.poisson(), 1, 5, c);
      assertEquals(5, sel.fits().size());
      for (int i = 0; i < 5; i++) {
        assertEquals(i + 1, sel.fits().get(i).model().components());
      }
      assertEquals(3, sel.best().model().components(), c + ": " + sel);
      assertEquals(c, sel.criterion());
      double[] values = sel.values();
      for (int i = 0; i < 5; i++) {
        assertTrue(values[2] <= values[i]);
      }
    }
  }

  @Test
  void selectionOverVaryingTrials() {
    MixtureModel truth = MixtureModel.of(Family.binomialVaryingTrials(), new double[] {0.4, 0.6},
        new double[] {0.2, 0.7});
    int[] trials = new int[50_000];
    for (int i = 0; i < trials.length; i++) {
      trials[i] = 10 + i % 20;
    }
    TrialsHistogram t = TrialsHistogram.of(trials, truth.sampleSuccesses(trials, 3));
    SelectionResult sel = EmFitter.create().selectComponents(t, truth.family(), 1, 4, Criterion.BIC);
    assertEquals(2, sel.best().model().components());
  }
}
