package org.emkernel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.emkernel.SelectionResult;
import org.emkernel.TrialsHistogram;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code fit [FILE]}: reads observations and fits a mixture by EM. Its options are described in {@link #spec()},
 * not by annotations: a fresh JVM then neither parses annotations nor makes their proxy classes, which was most of
 * picocli's start-up.
 */
final class FitCommand implements Callable<Integer> {
  /** Most components the tool fits: seeded initialisation costs O(K^2), and more is no mixture to read. */
  static final int MAX_COMPONENTS = 1024;
  /** Most seeded restarts: each is a whole fit. */
  static final int MAX_RESTARTS = 1000;
  private final Io io;
  /** The model {@link #spec()} built; the options' values are read from it when the command runs. */
  private CommandSpec spec;

  // The options' values, read from the spec in call().
  String file;
  InputFormat format;
  FamilyName family;
  Integer trials;
  Double r;
  Integer components;
  double[] weights;
  double[] params;
  Integer restarts;
  Long seed;
  Integer maxIterations;
  Double tolerance;
  boolean accelerate;
  KRange selectK;
  Criterion criterion;
  boolean json;

  /** This command's model: its positional file, its options in the order the help lists them, -h and -V. */
  CommandSpec spec() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(this);
    s.name("fit");
    s.usageMessage().sortOptions(false).description(
        "Reads observations from FILE (standard input when absent or -) and fits a mixture by EM.",
        "Blank lines and lines starting with # are skipped.");
    s.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("FILE").type(String.class)
        .description("Input file; - or absent: stdin.").build());
    s.addOption(Main.option("--format", "FORMAT", InputFormat.class, "values (one observation per line, default), counts "
        + "(outcome,count) or trials (trials,successes: binomial with varying trials).").defaultValue("values")
        .converters(new FormatConverter()).build());
    s.addOption(Main.option("--family", "FAMILY", FamilyName.class, "binomial (default), poisson, geometric or negbin.")
        .defaultValue("binomial").converters(new FamilyName.Converter()).build());
    s.addOption(Main.option("--trials", "N", Integer.class, "Trials per observation of the binomial.").build());
    s.addOption(Main.option("--r", "R", Double.class, "Known r of the negative binomial.")
        .converters(new Numbers.Finite()).build());
    s.addOption(OptionSpec.builder("-k", "--components").paramLabel("K").type(Integer.class)
        .description("Number of components, 1 to " + MAX_COMPONENTS + ".").build());
    s.addOption(Main.option("--weights", "W", double[].class, "Initial weights w1,w2,...").splitRegex(",")
        .converters(new Numbers.Finite()).build());
    s.addOption(Main.option("--params", "P", double[].class, "Initial parameters p1,p2,...").splitRegex(",")
        .converters(new Numbers.Finite()).build());
    s.addOption(Main.option("--restarts", "R", Integer.class,
        "Seeded restarts, 1 to " + MAX_RESTARTS + " (best log-likelihood wins).").build());
    s.addOption(Main.option("--seed", "SEED", Long.class,
        "Seed of the seeded initialisation (default: the core's fixed seed).").build());
    s.addOption(Main.option("--max-iterations", "N", Integer.class, "Iteration limit (default 1000).").build());
    s.addOption(Main.option("--tolerance", "TOL", Double.class,
        "Relative log-likelihood tolerance, 0 <= TOL < 1 (default 1e-10).").converters(new Numbers.Finite()).build());
    s.addOption(OptionSpec.builder("--accelerate").type(boolean.class).description("SQUAREM-accelerated EM.").build());
    s.addOption(Main.option("--select-k", "MIN..MAX", KRange.class,
        "Fit every K in the range and report the best by --criterion.").converters(new KRange.Converter()).build());
    s.addOption(Main.option("--criterion", "C", Criterion.class, "Model-selection criterion: bic (default), aic or icl.")
        .defaultValue("bic").converters(new CriterionConverter()).build());
    s.addOption(OptionSpec.builder("--json").type(boolean.class)
        .description("Print one JSON object instead of the table.").build());
    Main.standardHelpOptions(s);
    this.spec = s;
    return s;
  }

  /** The options' values as the command line (or their defaults) gave them. */
  private void read() {
    file = spec.positionalParameters().get(0).getValue();
    format = spec.findOption("--format").getValue();
    family = spec.findOption("--family").getValue();
    trials = spec.findOption("--trials").getValue();
    r = spec.findOption("--r").getValue();
    components = spec.findOption("--components").getValue();
    weights = spec.findOption("--weights").getValue();
    params = spec.findOption("--params").getValue();
    restarts = spec.findOption("--restarts").getValue();
    seed = spec.findOption("--seed").getValue();
    maxIterations = spec.findOption("--max-iterations").getValue();
    tolerance = spec.findOption("--tolerance").getValue();
    accelerate = flag("--accelerate");
    selectK = spec.findOption("--select-k").getValue();
    criterion = spec.findOption("--criterion").getValue();
    json = flag("--json");
  }

  /** A flag's value: false unless given. */
  private boolean flag(String name) {
    Boolean value = spec.findOption(name).getValue();
    return value != null && value;
  }

  FitCommand(Io io) {
    this.io = io;
  }

  /** Model-selection criteria. */
  enum Criterion {
    BIC(org.emkernel.Criterion.BIC), AIC(org.emkernel.Criterion.AIC), ICL(org.emkernel.Criterion.ICL);

    final org.emkernel.Criterion core;

    Criterion(org.emkernel.Criterion core) {
      this.core = core;
    }

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public Integer call() throws IOException {
    read();
    Family fam = family.family(trials, r, format);
    MixtureModel initial = initialModel(fam);
    EmFitter.Builder builder = fitterBuilder();
    int maxOutcome = format != InputFormat.TRIALS && trials != null ? trials : Integer.MAX_VALUE;
    Observations data = Inputs.read(io, file, format, maxOutcome);
    if (data.total == 0) {
      throw new UserError(data.source + ": no observations to fit");
    }
    // Progress after the first second of the whole command, however many starts or K it runs.
    long t0 = System.nanoTime();
    Progress progress = Progress.forTool(io.err, "");
    builder.listener((iteration, logLik, nanos) -> progress.onIteration(iteration, logLik, System.nanoTime() - t0));
    // Built only now: choosing the kernel may log the fallback warning, which a usage error should not show.
    EmFitter fitter = builder.build();
    FitResult fit;
    SelectionResult selection = null;
    if (format == InputFormat.TRIALS) {
      TrialsHistogram h = TrialsHistogram.ofCounts(data.trials, data.successes, data.pairCounts);
      if (initial != null) {
        fit = fitter.fit(h, initial);
      } else if (selectK != null) {
        selection = fitter.selectComponents(h, fam, selectK.min, selectK.max, criterion.core);
        fit = selection.best();
      } else {
        fit = fitter.fit(h, fam, components);
      }
    } else {
      Histogram h = data.histogram();
      if (initial != null) {
        fit = fitter.fit(h, initial);
      } else if (selectK != null) {
        selection = fitter.selectComponents(h, fam, selectK.min, selectK.max, criterion.core);
        fit = selection.best();
      } else {
        fit = fitter.fit(h, fam, components);
      }
    }
    Report report = new Report(fit.model(), fit.logLikelihood(), fit.aic(), fit.bic(), fit.icl(),
        fit.iterations(), fit.eSteps(), fit.converged(), fit.observations(), fitter.kernelName());
    if (selection != null) {
      report.criterion = criterion.toString();
      report.candidateK = new int[selection.fits().size()];
      for (int i = 0; i < report.candidateK.length; i++) {
        report.candidateK[i] = selection.fits().get(i).model().components();
      }
      report.candidateScore = selection.values();
    }
    String text = json ? report.json() : report.text();
    io.out.write(text.getBytes(StandardCharsets.UTF_8));
    io.out.flush();
    return 0;
  }

  private EmFitter.Builder fitterBuilder() {
    EmFitter.Builder b = EmFitter.builder();
    if (maxIterations != null) {
      b.maxIterations(maxIterations);
    }
    if (tolerance != null) {
      if (!(tolerance >= 0 && tolerance < 1)) {
        throw new UserError("--tolerance " + tolerance + " must be at least 0 and below 1: it is the relative "
            + "change of the log-likelihood at which the fit stops");
      }
      b.tolerance(tolerance);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (restarts != null) {
      b.restarts(restarts);
    }
    return b.accelerate(accelerate);
  }

  /** The explicit initial model, or null for seeded initialisation (after checking the options agree). */
  private MixtureModel initialModel(Family fam) {
    if ((weights == null) != (params == null)) {
      throw new UserError(weights == null ? "--params needs --weights too" : "--weights needs --params too");
    }
    if (weights != null) {
      if (selectK != null) {
        throw new UserError("--select-k chooses K itself: it cannot be combined with --weights and --params");
      }
      if (restarts != null || seed != null) {
        throw new UserError((restarts != null ? "--restarts" : "--seed")
            + " applies to seeded initialisation, not to --weights and --params");
      }
      if (components != null && components != weights.length) {
        throw new UserError("-k " + components + " does not match the " + weights.length + " weights given");
      }
      if (weights.length != params.length) {
        throw new UserError("--weights has " + weights.length + " values but --params has " + params.length);
      }
      return MixtureModel.of(fam, weights, params);
    }
    if (selectK != null && components != null) {
      throw new UserError("give either -k or --select-k, not both");
    }
    if (selectK == null && components == null) {
      throw new UserError("give -k K, --weights and --params, or --select-k MIN..MAX");
    }
    if (components != null && (components < 1 || components > MAX_COMPONENTS)) {
      throw new UserError("-k " + components + " must be from 1 to " + MAX_COMPONENTS);
    }
    if (selectK != null && selectK.max > MAX_COMPONENTS) {
      throw new UserError("--select-k " + selectK.min + ".." + selectK.max + " goes above " + MAX_COMPONENTS
          + " components");
    }
    if (restarts != null && (restarts < 1 || restarts > MAX_RESTARTS)) {
      throw new UserError("--restarts " + restarts + " must be from 1 to " + MAX_RESTARTS);
    }
    return null;
  }

  /** Parses --criterion (case-insensitive), naming the choices when the name is unknown. */
  static final class CriterionConverter implements picocli.CommandLine.ITypeConverter<Criterion> {
    @Override
    public Criterion convert(String value) {
      for (Criterion c : Criterion.values()) {
        if (c.toString().equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
          return c;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "unknown criterion '" + value + "': expected bic, aic or icl");
    }
  }

  /** Parses the --format value. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<InputFormat> {
    @Override
    public InputFormat convert(String value) {
      try {
        return InputFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
