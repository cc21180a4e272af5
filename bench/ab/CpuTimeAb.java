import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.emkernel.EmFitter;
import org.emkernel.EmSession;
import org.emkernel.Histogram;
import org.emkernel.KernelChoice;
import org.emkernel.MixtureModel;
import org.emkernel.bench.Workloads;

/**
 * One benchmark point's EM iteration timed by the thread's CPU time rather than the wall clock, so that other
 * processes on a loaded machine show less: the same session and settling as the JMH benchmark, then batches of
 * iterations. Prints one JSON object: the point and every batch's CPU nanoseconds per iteration. Compiled
 * against the bench jar's public classes and run on the classpath of either jar (bench/ab.py --cpu).
 */
public final class CpuTimeAb {
  private CpuTimeAb() {}

  /** args: benchmark (Iteration, Genotype, FamilyIteration), then its parameters as name=value. */
  public static void main(String[] args) {
    String bench = args[0];
    java.util.Map<String, String> p = new java.util.TreeMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      p.put(kv[0], kv[1]);
    }
    MixtureModel model;
    Histogram histogram;
    int settle;
    switch (bench) {
      case "IterationBenchmark": {
        int outcomes = Integer.parseInt(p.get("outcomes"));
        model = Workloads.mixture(outcomes - 1, Integer.parseInt(p.get("components")));
        histogram = Workloads.fullSupportHistogram(model, outcomes);
        settle = 0;
        break;
      }
      case "GenotypeBenchmark": {
        int depth = Integer.parseInt(p.get("depth"));
        model = Workloads.genotypes(depth);
        histogram = Workloads.fullSupportHistogram(model, depth + 1);
        settle = 200;
        break;
      }
      default: {
        model = Workloads.familyMixture(p.get("family"), 101, Integer.parseInt(p.get("components")));
        histogram = Workloads.fullSupportHistogram(model, 101);
        settle = 1000;
        break;
      }
    }
    EmSession session = EmFitter.builder().kernel(KernelChoice.VECTOR).threads(1).build().session(histogram, model);
    double sink = session.eStep();
    for (int i = 0; i < settle; i++) {
      sink += session.iterate();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Warm up for 3 s of CPU time, then 12 batches of about 0.25 s of CPU time each.
    long start = threads.getCurrentThreadCpuTime();
    long n = 0;
    while (threads.getCurrentThreadCpuTime() - start < 3_000_000_000L) {
      for (int i = 0; i < 64; i++) {
        sink += session.iterate();
      }
      n += 64;
    }
    long perBatch = Math.max(64, n / 12);
    double[] nsPerOp = new double[12];
    for (int b = 0; b < nsPerOp.length; b++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (long i = 0; i < perBatch; i++) {
        sink += session.iterate();
      }
      nsPerOp[b] = (threads.getCurrentThreadCpuTime() - t0) / (double) perBatch;
    }
    System.out.println("{\"benchmark\": \"" + bench + "\", \"params\": \"" + p + "\", \"java\": \"" + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + "\", \"iterationsPerBatch\": " + perBatch + ", \"cpuNsPerOp\": "
        + Arrays.toString(nsPerOp) + ", \"sink\": " + (Double.isFinite(sink) ? 1 : 0) + "}");
  }
}
