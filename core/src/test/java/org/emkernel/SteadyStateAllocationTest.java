package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once compiled, an EM iteration allocates nothing, on every path of the vector kernel: the product path
 * (outcome and component layouts, outcomes from 0 and from further on), the exponential path, several chunks.
 * Counted by the thread's allocated bytes around batches of iterations; the interpreter and C1 box vectors,
 * and a path first taken after compilation runs there once, so batches run until several in a row allocate
 * nothing (or a bound on batches, then the test fails). Nothing here is timed.
 */
class SteadyStateAllocationTest {
  /** Cells (bins × components) per batch: some 10^6, so a batch is a millisecond or so on any path. */
  private static final int BATCH_CELLS = 1 << 20;
  private static final int MOST_BATCHES = 3_000;
  private static final int CONFIRM = 5;

  private static com.sun.management.ThreadMXBean threads() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    return threads;
  }

  /** Binomial(n) over outcomes first..last (every one present), K components. */
  private static EmSession session(int n, int first, int last, int step, int k) {
    int bins = (last - first) / step + 1;
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = first + b * step;
      counts[b] = 50 + (b * 37L) % 200;
    }
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      phi[j] = 0.05 + 0.9 * (j + 0.5) / k;
    }
    EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build()
        .session(Histogram.ofCounts(outcomes, counts), MixtureModel.of(Family.binomial(n), w, phi));
    session.eStep();
    return session;
  }

  /** Bytes a batch of iterations (or of E-steps alone) allocates. */
  private static long batch(com.sun.management.ThreadMXBean threads, EmSession session, int iterations, double[] sink,
      boolean eStepsOnly) {
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < iterations; i++) {
      sink[0] += eStepsOnly ? session.eStep() : session.iterate();
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static void allocatesNothingOnceCompiled(EmSession session, String what) {
    allocatesNothingOnceCompiled(session, what, false);
  }

  private static void allocatesNothingOnceCompiled(EmSession session, String what, boolean eStepsOnly) {
    com.sun.management.ThreadMXBean threads = threads();
    int iterations = Math.max(1, BATCH_CELLS / (session.bins() * session.components()));
    double[] sink = new double[1];
    int quiet = 0;
    long last = -1;
    for (int b = 0; b < MOST_BATCHES && quiet < CONFIRM; b++) {
      long bytes = batch(threads, session, iterations, sink, eStepsOnly);
      quiet = bytes == 0 ? quiet + 1 : 0;
      last = bytes == 0 ? last : bytes;
    }
    assertEquals(CONFIRM, quiet, what + ": never " + CONFIRM + " batches of " + iterations
        + " iterations in a row without allocating (the last that did: " + last + " bytes)");
  }

  @Test
  void productPathOutcomeLayoutFromZero() {
    allocatesNothingOnceCompiled(session(100, 0, 100, 1, 3), "101 outcomes from 0, K = 3");
  }

  @Test
  void productPathOutcomeLayoutFurtherOn() {
    // Outcomes 37..100: the start terms need scale·ρ^37 (it used to box its vectors and allocate).
    allocatesNothingOnceCompiled(session(100, 37, 100, 1, 3), "outcomes 37..100, K = 3");
  }

  @Test
  void productPathComponentLayout() {
    allocatesNothingOnceCompiled(session(10, 2, 10, 1, 32), "outcomes 2..10, K = 32");
  }

  @Test
  void productPathWithFadingComponents() {
    // A zero-inflated geometric: components at p = 0.999 (ρ = 1e-3, terms below 2^−900 past outcome 90) beside
    // ordinary ones, K = 3 and 24 (outcome layout, the vector range check's fading lanes and floor).
    for (int k : new int[] {3, 24}) {
      int bins = 101;
      int[] outcomes = new int[bins];
      long[] counts = new long[bins];
      double[] w = new double[k];
      double[] p = new double[k];
      for (int j = 0; j < k; j++) {
        w[j] = 1.0 / k;
        p[j] = j % 3 == 0 ? 0.999 : 0.03 + 0.3 * j / k;
      }
      for (int b = 0; b < bins; b++) {
        outcomes[b] = b;
        double mass = 0;
        for (int j = 0; j < k; j++) {
          mass += w[j] * p[j] * Math.pow(1 - p[j], b);
        }
        counts[b] = 1 + Math.round(1e7 * mass);
      }
      EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build()
          .session(Histogram.ofCounts(outcomes, counts), MixtureModel.of(Family.geometric(), w, p));
      session.eStep();
      assertTrue(session.lastPlan().onProducts() && session.lastPlan().anyFading(), "K = " + k + ": the product path, fading");
      allocatesNothingOnceCompiled(session, "zero-inflated geometric, K = " + k);
      assertTrue(session.lastPlan().onProducts() && session.lastPlan().anyFading(), "K = " + k + ": still the product path, fading");
    }
  }

  @Test
  void productPathLifted() {
    // Genotypes at depth 100, counts from the model itself so it stays put: the bias-0.999 component's first
    // terms are below 2^−900, so every term is lifted by a power of two.
    int bins = 101;
    double[] w = {0.3, 0.4, 0.3};
    double[] phi = {0.001, 0.5, 0.999};
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = b;
      double logChoose = 0;
      for (int i = 1; i <= b; i++) {
        logChoose += Math.log((100.0 - b + i) / i);
      }
      double mass = 0;
      for (int j = 0; j < 3; j++) {
        mass += w[j] * Math.exp(logChoose + b * Math.log(phi[j]) + (100 - b) * Math.log(1 - phi[j]));
      }
      counts[b] = 1 + Math.round(1e7 * mass);
    }
    EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build()
        .session(Histogram.ofCounts(outcomes, counts), MixtureModel.of(Family.binomial(100), w, phi));
    session.eStep();
    assertTrue(session.lastPlan().onProducts() && session.lastPlan().lift() > 0, "the product path, lifted");
    allocatesNothingOnceCompiled(session, "genotypes at depth 100");
    assertTrue(session.lastPlan().onProducts() && session.lastPlan().lift() > 0, "still the product path, lifted");
  }

  @Test
  void productPathInSegments() {
    // Beside a bias of 1e-40 (whose scale no lift may raise) the bias-0.999 component enters at bin 16 and the
    // E-step runs in two segments. E-steps alone, so the model, whose tiny bias EM would drive to 0, stays put.
    int bins = 101;
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = b;
      counts[b] = 50 + (b * 37L) % 200;
    }
    EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build()
        .session(Histogram.ofCounts(outcomes, counts), MixtureModel.of(Family.binomial(100),
            new double[] {0.3, 0.3, 0.3, 0.1}, new double[] {0.001, 0.5, 0.999, 1e-40}));
    session.eStep();
    assertTrue(session.lastPlan().onProducts() && session.lastPlan().segments() == 2, "the product path, in segments");
    allocatesNothingOnceCompiled(session, "genotypes at depth 100 beside a bias of 1e-40", true);
    assertTrue(session.lastPlan().onProducts() && session.lastPlan().segments() == 2, "still the product path, in segments");
  }

  @Test
  void exponentialPathAndSeveralChunks() {
    // Every other outcome: not consecutive, so the exponential path; 2501 bins make two chunks.
    allocatesNothingOnceCompiled(session(5000, 0, 5000, 2, 8), "every other outcome to 5000, K = 8");
  }
}
