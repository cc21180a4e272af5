package org.emkernel.internal.engine;

import java.util.concurrent.CancellationException;

/** The fit loops' answer to an interrupted thread: they stop between iterations, leaving no partial result. */
public final class Interruption {
  private Interruption() {}

  /** Throws a CancellationException when the current thread has been interrupted (its flag is left set). */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("the fit was interrupted");
    }
  }
}
