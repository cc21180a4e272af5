package org.emkernel.internal.engine;

/**
 * Per thread, the kernel scratch of the last finished fit (a vector kernel's runs to some 26 KB whatever the
 * data): a fit's session borrows it and gives it back when done, so many small fits in a row do not allocate and
 * clear it each time. A nested fit (from a listener) finds the slot empty and allocates its own.
 */
public final class ScratchPool {
  private static final ThreadLocal<double[][]> SLOT = ThreadLocal.withInitial(() -> new double[1][]);

  private ScratchPool() {}

  /** The thread's pooled scratch, or null; the slot is empty until {@link #giveBack}. */
  public static double[] borrow() {
    double[][] slot = SLOT.get();
    double[] scratch = slot[0];
    slot[0] = null;
    return scratch;
  }

  /** Returns a scratch to the thread's slot, unless a longer one is already there. */
  public static void giveBack(double[] scratch) {
    double[][] slot = SLOT.get();
    if (slot[0] == null || slot[0].length < scratch.length) {
      slot[0] = scratch;
    }
  }
}
