package org.emkernel.cli;

/** A failure to read input that is not the user's doing (an I/O error): one line, exit code 1. */
final class InputFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
