package org.emkernel.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The library's shared pool of daemon worker threads, and a fork-join helper that runs a task on several
 * threads at once (the caller being one of them) and waits for all of them.
 */
public final class Workers {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /**
   * The pool, made on first use: a fit on one thread (every small fit) never loads or starts it. A named factory,
   * not a lambda, so a fresh JVM bootstraps no lambda for it.
   */
  private static final class Pool implements ThreadFactory {
    static final ExecutorService POOL = Executors.newCachedThreadPool(new Pool());

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "emkernel-worker-".concat(Integer.toString(NAMES.incrementAndGet())));
      t.setDaemon(true);
      return t;
    }
  }

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
   * A reusable parallel region for a fixed task and thread count: {@link #run()} hands the task to workers
   * 1..n−1 and runs worker 0 on the calling thread, and returns when all are done, rethrowing any failure.
   * A worker that finishes may wait (spinning) a while for the next {@code run()} before it returns its
   * thread to the pool, so back-to-back runs (EM iterations) reach it without a thread hand-off and
   * allocate nothing. One thread calls {@code run()} at a time.
   */
  public static final class Region {
    /** How long a finished worker of a repeated region waits for the next run before it parks. */
    public static final long LINGER_NANOS = 2_000_000;
    // Worker states: not on a thread; on a thread, waiting for the next run; handed the current run.
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int CLAIMED = 2;

    private final Task task;
    private final int threads;
    private final long linger;
    private final Runnable[] parts;
    private final AtomicIntegerArray state;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;

    /** Creates a region running {@code task} on {@code threads} threads (&gt;= 1), run once: no lingering. */
    public Region(Task task, int threads) {
      this(task, threads, 0);
    }

    /** Creates a region whose finished workers wait up to {@code lingerNanos} for the next run. */
    public Region(Task task, int threads, long lingerNanos) {
      assert threads >= 1 && lingerNanos >= 0;
      this.task = task;
      this.threads = threads;
      this.linger = lingerNanos;
      this.parts = new Runnable[threads];
      this.state = new AtomicIntegerArray(threads);
      for (int w = 1; w < threads; w++) {
        final int worker = w;
        parts[w] = () -> work(worker);
      }
    }

    /** Worker w's loop: runs the task each time it is claimed, until no run comes within the linger time. */
    private void work(int w) {
      while (true) {
        try {
          task.run(w);
        } catch (Throwable e) {
          failure = e;
        }
        // Waiting before done: a run() that follows at once finds this worker waiting, not busy.
        state.set(w, WAITING);
        pending.decrementAndGet();
        long deadline = System.nanoTime() + linger;
        int spins = 0;
        while (state.get(w) == WAITING) {
          if ((++spins & 0xff) == 0 && System.nanoTime() > deadline) {
            if (state.compareAndSet(w, WAITING, IDLE)) {
              return; // No run came: the pool thread goes back to the pool.
            }
            break; // Claimed just now.
          }
          Thread.onSpinWait();
        }
      }
    }

    /** Runs the task on every worker and waits for all of them. */
    public void run() {
      failure = null;
      pending.set(threads - 1);
      for (int w = 1; w < threads; w++) {
        // A waiting worker takes the run itself; an idle one is started on the pool.
        if (!state.compareAndSet(w, WAITING, CLAIMED)) {
          state.set(w, CLAIMED);
          Pool.POOL.execute(parts[w]);
        }
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
