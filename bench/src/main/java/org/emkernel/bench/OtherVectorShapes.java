package org.emkernel.bench;

import java.lang.management.ManagementFactory;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.EmFitter;
import org.emkernel.EmSession;
import org.emkernel.Family;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;

/**
 * The vector kernel after other code in the JVM ran {@code DoubleVector} operations of the other vector shapes, as
 * an application that also uses the vector API may (docs/kernel.md: on JDK 17 this can leave the kernels boxing).
 * Runs one session's iterations in batches of about 10^6 cells until five batches in a row allocate nothing (at
 * most 400), then times 40 more batches. Arguments: {@code exp} (2501 bins, every other outcome: the exp path) or
 * {@code product} (consecutive outcomes: the product path), K, bins (product only), and {@code shapes} to run the
 * other shapes first. Prints the batches, the last batch's allocated bytes and the microseconds per iteration.
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.emkernel.bench.OtherVectorShapes product 8 101 shapes</pre>
 */
public final class OtherVectorShapes {
  private OtherVectorShapes() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: exp|product K [bins] [shapes]");
    }
    boolean exp = args[0].equals("exp");
    int k = Integer.parseInt(args[1]);
    int bins = exp ? 2501 : Integer.parseInt(args[2]);
    boolean shapes = args[args.length - 1].equals("shapes");
    double sink = shapes ? otherShapes() : 0;
    int[] outcomes = new int[bins];
    long[] counts = new long[bins];
    for (int b = 0; b < bins; b++) {
      outcomes[b] = exp ? 2 * b : b;
      counts[b] = 50 + (b * 37L) % 200;
    }
    double[] w = new double[k];
    double[] phi = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = 1.0 / k;
      phi[j] = 0.05 + 0.9 * (j + 0.5) / k;
    }
    EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build().session(
        Histogram.ofCounts(outcomes, counts), MixtureModel.of(Family.binomial(outcomes[bins - 1]), w, phi));
    session.eStep();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int iterations = Math.max(1, (1 << 20) / (bins * k));
    int quiet = 0;
    int batch = 0;
    long last = 0;
    for (; batch < 400 && quiet < 5; batch++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < iterations; i++) {
        sink += session.iterate();
      }
      long bytes = threads.getCurrentThreadAllocatedBytes() - before;
      quiet = bytes == 0 ? quiet + 1 : 0;
      last = bytes;
    }
    long begin = System.nanoTime();
    for (int i = 0; i < 40 * iterations; i++) {
      sink += session.iterate();
    }
    double micros = (System.nanoTime() - begin) / 1e3 / (40 * iterations);
    System.out.printf("%s K=%d bins=%d other shapes %s: %d batches, last allocated %d bytes, %.2f us per iteration"
        + " (%s)%n", args[0], k, bins, shapes, batch, last, micros, Double.isNaN(sink) ? "NaN" : "ok");
  }

  /** DoubleVector operations on every shape but the preferred one, 20,000 times each. */
  static double otherShapes() {
    double[] a = new double[64];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.01;
    }
    double sum = 0;
    for (int r = 0; r < 20_000; r++) {
      for (VectorSpecies<Double> s : java.util.List.of(DoubleVector.SPECIES_64, DoubleVector.SPECIES_128,
          DoubleVector.SPECIES_256, DoubleVector.SPECIES_512)) {
        if (s != DoubleVector.SPECIES_PREFERRED) {
          sum += shapeWork(s, a);
        }
      }
    }
    return sum;
  }

  private static double shapeWork(VectorSpecies<Double> s, double[] a) {
    DoubleVector acc = DoubleVector.zero(s);
    for (int i = 0; i + s.length() <= a.length; i += s.length()) {
      DoubleVector v = DoubleVector.fromArray(s, a, i);
      acc = acc.max(v).add(v).mul(v).min(v).sub(v).fma(v, v).div(v.add(1.0)).neg().abs()
          .blend(v, v.compare(VectorOperators.LT, 0.5));
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
