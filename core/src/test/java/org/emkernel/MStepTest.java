package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The session's M-step against a direct computation: weights N_j / Σ N with Σ N in the documented order (eight
 * interleaved partial sums), or the free weights' share of 1 − Σ(fixed) when some are fixed; biases S_j / (n·N_j).
 */
class MStepTest {

  private static MixtureModel mixture(int k, SplittableRandom random) {
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      phi[j] = 0.05 + 0.9 * (j + random.nextDouble()) / k;
    }
    return MixtureModel.of(Family.binomial(20), w, phi);
  }

  private static Histogram histogram(SplittableRandom random) {
    int[] outcomes = new int[21];
    long[] counts = new long[21];
    for (int x = 0; x <= 20; x++) {
      outcomes[x] = x;
      counts[x] = 1 + random.nextInt(1000);
    }
    return Histogram.ofCounts(outcomes, counts);
  }

  /** Σ n_j over free j: partial sum j mod 8 in turn, then ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7)). */
  private static double eightPartialSums(double[] n, boolean[] fixed) {
    double[] p = new double[8];
    for (int j = 0; j < n.length; j++) {
      p[j & 7] += fixed != null && fixed[j] ? 0 : n[j];
    }
    return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
  }

  @Test
  void weightsAreCountsOverTheirSumInEightPartialSums() {
    SplittableRandom random = new SplittableRandom(7);
    for (KernelChoice kernel : new KernelChoice[] {KernelChoice.SCALAR, KernelChoice.VECTOR}) {
      for (int k = 1; k <= 40; k++) {
        EmSession session = EmFitter.builder().kernel(kernel).build().session(histogram(random), mixture(k, random));
        session.eStep();
        double[] n = session.expectedCounts();
        double[] s = session.expectedStatistics();
        double perN = 1.0 / eightPartialSums(n, null);
        session.mStep();
        for (int j = 0; j < k; j++) {
          assertEquals(n[j] * perN, session.w[j], 0.0, kernel + " K=" + k + " w_" + j);
          assertEquals(Math.min(1, s[j] / (20 * n[j])), session.theta[j], 0.0, kernel + " K=" + k + " phi_" + j);
        }
      }
    }
  }

  @Test
  void fixedWeightsKeepTheirsAndTheFreeOnesShareTheRest() {
    SplittableRandom random = new SplittableRandom(11);
    int k = 7;
    boolean[] fixed = {false, true, false, false, true, false, false};
    MixtureModel start = mixture(k, random);
    // EmFitter.session takes no fixed weights (fits do): the session directly.
    EmSession session = new EmSession(org.emkernel.internal.vectorization.KernelProvider.vector(), 1,
        DataChecks.data(histogram(random), start.family()), start, fixed, null, 0);
    session.eStep();
    double[] n = session.expectedCounts();
    double share = 1 - (start.weights()[1] + start.weights()[4]);
    double perN = share / eightPartialSums(n, fixed);
    session.mStep();
    for (int j = 0; j < k; j++) {
      assertEquals(fixed[j] ? start.weights()[j] : n[j] * perN, session.w[j], 0.0, "w_" + j);
    }
  }
  @Test
  void aComponentWithoutCountsKeepsItsParameterAtEveryComponentCount() {
    SplittableRandom random = new SplittableRandom(13);
    for (int k : new int[] {3, 8, 9, 12, 40}) {
      MixtureModel start = mixture(k, random);
      double[] w = start.weights();
      double[] phi = start.params();
      int dead = k / 2;
      w[dead] = 0;
      for (int j = 0; j < k; j++) {
        w[j] = j == dead ? 0 : 1.0 / (k - 1);
      }
      MixtureModel model = MixtureModel.of(Family.binomial(20), w, phi);
      EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).build().session(histogram(random), model);
      session.eStep();
      double[] n = session.expectedCounts();
      double[] s = session.expectedStatistics();
      assertEquals(0.0, n[dead], 0.0, "K=" + k + ": a zero weight gets no counts");
      session.mStep();
      for (int j = 0; j < k; j++) {
        double expected = j == dead ? phi[j] : Math.min(1, s[j] / (20 * n[j]));
        assertEquals(expected, session.theta[j], 0.0, "K=" + k + " phi_" + j);
      }
      assertEquals(0.0, session.w[dead], 0.0, "K=" + k + " w_" + dead);
    }
  }
}
