package org.emkernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the input named on the command line: a file, or standard input when absent or {@code -}. */
final class Inputs {
  static final String STDIN = "<stdin>";

  private Inputs() {}

  /**
   * Reads all observations from the file (or stdin). A missing, unreadable or non-regular file is a
   * {@link UserError}; an I/O error while reading is an {@link InputFailure}.
   */
  static Observations read(Io io, String file, InputFormat format, int maxOutcome) {
    if (file == null || file.equals("-")) {
      try {
        return DataReader.read(io.in, STDIN, format, maxOutcome);
      } catch (IOException e) {
        throw new InputFailure("cannot read " + STDIN + ": " + Text.safe(e.getMessage()), e);
      }
    }
    String name = Text.safe(file);
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UserError("cannot read " + name + ": not a valid file name");
    }
    if (Files.isDirectory(path)) {
      throw new UserError("cannot read " + name + ": it is a directory");
    }
    InputStream in;
    try {
      in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read " + name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserError("cannot read " + name + ": permission denied");
    } catch (IOException e) {
      throw new UserError("cannot read " + name + ": " + Text.safe(e.getMessage()));
    }
    try (in) {
      return DataReader.read(in, name, format, maxOutcome);
    } catch (IOException e) {
      throw new InputFailure("cannot read " + name + ": " + Text.safe(e.getMessage()), e);
    }
  }
}
