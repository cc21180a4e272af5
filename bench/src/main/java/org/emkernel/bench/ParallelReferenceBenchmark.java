package org.emkernel.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's own ceilings for the 1 → 2 thread targets, measured in the same run as the library: a bare
 * sum of the histogram-build benchmark's observations (memory bandwidth: the build reads the same
 * {@code int[]}) and a bare chain of fused multiply-adds (core time: the iteration at 100001 outcomes works
 * from each core's cache). Both share their work out in chunks taken in turn, as the library does, and add
 * the chunks' results in chunk order, so the result does not depend on the thread count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ParallelReferenceBenchmark {
  /** Observations in a chunk of the sum: the histogram build's chunk at 10^8 observations on 2 threads. */
  static final int SUM_CHUNK = 1 << 20;
  /** Chunks of the compute reference. */
  static final int SPIN_CHUNKS = 64;
  /** Steps (four dependent fused multiply-adds each) in a chunk of the compute reference: ~3 ms in all. */
  static final int SPIN_STEPS = 1 << 15;

  @Param({"1", "2"})
  int threads;

  @Param({"100000000"})
  int observations;

  int[] data;
  private ExecutorService helpers;

  /** Draws the observations (fixed seed) as the histogram-build benchmarks do, and starts the helpers. */
  @Setup(Level.Trial)
  public void setup() {
    data = Workloads.observations(Workloads.mixture(Workloads.OBSERVATION_TRIALS,
        HistogramBuildBenchmark.COMPONENTS), Workloads.OBSERVATION_TRIALS, observations);
    helpers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "reference-helper");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Stops the helper threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (helpers != null) {
      helpers.shutdownNow();
    }
  }

  /** Sums every observation (memory bandwidth); returns the sum. */
  @Benchmark
  public long sum() throws Exception {
    int chunks = (data.length + SUM_CHUNK - 1) / SUM_CHUNK;
    long[] partial = new long[chunks];
    run(chunks, c -> partial[c] = sum(data, c * SUM_CHUNK, (int) Math.min(data.length, (long) (c + 1) * SUM_CHUNK)));
    long total = 0;
    for (long p : partial) {
      total += p;
    }
    return total;
  }

  /** Runs the fixed chains of fused multiply-adds (core time); returns their sum. */
  @Benchmark
  public double spin() throws Exception {
    double[] partial = new double[SPIN_CHUNKS];
    run(SPIN_CHUNKS, c -> partial[c] = spin(c, SPIN_STEPS));
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  /** Σ data[from, to), four sums at a time so the adds do not wait on each other. */
  static long sum(int[] data, int from, int to) {
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += data[i];
      s1 += data[i + 1];
      s2 += data[i + 2];
      s3 += data[i + 3];
    }
    for (; i < to; i++) {
      s0 += data[i];
    }
    return s0 + s1 + s2 + s3;
  }

  /** Four independent chains of {@code steps} fused multiply-adds, seeded by the chunk. */
  static double spin(int chunk, int steps) {
    double a = 1 + chunk * 1e-6;
    double b = 2 - chunk * 1e-6;
    double c = 0.5 + chunk * 1e-7;
    double d = 1.5;
    for (int i = 0; i < steps; i++) {
      // Contractions toward fixed points: the values stay near 1, never overflow or vanish.
      a = Math.fma(a, 0.9999999, 1e-7);
      b = Math.fma(b, 0.9999998, 2e-7);
      c = Math.fma(c, 0.9999997, 3e-7);
      d = Math.fma(d, 0.9999996, 4e-7);
    }
    return a + b + c + d;
  }

  /** A chunk's work. */
  @FunctionalInterface
  interface Chunk {
    /** Does chunk {@code c}. */
    void run(int c);
  }

  /** Runs chunks 0..chunks−1 on the calling thread and the helpers, each taking the next chunk in turn. */
  private void run(int chunks, Chunk chunk) throws Exception {
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        chunk.run(c);
      }
    };
    Future<?>[] others = new Future<?>[threads - 1];
    for (int t = 0; t < others.length; t++) {
      others[t] = helpers.submit(worker);
    }
    worker.run();
    for (Future<?> f : others) {
      f.get();
    }
  }
}
