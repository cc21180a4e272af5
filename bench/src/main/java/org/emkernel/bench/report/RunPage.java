package org.emkernel.bench.report;

import java.io.IOException;
import java.util.List;

/** The full page of one run: machine, targets, then every section the run measured. */
final class RunPage {
  final Run run;
  final StringBuilder md = new StringBuilder();
  final java.nio.file.Path charts;

  /** A page for run; charts go to the given directory, or nowhere when it is null. */
  RunPage(Run run, java.nio.file.Path charts) {
    this.run = run;
    this.charts = charts;
  }

  /** The sections in the order they are printed: one entry per section class. */
  List<Section> sections() {
    return List.of(KernelSection.eStep(this), KernelSection.iteration(this), new FloorSection(this),
        new ThreadsSection(this), new ScalingSection(this), new MStepSection(this), new FamilySection(this),
        new GenotypeSection(this), new ExpSection(this), new BuildSection(this), new RawSection(this),
        new AllocationSection(this), new FreshSection(this));
  }

  /** Writes the page's markdown, charts included, and returns it. */
  String write(String heading) throws IOException {
    md.append(heading).append(' ').append(run.name).append("\n\n");
    new MachineSection(this).write();
    md.append("### Targets\n\n");
    Targets.table(run, md);
    for (Section s : sections()) {
      s.write();
    }
    return md.toString();
  }
}
