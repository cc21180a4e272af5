package org.emkernel.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emkernel.EmFitter;
import org.emkernel.Expectations;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: the reference chapter's worked example (section 6.3), one iteration in detail, then a full fit. */
final class DemoCommand implements Callable<Integer> {
  /** The chapter's data: heads in each of 20 sequences of 10 flips. */
  static final int[] DATA = {6, 5, 4, 2, 2, 6, 5, 5, 4, 2, 5, 2, 4, 4, 6, 4, 5, 6, 3, 3};
  static final int TRIALS = 10;
  static final double[] WEIGHTS = {0.25, 0.5, 0.25};
  static final double[] BIASES = {0.4, 0.5, 0.65};

  private final Io io;

  DemoCommand(Io io) {
    this.io = io;
  }

  /** This command's model (built, not read from annotations; see {@link FitCommand#spec()}): -h and -V. */
  CommandSpec spec() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(this);
    s.name("demo");
    s.usageMessage().description("The textbook's worked example: 20 sequences of 10 coin flips, 3 coins. Prints "
        + "Tables 6.1-6.4 and the updated weights (6.14) of one EM iteration, then fits to convergence.");
    Main.standardHelpOptions(s);
    return s;
  }

  @Override
  public Integer call() throws java.io.IOException {
    Family family = Family.binomial(TRIALS);
    MixtureModel theta0 = MixtureModel.of(family, WEIGHTS, BIASES);
    Histogram h = Histogram.of(DATA);
    EmFitter fitter = EmFitter.create();
    int k = theta0.components();
    StringBuilder sb = new StringBuilder();
    sb.append("The worked example of the reference chapter, section 6.3: ").append(DATA.length)
        .append(" sequences of ").append(TRIALS).append(" coin flips, ").append(k).append(" coins.\n");
    sb.append("data (heads per sequence):");
    for (int x : DATA) {
      sb.append(' ').append(x);
    }
    sb.append("\ninitial model theta(0): weights");
    for (double w : WEIGHTS) {
      sb.append(' ').append(w);
    }
    sb.append(", biases");
    for (double b : BIASES) {
      sb.append(' ').append(b);
    }
    sb.append("\n\n");

    double[][] post = fitter.posteriors(h, theta0);
    sb.append("Table 6.1: posteriors per outcome for the mixture components\n");
    sb.append(header("outcome\toccurrences", k));
    for (int b = 0; b < h.size(); b++) {
      sb.append(h.outcome(b)).append('\t').append(h.count(b));
      for (int j = 0; j < k; j++) {
        sb.append('\t').append(fixed(post[b][j], 7));
      }
      sb.append('\n');
    }

    Expectations e = fitter.expectations(h, theta0);
    double[] n = e.expectedCounts();
    sb.append("\nExpected counts of the components (6.10), E[1(Y = c_j) | x, theta(0)]:\n");
    sb.append(header("", k).substring(1));
    double total = 0;
    for (int j = 0; j < k; j++) {
      sb.append(j == 0 ? "" : "\t").append(fixed(n[j], 7));
      total += n[j];
    }
    sb.append("\nsum ").append(fixed(total, 7)).append(" (the number of sequences, ").append(DATA.length)
        .append(")\n");

    sb.append("\nTable 6.2: posterior expectations of the observed outcomes per component\n");
    sb.append(header("outcome", k));
    for (int b = 0; b < h.size(); b++) {
      sb.append(h.outcome(b));
      for (int j = 0; j < k; j++) {
        sb.append('\t').append(fixed(h.count(b) * post[b][j], 7));
      }
      sb.append('\n');
    }

    double[] s = e.expectedStatistics();
    sb.append("\nTable 6.3: expected sufficient statistics for each coin\n");
    sb.append(header("", k).substring(1));
    for (int j = 0; j < k; j++) {
      sb.append(j == 0 ? "" : "\t").append(fixed(s[j], 5));
    }
    sb.append("\n(6.13) to 7 decimals:");
    for (int j = 0; j < k; j++) {
      sb.append(' ').append(fixed(s[j], 7));
    }
    sb.append('\n');

    MixtureModel theta1 = fitter.step(h, theta0);
    sb.append("\nUpdated weights (6.14), w_j(1) = E[1(Y = c_j)] / sum of the expected counts:\n");
    for (int j = 0; j < k; j++) {
      sb.append("w_").append(j + 1).append("(1) = ").append(fixed(theta1.weight(j), 7)).append('\n');
    }
    sb.append("\nTable 6.4: new parameter values (biases) of the components\n");
    sb.append(header("", k).substring(1));
    for (int j = 0; j < k; j++) {
      sb.append(j == 0 ? "" : "\t").append(fixed(theta1.param(j), 7));
    }
    sb.append('\n');

    FitResult fit = fitter.fit(h, theta0);
    MixtureModel m = fit.model();
    sb.append("\nEM from theta(0) to convergence (relative tolerance ").append(fitter.tolerance())
        .append(", at most ").append(fitter.maxIterations()).append(" iterations):\n");
    sb.append(header("", k));
    sb.append("weight");
    for (int j = 0; j < k; j++) {
      sb.append('\t').append(fixed(m.weight(j), 7));
    }
    sb.append("\nbias");
    for (int j = 0; j < k; j++) {
      sb.append('\t').append(fixed(m.param(j), 7));
    }
    sb.append("\nlog-likelihood ").append(fixed(fit.trace()[0], 7)).append(" at theta(0), ")
        .append(fixed(fit.logLikelihood(), 7)).append(" at the end\n");
    sb.append("iterations ").append(fit.iterations()).append(", converged ").append(fit.converged())
        .append(", kernel ").append(fitter.kernelName()).append('\n');
    sb.append(collapse(m));
    io.out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    io.out.flush();
    return 0;
  }

  /**
   * One line on why the fitted biases meet, from the data: a mixture of coins spreads the heads counts at least as
   * widely as one coin of the overall rate, and the chapter's counts spread less than that.
   */
  static String collapse(MixtureModel m) {
    double spread = 0;
    for (int j = 1; j < m.components(); j++) {
      spread = Math.max(spread, Math.abs(m.param(j) - m.param(0)));
    }
    long heads = 0;
    double squares = 0;
    for (int x : DATA) {
      heads += x;
      squares += (double) x * x;
    }
    double mean = (double) heads / DATA.length;
    double variance = squares / DATA.length - mean * mean;
    double rate = (double) heads / ((long) DATA.length * TRIALS);
    if (spread > 1e-3) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, "The biases meet at the overall heads rate, %d/%d = %.3f: the %d counts "
        + "vary less (variance %.2f) than one such coin's would (%d x %.3f x %.3f = %.2f), and mixing coins only adds "
        + "variance, so the best fit is one coin.%n", heads, (long) DATA.length * TRIALS, rate, DATA.length, variance,
        TRIALS, rate, 1 - rate, TRIALS * rate * (1 - rate));
  }

  private static String header(String first, int k) {
    StringBuilder sb = new StringBuilder(first);
    for (int j = 0; j < k; j++) {
      sb.append("\tc_").append(j + 1);
    }
    if (first.isEmpty()) {
      return sb.append('\n').toString();
    }
    return sb.append('\n').toString();
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
