package org.emkernel.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds standard streams the tool was started without. When a shell closes descriptor 0 or 1
 * ({@code <&-}, {@code >&-}), the JVM's first file opened takes its place (its own {@code lib/modules} or
 * the jar): reading it would quote the JVM's own bytes as data, so such a descriptor counts as closed.
 */
final class StdStreams {
  private StdStreams() {}

  /** Whether the descriptor (Linux /proc) is one of the JVM's own files, that is, was closed at start-up. */
  static boolean closedAtStart(int fd) {
    try {
      // String.concat, not +, as in Main's --version: this runs at every start.
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/".concat(Integer.toString(fd))));
      if (!target.isAbsolute()) {
        return false;
      }
      if (target.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) {
        return true;
      }
      for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!entry.isEmpty() && Files.isRegularFile(Path.of(entry))
            && target.equals(Path.of(entry).toRealPath())) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // no /proc: nothing to tell
    }
  }

  /** Standard input that was closed: reading it is a user error. */
  static InputStream closedInput() {
    return new InputStream() {
      @Override
      public int read() {
        throw new UserError("standard input is closed: give a FILE or redirect the data to standard input");
      }
    };
  }

  /** Standard output that was closed: writing fails. */
  static OutputStream closedOutput() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("standard output is closed");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("standard output is closed");
      }
    };
  }
}
