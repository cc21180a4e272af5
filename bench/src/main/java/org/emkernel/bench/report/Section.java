package org.emkernel.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One section of a run's page: the markdown (and charts) for one benchmark or theme, written only when measured. */
abstract class Section {
  final Run run;
  final StringBuilder md;
  /** Where charts go, or null for a page without charts (older runs). */
  final Path charts;

  Section(RunPage page) {
    this.run = page.run;
    this.md = page.md;
    this.charts = page.charts;
  }

  abstract void write() throws IOException;

  /** Writes the chart as charts/&lt;run&gt;_&lt;slug&gt;.svg and links it, with its legend. */
  void chart(LineChart chart, String slug, String legend) throws IOException {
    if (chart.isEmpty() || charts == null) {
      return;
    }
    Files.createDirectories(charts);
    String file = chartFile(run, slug);
    Files.writeString(charts.resolve(file), chart.svg(), StandardCharsets.UTF_8);
    md.append("![").append(slug).append("](").append(page(charts)).append(file).append(")\n\n").append(legend)
        .append("\n\n");
  }

  /** The link prefix of the charts directory as seen from the page. */
  private static String page(Path charts) {
    return charts.getFileName() + "/";
  }

  static String chartFile(Run run, String slug) {
    return run.name + "_" + slug + ".svg";
  }
}
