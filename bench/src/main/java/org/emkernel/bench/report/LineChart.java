package org.emkernel.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** A log-log line chart written as a standalone SVG document; x ticks at the data's x values. */
final class LineChart {
  /** One line: a name for the legend, a colour, a dash pattern (empty for solid) and its points. */
  static final class Series {
    final String name;
    final String color;
    final String dash;
    final List<double[]> points = new ArrayList<>();

    Series(String name, String color, String dash) {
      this.name = name;
      this.color = color;
      this.dash = dash;
    }

    Series add(double x, double y) {
      if (x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y)) {
        points.add(new double[] {x, y});
      }
      return this;
    }
  }

  /** Colours for up to eight series groups. */
  static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

  private static final int WIDTH = 760;
  private static final int HEIGHT = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 250;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private java.util.function.DoubleFunction<String> yFormat = LineChart::si;

  LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Formats the y tick labels (default: SI suffixes). */
  LineChart yFormat(java.util.function.DoubleFunction<String> format) {
    this.yFormat = format;
    return this;
  }

  Series series(String name, String color, String dash) {
    Series s = new Series(name, color, dash);
    series.add(s);
    return s;
  }

  boolean isEmpty() {
    return series.stream().allMatch(s -> s.points.isEmpty());
  }

  /** The SVG document. */
  String svg() {
    TreeSet<Double> xs = new TreeSet<>();
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double[] p : s.points) {
        xs.add(p[0]);
        yMin = Math.min(yMin, p[1]);
        yMax = Math.max(yMax, p[1]);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
    sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    if (xs.isEmpty()) {
      sb.append("<text x=\"80\" y=\"200\">no data</text>\n</svg>\n");
      return sb.toString();
    }
    double x0 = Math.log10(xs.first());
    double x1 = Math.log10(xs.last());
    if (x1 - x0 < 1e-9) {
      x0 -= 0.5;
      x1 += 0.5;
    }
    double y0 = Math.floor(Math.log10(yMin) * 4) / 4;
    double y1 = Math.ceil(Math.log10(yMax) * 4) / 4;
    if (y1 - y0 < 0.5) {
      y0 -= 0.25;
      y1 += 0.25;
    }
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    final double fx0 = x0;
    final double fx1 = x1;
    final double fy0 = y0;
    final double fy1 = y1;
    java.util.function.DoubleUnaryOperator px = v -> LEFT + (Math.log10(v) - fx0) / (fx1 - fx0) * plotW;
    java.util.function.DoubleUnaryOperator py = v -> TOP + plotH - (Math.log10(v) - fy0) / (fy1 - fy0) * plotH;
    // Axes box.
    sb.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>%n",
        LEFT, TOP, plotW, plotH));
    // X ticks at the data's x values.
    for (double x : xs) {
      double p = px.applyAsDouble(x);
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", p, TOP, p, TOP + plotH));
      sb.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", p, TOP + plotH + 16, si(x)));
    }
    // Y ticks at 1, 2, 5 × powers of ten (only powers of ten when the range spans many decades).
    boolean fine = y1 - y0 <= 3;
    for (int e = (int) Math.floor(y0); e <= (int) Math.ceil(y1); e++) {
      for (int m : fine ? new int[] {1, 2, 5} : new int[] {1}) {
        double v = m * Math.pow(10, e);
        double lv = Math.log10(v);
        if (lv < y0 - 1e-9 || lv > y1 + 1e-9) {
          continue;
        }
        double p = py.applyAsDouble(v);
        sb.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, p, LEFT + plotW, p));
        sb.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, p + 4, escape(yFormat.apply(v))));
      }
    }
    sb.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, HEIGHT - 18, escape(xLabel)));
    sb.append(String.format(Locale.ROOT,
        "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
        TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
    // Lines, points and legend.
    int row = 0;
    for (Series s : series) {
      if (s.points.isEmpty()) {
        continue;
      }
      s.points.sort((a, b) -> Double.compare(a[0], b[0]));
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points) {
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
            px.applyAsDouble(p[0]), py.applyAsDouble(p[1])));
      }
      String dash = s.dash.isEmpty() ? "" : " stroke-dasharray=\"" + s.dash + "\"";
      sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
          path, s.color, dash));
      for (double[] p : s.points) {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
            px.applyAsDouble(p[0]), py.applyAsDouble(p[1]), s.color));
      }
      double ly = TOP + 8 + row * 18;
      double lx = LEFT + plotW + 14;
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
          lx, ly, lx + 28, ly, s.color, dash));
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 34, ly + 4, escape(s.name)));
      row++;
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  /** A duration in ns as a short label: 20 ns, 1.5 µs, 10 ms, 2 s. */
  static String duration(double ns) {
    String[] unit = {"ns", "µs", "ms", "s"};
    int i = 0;
    double a = ns;
    while (a >= 1000 && i < unit.length - 1) {
      a /= 1000;
      i++;
    }
    String num = String.format(Locale.ROOT, "%.3g", a);
    if (num.contains(".") && !num.contains("e")) {
      num = num.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return num + " " + unit[i];
  }

  /** 1500 → 1.5k, 2e9 → 2G; plain below 1000. */
  static String si(double v) {
    String[] suffix = {"", "k", "M", "G", "T", "P"};
    int i = 0;
    double a = v;
    while (Math.abs(a) >= 1000 && i < suffix.length - 1) {
      a /= 1000;
      i++;
    }
    if (Math.abs(a) < 1 && a != 0) {
      return String.format(Locale.ROOT, "%.3g", a).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    String num = String.format(Locale.ROOT, "%.3g", a);
    if (num.contains(".") && !num.contains("e")) {
      num = num.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return num + suffix[i];
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
