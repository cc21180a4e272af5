package org.emkernel.cli;

import java.util.SplittableRandom;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;

/**
 * The one place where the tool calls core features that are still landing (families, seeded
 * initialisation, information criteria, sampling); every other class uses only the stable core API.
 */
final class CoreBridge {
  private CoreBridge() {}

  private static UserError notYet(String what) {
    return new UserError(what + " is not available in this build of emkernel-core yet");
  }

  static Family poisson() {
    throw notYet("--family poisson");
  }

  static Family geometric() {
    throw notYet("--family geometric");
  }

  static Family negativeBinomial(double r) {
    throw notYet("--family negbin");
  }

  static Family binomialVaryingTrials() {
    throw notYet("the binomial with varying trials (--format trials)");
  }

  /** A fit from seeded initialisation. */
  static FitResult fitSeeded(EmFitter fitter, Histogram data, Family family, int components) {
    throw notYet("seeded initialisation (give --weights and --params)");
  }

  /** Akaike's criterion −2·logL + 2p. */
  static double aic(FitResult fit) {
    return -2 * fit.logLikelihood() + 2.0 * fit.model().freeParameters();
  }

  /** The Bayesian criterion −2·logL + p·ln N. */
  static double bic(FitResult fit, long observations) {
    return -2 * fit.logLikelihood() + fit.model().freeParameters() * Math.log(observations);
  }

  /** n observations drawn from the model with the seed. */
  static int[] sample(MixtureModel model, int n, long seed) {
    Family f = model.family();
    if (!f.name().startsWith("binomial(n=")) {
      throw notYet("sampling " + f.name());
    }
    int trials = (int) Math.round(f.mean(1.0));
    // Inverse CDF of the mixture's marginal over the finite support 0..trials.
    double[] cdf = new double[trials + 1];
    double acc = 0;
    for (int x = 0; x <= trials; x++) {
      double p = 0;
      for (int k = 0; k < model.components(); k++) {
        p += model.weight(k) * Math.exp(f.logPmf(x, model.param(k)));
      }
      acc += p;
      cdf[x] = acc;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble() * acc;
      int lo = 0;
      int hi = trials;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      out[i] = lo;
    }
    return out;
  }
}
