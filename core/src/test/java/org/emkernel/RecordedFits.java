package org.emkernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fixed set of fits whose doubles must not move when the code is reorganised: the chapter's example,
 * the genotype and family workloads of the benchmarks, and Saxony-like and Hasselblad-like data, each by the
 * scalar and the vector kernel. {@link #main} writes them to {@value #RESOURCE} as raw long bits;
 * {@code RecordedFitsTest} checks them bit for bit. Record only from the code the guard protects.
 */
public final class RecordedFits {
  /** The recorded file, under core/src/test/resources. */
  static final String RESOURCE = "org/emkernel/recorded-fits.txt";
  /** Seed of every generated histogram here (the benchmarks' seed). */
  static final long SEED = 20261125L;

  private RecordedFits() {}

  /** Every recorded fit by name: iterations, log-likelihood, weights and parameters, in that order. */
  static Map<String, double[]> compute() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (KernelChoice kernel : new KernelChoice[] {KernelChoice.SCALAR, KernelChoice.VECTOR}) {
      String tag = kernel.name().toLowerCase();
      EmFitter fitter = EmFitter.builder().kernel(kernel).maxIterations(400).build();
      // The chapter's example: 20 sequences of 10 flips, three coins.
      Histogram chapter = Histogram.of(ChapterExampleTest.DATA);
      out.put("chapter/" + tag, fitted(fitter.fit(chapter, ChapterExampleTest.THETA0)));
      out.put("chapter-step/" + tag, model(fitter.step(chapter, ChapterExampleTest.THETA0), fitter.logLikelihood(chapter, ChapterExampleTest.THETA0)));
      // Genotypes at depths 30, 100 (lifted), 200 (exponentials): fits and the benchmark's settled session.
      for (int depth : new int[] {30, 100, 200}) {
        MixtureModel model = genotypes(depth);
        Histogram h = fullSupportHistogram(model, depth + 1);
        out.put("genotypes-" + depth + "/" + tag, fitted(fitter.fit(h, model)));
        out.put("genotypes-session-" + depth + "/" + tag, session(fitter, h, model, 200));
      }
      // The family workloads over 0..100 at K = 3, 8, 32.
      for (String family : new String[] {"binomial", "poisson", "geometric", "negative-binomial"}) {
        for (int k : new int[] {3, 8, 32}) {
          MixtureModel model = familyMixture(family, 101, k);
          Histogram h = fullSupportHistogram(model, 101);
          out.put("family-" + family + "-" + k + "/" + tag, session(fitter, h, model, 300));
        }
      }
      // The iteration workload at 1001 x 8.
      MixtureModel wide = mixture(1000, 8);
      out.put("iteration-1001x8/" + tag, session(fitter, fullSupportHistogram(wide, 1001), wide, 50));
      // Saxony-like: boys among 12 children, a binomial(12) mixture, from a seeded start and from random starts.
      Histogram saxony = Histogram.ofCounts(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
          new long[] {3, 24, 104, 286, 670, 1033, 1343, 1112, 829, 478, 181, 45, 7});
      out.put("saxony-2/" + tag, fitted(fitter.fit(saxony, Family.binomial(12), 2)));
      out.put("saxony-3-restarts/" + tag,
          fitted(EmFitter.builder().kernel(kernel).maxIterations(400).restarts(3).seed(7).build().fit(saxony, Family.binomial(12), 3)));
      out.put("saxony-2-squarem/" + tag,
          fitted(EmFitter.builder().kernel(kernel).maxIterations(400).accelerate(true).build().fit(saxony, Family.binomial(12), 2)));
      // Hasselblad-like: deaths a day, a Poisson mixture; and the same counts as a negative binomial.
      Histogram deaths = Histogram.ofCounts(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
          new long[] {162, 267, 271, 185, 111, 61, 27, 8, 3, 1});
      out.put("hasselblad-2/" + tag, fitted(fitter.fit(deaths, Family.poisson(), 2)));
      out.put("hasselblad-3/" + tag, fitted(fitter.fit(deaths, Family.poisson(), 3)));
      out.put("hasselblad-geometric-2/" + tag, fitted(fitter.fit(deaths, Family.geometric(), 2)));
      out.put("hasselblad-nb-2/" + tag, fitted(fitter.fit(deaths, Family.negativeBinomial(2.5), 2)));
      // Trials varying per observation.
      SplittableRandom random = new SplittableRandom(SEED);
      int[] trials = new int[500];
      int[] successes = new int[500];
      for (int i = 0; i < trials.length; i++) {
        trials[i] = 5 + random.nextInt(40);
        double p = random.nextDouble() < 0.6 ? 0.2 : 0.7;
        for (int t = 0; t < trials[i]; t++) {
          successes[i] += random.nextDouble() < p ? 1 : 0;
        }
      }
      out.put("varying-trials-2/" + tag,
          fitted(fitter.fit(TrialsHistogram.of(trials, successes), Family.binomialVaryingTrials(), 2)));
    }
    return out;
  }

  private static double[] fitted(FitResult r) {
    List<Double> v = new ArrayList<>();
    v.add((double) r.iterations());
    v.add(r.logLikelihood());
    for (double w : r.model().weights()) {
      v.add(w);
    }
    for (double p : r.model().params()) {
      v.add(p);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] model(MixtureModel m, double logLikelihood) {
    double[] v = new double[2 + 2 * m.components()];
    v[1] = logLikelihood;
    System.arraycopy(m.weights(), 0, v, 2, m.components());
    System.arraycopy(m.params(), 0, v, 2 + m.components(), m.components());
    return v;
  }

  private static double[] session(EmFitter fitter, Histogram h, MixtureModel start, int iterations) {
    EmSession s = fitter.session(h, start);
    double ll = s.eStep();
    for (int i = 0; i < iterations; i++) {
      ll = s.iterate();
    }
    double[] v = model(s.model(), ll);
    v[0] = iterations;
    return v;
  }

  /** The benchmarks' genotype mixture at a depth (error rate 0.001). */
  static MixtureModel genotypes(int depth) {
    return MixtureModel.of(Family.binomial(depth), new double[] {0.45, 0.35, 0.2}, new double[] {0.001, 0.5, 0.999});
  }

  /** The benchmarks' binomial mixture of k components over trials (seeded biases and weights). */
  static MixtureModel mixture(int trials, int k) {
    SplittableRandom random = new SplittableRandom(SEED ^ (31L * trials + k));
    double[] weights = new double[k];
    double[] biases = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      weights[j] = 1 + random.nextDouble();
      sum += weights[j];
      biases[j] = 0.05 + 0.9 / k * (j + 0.25 + 0.5 * random.nextDouble());
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= sum;
    }
    double rest = 1;
    for (int j = 0; j < k - 1; j++) {
      rest -= weights[j];
    }
    weights[k - 1] = rest;
    return MixtureModel.of(Family.binomial(trials), weights, biases);
  }

  /** The benchmarks' family mixture: the binomial mixture's weights, each mean at its bias times outcomes − 1. */
  static MixtureModel familyMixture(String family, int outcomes, int k) {
    MixtureModel binomial = mixture(outcomes - 1, k);
    double[] params = new double[k];
    for (int j = 0; j < k; j++) {
      double mean = binomial.param(j) * (outcomes - 1);
      switch (family) {
        case "binomial": params[j] = binomial.param(j); break;
        case "poisson": params[j] = mean; break;
        case "geometric": params[j] = 1 / (1 + mean); break;
        default: params[j] = 3 / (3 + mean); break;
      }
    }
    Family f;
    switch (family) {
      case "binomial": f = Family.binomial(outcomes - 1); break;
      case "poisson": f = Family.poisson(); break;
      case "geometric": f = Family.geometric(); break;
      default: f = Family.negativeBinomial(3); break;
    }
    return MixtureModel.of(f, binomial.weights(), params);
  }

  /** The benchmarks' histogram over every outcome 0..outcomes − 1, from the model's probabilities. */
  static Histogram fullSupportHistogram(MixtureModel model, int outcomes) {
    SplittableRandom random = new SplittableRandom(SEED ^ outcomes);
    int[] xs = new int[outcomes];
    long[] counts = new long[outcomes];
    for (int x = 0; x < outcomes; x++) {
      double max = Double.NEGATIVE_INFINITY;
      double[] l = new double[model.components()];
      for (int j = 0; j < l.length; j++) {
        l[j] = Math.log(model.weight(j)) + model.family().logPmf(x, model.param(j));
        max = Math.max(max, l[j]);
      }
      double sum = 0;
      for (double v : l) {
        sum += Math.exp(v - max);
      }
      xs[x] = x;
      counts[x] = 1 + (long) Math.floor(1000.0 * outcomes * Math.exp(max + Math.log(sum)) * (0.9 + 0.2 * random.nextDouble()));
    }
    return Histogram.ofCounts(xs, counts);
  }

  /** Writes every fit to the path given (core/src/test/resources/{@value #RESOURCE}). */
  public static void main(String[] args) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, double[]> e : compute().entrySet()) {
      text.append(e.getKey());
      for (double d : e.getValue()) {
        text.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(d)));
      }
      text.append('\n');
    }
    Files.write(Path.of(args[0]), text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
