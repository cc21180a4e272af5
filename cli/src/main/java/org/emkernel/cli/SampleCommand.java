package org.emkernel.cli;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sample}: draws observations from a given mixture, in any input format, so that sample | fit round-trips.
 * Its options are described in {@link #spec()}, not by annotations (see {@link FitCommand}).
 */
final class SampleCommand implements Callable<Integer> {
  /** Observations drawn per chunk of the values and trials formats. */
  static final int CHUNK = 1 << 20;
  private final Io io;
  /** The model {@link #spec()} built; the options' values are read from it when the command runs. */
  private CommandSpec spec;

  // The options' values, read from the spec in call().
  FamilyName family;
  String trials;
  Double r;
  double[] weights;
  double[] params;
  long n;
  long seed;
  InputFormat format;

  /** This command's model: its options in the order the help lists them, -h and -V. */
  CommandSpec spec() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(this);
    s.name("sample");
    s.usageMessage().sortOptions(false).description("Draws N observations from the mixture given by --weights and "
        + "--params, with a seed, and writes them to standard output in an input format of fit.");
    s.addOption(Main.option("--family", "FAMILY", FamilyName.class, "binomial (default), poisson, geometric or negbin.")
        .defaultValue("binomial").converters(new FamilyName.Converter()).build());
    s.addOption(Main.option("--trials", "N", String.class, "Trials per observation of the binomial; with --format trials "
        + "also MIN..MAX (drawn uniformly per observation).").build());
    s.addOption(Main.option("--r", "R", Double.class, "Known r of the negative binomial.")
        .converters(new Numbers.Finite()).build());
    s.addOption(Main.option("--weights", "W", double[].class, "Weights w1,w2,...").splitRegex(",").required(true)
        .converters(new Numbers.Finite()).build());
    s.addOption(Main.option("--params", "P", double[].class, "Parameters p1,p2,...").splitRegex(",").required(true)
        .converters(new Numbers.Finite()).build());
    s.addOption(Main.option("-n", "N", long.class, "Number of observations (a whole number, also as 1e6).").required(true)
        .converters(new Numbers.Count()).build());
    s.addOption(Main.option("--seed", "SEED", long.class, "Random seed (default 1).").defaultValue("1").build());
    s.addOption(Main.option("--format", "FORMAT", InputFormat.class,
        "values (default), counts or trials (lines trials,successes).").defaultValue("values")
        .converters(new FitCommand.FormatConverter()).build());
    Main.standardHelpOptions(s);
    this.spec = s;
    return s;
  }

  /** The options' values as the command line (or their defaults) gave them. */
  private void read() {
    family = spec.findOption("--family").getValue();
    trials = spec.findOption("--trials").getValue();
    r = spec.findOption("--r").getValue();
    weights = spec.findOption("--weights").getValue();
    params = spec.findOption("--params").getValue();
    n = spec.findOption("-n").<Long>getValue();
    seed = spec.findOption("--seed").<Long>getValue();
    format = spec.findOption("--format").getValue();
  }

  SampleCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws java.io.IOException {
    read();
    if (n < 0) {
      throw new UserError("-n " + n + " must be >= 0");
    }
    if (weights.length != params.length) {
      throw new UserError("--weights has " + weights.length + " values but --params has " + params.length);
    }
    int minTrials = 0;
    int maxTrials = 0;
    Integer fixedTrials = null;
    if (trials != null) {
      KRange range = parseTrials(trials);
      minTrials = range.min;
      maxTrials = range.max;
      if (format != InputFormat.TRIALS) {
        if (minTrials != maxTrials) {
          throw new UserError("--trials " + trials + ": a range of trials needs --format trials");
        }
        fixedTrials = minTrials;
      }
    } else if (format == InputFormat.TRIALS && family == FamilyName.BINOMIAL) {
      throw new UserError("--format trials needs --trials N or --trials MIN..MAX");
    }
    Family fam = family.family(fixedTrials, r, format);
    MixtureModel model = MixtureModel.of(fam, weights, params);
    // Before anything is written: a draw past the int range of outcomes would end the output half way.
    OutcomeRange.check(family, r, model, n);
    ByteSink out = new ByteSink(io.out);
    // values and trials are drawn in chunks, each from its own seed taken in order from one stream: memory
    // stays bounded for any N, and the output for N is a prefix of the output for any larger N.
    SplittableRandom seeds = new SplittableRandom(seed);
    switch (format) {
      case VALUES:
        for (long done = 0; done < n; done += CHUNK) {
          int size = (int) Math.min(CHUNK, n - done);
          for (int x : model.sample(size, seeds.nextLong())) {
            out.number(x).ascii('\n');
          }
        }
        break;
      case COUNTS: {
        Histogram h = model.sampleHistogram(n, seed);
        for (int b = 0; b < h.size(); b++) {
          out.number(h.outcome(b)).ascii(',').number(h.count(b)).ascii('\n');
        }
        break;
      }
      default:
        for (long done = 0; done < n; done += CHUNK) {
          int size = (int) Math.min(CHUNK, n - done);
          SplittableRandom random = new SplittableRandom(seeds.nextLong());
          int[] t = new int[size];
          for (int i = 0; i < size; i++) {
            t[i] = minTrials == maxTrials ? minTrials : (int) random.nextLong(minTrials, maxTrials + 1L);
          }
          int[] s = model.sampleSuccesses(t, random.nextLong());
          for (int i = 0; i < size; i++) {
            out.number(t[i]).ascii(',').number(s[i]).ascii('\n');
          }
        }
    }
    out.flush();
    return 0;
  }

  /** N or MIN..MAX, each at least 1. */
  private static KRange parseTrials(String text) {
    try {
      if (text.contains("..")) {
        return new KRange.Converter().convert(text);
      }
      int v = Integer.parseInt(text.strip());
      if (v < 1) {
        throw new UserError("--trials " + text + " must be at least 1");
      }
      return new KRange(v, v);
    } catch (NumberFormatException | picocli.CommandLine.TypeConversionException e) {
      throw new UserError("--trials '" + text + "' is not a number of trials N or a range MIN..MAX");
    }
  }
}
