package org.emkernel.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output as the commands see it: every write failure (a full disk, a closed descriptor, a reader
 * gone away) is kept and surfaces as an {@link OutputFailure}, so the tool can report it once and exit 1
 * even where a {@code PrintWriter} (picocli's help) would swallow it.
 */
final class Stdout extends OutputStream {
  private final OutputStream out;
  private IOException failure;

  Stdout(OutputStream out) {
    this.out = out;
  }

  /** The first write failure, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    check();
    try {
      out.write(b);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    check();
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public void flush() throws IOException {
    check();
    try {
      out.flush();
    } catch (IOException e) {
      throw fail(e);
    }
  }

  private void check() throws OutputFailure {
    if (failure != null) {
      throw new OutputFailure(failure);
    }
  }

  private OutputFailure fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return new OutputFailure(failure);
  }

  /** Whether a failure means the reader closed the pipe (sample | head): a quiet stop, not an error. */
  static boolean brokenPipe(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Broken pipe") || m.contains("Stream closed by reader");
  }

  /** A failure to write standard output. */
  static final class OutputFailure extends IOException {
    private static final long serialVersionUID = 1L;

    OutputFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
