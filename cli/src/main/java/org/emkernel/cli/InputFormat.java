package org.emkernel.cli;

import java.util.Locale;

/** Line formats of observation files (one record per line; blank lines and {@code #} comments skipped). */
enum InputFormat {
  /** One integer observation per line. */
  VALUES("values", "observation"),
  /** {@code outcome,count} per line. */
  COUNTS("counts", "outcome", "count"),
  /** {@code trials,successes} per line, for the binomial with varying trials. */
  TRIALS("trials", "trials", "successes");

  final String label;
  final String[] fields;

  InputFormat(String label, String... fields) {
    this.label = label;
    this.fields = fields;
  }

  /** The layout of one line, for example {@code outcome,count}. */
  String layout() {
    return String.join(",", fields);
  }

  @Override
  public String toString() {
    return label;
  }

  /** Parses a format name (case-insensitive). */
  static InputFormat parse(String text) {
    for (InputFormat f : values()) {
      if (f.label.equals(text.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "': expected values, counts or trials");
  }
}
