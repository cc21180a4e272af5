package org.emkernel.cli;

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
  private final Io io;

  @Option(names = "--family", paramLabel = "FAMILY", defaultValue = "binomial",
      description = "binomial (default), poisson, geometric or negbin.")
  FamilyName family;

  @Option(names = "--trials", paramLabel = "N", description = "Trials per observation of the binomial.")
  Integer trials;

  @Option(names = "--r", paramLabel = "R", description = "Known r of the negative binomial.")
  Double r;

  @Option(names = "--weights", paramLabel = "W", split = ",", required = true, description = "Weights w1,w2,...")
  double[] weights;

  @Option(names = "--params", paramLabel = "P", split = ",", required = true, description = "Parameters p1,p2,...")
  double[] params;

  @Option(names = "-n", paramLabel = "N", required = true, description = "Number of observations.")
  long n;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Random seed (default 1).")
  long seed;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "values",
      converter = FitCommand.FormatConverter.class,
      description = "values (default), counts or trials.")
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
    Family fam = family.family(trials, r, format);
    MixtureModel model = MixtureModel.of(fam, weights, params);
    ByteSink out = new ByteSink(io.out);
    switch (format) {
      case VALUES: {
        if (n > Integer.MAX_VALUE - 8) {
          throw new UserError("-n " + n + " is too large for the values format (use --format counts)");
        }
        int[] draws = CoreBridge.sample(model, (int) n, seed);
        for (int x : draws) {
          out.number(x).ascii('\n');
        }
        break;
      }
      case COUNTS: {
        if (n > Integer.MAX_VALUE - 8) {
          throw new UserError("-n " + n + " is too large for this build's sampler");
        }
        Histogram h = Histogram.of(CoreBridge.sample(model, (int) n, seed));
        for (int b = 0; b < h.size(); b++) {
          out.number(h.outcome(b)).ascii(',').number(h.count(b)).ascii('\n');
        }
        break;
      }
      default:
        throw new UserError("sampling the trials format is not available in this build of emkernel-core yet");
    }
    out.flush();
    return 0;
  }
}
