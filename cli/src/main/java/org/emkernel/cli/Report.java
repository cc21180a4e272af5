package org.emkernel.cli;

import java.util.Arrays;
import java.util.Locale;
import org.emkernel.Family;
import org.emkernel.MixtureModel;

/** Formats a fit as a text table or as one JSON object (doubles in shortest round-trip form). */
final class Report {
  final String family;
  final Family core;
  final double[] weights;
  final double[] params;
  final double logLikelihood;
  final double aic;
  final double bic;
  final Double icl;
  final int iterations;
  final int eSteps;
  final boolean converged;
  final long observations;
  final String kernel;
  /** Model selection: K per candidate and its score, or null. */
  String criterion;
  int[] candidateK;
  double[] candidateScore;

  /** A report of a fitted model, components sorted by ascending parameter (ties keep their order). */
  Report(MixtureModel model, double logLikelihood, double aic, double bic, Double icl, int iterations,
      int eSteps, boolean converged, long observations, String kernel) {
    this.core = model.family();
    this.family = model.family().name();
    int k = model.components();
    Integer[] order = new Integer[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(model.param(a), model.param(b)));
    this.weights = new double[k];
    this.params = new double[k];
    for (int j = 0; j < k; j++) {
      // + 0.0 turns -0.0 into 0.0: a sign on zero means nothing to the reader.
      weights[j] = model.weight(order[j]) + 0.0;
      params[j] = model.param(order[j]) + 0.0;
    }
    this.logLikelihood = logLikelihood;
    this.aic = aic;
    this.bic = bic;
    this.icl = icl;
    this.iterations = iterations;
    this.eSteps = eSteps;
    this.converged = converged;
    this.observations = observations;
    this.kernel = kernel;
  }

  /** A JSON number: Double.toString (shortest repr that round-trips), null when not finite. */
  static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** The JSON object, on one line, with a trailing newline. */
  String json() {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"family\": ").append(string(family)).append(", \"components\": [");
    for (int j = 0; j < weights.length; j++) {
      sb.append(j == 0 ? "" : ", ").append("{\"weight\": ").append(number(weights[j]))
          .append(", \"param\": ").append(number(params[j])).append('}');
    }
    sb.append("], \"logLikelihood\": ").append(number(logLikelihood))
        .append(", \"aic\": ").append(number(aic))
        .append(", \"bic\": ").append(number(bic));
    if (icl != null) {
      sb.append(", \"icl\": ").append(number(icl));
    }
    sb.append(", \"iterations\": ").append(iterations)
        .append(", \"eSteps\": ").append(eSteps)
        .append(", \"converged\": ").append(converged)
        .append(", \"observations\": ").append(observations);
    if (criterion != null) {
      sb.append(", \"selection\": {\"criterion\": ").append(string(criterion)).append(", \"candidates\": [");
      for (int i = 0; i < candidateK.length; i++) {
        sb.append(i == 0 ? "" : ", ").append("{\"components\": ").append(candidateK[i])
            .append(", \"score\": ").append(number(candidateScore[i])).append('}');
      }
      sb.append("]}");
    }
    return sb.append("}\n").toString();
  }

  /** The human-readable report. */
  String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("family          ").append(family).append('\n');
    sb.append("observations    ").append(observations).append('\n');
    sb.append(String.format(Locale.ROOT, "%-10s %14s %18s %18s%n", "component", "weight",
        core.parameterName(), core.needsTrials() ? "mean/trial" : "mean"));
    for (int j = 0; j < weights.length; j++) {
      sb.append(String.format(Locale.ROOT, "%-10d %14.7f %18.10g %18.10g%n", j + 1, weights[j], params[j],
          core.mean(params[j])));
    }
    sb.append(String.format(Locale.ROOT, "log-likelihood  %.6f%n", logLikelihood));
    sb.append(String.format(Locale.ROOT, "AIC             %.6f%n", aic));
    sb.append(String.format(Locale.ROOT, "BIC             %.6f%n", bic));
    if (icl != null) {
      sb.append(String.format(Locale.ROOT, "ICL             %.6f%n", icl));
    }
    sb.append("iterations      ").append(iterations).append('\n');
    sb.append("E-steps         ").append(eSteps).append('\n');
    sb.append("converged       ").append(converged).append('\n');
    if (criterion != null) {
      sb.append("selection       ").append(criterion).append(':');
      for (int i = 0; i < candidateK.length; i++) {
        sb.append(String.format(Locale.ROOT, " K=%d %.6f", candidateK[i], candidateScore[i]));
      }
      sb.append('\n');
    }
    sb.append("kernel          ").append(kernel).append('\n');
    return sb.toString();
  }
}
