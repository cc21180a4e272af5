package org.emkernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the input named on the command line: a file, or standard input when absent or {@code -}. */
final class Inputs {
  static final String STDIN = "<stdin>";

  private Inputs() {}

  /** Reads all observations from the file (or stdin), as a {@link UserError} on any failure. */
  static Observations read(Io io, String file, InputFormat format, int maxOutcome) {
    if (file == null || file.equals("-")) {
      try {
        return DataReader.read(io.in, STDIN, format, maxOutcome);
      } catch (IOException e) {
        throw new UserError("cannot read " + STDIN + ": " + e.getMessage());
      }
    }
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new UserError("cannot read " + file + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return DataReader.read(in, file, format, maxOutcome);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserError("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }
}
