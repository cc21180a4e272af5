package org.emkernel.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * vector read of the histogram-build benchmark's observations (memory bandwidth: the build reads the same
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
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  /** Observations in a chunk of the read: the histogram build's chunk at 10^8 observations on 2 threads. */
  static final int READ_CHUNK = 1 << 20;
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

  /**
   * Reads every observation, a vector of ints at a time (memory bandwidth); returns their sum modulo 2^32,
   * which is exact in any order.
   */
  @Benchmark
  public int read() throws Exception {
    int chunks = (data.length + READ_CHUNK - 1) / READ_CHUNK;
    int[] partial = new int[chunks];
    run(chunks, c -> partial[c] = read(data, c * READ_CHUNK, (int) Math.min(data.length, (long) (c + 1) * READ_CHUNK)));
    int total = 0;
    for (int p : partial) {
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

  /** Σ data[from, to) modulo 2^32, four vectors at a time so the reads are not held up by the adds. */
  static int read(int[] data, int from, int to) {
    IntVector s0 = IntVector.zero(INTS);
    IntVector s1 = s0;
    IntVector s2 = s0;
    IntVector s3 = s0;
    int step = INTS.length();
    int i = from;
    for (; i + 4 * step <= to; i += 4 * step) {
      s0 = s0.add(IntVector.fromArray(INTS, data, i));
      s1 = s1.add(IntVector.fromArray(INTS, data, i + step));
      s2 = s2.add(IntVector.fromArray(INTS, data, i + 2 * step));
      s3 = s3.add(IntVector.fromArray(INTS, data, i + 3 * step));
    }
    int sum = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      sum += data[i];
    }
    return sum;
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
