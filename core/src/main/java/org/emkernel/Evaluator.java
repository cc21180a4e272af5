package org.emkernel;

import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.PosteriorBlock;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * Evaluates a fixed model on data: log-likelihood, expectations and posteriors, through a session that only runs
 * E-steps. MixtureModel, the fitter's queries and the analyses of a fit all go through here.
 */
final class Evaluator {
  private Evaluator() {}

  /** Cells (bins × components) per block of {@link #logPosteriorBlocks}: a 256 KiB buffer. */
  static final int BLOCK_CELLS = 1 << 15;

  /** A session for E-steps only on the kernel (no fixed values or threshold: no M-step runs). */
  static EmSession session(EmKernel kernel, int threads, EmData data, MixtureModel model) {
    return new EmSession(kernel, threads, data, model, null, null, 0);
  }

  /** One E-step of the model: its log-likelihood, N_k, S_k (and T_k for data with trials). */
  static Expectations expectations(EmKernel kernel, int threads, EmData data, MixtureModel model) {
    EmSession session = session(kernel, threads, data, model);
    double logLik = session.eStep();
    return session.t == null ? new Expectations(logLik, session.n.clone(), session.s.clone())
        : new Expectations(logLik, session.n.clone(), session.s.clone(), session.t.clone());
  }

  /** The model's log-likelihood on the data, with the full base measure. */
  static double logLikelihood(EmKernel kernel, int threads, EmData data, MixtureModel model) {
    return session(kernel, threads, data, model).eStep();
  }

  /** Log-posteriors (or posteriors, when exp) of every bin under the model, as [bin][component]. */
  static double[][] posteriors(EmKernel kernel, int threads, EmData data, MixtureModel model, boolean exp) {
    int k = model.components();
    double[][] out = new double[data.bins][];
    logPosteriorBlocks(kernel, data, model, (from, to, rows) -> {
      for (int b = from; b < to; b++) {
        double[] row = new double[k];
        int at = (b - from) * k;
        for (int j = 0; j < k; j++) {
          row[j] = exp ? Math.exp(rows[at + j]) : rows[at + j];
        }
        out[b] = row;
      }
    });
    return out;
  }

  /**
   * Hands the log-posteriors of every bin under the model to the visitor, block by block in bin order, through
   * one buffer of at most max(BLOCK_CELLS, k) cells: no B × K matrix, whatever B × K is.
   */
  static void logPosteriorBlocks(EmKernel kernel, EmData data, MixtureModel model, PosteriorBlock visitor) {
    logPosteriorBlocks(session(kernel, 1, data, model), visitor);
  }

  /** As above, under a session's current model. */
  static void logPosteriorBlocks(EmSession s, PosteriorBlock visitor) {
    s.coefficients();
    final int k = s.k;
    final boolean anyMass = s.findMasses();
    final int live = anyMass ? s.masses.mask(s.w, s.a, s.eta, s.zeta) : k;
    int rowsPerBlock = Math.max(1, BLOCK_CELLS / k);
    double[] rows = new double[Math.min(s.bins, rowsPerBlock) * k];
    for (int from = 0; from < s.bins; from += rowsPerBlock) {
      int to = (int) Math.min(s.bins, (long) from + rowsPerBlock);
      if (live > 0) {
        s.estep.logPosteriors(s.x, s.z, from, to, s.a, s.eta, s.zeta, rows, null);
      }
      for (int b = from; anyMass && b < to; b++) {
        // A point mass's bins exactly; elsewhere its log-posterior is −∞ (its terms masked to 0).
        if (s.masses.producesBin(b)) {
          s.masses.logPosteriors(b, s.w, s.a, s.eta, s.zeta, rows, (b - from) * k);
        } else if (live == 0) {
          throw new IllegalArgumentException("outcome " + s.outcomeText(b) + " at bin " + b
              + " is impossible under every component of the model");
        }
      }
      visitor.accept(from, to, rows);
    }
  }
}
