package org.emkernel.cli;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Option values that are numbers: plain decimal notation only, finite, and -0 read as 0. */
final class Numbers {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  /** A count's text: at most 40 characters and a two-digit exponent, so converting it is cheap. */
  private static final Pattern COUNT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,2})?");

  private Numbers() {}

  /**
   * A finite double in decimal notation (no NaN, Infinity, hexadecimal or type suffix); -0.0 becomes 0.0, so
   * a sign never shows in the output. Throws a picocli conversion error naming the text.
   */
  static double finite(String text) {
    String t = text.strip();
    if (!DECIMAL.matcher(t).matches()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a decimal number");
    }
    double v = Double.parseDouble(t);
    if (Double.isInfinite(v)) {
      throw new CommandLine.TypeConversionException("'" + text + "' is too large for a double");
    }
    return v + 0.0;
  }

  /** A whole number in decimal or exponent notation (1000000, 1e6, 2.5e9), between 0 and Long.MAX_VALUE. */
  static long count(String text) {
    String t = text.strip();
    if (t.length() > 40 || !COUNT.matcher(t).matches()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
    }
    BigDecimal v;
    try {
      v = new BigDecimal(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
    }
    if (v.signum() < 0) {
      throw new CommandLine.TypeConversionException("'" + text + "' is negative");
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new CommandLine.TypeConversionException("'" + text + "' is above " + Long.MAX_VALUE);
    }
    try {
      return v.longValueExact();
    } catch (ArithmeticException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
    }
  }

  /** The --weights, --params, --r and --tolerance converter. */
  static final class Finite implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return finite(value);
    }
  }

  /** The sample -n converter. */
  static final class Count implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return count(value);
    }
  }
}
