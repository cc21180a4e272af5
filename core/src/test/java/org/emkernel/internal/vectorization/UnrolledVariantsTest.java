package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel's hand-unrolled variants against the one-component loop they repeat, on random scratch:
 * Horner's rule for four, three and two members against {@code horner1} per member, and the outcome layout's
 * four- and three-component arms against {@code sumsOfOne} and {@code statisticsOfOne}. Per component the
 * operations are the same, so the results are the same bits; only the outcome layout's per-vector sums over
 * components group their additions differently (four terms added as (t0 + t1) + (t2 + t3)).
 */
class UnrolledVariantsTest {
  private static final PanamaEmKernel KERNEL = PanamaEmKernel.INSTANCE;
  private static final int V = KERNEL.lanes();

  private static PanamaScratch randomScratch(SplittableRandom random, int k) {
    PanamaScratch s = PanamaScratch.create(k);
    for (int i = 0; i < s.doubles.length; i++) {
      s.doubles[i] = 0.5 + 0.5 * random.nextDouble();
    }
    return s;
  }

  private static PanamaScratch copy(PanamaScratch scratch) {
    PanamaScratch s = PanamaScratch.create(scratch.capacity);
    System.arraycopy(scratch.doubles, 0, s.doubles, 0, s.doubles.length);
    return s;
  }

  private static void assertSameBits(double[] want, double[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + " at " + i);
    }
  }

  @Test
  void hornerForSeveralMembersIsHornerForEachAlone() {
    SplittableRandom random = new SplittableRandom(19);
    for (int trial = 0; trial < 400; trial++) {
      int k = 4 + random.nextInt(13);
      boolean rising = random.nextBoolean();
      int from = random.nextInt(PanamaEmKernel.RUN_BLOCKS);
      int to = from + 1 + random.nextInt(PanamaEmKernel.RUN_BLOCKS - from);
      int[] members = distinct(random, k, 4);
      PanamaScratch scratch = randomScratch(random, k);
      for (int count = 2; count <= 4; count++) {
        PanamaScratch unrolled = copy(scratch);
        PanamaScratch alone = copy(scratch);
        switch (count) {
          case 4:
            PanamaHorner.horner4(from, to, unrolled, rising, members[0], members[1], members[2], members[3]);
            break;
          case 3:
            PanamaHorner.horner3(from, to, unrolled, rising, members[0], members[1], members[2]);
            break;
          default:
            PanamaHorner.horner2(from, to, unrolled, rising, members[0], members[1]);
            break;
        }
        for (int m = 0; m < count; m++) {
          PanamaHorner.horner1(from, to, alone, rising, members[m]);
        }
        assertSameBits(alone.doubles, unrolled.doubles, "horner" + count + " K=" + k + " rising=" + rising + " [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void outcomeLayoutArmsAreTheOneComponentLoop() {
    SplittableRandom random = new SplittableRandom(23);
    for (int trial = 0; trial < 300; trial++) {
      // Every K from 1 to 13 over the trials: four at a time, then three (with or without a padding component), then one.
      int k = 1 + trial % 13;
      int vectors = 1 + random.nextInt(PanamaProducts.MAX_VECTORS);
      PanamaScratch scratch = randomScratch(random, k);
      // Padding components have scale 0, as the kernel sets them.
      for (int j = k; j < PanamaProducts.padded(k); j++) {
        scratch.doubles[scratch.productStart + j] = 0;
      }
      PanamaScratch unrolledScratch = copy(scratch);
      PanamaScratch aloneScratch = copy(scratch);
      double[] unrolled = unrolledScratch.doubles;
      double[] alone = aloneScratch.doubles;
      PanamaProducts.sumsByOutcome(vectors, k, unrolledScratch);
      int sums = scratch.productSums;
      java.util.Arrays.fill(alone, sums, sums + vectors * V, 0);
      int through = k;
      // The three-component arm may take a padding component as its third: the loop runs over it too.
      if (k % 4 == 2 && k + 1 <= PanamaProducts.padded(k)) {
        through = k + 1;
      }
      for (int j = 0; j < through; j++) {
        PanamaProducts.sumsOfOne(vectors, k, j, aloneScratch);
      }
      int cur = scratch.productCurrent;
      for (int i = 0; i < cur + k * V; i++) {
        assertEquals(Double.doubleToRawLongBits(alone[i]), Double.doubleToRawLongBits(unrolled[i]), "terms K=" + k + " at " + i);
      }
      for (int i = sums; i < sums + vectors * V; i++) {
        assertEquals(alone[i], unrolled[i], 8 * Math.ulp(alone[i]), "sums K=" + k + " vectors=" + vectors + " at " + i);
      }

      PanamaScratch statsScratch = randomScratch(random, k);
      PanamaScratch statsAloneScratch = copy(statsScratch);
      double[] stats = statsScratch.doubles;
      double[] statsAlone = statsAloneScratch.doubles;
      PanamaProducts.statisticsByOutcome(vectors, k, new double[k], new double[k], statsScratch);
      for (int j = 0; j < k; j++) {
        PanamaProducts.statisticsOfOne(vectors, k, j, statsAloneScratch);
      }
      for (int j = 0; j < k; j++) {
        for (int row : new int[] {statsScratch.productLanes + j * V, statsScratch.productLanesS + j * V}) {
          for (int i = row; i < row + V; i++) {
            assertEquals(Double.doubleToRawLongBits(statsAlone[i]), Double.doubleToRawLongBits(stats[i]),
                "lane products K=" + k + " vectors=" + vectors + " component " + j + " at " + i);
          }
        }
      }
    }
  }

  private static int[] distinct(SplittableRandom random, int k, int count) {
    int[] order = new int[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    for (int j = k - 1; j > 0; j--) {
      int i = random.nextInt(j + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return java.util.Arrays.copyOf(order, count);
  }
}
