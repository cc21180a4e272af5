package org.emkernel.internal.engine;

/**
 * Per thread, what the last finished fit's session left ({@link FitWorkspace}: its E-step runner with the kernel
 * scratch, a vector kernel's some 26 KB whatever the data, its planner and small arrays): the next fit's session
 * borrows it and gives its own back when done, so many small fits in a row do not allocate these each time. A
 * nested fit (from a listener) finds the slot empty and makes its own.
 */
public final class ScratchPool {
  // Plain, made on first use below: neither a lambda to bootstrap nor a subclass to load in a fresh JVM.
  private static final ThreadLocal<FitWorkspace[]> SLOT = new ThreadLocal<>();

  private ScratchPool() {}

  /** The thread's slot: a session holds it, so taking and giving back cost one thread-local lookup, not two. */
  public static FitWorkspace[] slot() {
    FitWorkspace[] slot = SLOT.get();
    if (slot == null) {
      slot = new FitWorkspace[1];
      SLOT.set(slot);
    }
    return slot;
  }

  /** The slot's workspace, or null; the slot is empty until {@link #giveBack}. */
  public static FitWorkspace borrow(FitWorkspace[] slot) {
    FitWorkspace workspace = slot[0];
    slot[0] = null;
    return workspace;
  }

  /** Returns a workspace to its thread's slot, unless one with a larger kernel scratch is already there. */
  public static void giveBack(FitWorkspace[] slot, FitWorkspace workspace) {
    if (slot[0] == null || slot[0].scratch().size() < workspace.scratch().size()) {
      slot[0] = workspace;
    }
  }
}
