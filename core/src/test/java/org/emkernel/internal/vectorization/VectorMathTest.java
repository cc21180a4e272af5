package org.emkernel.internal.vectorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own vector exp and log: within 2 ulp of Math's over their whole ranges, exact at the ends,
 * and bit-identical in an interpreter-only JVM (where lanewise(EXP) and lanewise(LOG) are not).
 */
class VectorMathTest {
  static final int V = DoubleVector.SPECIES_PREFERRED.length();

  static double[] expInputs() {
    SplittableRandom rnd = new SplittableRandom(11);
    double[] in = new double[1 << 15];
    for (int i = 0; i < in.length; i++) {
      // Uniform on [−745, 709] and dense near 0, where the reduction matters most.
      in[i] = i % 2 == 0 ? -745 + 1454 * rnd.nextDouble() : (rnd.nextDouble() - 0.5) * Math.pow(10, -rnd.nextInt(17));
    }
    return in;
  }

  static double[] logInputs() {
    SplittableRandom rnd = new SplittableRandom(12);
    double[] in = new double[1 << 15];
    for (int i = 0; i < in.length; i++) {
      // Sums of terms at least 1 (up to e^700), and a spread of small normal values.
      in[i] = i % 3 == 0 ? 1 + rnd.nextDouble() * 1e-9 : i % 3 == 1 ? Math.exp(700 * rnd.nextDouble())
          : Math.exp(-700 * rnd.nextDouble());
    }
    return in;
  }

  static double[] apply(double[] in, boolean exp) {
    double[] out = in.clone();
    for (int i = 0; i < in.length; i += V) {
      if (exp) {
        VectorMath.exp(out, i);
      } else {
        VectorMath.log(out, i);
      }
    }
    return out;
  }

  @Test
  void bulkCallsGiveTheSameBitsAsOneVectorAtATime() {
    double[] expIn = expInputs();
    double[] bulkExp = expIn.clone();
    VectorMath.exp(bulkExp, 0, bulkExp.length);
    assertTrue(java.util.Arrays.equals(apply(expIn, true), bulkExp));
    double[] logIn = logInputs();
    double[] bulkLog = new double[logIn.length + 3 * V];
    VectorMath.log(logIn, 0, bulkLog, 3 * V, logIn.length); // Into another array, at an offset.
    assertTrue(java.util.Arrays.equals(apply(logIn, false), java.util.Arrays.copyOfRange(bulkLog, 3 * V, bulkLog.length)));
  }

  @Test
  void vectorLogIsTheDeterministicLogLaneByLane() {
    double[] in = logInputs();
    double[] out = apply(in, false);
    for (int i = 0; i < in.length; i++) {
      assertEquals(org.emkernel.internal.DeterministicLog.logNormal(in[i]), out[i], "log(" + in[i] + ")");
    }
  }

  @Test
  void vectorExpIsTheDeterministicExpLaneByLane() {
    double[] random = expInputs();
    // Also the clamps, subnormal and infinite results, and every boundary of the reduction's rounding.
    double[] ends = {Double.NEGATIVE_INFINITY, -1000, -746, -745.5, -745.1, -744, -708.5, -0.5 * Math.log(2),
        0.5 * Math.log(2), -0.0, 0, 1e-300, 709.7, 709.9, 710, 1000, Double.POSITIVE_INFINITY};
    double[] in = java.util.Arrays.copyOf(random, random.length + (ends.length + V - 1) / V * V);
    System.arraycopy(ends, 0, in, random.length, ends.length);
    double[] out = apply(in, true);
    for (int i = 0; i < in.length; i++) {
      double expected = org.emkernel.internal.DeterministicExp.exp(in[i]);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[i]),
          "exp(" + in[i] + "): " + expected + " vs " + out[i]);
    }
  }

  static double ulps(double expected, double actual) {
    return Math.abs(expected - actual) / Math.ulp(expected);
  }

  @Test
  void expWithinTwoUlp() {
    double[] in = expInputs();
    double[] out = apply(in, true);
    double worst = 0;
    for (int i = 0; i < in.length; i++) {
      double expected = Math.exp(in[i]);
      if (expected < Double.MIN_NORMAL) {
        // Subnormal results: within an absolute 2 ulp of the smallest normal's spacing.
        assertEquals(expected, out[i], 2 * Double.MIN_VALUE, "exp(" + in[i] + ")");
        continue;
      }
      worst = Math.max(worst, ulps(expected, out[i]));
      assertTrue(ulps(expected, out[i]) <= 2, "exp(" + in[i] + ") = " + out[i] + ", Math: " + expected);
    }
    assertTrue(worst > 0, "compared real values"); // Not every value is correctly rounded: this compared.
  }

  @Test
  void expEnds() {
    double[] in = new double[V];
    double[] cases = {Double.NEGATIVE_INFINITY, -1000, -746, 0, 709.7, 710, 1000, Double.POSITIVE_INFINITY};
    for (int c = 0; c < cases.length; c += V) {
      for (int i = 0; i < V; i++) {
        in[i] = cases[Math.min(c + i, cases.length - 1)];
      }
      double[] out = apply(in, true);
      for (int i = 0; i < V; i++) {
        double expected = Math.exp(in[i]);
        if (expected == 0 || expected == 1 || Double.isInfinite(expected)) {
          assertEquals(expected, out[i], "exp(" + in[i] + ")");
        } else {
          assertTrue(ulps(expected, out[i]) <= 2, "exp(" + in[i] + ")");
        }
      }
    }
  }

  @Test
  void logWithinTwoUlp() {
    double[] in = logInputs();
    double[] out = apply(in, false);
    for (int i = 0; i < in.length; i++) {
      double expected = Math.log(in[i]);
      if (expected == 0) {
        assertEquals(0.0, out[i], "log(" + in[i] + ")");
      } else {
        assertTrue(ulps(expected, out[i]) <= 2, "log(" + in[i] + ") = " + out[i] + ", Math: " + expected);
      }
    }
  }

  /** Prints the bits of exp and log over the inputs: the same in this JVM and in a fresh -Xint one. */
  public static void main(String[] args) {
    System.out.print(fingerprint());
  }

  static String fingerprint() {
    StringBuilder out = new StringBuilder();
    long h = 1;
    for (double v : apply(expInputs(), true)) {
      h = 31 * h + Double.doubleToRawLongBits(v);
    }
    out.append(h).append('\n');
    h = 1;
    for (double v : apply(logInputs(), false)) {
      h = 31 * h + Double.doubleToRawLongBits(v);
    }
    return out.append(h).append('\n').toString();
  }

  @Test
  void interpretedAndCompiledAgreeBitForBit() throws IOException, InterruptedException {
    for (int warm = 0; warm < 200; warm++) {
      fingerprint(); // Compiled by now.
    }
    String here = fingerprint();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xint", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), VectorMathTest.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(here, there);
  }
}
