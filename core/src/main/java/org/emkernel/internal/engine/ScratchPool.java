package org.emkernel.internal.engine;

import org.emkernel.internal.vectorization.KernelScratch;

/**
 * Per thread, the kernel scratch of the last finished fit (a vector kernel's runs to some 26 KB whatever the
 * data): a fit's session borrows it and gives it back when done, so many small fits in a row do not allocate and
 * clear it each time. A nested fit (from a listener) finds the slot empty and allocates its own.
 */
public final class ScratchPool {
  // A subclass, not ThreadLocal.withInitial(lambda): a fresh JVM's first fit then bootstraps no lambda for it.
  private static final ThreadLocal<KernelScratch[]> SLOT = new ThreadLocal<>() {
    @Override
    protected KernelScratch[] initialValue() {
      return new KernelScratch[1];
    }
  };

  private ScratchPool() {}

  /** The thread's slot: a session holds it, so taking and giving back cost one thread-local lookup, not two. */
  public static KernelScratch[] slot() {
    return SLOT.get();
  }

  /** The slot's pooled scratch, or null; the slot is empty until {@link #giveBack}. */
  public static KernelScratch borrow(KernelScratch[] slot) {
    KernelScratch scratch = slot[0];
    slot[0] = null;
    return scratch;
  }

  /** Returns a scratch to its thread's slot, unless a larger one is already there. */
  public static void giveBack(KernelScratch[] slot, KernelScratch scratch) {
    if (slot[0] == null || slot[0].size() < scratch.size()) {
      slot[0] = scratch;
    }
  }
}
