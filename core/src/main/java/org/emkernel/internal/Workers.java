package org.emkernel.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's shared pool of daemon worker threads, and a fork-join helper that runs a task on several
 * threads at once (the caller being one of them) and waits for all of them.
 */
public final class Workers {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "emkernel-worker-" + NAMES.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Workers() {}

  /** Default number of threads: the available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** A task run by several threads at once; each call gets its worker index in [0, threads). */
  @FunctionalInterface
  public interface Task {
    /** Runs the part of worker {@code worker}. */
    void run(int worker);
  }

  /**
   * A reusable parallel region for a fixed task and thread count: {@link #run()} starts workers 1..n−1 on
   * the pool, runs worker 0 on the calling thread, and returns when all are done, rethrowing any failure.
   */
  public static final class Region {
    private final Task task;
    private final int threads;
    private final Runnable[] parts;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;

    /** Creates a region running {@code task} on {@code threads} threads (&gt;= 1). */
    public Region(Task task, int threads) {
      assert threads >= 1;
      this.task = task;
      this.threads = threads;
      this.parts = new Runnable[threads];
      for (int w = 1; w < threads; w++) {
        final int worker = w;
        parts[w] = () -> {
          try {
            task.run(worker);
          } catch (Throwable e) {
            failure = e;
          } finally {
            pending.decrementAndGet();
          }
        };
      }
    }

    /** Runs the task on every worker and waits for all of them. */
    public void run() {
      failure = null;
      pending.set(threads - 1);
      for (int w = 1; w < threads; w++) {
        POOL.execute(parts[w]);
      }
      Throwable own = null;
      try {
        task.run(0);
      } catch (Throwable e) {
        own = e;
      }
      // The parts are short (one E-step): wait by spinning, then yielding.
      int spins = 0;
      while (pending.get() > 0) {
        if (++spins < 1 << 12) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable f = own != null ? own : failure;
      if (f instanceof RuntimeException) {
        throw (RuntimeException) f;
      }
      if (f instanceof Error) {
        throw (Error) f;
      }
      if (f != null) {
        throw new IllegalStateException(f);
      }
    }
  }
}
