package org.emkernel.cli;

import picocli.CommandLine;

/** An inclusive range of component counts, written {@code MIN..MAX}. */
final class KRange {
  final int min;
  final int max;

  KRange(int min, int max) {
    this.min = min;
    this.max = max;
  }

  /** Parses {@code MIN..MAX} with 1 &lt;= MIN &lt;= MAX. */
  static final class Converter implements CommandLine.ITypeConverter<KRange> {
    @Override
    public KRange convert(String value) {
      int dots = value.indexOf("..");
      try {
        if (dots < 0) {
          throw new NumberFormatException();
        }
        int min = Integer.parseInt(value.substring(0, dots).strip());
        int max = Integer.parseInt(value.substring(dots + 2).strip());
        if (min < 1 || max < min) {
          throw new CommandLine.TypeConversionException(
              "'" + value + "' is not a range MIN..MAX with 1 <= MIN <= MAX");
        }
        return new KRange(min, max);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a range MIN..MAX, e.g. 1..5");
      }
    }
  }
}
