package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A fit's session takes what the thread's last fit left (its E-step runner, planner and arrays, or only the kernel
 * scratch): every fit in a mixed sequence on one thread must give the bits it gives alone on a new thread, whose pool
 * is empty. The sequence changes K, bins, family, data with trials, kernel and path between neighbours, repeats
 * shapes so that whole workspaces are taken, and nests a fit inside another's listener.
 */
class PooledFitsTest {
  /** One fit to run: a name and the call. */
  private static final class Case {
    final String name;
    final Supplier<FitResult> fit;

    Case(String name, Supplier<FitResult> fit) {
      this.name = name;
      this.fit = fit;
    }
  }

  private static Histogram binomialDraws(long seed, int n, int observations, double... biases) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] draws = new int[observations];
    for (int o = 0; o < observations; o++) {
      double phi = biases[random.nextInt(biases.length)];
      for (int t = 0; t < n; t++) {
        draws[o] += random.nextDouble() < phi ? 1 : 0;
      }
    }
    return Histogram.of(draws);
  }

  private static Histogram poissonDraws(long seed, int observations, double... means) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] draws = new int[observations];
    for (int o = 0; o < observations; o++) {
      double limit = Math.exp(-means[random.nextInt(means.length)]);
      double product = random.nextDouble();
      int x = 0;
      while (product > limit) {
        product *= random.nextDouble();
        x++;
      }
      draws[o] = x;
    }
    return Histogram.of(draws);
  }

  /** Every other outcome from 0 to 2·(bins − 1), counts varying: not consecutive, so the exponential path. */
  private static Histogram spread(int bins) {
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = 2 * b;
      counts[b] = 1 + (b * 37L) % 50;
    }
    return Histogram.ofCounts(outcomes, counts);
  }

  private static List<Case> cases() {
    EmFitter auto = EmFitter.builder().threads(1).build();
    EmFitter scalar = EmFitter.builder().kernel(KernelChoice.SCALAR).threads(1).build();
    EmFitter vector = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build();
    Histogram small = binomialDraws(1, 10, 200, 0.2, 0.7);
    Histogram other = binomialDraws(2, 10, 300, 0.1, 0.5, 0.8);
    Histogram genotypes = binomialDraws(3, 100, 2000, 0.001, 0.5, 0.999);
    Histogram counts = poissonDraws(4, 5000, 2, 6, 12);
    Histogram wide = spread(3000);
    TrialsHistogram trials = TrialsHistogram.of(new int[] {5, 8, 8, 10, 12, 12, 12, 20, 20, 7},
        new int[] {1, 2, 7, 3, 11, 1, 6, 18, 2, 0});
    MixtureModel two = MixtureModel.of(Family.binomial(10), new double[] {0.5, 0.5}, new double[] {0.3, 0.6});
    MixtureModel three = MixtureModel.of(Family.binomial(100), new double[] {0.3, 0.4, 0.3},
        new double[] {0.01, 0.4, 0.95});
    EmFitter nesting = EmFitter.builder().threads(1).listener((iteration, logLik, nanos) -> {
      if (iteration == 2) {
        assertNotNull(auto.fit(other, Family.binomial(10), 3)); // Its own session, while the outer one holds the slot.
      }
      return true;
    }).build();
    List<Case> cases = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      cases.add(new Case("auto, K = 2, given", () -> auto.fit(small, two)));
      cases.add(new Case("auto, K = 2, given, again", () -> auto.fit(other, two)));
      cases.add(new Case("auto, K = 2, seeded", () -> auto.fit(small, Family.binomial(10), 2)));
      cases.add(new Case("auto, K = 3, seeded", () -> auto.fit(other, Family.binomial(10), 3)));
      cases.add(new Case("auto, genotypes at depth 100", () -> auto.fit(genotypes, three)));
      cases.add(new Case("vector, genotypes at depth 100", () -> vector.fit(genotypes, three)));
      cases.add(new Case("vector, genotypes at depth 100, again", () -> vector.fit(genotypes, three)));
      cases.add(new Case("vector, K = 2, given", () -> vector.fit(small, two)));
      cases.add(new Case("vector, K = 2, seeded", () -> vector.fit(other, Family.binomial(10), 2)));
      cases.add(new Case("scalar, K = 2, given", () -> scalar.fit(small, two)));
      cases.add(new Case("auto, Poisson, K = 3, seeded", () -> auto.fit(counts, Family.poisson(), 3)));
      cases.add(new Case("auto, geometric, K = 2, seeded", () -> auto.fit(counts, Family.geometric(), 2)));
      cases.add(new Case("vector, 3000 spread bins, K = 2", () -> vector.fit(wide, Family.poisson(), 2)));
      cases.add(new Case("auto, 3000 spread bins, K = 2", () -> auto.fit(wide, Family.poisson(), 2)));
      cases.add(new Case("auto, trials, K = 2", () -> auto.fit(trials, Family.binomialVaryingTrials(), 2)));
      cases.add(new Case("auto, K = 2, a fit nested in the listener", () -> nesting.fit(small, two)));
      cases.add(new Case("auto, K = 2, given, after the nested one", () -> auto.fit(small, two)));
    }
    return cases;
  }

  /** The fit run on a new thread: nothing in its pool. */
  private static FitResult alone(Case c) throws InterruptedException {
    FitResult[] out = new FitResult[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread thread = new Thread(() -> {
      try {
        out[0] = c.fit.get();
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    });
    thread.start();
    thread.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    return out[0];
  }

  @Test
  void everyFitInASequenceGivesTheBitsItGivesAlone() throws InterruptedException {
    for (Case c : cases()) {
      FitResult inSequence = c.fit.get();
      FitResult byItself = alone(c);
      assertEquals(byItself.iterations(), inSequence.iterations(), c.name);
      assertEquals(Double.doubleToLongBits(byItself.logLikelihood()), Double.doubleToLongBits(inSequence.logLikelihood()),
          c.name + ": " + byItself.logLikelihood() + " alone, " + inSequence.logLikelihood() + " in sequence");
      assertArrayEquals(byItself.model().weights(), inSequence.model().weights(), c.name);
      assertArrayEquals(byItself.model().params(), inSequence.model().params(), c.name);
      assertArrayEquals(byItself.trace(), inSequence.trace(), c.name);
    }
  }
}
