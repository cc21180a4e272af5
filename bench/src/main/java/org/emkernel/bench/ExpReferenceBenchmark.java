package org.emkernel.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor the kernels are read against: a bare vector exponential
 * ({@code DoubleVector.lanewise(VectorOperators.EXP)}) over outcomes × components doubles per operation,
 * summed so nothing is dead. The arguments are seeded in [−30, 0], the range of shifted log-joints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ExpReferenceBenchmark {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  @Param({"11", "101", "1001", "100001"})
  int outcomes;

  @Param({"2", "3", "8", "32", "128"})
  int components;

  double[] arguments;

  /** Fills the outcomes × components arguments (fixed seed). */
  @Setup(Level.Trial)
  public void setup() {
    arguments = arguments(Math.multiplyExact(outcomes, components));
  }

  /** The seeded arguments in [−30, 0]. */
  static double[] arguments(int length) {
    SplittableRandom random = new SplittableRandom(Workloads.SEED ^ length);
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = -30 * random.nextDouble();
    }
    return out;
  }

  /** Sums exp over every argument: full vectors with the vector EXP, the tail with {@link Math#exp}. */
  @Benchmark
  public double exp() {
    double[] in = arguments;
    int upper = SPECIES.loopBound(in.length);
    DoubleVector acc = DoubleVector.zero(SPECIES);
    for (int i = 0; i < upper; i += SPECIES.length()) {
      acc = acc.add(DoubleVector.fromArray(SPECIES, in, i).lanewise(VectorOperators.EXP));
    }
    double sum = acc.reduceLanes(VectorOperators.ADD);
    for (int i = upper; i < in.length; i++) {
      sum += Math.exp(in[i]);
    }
    return sum;
  }
}
