package org.emkernel.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.DoubleVector;
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
 * {@code int[]}) and bare vector fused multiply-adds, enough independent chains to keep a core's FMA units
 * busy (core throughput: the iteration at 100001 outcomes works from each core's cache; two hyperthreads of
 * one core would not double it). Both share their work out in chunks taken in turn, as the library does,
 * and add the chunks' results in chunk order, so the result does not depend on the thread count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ParallelReferenceBenchmark {
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  /** Observations in a chunk of the read: the histogram build's chunk at 10^8 observations on 2 threads. */
  static final int READ_CHUNK = 1 << 20;
  /** Chunks of the compute reference. */
  static final int SPIN_CHUNKS = 64;
  /** Independent chains of the compute reference: twice the FMA latency (4 cycles) × 2 units, and more. */
  static final int SPIN_CHAINS = 8;
  /** Steps (one vector fused multiply-add on each chain) in a chunk of the compute reference: ~3 ms in all. */
  static final int SPIN_STEPS = 1 << 14;

  /** The memory reference's state: the observations and the helper threads. */
  @State(Scope.Thread)
  public static class Memory {
    @Param({"1", "2"})
    int threads;

    @Param({"100000000"})
    int observations;

    int[] data;
    Helpers helpers;

    /** Draws the observations (fixed seed) as the histogram-build benchmarks do, and starts the helpers. */
    @Setup(Level.Trial)
    public void setup() {
      data = Workloads.observations(Workloads.mixture(Workloads.OBSERVATION_TRIALS,
          HistogramBuildBenchmark.COMPONENTS), Workloads.OBSERVATION_TRIALS, observations);
      helpers = new Helpers(threads);
    }

    /** Stops the helper threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
      helpers.close();
    }
  }

  /** The compute reference's state: the helper threads only (it has no data, so no observations). */
  @State(Scope.Thread)
  public static class Cores {
    @Param({"1", "2"})
    int threads;

    Helpers helpers;

    /** Starts the helpers. */
    @Setup(Level.Trial)
    public void setup() {
      helpers = new Helpers(threads);
    }

    /** Stops the helper threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
      helpers.close();
    }
  }

  /**
   * Reads every observation, a vector of ints at a time (memory bandwidth); returns their sum modulo 2^32,
   * which is exact in any order.
   */
  @Benchmark
  public int read(Memory m) throws Exception {
    int[] data = m.data;
    int chunks = (data.length + READ_CHUNK - 1) / READ_CHUNK;
    int[] partial = new int[chunks];
    m.helpers.run(chunks, c -> partial[c] = read(data, c * READ_CHUNK, (int) Math.min(data.length, (long) (c + 1) * READ_CHUNK)));
    int total = 0;
    for (int p : partial) {
      total += p;
    }
    return total;
  }

  /** Runs the fixed chains of vector fused multiply-adds (core throughput); returns their sum. */
  @Benchmark
  public double fma(Cores cores) throws Exception {
    double[] partial = new double[SPIN_CHUNKS];
    cores.helpers.run(SPIN_CHUNKS, c -> partial[c] = spin(c, SPIN_STEPS));
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

  /** Chain j's start in lane l of chunk {@code chunk}. */
  static double spinStart(int chunk, int j, int l) {
    return 1 + 0.1 * j + 1e-3 * l + 1e-6 * chunk;
  }

  /** Chain j's multiplier: x ← m·x + k contracts toward k / (1 − m), so nothing overflows or vanishes. */
  static double spinMultiplier(int j) {
    return 1 - (j + 1) * 1e-7;
  }

  /** Chain j's addend. */
  static double spinAddend(int j) {
    return (j + 1) * 1e-7;
  }

  /** {@link #SPIN_CHAINS} independent vector chains of {@code steps} fused multiply-adds; their lanes' sum. */
  static double spin(int chunk, int steps) {
    double[] lanes = new double[DOUBLES.length() * SPIN_CHAINS];
    for (int j = 0; j < SPIN_CHAINS; j++) {
      for (int l = 0; l < DOUBLES.length(); l++) {
        lanes[j * DOUBLES.length() + l] = spinStart(chunk, j, l);
      }
    }
    spinSteps(lanes, steps);
    double sum = 0;
    for (double v : lanes) {
      sum += v; // in lane order: the same bits on every JVM
    }
    return sum;
  }

  /** The steps themselves, on the eight chains in {@code lanes}, one vector each, kept in registers. */
  private static void spinSteps(double[] lanes, int steps) {
    int n = DOUBLES.length();
    DoubleVector x0 = DoubleVector.fromArray(DOUBLES, lanes, 0);
    DoubleVector x1 = DoubleVector.fromArray(DOUBLES, lanes, n);
    DoubleVector x2 = DoubleVector.fromArray(DOUBLES, lanes, 2 * n);
    DoubleVector x3 = DoubleVector.fromArray(DOUBLES, lanes, 3 * n);
    DoubleVector x4 = DoubleVector.fromArray(DOUBLES, lanes, 4 * n);
    DoubleVector x5 = DoubleVector.fromArray(DOUBLES, lanes, 5 * n);
    DoubleVector x6 = DoubleVector.fromArray(DOUBLES, lanes, 6 * n);
    DoubleVector x7 = DoubleVector.fromArray(DOUBLES, lanes, 7 * n);
    DoubleVector m0 = DoubleVector.broadcast(DOUBLES, spinMultiplier(0));
    DoubleVector m1 = DoubleVector.broadcast(DOUBLES, spinMultiplier(1));
    DoubleVector m2 = DoubleVector.broadcast(DOUBLES, spinMultiplier(2));
    DoubleVector m3 = DoubleVector.broadcast(DOUBLES, spinMultiplier(3));
    DoubleVector m4 = DoubleVector.broadcast(DOUBLES, spinMultiplier(4));
    DoubleVector m5 = DoubleVector.broadcast(DOUBLES, spinMultiplier(5));
    DoubleVector m6 = DoubleVector.broadcast(DOUBLES, spinMultiplier(6));
    DoubleVector m7 = DoubleVector.broadcast(DOUBLES, spinMultiplier(7));
    DoubleVector k0 = DoubleVector.broadcast(DOUBLES, spinAddend(0));
    DoubleVector k1 = DoubleVector.broadcast(DOUBLES, spinAddend(1));
    DoubleVector k2 = DoubleVector.broadcast(DOUBLES, spinAddend(2));
    DoubleVector k3 = DoubleVector.broadcast(DOUBLES, spinAddend(3));
    DoubleVector k4 = DoubleVector.broadcast(DOUBLES, spinAddend(4));
    DoubleVector k5 = DoubleVector.broadcast(DOUBLES, spinAddend(5));
    DoubleVector k6 = DoubleVector.broadcast(DOUBLES, spinAddend(6));
    DoubleVector k7 = DoubleVector.broadcast(DOUBLES, spinAddend(7));
    for (int i = 0; i < steps; i++) {
      x0 = x0.fma(m0, k0);
      x1 = x1.fma(m1, k1);
      x2 = x2.fma(m2, k2);
      x3 = x3.fma(m3, k3);
      x4 = x4.fma(m4, k4);
      x5 = x5.fma(m5, k5);
      x6 = x6.fma(m6, k6);
      x7 = x7.fma(m7, k7);
    }
    x0.intoArray(lanes, 0);
    x1.intoArray(lanes, n);
    x2.intoArray(lanes, 2 * n);
    x3.intoArray(lanes, 3 * n);
    x4.intoArray(lanes, 4 * n);
    x5.intoArray(lanes, 5 * n);
    x6.intoArray(lanes, 6 * n);
    x7.intoArray(lanes, 7 * n);
  }

  /** A chunk's work. */
  @FunctionalInterface
  interface Chunk {
    /** Does chunk {@code c}. */
    void run(int c);
  }

  /** The calling thread and threads − 1 helpers, which take chunks in turn. */
  static final class Helpers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    /** Starts threads − 1 daemon helpers. */
    Helpers(int threads) {
      this.threads = threads;
      this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "reference-helper");
        t.setDaemon(true);
        return t;
      }) : null;
    }

    /** Runs chunks 0..chunks−1 on the calling thread and the helpers, each taking the next chunk in turn. */
    void run(int chunks, Chunk chunk) throws Exception {
      AtomicInteger next = new AtomicInteger();
      Runnable worker = () -> {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
          chunk.run(c);
        }
      };
      Future<?>[] others = new Future<?>[threads - 1];
      for (int t = 0; t < others.length; t++) {
        others[t] = pool.submit(worker);
      }
      worker.run();
      for (Future<?> f : others) {
        f.get();
      }
    }

    /** Stops the helpers. */
    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }
}
