package org.emkernel.internal.vectorization;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.emkernel.internal.Workers;

/**
 * Runs a kernel's fused E-step over all bins in fixed chunks, on one or more threads. Every chunk writes its
 * own partial sums, which are then added in chunk order, so the result is bit-identical for any thread
 * count. One instance belongs to one session; {@link #run} allocates nothing in steady state (on more threads
 * its workers wait between back-to-back runs instead of being handed new tasks).
 */
public final class ChunkedEStep {
  /**
   * Bins per chunk: 100001 bins make 49 chunks, which two threads share within 2 % of evenly (25 of 4096 shared
   * 13 to 12), while a chunk's fixed costs stay a few percent of its work.
   */
  public static final int CHUNK = 1 << 11;

  private final EmKernel kernel;
  private final int k;
  private final int threads;
  private final KernelScratch[] scratch;
  // Per worker sums of its chunks, allocated with the per-chunk sums on the first run over more than one chunk.
  private double[][] workerN;
  private double[][] workerS;
  private double[][] workerT;
  // Per-chunk partial sums, chunk-major: [chunk * k + j].
  private static final double[] NONE = new double[0];
  private double[] partialN = NONE;
  private double[] partialS = NONE;
  private double[] partialT = NONE;
  private double[] partialLogLik = NONE;
  /**
   * Per worker w, at index w·{@link #SPACING}, the next chunk of its share: chunks [chunks·w/T, chunks·(w+1)/T).
   * Each worker takes its own share first, so from one run to the next it reads the same bins, which stay in
   * its core's cache (100001 bins of x and c are 1.6 MB: twice this machine's 1 MB L2, each half fits); then
   * it helps the others with theirs.
   */
  private final AtomicIntegerArray cursors;
  /** Ints between two workers' cursors: 64 bytes, so no two share a cache line. */
  private static final int SPACING = 16;
  private final Workers.Region region;
  // Arguments of the call in progress, read by the workers.
  private double[] x;
  private double[] z;
  private double[] c;
  private int bins;
  private double[] a;
  private double[] eta;
  private double[] zeta;
  private double[] floors;

  /** Creates the runner for k components on one thread. */
  public ChunkedEStep(EmKernel kernel, int k) {
    this(kernel, k, 1);
  }

  /** Creates the runner for k components on up to {@code threads} threads. */
  public ChunkedEStep(EmKernel kernel, int k, int threads) {
    this(kernel, k, threads, null);
  }

  /**
   * As {@link #ChunkedEStep(EmKernel, int, int)}, the first thread's scratch taken from {@code reuse} (nullable) when
   * the kernel can use it (kernels need no clean scratch), so back-to-back fits need not allocate it each time.
   */
  public ChunkedEStep(EmKernel kernel, int k, int threads, KernelScratch reuse) {
    assert threads >= 1;
    this.kernel = kernel;
    this.k = k;
    this.threads = threads;
    this.scratch = new KernelScratch[threads];
    for (int w = 0; w < threads; w++) {
      scratch[w] = kernel.scratch(k, w == 0 ? reuse : null);
    }
    this.cursors = threads > 1 ? new AtomicIntegerArray(SPACING * threads) : null;
    this.region = threads > 1 ? new Workers.Region(this::work, threads, Workers.Region.LINGER_NANOS) : null;
  }

  /** The kernel this runner uses. */
  public EmKernel kernel() {
    return kernel;
  }

  /** The threads its E-steps run on. */
  public int threads() {
    return threads;
  }

  /** The first thread's scratch, for a later runner to reuse once this one is done with. */
  public KernelScratch firstScratch() {
    return scratch[0];
  }

  /**
   * Overwrites n, s (and t when z is non-null) with the E-step sums over bins [0, bins) and returns
   * {@code Σ_b c_b·logsumexp_k l[b][k]} (without the base measure), computing every term.
   */
  public double run(double[] x, double[] z, double[] c, int bins, double[] a, double[] eta, double[] zeta,
      double[] n, double[] s, double[] t) {
    return runOnce(x, z, c, bins, a, eta, zeta, null, n, s, t);
  }

  /**
   * As {@link #run(double[], double[], double[], int, double[], double[], double[], double[], double[],
   * double[])}, first letting the kernel drop terms under {@code floors} (see {@link EmKernel#accumulate});
   * {@code total} is Σ_b c_b. The result stands only if every component with a floor above
   * {@link EmKernel#EXACT_FLOOR} keeps n_j and s_j at least 2^50 times the most they can have lost, total·2^floor
   * (relative error below 1e-15); otherwise the E-step runs again computing every term. The choice depends only
   * on the sums, so results stay bit-identical for any thread count.
   */
  public double run(double[] x, double[] z, double[] c, int bins, double[] a, double[] eta, double[] zeta,
      double[] floors, double total, double[] n, double[] s, double[] t) {
    // The trials column takes the exact exp path; a kernel may use floors only on chunks long enough.
    if (floors == null || z != null || !kernel.usesFloors(Math.min(bins, CHUNK))) {
      return runOnce(x, z, c, bins, a, eta, zeta, null, n, s, t);
    }
    double logLik = runOnce(x, z, c, bins, a, eta, zeta, floors, n, s, t);
    for (int j = 0; j < k; j++) {
      if (floors[j] > EmKernel.EXACT_FLOOR) {
        // 2^50·total·2^floor, rounded up to a whole power (floors from EmSession are whole already); a floor
        // of 0 or more can never be vouched for.
        double bound = floors[j] >= 0 ? Double.POSITIVE_INFINITY : scaled(total, 50 + (int) Math.ceil(floors[j]));
        if (!(n[j] >= bound && s[j] >= bound)) {
          return runOnce(x, z, c, bins, a, eta, zeta, null, n, s, t); // Too little left to bound the loss by.
        }
      }
    }
    return logLik;
  }

  /**
   * Overwrites n and s with the E-step sums over bins [from, to) by the kernel's product path (see
   * {@link EmKernel#accumulateProducts}, whose conditions the caller guarantees) and returns
   * {@code Σ_b c_b·log Σ_j term}: at most {@link EmKernel#PRODUCT_LIMIT} + 1 bins, one chunk.
   */
  public double runProducts(double[] x, double[] c, int from, int to, double[] scale, double[] rho, double[] n,
      double[] s) {
    assert from >= 0 && from < to && to <= CHUNK;
    return 0.0 + kernel.accumulateProducts(x, c, from, to, scale, rho, k, n, s, scratch[0]);
  }

  /**
   * total·2^e for e in (EXACT_FLOOR + 50, 50]: {@link Math#scalb}'s value (one rounding of the exact product by a
   * normal power of two), without its general-case branches.
   */
  private static double scaled(double total, int e) {
    assert e > EmKernel.EXACT_FLOOR + 50 && e <= 50 : e;
    return total * Double.longBitsToDouble((long) (e + 1023) << 52);
  }

  /** One pass over every chunk with the given floors (null: exact). */
  private double runOnce(double[] x, double[] z, double[] c, int bins, double[] a, double[] eta, double[] zeta,
      double[] floors, double[] n, double[] s, double[] t) {
    int chunks = (bins + CHUNK - 1) / CHUNK;
    if (chunks <= 1) {
      // One chunk: straight into the outputs (0 + its sums, as the reduction below would give).
      Arrays.fill(n, 0, k, 0);
      Arrays.fill(s, 0, k, 0);
      if (t != null) {
        Arrays.fill(t, 0, k, 0);
      }
      return 0.0 + kernel.accumulate(x, z, c, 0, bins, a, eta, zeta, floors, k, n, s, t, scratch[0]);
    }
    if (partialLogLik.length < chunks) {
      // Sized once per data set; steady-state calls allocate nothing.
      partialN = new double[chunks * k];
      partialS = new double[chunks * k];
      partialT = new double[chunks * k];
      partialLogLik = new double[chunks];
      if (workerN == null) {
        workerN = new double[threads][k];
        workerS = new double[threads][k];
        workerT = new double[threads][k];
      }
    }
    this.x = x;
    this.z = z;
    this.c = c;
    this.bins = bins;
    this.a = a;
    this.eta = eta;
    this.zeta = zeta;
    this.floors = floors;
    if (region != null) {
      for (int w = 0; w < threads; w++) {
        cursors.set(w * SPACING, shareStart(chunks, w));
      }
      region.run();
    } else {
      for (int chunk = 0; chunk < chunks; chunk++) {
        chunk(chunk, 0);
      }
    }
    this.x = null;
    this.z = null;
    this.c = null;
    this.floors = null;
    // Fixed-order reduction.
    Arrays.fill(n, 0, k, 0);
    Arrays.fill(s, 0, k, 0);
    if (t != null) {
      Arrays.fill(t, 0, k, 0);
    }
    double logLik = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      logLik += partialLogLik[chunk];
      int base = chunk * k;
      for (int j = 0; j < k; j++) {
        n[j] += partialN[base + j];
        s[j] += partialS[base + j];
        if (t != null) {
          t[j] += partialT[base + j];
        }
      }
    }
    return logLik;
  }

  /** The first chunk of worker w's share. */
  private int shareStart(int chunks, int w) {
    return (int) ((long) chunks * w / threads);
  }

  /**
   * One worker: takes the chunks of its own share, then those left in the other workers' shares (in worker
   * order from its own), each into the chunk's partial slot.
   */
  private void work(int worker) {
    int chunks = (bins + CHUNK - 1) / CHUNK;
    for (int i = 0; i < threads; i++) {
      int owner = (worker + i) % threads;
      int end = shareStart(chunks, owner + 1);
      int at = owner * SPACING;
      for (int chunk = cursors.getAndIncrement(at); chunk < end; chunk = cursors.getAndIncrement(at)) {
        chunk(chunk, worker);
      }
    }
  }

  /** One chunk on a worker's buffers, into the chunk's partial slot. */
  private void chunk(int chunk, int worker) {
    double[] wn = workerN[worker];
    double[] ws = workerS[worker];
    double[] wt = workerT[worker];
    int from = chunk * CHUNK;
    int to = Math.min(bins, from + CHUNK);
    Arrays.fill(wn, 0);
    Arrays.fill(ws, 0);
    Arrays.fill(wt, 0);
    partialLogLik[chunk] = kernel.accumulate(x, z, c, from, to, a, eta, zeta, floors, k, wn, ws, wt, scratch[worker]);
    System.arraycopy(wn, 0, partialN, chunk * k, k);
    System.arraycopy(ws, 0, partialS, chunk * k, k);
    System.arraycopy(wt, 0, partialT, chunk * k, k);
  }

  /**
   * Writes the log-posteriors of bins [from, to) row-major into out from its start, and each bin's logsumexp
   * into lse (nullable) from its start.
   */
  public void logPosteriors(double[] x, double[] z, int from, int to, double[] a, double[] eta, double[] zeta,
      double[] out, double[] lse) {
    kernel.logPosteriors(x, z, from, to, from, a, eta, zeta, k, out, lse, scratch[0]);
  }
}
