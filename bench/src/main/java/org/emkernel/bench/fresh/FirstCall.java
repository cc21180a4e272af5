package org.emkernel.bench.fresh;

import java.util.SplittableRandom;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;

/**
 * The first call in a fresh JVM, as an embedding application makes it: 10^6 Poisson observations from a
 * three-component mixture (means 2, 6, 12: about 26 outcomes) become a histogram, then 20 EM iterations from a
 * given start. Drawing the observations is not timed. Prints the histogram and fit's wall time and the calling
 * thread's CPU time in nanoseconds (the fit's E-steps run on that thread at these sizes), the log-likelihood (so
 * kernels can be checked against each other), the iterations, the histogram's size and the wall time of the histogram
 * alone. Argument: auto or scalar.
 */
public final class FirstCall {
  static final int OBSERVATIONS = 1_000_000;
  static final int ITERATIONS = 20;

  private FirstCall() {}

  /** Runs the measurement once with the kernel named by args[0]. */
  public static void main(String[] args) {
    KernelChoice kernel = args.length > 0 && args[0].equals("scalar") ? KernelChoice.SCALAR : KernelChoice.AUTO;
    int[] observations = draw();
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.3, 0.4, 0.3},
        new double[] {1.5, 5, 10});
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long beginCpu = threads.getCurrentThreadCpuTime();
    long begin = System.nanoTime();
    Histogram histogram = Histogram.of(observations);
    long built = System.nanoTime();
    FitResult fit = EmFitter.builder().kernel(kernel).tolerance(0).maxIterations(ITERATIONS).build()
        .fit(histogram, start);
    long nanos = System.nanoTime() - begin;
    long cpuNanos = threads.getCurrentThreadCpuTime() - beginCpu;
    System.out.println(nanos + " " + cpuNanos + " " + fit.logLikelihood() + " " + fit.iterations() + " "
        + histogram.size() + " " + (built - begin));
  }

  /** Seeded Poisson draws by inversion (counting exponential gaps would do too; this is simpler). */
  public static int[] draw() {
    SplittableRandom random = new SplittableRandom(20);
    double[] weights = {0.3, 0.4, 0.3};
    double[] means = {2, 6, 12};
    int[] out = new int[OBSERVATIONS];
    for (int i = 0; i < OBSERVATIONS; i++) {
      double u = random.nextDouble();
      int j = u < weights[0] ? 0 : u < weights[0] + weights[1] ? 1 : 2;
      double p = Math.exp(-means[j]);
      double cdf = p;
      double v = random.nextDouble();
      int x = 0;
      while (v > cdf && x < 200) {
        x++;
        p *= means[j] / x;
        cdf += p;
      }
      out[i] = x;
    }
    return out;
  }
}
