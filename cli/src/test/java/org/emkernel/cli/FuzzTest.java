package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded random-input tests of the input reader and the option parser (issue 22, must-have 9). Each run mutates
 * the kept corpus in {@code src/test/resources/fuzz} with a fixed seed and a fixed number of cases, so it is
 * bounded and repeatable; {@code -Demkernel.fuzz.cases=N} and {@code -Demkernel.fuzz.seed=S} run longer or
 * elsewhere. A failing case is printed escaped, to be added to the corpus.
 */
class FuzzTest {
  static final int CASES = Integer.getInteger("emkernel.fuzz.cases", 1500);
  static final long SEED = Long.getLong("emkernel.fuzz.seed", 22);
  static final Path CORPUS = corpus();

  /** The kept corpus, src/test/resources/fuzz, as copied to the test classes. */
  static Path corpus() {
    try {
      return Path.of(FuzzTest.class.getResource("/fuzz/options.txt").toURI()).getParent();
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the fuzz corpus is not on the class path", e);
    }
  }

  static List<byte[]> readerCorpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve("reader"))) {
      List<byte[]> out = new ArrayList<>();
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        out.add(Files.readAllBytes(p));
      }
      assertTrue(out.size() >= 10, "the reader corpus is missing: " + CORPUS.toAbsolutePath());
      return out;
    }
  }

  /** Bytes that matter to the reader, for insertion. */
  static final byte[] INTERESTING = {'\n', '\r', ',', '-', '+', '#', ' ', '\t', 0, (byte) 0xEF, (byte) 0xBB,
      (byte) 0xBF, (byte) 0xFF, (byte) 0xFE, 0x1b, 0x7f, (byte) 0x80, '0', '1', '9', '.', 'e', '"', '\\'};
  static final String[] TOKENS = {"2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
      "99999999999999999999", "-0", "00000000000000000000000012", "\u202e", "\u001b[31m", "\uFEFF", "1,0",
      "0,0", "10,11", "4294967296,1", ",", ",,", "\r\n", "#"};

  static byte[] mutate(byte[] in, List<byte[]> corpus, SplittableRandom r) {
    byte[] b = in;
    int rounds = 1 + r.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      switch (r.nextInt(7)) {
        case 0: // flip a byte
          if (b.length > 0) {
            b = b.clone();
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
          }
          break;
        case 1: // insert an interesting byte
          b = splice(b, at, at, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
          break;
        case 2: // insert a token
          b = splice(b, at, at, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
          break;
        case 3: // delete a range
          b = splice(b, at, Math.min(b.length, at + r.nextInt(8)), new byte[0]);
          break;
        case 4: // duplicate a range
          int end = Math.min(b.length, at + r.nextInt(16));
          b = splice(b, at, at, java.util.Arrays.copyOfRange(b, at, end));
          break;
        case 5: // splice in part of another entry
          byte[] other = corpus.get(r.nextInt(corpus.size()));
          int from = other.length == 0 ? 0 : r.nextInt(other.length);
          b = splice(b, at, at, java.util.Arrays.copyOfRange(other, from, Math.min(other.length, from + 40)));
          break;
        default: // a random byte
          b = splice(b, at, at, new byte[] {(byte) r.nextInt(256)});
      }
    }
    return b;
  }

  static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  static String show(byte[] b) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte x : b) {
      int c = x & 0xff;
      sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c)
          : String.format("\\x%02x", c));
    }
    return sb.append('"').toString();
  }

  // ---- the reader against a reference parser written with regular expressions over the bytes as Latin-1

  static final Pattern BLANKS = Pattern.compile("[ \t\r]*");
  static final Pattern VALUE = Pattern.compile("[ \t\r]*([0-9]+)[ \t\r]*");
  static final Pattern PAIR = Pattern.compile("[ \t\r]*([0-9]+)[ \t\r]*,[ \t\r]*([0-9]+)[ \t\r]*");
  static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The reference's reading: outcome (or trials << 32 | successes) to count, or the first bad line's number. */
  static Object reference(byte[] bytes, InputFormat format, int maxOutcome) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (text.startsWith("\u00ef\u00bb\u00bf")) {
      text = text.substring(3);
    } else if (text.startsWith("\u00ff\u00fe") || text.startsWith("\u00fe\u00ff")) {
      return 1L;
    }
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    TreeMap<Long, BigInteger> table = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      long number = i + 1;
      if (BLANKS.matcher(line).matches() || line.replaceFirst("^[ \t\r]*", "").startsWith("#")) {
        continue;
      }
      Matcher m = (format == InputFormat.VALUES ? VALUE : PAIR).matcher(line);
      if (!m.matches()) {
        return number;
      }
      BigInteger a = new BigInteger(m.group(1));
      long key;
      BigInteger c = BigInteger.ONE;
      if (format == InputFormat.TRIALS) {
        BigInteger s = new BigInteger(m.group(2));
        if (a.compareTo(INT_MAX) > 0 || s.compareTo(a) > 0) {
          return number;
        }
        key = (a.longValue() << 32) | s.longValue();
      } else {
        if (a.compareTo(BigInteger.valueOf(maxOutcome)) > 0) {
          return number;
        }
        key = a.longValue();
        if (format == InputFormat.COUNTS) {
          c = new BigInteger(m.group(2));
        }
      }
      BigInteger sum = table.getOrDefault(key, BigInteger.ZERO).add(c);
      if (sum.compareTo(LONG_MAX) > 0) {
        return number;
      }
      table.put(key, sum);
    }
    table.values().removeIf(v -> v.signum() == 0);
    return table;
  }

  static void checkReader(byte[] input, InputFormat format, int maxOutcome, int step) {
    Object expected = reference(input, format, maxOutcome);
    Observations o;
    try {
      o = DataReader.read(DataReaderTest.trickle(input, step), "in.txt", format, maxOutcome);
    } catch (UserError e) {
      String m = e.getMessage();
      assertTrue(!m.isEmpty() && m.codePoints().noneMatch(Text::unsafe), "unsafe message " + m);
      if (expected instanceof Long) {
        if (m.startsWith("in.txt: the number of observations exceeds")) {
          return;
        }
        assertTrue(m.startsWith("in.txt line " + expected + ": "), "expected line " + expected + ": " + m);
        return;
      }
      if (m.startsWith("in.txt: the number of observations exceeds")) {
        return; // the total over all outcomes overflows, which the reference does not add up
      }
      fail("refused valid input: " + m);
      return;
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("not a user error: " + e, e);
    }
    assertTrue(expected instanceof Map, "accepted input refused at line " + expected);
    @SuppressWarnings("unchecked")
    Map<Long, BigInteger> table = (Map<Long, BigInteger>) expected;
    int k = 0;
    for (Map.Entry<Long, BigInteger> e : table.entrySet()) {
      if (format == InputFormat.TRIALS) {
        assertEquals(e.getKey() >>> 32, o.trials[k]);
        assertEquals((int) (long) e.getKey(), o.successes[k]);
        assertEquals(e.getValue().longValueExact(), o.pairCounts[k]);
      } else {
        assertEquals((long) e.getKey(), o.outcomes[k]);
        assertEquals(e.getValue().longValueExact(), o.counts[k]);
      }
      k++;
    }
    assertEquals(k, format == InputFormat.TRIALS ? o.trials.length : o.outcomes.length);
  }

  @Test
  void theReaderAgreesWithAReferenceParserOnMutatedInput() throws IOException {
    List<byte[]> corpus = readerCorpus();
    SplittableRandom r = new SplittableRandom(SEED);
    for (byte[] entry : corpus) {
      for (InputFormat f : InputFormat.values()) {
        run(entry, f, Integer.MAX_VALUE, 1 << 20);
        run(entry, f, 10, 1);
      }
    }
    for (int i = 0; i < CASES; i++) {
      byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), corpus, r);
      InputFormat f = InputFormat.values()[r.nextInt(3)];
      run(input, f, r.nextBoolean() ? Integer.MAX_VALUE : 1 + r.nextInt(20), 1 + r.nextInt(r.nextBoolean() ? 4 : 1 << 16));
    }
  }

  static void run(byte[] input, InputFormat f, int max, int step) {
    try {
      checkReader(input, f, max, step);
    } catch (AssertionError e) {
      throw new AssertionError("format " + f + ", max " + max + ", read step " + step + ", input " + show(input)
          + ": " + e.getMessage(), e);
    }
  }

  // ---- the option parser: random argument vectors from a pool of options and values

  static final String[] COMMANDS = {"fit", "fit", "fit", "sample", "sample", "demo", "", "--help", "--version",
      "bogus"};
  static final String[] OPTIONS = {"--trials", "--family", "--r", "-k", "--components", "--weights", "--params",
      "--restarts", "--seed", "--max-iterations", "--tolerance", "--accelerate", "--select-k", "--criterion",
      "--json", "--format", "-n", "--debug", "--help", "-h", "-V", "--bogus", "-", "--", "-k=2", "--trials=10"};
  static final String[] VALUES = {"", "-", "0", "1", "2", "3", "10", "-1", "-0.0", "1e308", "1e-320", "NaN",
      "Infinity", "-Infinity", "0x1p-2", "1.5", "1e2", "1e19", "2147483647", "2147483648", "abc", "0.5,0.5",
      "0.5,,0.5", "0.3,0.7", "0.2,0.7", "1,0", "0.1,0.2,0.7", "1..3", "3..1", "0..2", "1..2147483647", "1..",
      "binomial", "POISSON", "geometric", "negbin", "gauss", "bic", "aic", "icl", "values", "counts", "trials",
      "xml", "\u001b[31m", "\u202eevil", "a\u0000b", "\uFEFF1", "1025", "1001", ",", " 2 "};
  /** Values of the options that set the amount of work, kept small so that every case is quick. */
  static final Map<String, String[]> BOUNDED = Map.of(
      "-n", new String[] {"0", "1", "5", "1e2", "-1", "1.5", "abc", "1e19", "", "NaN"},
      "--max-iterations", new String[] {"0", "1", "2", "20", "-1", "abc", ""},
      "--restarts", new String[] {"0", "1", "2", "1001", "-1", "abc"},
      "-k", new String[] {"0", "1", "2", "3", "1025", "-1", "abc", ""},
      "--components", new String[] {"0", "1", "2", "3", "1025", "-1", "abc", ""},
      "--select-k", new String[] {"1..3", "3..1", "0..2", "1..", "1..2000", "2", "abc"});
  static final String[] STDIN = {FitCommandTest.CHAPTER, "1,3\n2,5\n7,1\n", "10,3\n5,5\n", "", "x\n", "\u001b[2J\n"};

  @Test
  void everyArgumentVectorEndsInSuccessOrOneSafeLine() throws IOException {
    List<String[]> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("options.txt"), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        corpus.add(unescape(line).split("\t", -1));
      }
    }
    assertTrue(corpus.size() >= 10, "the options corpus is missing");
    SplittableRandom r = new SplittableRandom(SEED + 1);
    for (String[] args : corpus) {
      checkArgs(args, STDIN[0]);
    }
    for (int i = 0; i < CASES / 3; i++) {
      List<String> args = new ArrayList<>();
      String command = COMMANDS[r.nextInt(COMMANDS.length)];
      if (!command.isEmpty()) {
        args.add(command);
      }
      int n = r.nextInt(9);
      for (int j = 0; j < n; j++) {
        String option = OPTIONS[r.nextInt(OPTIONS.length)];
        args.add(option);
        String[] bounded = BOUNDED.get(option);
        if (bounded != null) {
          args.add(bounded[r.nextInt(bounded.length)]);
        } else if (r.nextInt(5) > 0) {
          args.add(VALUES[r.nextInt(VALUES.length)]);
        }
      }
      checkArgs(args.toArray(new String[0]), STDIN[r.nextInt(STDIN.length)]);
    }
  }

  /** Undoes \t, \n, \\ and \\uXXXX escapes in a corpus line (tabs separate the arguments). */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        if (d == 'u') {
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        } else {
          sb.append(d == 'n' ? '\n' : d);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static void checkArgs(String[] args, String stdin) {
    // Bound the work of a case: no long fits, no large samples.
    List<String> all = new ArrayList<>(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    String what = "args " + show(String.join("\u241f", all).getBytes(StandardCharsets.UTF_8)) + ", stdin "
        + show(stdin.getBytes(StandardCharsets.UTF_8)) + ": exit " + code + ", stderr " + e;
    assertTrue(code == 0 || code == Main.EXIT_USAGE, what);
    assertTrue(!e.contains("\tat ") && !e.contains("Exception"), what);
    if (code == Main.EXIT_USAGE) {
      assertEquals(0, out.size(), what);
      assertEquals(1, e.lines().count(), what);
      assertTrue(e.startsWith("emkernel: ") && e.endsWith("\n"), what);
      assertTrue(e.substring(0, e.length() - 1).codePoints().noneMatch(Text::unsafe), what);
    } else {
      assertTrue(e.lines().allMatch(l -> l.startsWith("emkernel: ")), what);
    }
  }
}
