package org.emkernel.cli;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: draws observations from a given mixture, in any input format, so that sample | fit round-trips. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draws N observations from the mixture given by --weights and --params, with a seed, "
        + "and writes them to standard output in an input format of fit.")
final class SampleCommand implements Callable<Integer> {
  /** Observations drawn per chunk of the values and trials formats. */
  static final int CHUNK = 1 << 20;
  private final Io io;

  @Option(names = "--family", paramLabel = "FAMILY", defaultValue = "binomial", converter = FamilyName.Converter.class,
      description = "binomial (default), poisson, geometric or negbin.")
  FamilyName family;

  @Option(names = "--trials", paramLabel = "N",
      description = "Trials per observation of the binomial; with --format trials also MIN..MAX "
          + "(drawn uniformly per observation).")
  String trials;

  @Option(names = "--r", paramLabel = "R", converter = Numbers.Finite.class,
      description = "Known r of the negative binomial.")
  Double r;

  @Option(names = "--weights", paramLabel = "W", split = ",", required = true, converter = Numbers.Finite.class,
      description = "Weights w1,w2,...")
  double[] weights;

  @Option(names = "--params", paramLabel = "P", split = ",", required = true, converter = Numbers.Finite.class,
      description = "Parameters p1,p2,...")
  double[] params;

  @Option(names = "-n", paramLabel = "N", required = true, converter = Numbers.Count.class,
      description = "Number of observations (a whole number, also as 1e6).")
  long n;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Random seed (default 1).")
  long seed;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "values",
      converter = FitCommand.FormatConverter.class,
      description = "values (default), counts or trials (lines trials,successes).")
  InputFormat format;

  SampleCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws java.io.IOException {
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
