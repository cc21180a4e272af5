package org.emkernel.internal.vectorization;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.emkernel.internal.Workers;

/**
 * Runs a kernel's fused E-step over all bins in fixed chunks, on one or more threads. Every chunk writes its
 * own partial sums, which are then added in chunk order, so the result is bit-identical for any thread
 * count. One instance belongs to one session; {@link #run} allocates nothing in steady state (on more threads
 * its workers wait between back-to-back runs instead of being handed new tasks).
 */
public final class ChunkedEStep {
  /** Bins per chunk. */
  public static final int CHUNK = 1 << 12;

  private final EmKernel kernel;
  private final int k;
  private final int threads;
  private final double[][] scratch;
  private final double[][] workerN;
  private final double[][] workerS;
  private final double[][] workerT;
  // Per-chunk partial sums, chunk-major: [chunk * k + j].
  private double[] partialN = new double[0];
  private double[] partialS = new double[0];
  private double[] partialT = new double[0];
  private double[] partialLogLik = new double[0];
  private final AtomicInteger nextChunk = new AtomicInteger();
  private final Workers.Region region;
  // Arguments of the call in progress, read by the workers.
  private double[] x;
  private double[] z;
  private double[] c;
  private int bins;
  private double[] a;
  private double[] eta;
  private double[] zeta;

  /** Creates the runner for k components on one thread. */
  public ChunkedEStep(EmKernel kernel, int k) {
    this(kernel, k, 1);
  }

  /** Creates the runner for k components on up to {@code threads} threads. */
  public ChunkedEStep(EmKernel kernel, int k, int threads) {
    assert threads >= 1;
    this.kernel = kernel;
    this.k = k;
    this.threads = threads;
    this.scratch = new double[threads][kernel.scratchLength(k)];
    this.workerN = new double[threads][k];
    this.workerS = new double[threads][k];
    this.workerT = new double[threads][k];
    this.region = threads > 1 ? new Workers.Region(this::work, threads, Workers.Region.LINGER_NANOS) : null;
  }

  /** The kernel this runner uses. */
  public EmKernel kernel() {
    return kernel;
  }

  /**
   * Overwrites n, s (and t when z is non-null) with the E-step sums over bins [0, bins) and returns
   * {@code Σ_b c_b·logsumexp_k l[b][k]} (without the base measure).
   */
  public double run(double[] x, double[] z, double[] c, int bins, double[] a, double[] eta, double[] zeta,
      double[] n, double[] s, double[] t) {
    int chunks = (bins + CHUNK - 1) / CHUNK;
    if (partialLogLik.length < chunks) {
      // Sized once per data set; steady-state calls allocate nothing.
      partialN = new double[chunks * k];
      partialS = new double[chunks * k];
      partialT = new double[chunks * k];
      partialLogLik = new double[chunks];
    }
    this.x = x;
    this.z = z;
    this.c = c;
    this.bins = bins;
    this.a = a;
    this.eta = eta;
    this.zeta = zeta;
    nextChunk.set(0);
    if (region != null && chunks > 1) {
      region.run();
    } else {
      work(0);
    }
    this.x = null;
    this.z = null;
    this.c = null;
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

  /** One worker: takes chunks until none is left, each into its own partial slot. */
  private void work(int worker) {
    int chunks = (bins + CHUNK - 1) / CHUNK;
    double[] own = scratch[worker];
    double[] wn = workerN[worker];
    double[] ws = workerS[worker];
    double[] wt = workerT[worker];
    for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
      int from = chunk * CHUNK;
      int to = Math.min(bins, from + CHUNK);
      Arrays.fill(wn, 0);
      Arrays.fill(ws, 0);
      Arrays.fill(wt, 0);
      partialLogLik[chunk] = kernel.accumulate(x, z, c, from, to, a, eta, zeta, k, wn, ws, wt, own);
      System.arraycopy(wn, 0, partialN, chunk * k, k);
      System.arraycopy(ws, 0, partialS, chunk * k, k);
      System.arraycopy(wt, 0, partialT, chunk * k, k);
    }
  }

  /** Writes the log-posteriors of bins [0, bins) row-major into out, and each bin's logsumexp into lse (nullable). */
  public void logPosteriors(double[] x, double[] z, int bins, double[] a, double[] eta, double[] zeta,
      double[] out, double[] lse) {
    kernel.logPosteriors(x, z, 0, bins, a, eta, zeta, k, out, lse, scratch[0]);
  }
}
