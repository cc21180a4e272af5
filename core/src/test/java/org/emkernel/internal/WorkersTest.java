package org.emkernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

  /** Every run gives every worker exactly one call, whether it was waiting for the run or had gone idle. */
  @Test
  void everyWorkerRunsOncePerRun() throws InterruptedException {
    int threads = 3;
    AtomicLongArray calls = new AtomicLongArray(threads);
    long[] sums = new long[threads];
    Workers.Region region = new Workers.Region(w -> {
      calls.incrementAndGet(w);
      sums[w] += w + 1; // Plain writes: visible to the caller once run() returns.
    }, threads, 200_000);
    for (int run = 0; run < 2000; run++) {
      region.run();
    }
    for (int run = 0; run < 5; run++) {
      Thread.sleep(5); // Longer than the linger time: the workers have gone back to the pool.
      region.run();
    }
    for (int w = 0; w < threads; w++) {
      assertEquals(2005, calls.get(w), "worker " + w);
    }
    assertArrayEquals(new long[] {2005, 4010, 6015}, sums);
  }

  /** A worker's failure reaches the caller, and the region keeps working afterwards. */
  @Test
  void failureIsRethrownAndRegionRecovers() {
    IllegalStateException boom = new IllegalStateException("boom");
    boolean[] fail = {true};
    AtomicLongArray calls = new AtomicLongArray(2);
    Workers.Region region = new Workers.Region(w -> {
      calls.incrementAndGet(w);
      if (w == 1 && fail[0]) {
        throw boom;
      }
    }, 2, Workers.Region.LINGER_NANOS);
    assertSame(boom, assertThrows(IllegalStateException.class, region::run));
    fail[0] = false;
    region.run();
    region.run();
    assertEquals(3, calls.get(0));
    assertEquals(3, calls.get(1));
  }

  /** A one-shot region (no lingering) can still be run again. */
  @Test
  void oneShotRegionRunsAgain() {
    AtomicLongArray calls = new AtomicLongArray(2);
    Workers.Region region = new Workers.Region(calls::incrementAndGet, 2);
    for (int run = 0; run < 100; run++) {
      region.run();
    }
    assertEquals(100, calls.get(0));
    assertEquals(100, calls.get(1));
  }
}
