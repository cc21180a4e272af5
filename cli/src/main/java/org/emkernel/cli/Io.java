package org.emkernel.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** The streams a command reads and writes: standard input, output (bytes) and error. */
final class Io {
  final InputStream in;
  final OutputStream out;
  final PrintStream err;

  Io(InputStream in, OutputStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }
}
