package org.emkernel.internal.engine;

import java.util.concurrent.CancellationException;

/**
 * The fit loops' answer to an interrupted thread: they stop between iterations, leaving no partial result. A loop
 * checks the flag itself ({@code Thread.currentThread().isInterrupted()}) and comes here only to throw, so a fit
 * that is never interrupted never loads this class.
 */
public final class Interruption {
  private Interruption() {}

  /** The exception an interrupted fit throws (the thread's flag is left set). */
  public static CancellationException cancelled() {
    return new CancellationException("the fit was interrupted");
  }
}
