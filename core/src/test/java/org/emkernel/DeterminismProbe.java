package org.emkernel;

/** Prints the bits of a few seeded fits; run in another JVM by {@link JitDeterminismTest}. */
public final class DeterminismProbe {
  private DeterminismProbe() {}

  /** The fits' log-likelihoods and parameters as hexadecimal bits, one kernel a line. */
  public static String fingerprint() {
    MixtureModel truth = MixtureModel.of(Family.binomial(400), new double[] {0.3, 0.3, 0.4}, new double[] {0.2, 0.5, 0.7});
    Histogram h = truth.sampleHistogram(1_000_000, 3);
    MixtureModel start = MixtureModel.of(Family.binomial(400), new double[] {0.2, 0.3, 0.5}, new double[] {0.25, 0.45, 0.75});
    StringBuilder out = new StringBuilder();
    for (String kernel : Kernels.ALL) {
      FitResult f = Kernels.fitter(kernel, EmFitter.builder().threads(2).maxIterations(4).tolerance(0)).fit(h, start);
      out.append(kernel.toUpperCase().replace('-', '_')).append(' ').append(Long.toHexString(Double.doubleToRawLongBits(f.logLikelihood())));
      for (double p : f.model().params()) {
        out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(p)));
      }
      out.append('\n');
    }
    FitResult seeded = EmFitter.builder().seed(9).restarts(2).maxIterations(5).build().fit(h, Family.binomial(400), 3);
    out.append("seeded ").append(Long.toHexString(Double.doubleToRawLongBits(seeded.logLikelihood()))).append('\n');
    return out.toString();
  }

  /** Prints {@link #fingerprint()}. */
  public static void main(String[] args) {
    System.out.print(fingerprint());
  }
}
