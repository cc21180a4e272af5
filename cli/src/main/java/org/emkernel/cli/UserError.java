package org.emkernel.cli;

/** A user error (bad input, bad option value): the tool prints its one-line message and exits with code 2. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with the one-line message shown to the user. */
  UserError(String message) {
    super(message, null, false, false);
  }
}
