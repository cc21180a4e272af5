package org.emkernel.internal.engine;

/** Receives the log-posteriors of bins [from, to), row-major: bin b's row from {@code rows[(b − from)·k]}. */
@FunctionalInterface
public interface PosteriorBlock {
  /** Takes one block; rows is reused for the next one. */
  void accept(int from, int to, double[] rows);
}
