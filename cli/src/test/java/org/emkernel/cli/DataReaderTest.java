package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level reader: dense and sparse outcomes, formats, limits, and exact error positions. */
class DataReaderTest {
  static Observations read(String text, InputFormat format, int max) throws IOException {
    return DataReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.txt", format, max);
  }

  @Test
  void denseAndSparseOutcomesAreCountedTogether() throws IOException {
    Observations o = read("2147483647\n0\n5000000\n3\n5000000\n0\n4194304\n", InputFormat.VALUES,
        Integer.MAX_VALUE);
    assertArrayEquals(new int[] {0, 3, 4194304, 5000000, 2147483647}, o.outcomes);
    assertArrayEquals(new long[] {2, 1, 1, 2, 1}, o.counts);
    assertEquals(7, o.total);
    assertEquals(2147483647, o.maxOutcome());
  }

  @Test
  void countsAreAddedAndZeroCountsDropped() throws IOException {
    Observations o = read("\uFEFF7,3\n1,0\n7,9223372036854775800\n", InputFormat.COUNTS, Integer.MAX_VALUE);
    assertArrayEquals(new int[] {7}, o.outcomes);
    assertArrayEquals(new long[] {9223372036854775803L}, o.counts);
    UserError e = assertThrows(UserError.class,
        () -> read("7,9223372036854775800\n7,8\n", InputFormat.COUNTS, Integer.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("in.txt line 2: the count of outcome 7 overflows"), e.getMessage());
  }

  @Test
  void trialsPairsAreAggregated() throws IOException {
    Observations o = read("10,3\n5,5\n10,3\n# x\n10,0\n", InputFormat.TRIALS, Integer.MAX_VALUE);
    assertArrayEquals(new int[] {5, 10, 10}, o.trials);
    assertArrayEquals(new int[] {5, 0, 3}, o.successes);
    assertArrayEquals(new long[] {1, 1, 2}, o.pairCounts);
    assertEquals(4, o.total);
    UserError e = assertThrows(UserError.class, () -> read("10,3\n4,5\n", InputFormat.TRIALS, Integer.MAX_VALUE));
    assertEquals("in.txt line 2: successes 5 exceed trials 4: \"4,5\"", e.getMessage());
  }

  @Test
  void tooLargeValues() {
    UserError e = assertThrows(UserError.class, () -> read("1\n2147483648\n", InputFormat.VALUES, Integer.MAX_VALUE));
    assertEquals("in.txt line 2: observation 2147483648 is too large (at most 2147483647): \"2147483648\"",
        e.getMessage());
    e = assertThrows(UserError.class, () -> read("1,99999999999999999999\n", InputFormat.COUNTS, Integer.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("in.txt line 1: count 99999999999999999999 is too large"), e.getMessage());
  }

  @Test
  void exactMessages() {
    UserError e = assertThrows(UserError.class, () -> read("1\n\n  -4 \n", InputFormat.VALUES, 10));
    assertEquals("in.txt line 3: observation -4 is negative: \"-4\"", e.getMessage());
    e = assertThrows(UserError.class, () -> read("3,\n", InputFormat.COUNTS, 10));
    assertEquals("in.txt line 1: missing count: \"3,\"", e.getMessage());
    e = assertThrows(UserError.class, () -> read("3\n4\n", InputFormat.VALUES, 3));
    assertEquals("in.txt line 2: outcome 4 exceeds the number of trials n = 3: \"4\"", e.getMessage());
    e = assertThrows(UserError.class, () -> read("3\n12\n", InputFormat.VALUES, 10));
    assertEquals("in.txt line 2: outcome 12 exceeds the number of trials n = 10: \"12\"", e.getMessage());
  }

  /** A stream that hands out its bytes a few at a time, as a slow pipe would. */
  static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  static Observations readBytes(InputStream in, InputFormat format) throws IOException {
    return DataReader.read(in, "in.txt", format, Integer.MAX_VALUE);
  }

  @Test
  void aLineOfExactlyOneMebibyteIsAccepted() throws IOException {
    int mib = 1 << 20;
    for (String newline : new String[] {"\n", "\r\n", ""}) {
      String line = "0".repeat(mib - 1) + "7";
      Observations o = read("3\n" + line + newline, InputFormat.VALUES, Integer.MAX_VALUE);
      assertArrayEquals(new int[] {3, 7}, o.outcomes, newline);
      UserError e = assertThrows(UserError.class,
          () -> read("3\n0" + line + newline, InputFormat.VALUES, Integer.MAX_VALUE));
      assertTrue(e.getMessage().startsWith("in.txt line 2: line longer than 1048576 bytes"), e.getMessage());
    }
    // Binary input without newlines stops at the limit instead of filling memory.
    byte[] junk = new byte[5 << 20];
    java.util.Arrays.fill(junk, (byte) 'x');
    UserError e = assertThrows(UserError.class, () -> readBytes(trickle(junk, 1 << 16), InputFormat.VALUES));
    assertTrue(e.getMessage().startsWith("in.txt line 1: line longer than 1048576 bytes: \"xxxx"), e.getMessage());
  }

  @Test
  void aByteOrderMarkCountsOnlyAtTheStartHoweverTheReadsSplitTheStream() throws IOException {
    byte[] middle = "1\n\uFEFF2\n".getBytes(StandardCharsets.UTF_8);
    byte[] start = "\uFEFF1\n2\n".getBytes(StandardCharsets.UTF_8);
    for (int step : new int[] {1, 2, 3, 5, 1 << 20}) {
      UserError e = assertThrows(UserError.class, () -> readBytes(trickle(middle, step), InputFormat.VALUES));
      assertEquals("in.txt line 2: observation '\\ufeff2' is not an integer: \"\\ufeff2\"", e.getMessage());
      assertArrayEquals(new int[] {1, 2}, readBytes(trickle(start, step), InputFormat.VALUES).outcomes);
    }
    byte[] bomOnly = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertEquals(0, readBytes(trickle(bomOnly, 1), InputFormat.VALUES).total);
    assertEquals(1, readBytes(trickle("7".getBytes(StandardCharsets.UTF_8), 1), InputFormat.VALUES).total);
  }

  @Test
  void plainLinesAndOthersMixedAreCountedAndNumberedAlike() throws IOException {
    // Runs of plain lines (digits and a newline) longer than one call of the reader's quick loop, broken by
    // lines it leaves to the full parser: CRLF, blanks, comments, leading zeros, ten digits, empty lines.
    StringBuilder text = new StringBuilder();
    long[] expected = new long[1000];
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int lines = 0;
    for (int i = 0; i < 3000; i++) {
      int v = random.nextInt(1000);
      int kind = random.nextInt(40);
      String line = kind == 0 ? v + "\r" : kind == 1 ? " " + v : kind == 2 ? v + "\t" : kind == 3 ? "# " + v
          : kind == 4 ? "" : kind == 5 ? "000" + v : kind == 6 ? "000000000" + v : Integer.toString(v);
      text.append(line).append('\n');
      lines++;
      if (kind != 3 && kind != 4) {
        expected[v]++;
      }
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    for (int step : new int[] {1, 7, 4096, 1 << 20}) {
      Observations o = readBytes(trickle(bytes, step), InputFormat.VALUES);
      long total = 0;
      for (int b = 0; b < o.outcomes.length; b++) {
        assertEquals(expected[o.outcomes[b]], o.counts[b], "outcome " + o.outcomes[b] + ", reads of " + step);
        total += o.counts[b];
      }
      assertEquals(java.util.Arrays.stream(expected).sum(), total, "reads of " + step);
      // An outcome above the limit after them is named with its line number.
      byte[] bad = (text + "5\n1000\n").getBytes(StandardCharsets.UTF_8);
      UserError e = assertThrows(UserError.class, () -> DataReader.read(trickle(bad, step), "in.txt",
          InputFormat.VALUES, 999));
      assertEquals("in.txt line " + (lines + 2) + ": outcome 1000 exceeds the number of trials n = 999: \"1000\"",
          e.getMessage());
    }
  }
}
