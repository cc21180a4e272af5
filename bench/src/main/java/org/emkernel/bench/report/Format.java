package org.emkernel.bench.report;

import java.util.Locale;

/** How the report prints times, rates, ratios and byte counts. */
final class Format {
  private Format() {}

  /** Whether a row ran its E-step on one thread (rows without the parameter did). */
  static boolean oneThread(Run.Row r) {
    return "1".equals(r.params.getOrDefault("threads", "1"));
  }

  static String str(int v) {
    return Integer.toString(v);
  }

  static String time(Run.Row r) {
    if (r == null) {
      return "–";
    }
    String t = timeNs(r.ns);
    if (Double.isFinite(r.errorNs) && r.errorNs > 0) {
      t += " ± " + String.format(Locale.ROOT, "%.0f%%", 100 * r.errorNs / r.ns);
    }
    return t;
  }

  static String timeNs(double ns) {
    if (ns < 1e3) {
      return String.format(Locale.ROOT, "%.1f ns", ns);
    }
    if (ns < 1e6) {
      return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    }
    if (ns < 1e9) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
  }

  static String rate(double units, double ns) {
    return LineChart.si(units / ns * 1e9);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, r >= 100 ? "%.0f×" : "%.2f×", r);
  }

  static String fixed(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  static String bytes(Run.Row r) {
    if (r == null || Double.isNaN(r.allocPerOp)) {
      return "–";
    }
    return fixed(r.allocPerOp);
  }

  /**
   * The measured figure beside a goal, with as many decimals (two at least) as it takes for the printed figure to
   * fall on the same side of the goal as the unrounded one: 1.7996 against ≥ 1.80 prints 1.7996, never 1.80.
   */
  static String agreeing(double value, double goal, boolean atLeast) {
    boolean pass = atLeast ? value >= goal : value <= goal;
    for (int digits = value >= 100 ? 0 : 2; digits < 17; digits++) {
      String shown = String.format(Locale.ROOT, "%." + digits + "f", value);
      double printed = Double.parseDouble(shown);
      if ((atLeast ? printed >= goal : printed <= goal) == pass) {
        return shown;
      }
    }
    return Double.toString(value);
  }
}
