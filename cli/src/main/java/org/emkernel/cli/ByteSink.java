package org.emkernel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Buffered byte output of integers and ASCII text, without a String or format per number. */
final class ByteSink {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int n;

  ByteSink(OutputStream out) {
    this.out = out;
  }

  /** Writes a non-negative or negative long in decimal. */
  ByteSink number(long v) throws IOException {
    if (n + 20 > buf.length) {
      drain();
    }
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return text(Long.toString(v));
      }
      buf[n++] = '-';
      v = -v;
    }
    // Write digits backwards into place.
    int len = 1;
    for (long t = v / 10; t != 0; t /= 10) {
      len++;
    }
    int end = n + len;
    for (int i = end - 1; i >= n; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    n = end;
    return this;
  }

  /** Writes one byte (an ASCII character). */
  ByteSink ascii(char c) throws IOException {
    if (n == buf.length) {
      drain();
    }
    buf[n++] = (byte) c;
    return this;
  }

  /** Writes text as UTF-8. */
  ByteSink text(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (n + b.length > buf.length) {
      drain();
    }
    if (b.length > buf.length) {
      out.write(b);
    } else {
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }
    return this;
  }

  private void drain() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }

  /** Writes out the buffer and flushes the stream. */
  void flush() throws IOException {
    drain();
    out.flush();
  }
}
