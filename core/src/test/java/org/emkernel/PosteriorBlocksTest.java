package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Posteriors, most probable components and the entropy go through the log-posteriors block by block
 * ({@link Evaluator#logPosteriorBlocks}), never as one bins × components matrix. On a histogram spanning
 * several blocks they agree with direct computations from the log-pmf, bin by bin.
 */
class PosteriorBlocksTest {

  @Test
  void severalBlocksAgreeWithDirectComputation() {
    int k = 3;
    int bins = 3 * (Evaluator.BLOCK_CELLS / k) + 17; // four blocks, the last one short
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = b;
      counts[b] = 1 + (b * 7919L) % 13;
    }
    Histogram h = Histogram.ofCounts(outcomes, counts);
    MixtureModel m = MixtureModel.of(Family.poisson(), new double[] {0.2, 0.5, 0.3},
        new double[] {2000, 15000, 30000});
    double[][] post = m.posteriors(h);
    double[][] logPost = m.logPosteriors(h);
    int[] best = m.mostProbableComponents(h);
    assertEquals(bins, post.length);
    double entropy = 0;
    for (int b = 0; b < bins; b++) {
      // Direct: log w_j + log p(x | θ_j), normalised by their logsumexp.
      double[] l = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        l[j] = Math.log(m.weight(j)) + m.family().logPmf(b, m.param(j));
        max = Math.max(max, l[j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(l[j] - max);
      }
      double lse = max + Math.log(sum);
      int argmax = 0;
      double row = 0;
      for (int j = 0; j < k; j++) {
        double expected = Math.exp(l[j] - lse);
        assertEquals(expected, post[b][j], 1e-9 * Math.max(1e-300, expected) + 1e-300, "posterior " + b + "," + j);
        assertEquals(Math.exp(logPost[b][j]), post[b][j], 1e-15, "log-posterior " + b + "," + j);
        if (l[j] > l[argmax]) {
          argmax = j;
        }
        if (post[b][j] > 0) {
          row -= post[b][j] * logPost[b][j];
        }
      }
      assertEquals(argmax, best[b], "most probable component of bin " + b);
      entropy += counts[b] * row;
    }
    double fitted = org.emkernel.internal.engine.Analysis.entropy(DataChecks.data(h, m.family()), m.components(),
        v -> Evaluator.logPosteriorBlocks(org.emkernel.internal.vectorization.KernelProvider.scalar(),
            DataChecks.data(h, m.family()), m, v));
    assertTrue(entropy > 0);
    assertEquals(entropy, fitted, 1e-9 * entropy);
  }

  @Test
  void blocksCoverEveryBinOnceInOrder() {
    int k = 5;
    int bins = 2 * (Evaluator.BLOCK_CELLS / k) + 1;
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = 2 * b;
      counts[b] = 1;
    }
    MixtureModel m = MixtureModel.of(Family.poisson(), new double[] {0.2, 0.2, 0.2, 0.2, 0.2},
        new double[] {10, 1000, 20000, 40000, 60000});
    EmSession s = EmFitter.builder().build().session(Histogram.ofCounts(outcomes, counts), m);
    int[] seen = new int[bins];
    int[] next = {0};
    Evaluator.logPosteriorBlocks(s, (from, to, rows) -> {
      assertEquals(next[0], from);
      assertTrue(to > from && rows.length >= (to - from) * k);
      for (int b = from; b < to; b++) {
        seen[b]++;
      }
      next[0] = to;
    });
    assertEquals(bins, next[0]);
    int[] once = new int[bins];
    java.util.Arrays.fill(once, 1);
    assertArrayEquals(once, seen);
  }
}
