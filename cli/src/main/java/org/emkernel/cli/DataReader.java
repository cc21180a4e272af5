package org.emkernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads observations at the byte level: lines are found and their digits parsed straight from a byte
 * buffer, and counted into primitive tables. A bad line stops the read with a {@link UserError} naming the
 * source, the line number and the line's text; nothing is returned from a partially read input.
 */
final class DataReader {
  private static final int BUFFER = 1 << 20;
  /** Longest accepted line, so that binary input fails fast instead of filling memory. */
  private static final int MAX_LINE = 1 << 20;
  /** Most plain lines one call of {@link #plainValues} counts. */
  private static final int PLAIN_RUN = 256;

  private final InputFormat format;
  private final String source;
  /** Largest valid outcome (binomial with fixed trials); Integer.MAX_VALUE when unbounded. */
  private final int maxOutcome;
  private final CountTable table = new CountTable();
  private final LongCountMap pairs = new LongCountMap();
  private int pos;
  private long lineNumber;

  private DataReader(InputFormat format, String source, int maxOutcome) {
    this.format = format;
    this.source = source;
    this.maxOutcome = maxOutcome;
  }

  /**
   * Reads every line of in. maxOutcome bounds the outcomes of the values and counts formats (use
   * Integer.MAX_VALUE for none); source names the input in error messages.
   */
  static Observations read(InputStream in, String source, InputFormat format, int maxOutcome)
      throws IOException {
    DataReader r = new DataReader(format, source, maxOutcome);
    r.readAll(in);
    return r.result();
  }

  private void readAll(InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER];
    // A byte-order mark counts only at the very start of the stream: read three bytes (or to the end) first,
    // so that where the reads happen to split the stream cannot matter.
    int end = 0;
    boolean eof = false;
    while (end < 3) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
        break;
      }
      end += n;
    }
    if (end >= 2 && ((buf[0] & 0xff) == 0xFF && (buf[1] & 0xff) == 0xFE || (buf[0] & 0xff) == 0xFE && (buf[1] & 0xff) == 0xFF)) {
      throw new UserError(source + " line 1: the input starts with a UTF-16 byte-order mark: "
          + "convert it to UTF-8 or ASCII");
    }
    int start = end >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF ? 3 : 0;
    boolean values = format == InputFormat.VALUES;
    while (true) {
      int p = start;
      while (true) {
        for (int q = values ? plainValues(buf, p, end) : p; q != p; q = plainValues(buf, p, end)) {
          p = q;
        }
        int nl = indexOfNewline(buf, p, end);
        if (nl < 0) {
          break;
        }
        lineNumber++;
        checkLength(buf, p, nl, lineNumber);
        parseLine(buf, p, nl);
        p = nl + 1;
      }
      start = p;
      if (eof) {
        if (start < end) {
          lineNumber++;
          checkLength(buf, start, end, lineNumber);
          parseLine(buf, start, end);
        }
        return;
      }
      // The line so far has no newline yet: at most MAX_LINE bytes and a carriage return are kept.
      checkLength(buf, start, end, lineNumber + 1);
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }
  }

  /**
   * Counts the plain lines of the values format from p on, at most {@link #PLAIN_RUN} of them: one to nine digits
   * and a newline, an outcome up to the limit. Returns where it stopped, the start of a line it leaves to
   * {@link #parseLine} (blanks, a carriage return, a comment, anything else) or to the next read. Short calls, so
   * a fresh JVM compiles this loop after a few hundred of them instead of interpreting it until its on-stack
   * replacement.
   */
  private int plainValues(byte[] buf, int p, int end) {
    for (int lines = 0; lines < PLAIN_RUN; lines++) {
      int q = p;
      int v = 0;
      int d;
      while (q < end && (d = buf[q] - '0') >= 0 && d <= 9 && q - p < 9) {
        v = 10 * v + d;
        q++;
      }
      if (q == p || q == end || buf[q] != '\n' || v > maxOutcome) {
        return p;
      }
      lineNumber++;
      table.increment(v);
      p = q + 1;
    }
    return p;
  }

  /** Refuses a line buf[from, to) (without its newline, and a carriage return before it) above MAX_LINE bytes. */
  private void checkLength(byte[] buf, int from, int to, long line) {
    int length = to - from;
    if (length > 0 && buf[to - 1] == '\r') {
      length--;
    }
    if (length > MAX_LINE) {
      throw new UserError(source + " line " + line + ": line longer than "
          + MAX_LINE + " bytes: \"" + excerpt(buf, from, Math.min(to, from + 320)) + "\"");
    }
  }

  private static int indexOfNewline(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  /** Parses one line buf[from, to) without its newline. */
  private void parseLine(byte[] buf, int from, int to) {
    int p = from;
    while (p < to && blank(buf[p])) {
      p++;
    }
    if (p == to || buf[p] == '#') {
      return;
    }
    pos = p;
    switch (format) {
      case VALUES: {
        long v = field(buf, to, maxOutcome);
        if (v < 0 || pos != to) {
          fail(buf, from, to);
        }
        table.increment((int) v);
        break;
      }
      case COUNTS: {
        long x = field(buf, to, maxOutcome);
        if (x < 0 || pos == to || buf[pos] != ',') {
          fail(buf, from, to);
        }
        pos++;
        long c = field(buf, to, Long.MAX_VALUE);
        if (c < 0 || pos != to) {
          fail(buf, from, to);
        }
        if (!table.add((int) x, c)) {
          throw new UserError(where() + "the count of outcome " + x + " overflows a 64-bit count: \""
              + excerpt(buf, from, to) + "\"");
        }
        break;
      }
      default: {
        long n = field(buf, to, Integer.MAX_VALUE);
        if (n < 0 || pos == to || buf[pos] != ',') {
          fail(buf, from, to);
        }
        pos++;
        long s = field(buf, to, n);
        if (s < 0 || pos != to) {
          fail(buf, from, to);
        }
        pairs.add((n << 32) | s, 1);
      }
    }
  }

  /**
   * Parses a non-negative integer at pos, between optional blanks, and leaves pos after them. Returns -1
   * when there are no digits, a non-digit follows them, or the value exceeds max.
   */
  private long field(byte[] buf, int to, long max) {
    int p = pos;
    while (p < to && blank(buf[p])) {
      p++;
    }
    int digits = p;
    long v = 0;
    while (p < to) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      if (v > max / 10 || v * 10 > max - d) {
        return -1;
      }
      v = v * 10 + d;
      p++;
    }
    if (p == digits) {
      return -1;
    }
    while (p < to && blank(buf[p])) {
      p++;
    }
    pos = p;
    return v;
  }

  private String where() {
    return source + " line " + lineNumber + ": ";
  }

  /** Explains why the line buf[from, to) is bad (the slow path: errors are rare) and throws. */
  private void fail(byte[] buf, int from, int to) {
    String text = new String(buf, from, to - from, StandardCharsets.UTF_8).strip();
    String[] parts = text.split(",", -1);
    String[] names = format.fields;
    String shown = excerpt(buf, from, to);
    if (parts.length != names.length) {
      throw new UserError(where() + "expected " + names.length + (names.length == 1 ? " field" : " fields")
          + " (" + format.layout() + ") but found " + parts.length + ": \"" + shown + "\"");
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String f = parts[i].strip();
      String name = names[i];
      if (f.isEmpty()) {
        throw new UserError(where() + "missing " + name + ": \"" + shown + "\"");
      }
      if (!f.matches("[+-]?[0-9]+")) {
        throw new UserError(where() + name + " '" + field(f) + "' is not an integer: \"" + shown + "\"");
      }
      if (f.startsWith("-") && !f.matches("-0+")) {
        throw new UserError(where() + name + " " + f + " is negative: \"" + shown + "\"");
      }
      if (f.startsWith("+")) {
        throw new UserError(where() + name + " '" + field(f) + "' is not a plain integer: \"" + shown + "\"");
      }
      long max = name.equals("count") ? Long.MAX_VALUE : Integer.MAX_VALUE;
      try {
        values[i] = Long.parseLong(f.startsWith("-") ? "0" : f);
      } catch (NumberFormatException e) {
        values[i] = -1;
      }
      if (values[i] < 0 || values[i] > max) {
        throw new UserError(where() + name + " " + f + " is too large (at most " + max + "): \"" + shown
            + "\"");
      }
    }
    if (format == InputFormat.TRIALS) {
      if (values[1] > values[0]) {
        throw new UserError(where() + "successes " + values[1] + " exceed trials " + values[0] + ": \""
            + shown + "\"");
      }
    } else if (values[0] > maxOutcome) {
      throw new UserError(where() + "outcome " + values[0] + " exceeds the number of trials n = "
          + maxOutcome + ": \"" + shown + "\"");
    }
    throw new UserError(where() + "cannot parse \"" + shown + "\"");
  }

  /** The line's text for a message: without surrounding blanks, at most 80 characters. */
  private static String excerpt(byte[] buf, int from, int to) {
    String text = new String(buf, from, to - from, StandardCharsets.UTF_8).strip();
    StringBuilder sb = new StringBuilder();
    // Control and bidirectional characters are escaped, so the line's bytes cannot act on a terminal.
    text.codePoints().limit(80).forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        sb.append('\\');
      }
      sb.appendCodePoint(cp);
    });
    String shown = Text.safe(sb.toString());
    return text.codePointCount(0, text.length()) > 80 ? shown + "..." : shown;
  }

  /** A field's text for a message: at most 40 characters, escaped. */
  private static String field(String f) {
    return Text.safe(f.codePointCount(0, f.length()) > 40 ? f.substring(0, f.offsetByCodePoints(0, 40)) + "..." : f);
  }

  private Observations result() {
    if (format == InputFormat.TRIALS) {
      long[] keys = pairs.sortedKeys();
      int[] n = new int[keys.length];
      int[] s = new int[keys.length];
      long[] c = new long[keys.length];
      for (int i = 0; i < keys.length; i++) {
        n[i] = (int) (keys[i] >>> 32);
        s[i] = (int) keys[i];
        c[i] = pairs.get(keys[i]);
      }
      return Observations.ofTrials(source, n, s, c);
    }
    int[] outs = table.outcomes();
    long[] counts = new long[outs.length];
    int b = 0;
    for (int i = 0; i < outs.length; i++) {
      long count = table.count(outs[i]);
      if (count > 0) {
        outs[b] = outs[i];
        counts[b++] = count;
      }
    }
    return Observations.ofOutcomes(format, source, Arrays.copyOf(outs, b), Arrays.copyOf(counts, b));
  }
}
