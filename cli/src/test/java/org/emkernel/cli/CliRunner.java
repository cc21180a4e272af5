package org.emkernel.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the tool in-process with captured streams. */
final class CliRunner {
  private CliRunner() {}

  /** The exit code and captured output of one run. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static Result run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.execute(args, new ByteArrayInputStream(stdin), out, errStream);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The numbers of a JSON array field such as "weight" in document order. */
  static double[] jsonNumbers(String json, String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\"" + key + "\": (-?[0-9.eE+-]+)").matcher(json);
    java.util.List<Double> values = new java.util.ArrayList<>();
    while (m.find()) {
      values.add(Double.parseDouble(m.group(1)));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
