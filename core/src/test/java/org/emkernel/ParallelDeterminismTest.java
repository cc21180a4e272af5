package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Any thread count gives bit-identical E-steps, fits and histograms. */
class ParallelDeterminismTest {

  static Histogram wide(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] outs = new int[n + 1];
    long[] counts = new long[n + 1];
    for (int x = 0; x <= n; x++) {
      outs[x] = x;
      counts[x] = 1 + rnd.nextInt(10_000);
    }
    return Histogram.ofCounts(outs, counts);
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"SCALAR", "VECTOR"})
  void eStepAndFitAreBitIdenticalForAnyThreadCount(KernelChoice kernel) {
    int n = 50_000; // 50001 bins: 25 chunks
    Histogram h = wide(n, 11);
    MixtureModel m = MixtureModel.of(Family.binomial(n), new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.5, 0.7});
    Expectations one = EmFitter.builder().kernel(kernel).threads(1).build().expectations(h, m);
    EmKernel engine = kernel == KernelChoice.SCALAR ? KernelProvider.scalar() : KernelProvider.vector();
    for (int threads : new int[] {2, 3, 4, 7, 16}) {
      // The fitter caps threads at the processors: sessions of their own take any count.
      EmSession many = new EmSession(engine, threads, DataChecks.data(h, m), m, null, null, 0);
      assertEquals(Double.doubleToRawLongBits(one.logLikelihood()), Double.doubleToRawLongBits(many.eStep()));
      assertArrayEquals(one.expectedCounts(), many.expectedCounts());
      assertArrayEquals(one.expectedStatistics(), many.expectedStatistics());
    }
    FitResult fit1 = EmFitter.builder().kernel(kernel).threads(1).maxIterations(20).build().fit(h, m);
    FitResult fit2 = EmFitter.builder().kernel(kernel).threads(2).maxIterations(20).build().fit(h, m);
    assertEquals(fit1.model(), fit2.model());
    assertArrayEquals(fit1.trace(), fit2.trace());
  }

  @Test
  void parallelHistogramEqualsSequential() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[] obs = new int[3_000_001];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = rnd.nextInt(100) < 99 ? rnd.nextInt(101) : rnd.nextInt(200_000);
    }
    Histogram sequential = Histogram.ofParallel(obs, 1);
    assertEquals(obs.length, sequential.total());
    for (int threads : new int[] {2, 3, 8}) {
      assertEquals(sequential, Histogram.ofParallel(obs, threads));
    }
    assertEquals(sequential, Histogram.of(obs));
    // An outcome beyond the dense limit in one chunk sends the whole build to the sorting path.
    obs[2_999_999] = Integer.MAX_VALUE;
    Histogram huge = Histogram.ofParallel(obs, 2);
    assertEquals(1, huge.countOf(Integer.MAX_VALUE));
    assertEquals(Histogram.ofParallel(obs, 1), huge);
  }
}
