package org.emkernel.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
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
 * A floor for {@link IterationBenchmark} at few outcomes: one EM iteration (M-step, then E-step with the
 * log-likelihood) on the same workload, written by hand for the binomial and nothing else. It has none of the
 * library's checks (ranges, masses, fading or rising components, dead components, fixed weights or parameters,
 * other families), no deterministic arithmetic (lane sums by {@code reduceLanes(ADD)}, logarithms by
 * {@code lanewise(LOG)}, whose bits may change with the JDK and the JIT) and no fallback: it is right only on
 * steady, well-conditioned mixtures such as this one. Its time is about what any iteration costs at these sizes
 * on the machine, mostly latency: the M-step's divisions, the terms, the weights c/Σ, the lane sums and the
 * logarithms, one after the other, against a bare exp over as few cells. Two layouts, as in the library's
 * product path: lanes are outcomes (a vector of terms scale·ρ^x per component and vector of outcomes; over two
 * vectors everything but the terms stays in registers) or components (a vector of components per outcome).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class IterationFloorBenchmark {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  private static final int LOG_V = Integer.numberOfTrailingZeros(V);
  /** Per bit i of a lane's index, a vector of the bit (0 or 1) and one of 1 − bit. */
  private static final double[] LANE_BITS = laneBits();

  /**
   * Outcomes 0..bins − 1: the iteration benchmark's {@code outcomes}, under its own name so that runs setting
   * {@code -p outcomes} for the other benchmarks leave this one at its few (it is for 2 to {@value #MOST_BINS}).
   */
  @Param({"11"})
  int bins;

  /** The most bins the floor takes: every term of the workload's mixtures stays far inside the doubles. */
  static final int MOST_BINS = 129;

  @Param({"3", "8"})
  int components;

  /** {@code outcome}: lanes are outcomes; {@code component}: lanes are components. */
  @Param({"outcome", "component"})
  String layout;

  boolean byComponent;
  /** Binomial trials: outcomes − 1. */
  int trials;
  int k;
  /** Components rounded up to whole vectors, and vectors of outcomes. */
  int kp;
  int vectors;
  /** Counts and outcomes, padded to whole vectors (counts 0 there). */
  double[] c;
  double[] x;
  /** Σ_b c_b·log C(n, x_b): the base measure, so the result is the model's log-likelihood. */
  double logBase;
  double[] w;
  double[] theta;
  double[] n;
  double[] s;
  /** 1 in the lanes past the last component, else 0 (keeps their estimates at 0). */
  double[] padding;
  double[] scale;
  double[] rho;
  /** Outcome layout: per component ρ^V. */
  double[] steps;
  /** Outcome layout: per component and vector its terms; component layout: per outcome a row of components. */
  double[] terms;
  double[] sums;
  double[] weights;
  double[] weightedX;

  private static double[] laneBits() {
    double[] bits = new double[2 * Math.max(1, LOG_V) * V];
    for (int i = 0; i < LOG_V; i++) {
      for (int lane = 0; lane < V; lane++) {
        bits[2 * i * V + lane] = (lane >> i) & 1;
        bits[(2 * i + 1) * V + lane] = 1 - ((lane >> i) & 1);
      }
    }
    return bits;
  }

  /** The {@link IterationBenchmark}'s mixture and histogram, then a first E-step (as its setup). */
  @Setup(Level.Trial)
  public void setup() {
    if (!"outcome".equals(layout) && !"component".equals(layout)) {
      throw new IllegalArgumentException("layout " + layout + " must be outcome or component");
    }
    if (components < 1) {
      throw new IllegalArgumentException("components " + components + " must be at least 1");
    }
    if (bins < 2 || bins > MOST_BINS) {
      throw new IllegalArgumentException("bins " + bins + " must be within 2.." + MOST_BINS);
    }
    final int outcomes = bins;
    byComponent = "component".equals(layout);
    trials = bins - 1;
    k = components;
    kp = (k + V - 1) / V * V;
    vectors = (outcomes + V - 1) / V;
    MixtureModel model = Workloads.mixture(trials, k);
    Histogram h = Workloads.fullSupportHistogram(model, outcomes);
    c = new double[vectors * V];
    x = new double[vectors * V];
    for (int b = 0; b < vectors * V; b++) {
      x[b] = b;
    }
    logBase = 0;
    for (int b = 0; b < h.size(); b++) {
      if (h.outcome(b) != b) {
        throw new IllegalStateException("outcome " + h.outcome(b) + " at bin " + b);
      }
      c[b] = h.count(b);
      double logChoose = 0;
      for (int i = 1; i <= b; i++) {
        logChoose += Math.log((double) (trials - b + i) / i);
      }
      logBase += c[b] * logChoose;
    }
    w = new double[kp];
    theta = new double[kp];
    n = new double[kp];
    s = new double[kp];
    padding = new double[kp];
    scale = new double[kp];
    rho = new double[kp];
    steps = new double[kp];
    for (int j = 0; j < kp; j++) {
      w[j] = j < k ? model.weight(j) : 0;
      theta[j] = j < k ? model.param(j) : 0;
      padding[j] = j < k ? 0 : 1;
    }
    terms = new double[byComponent ? vectors * V * kp : k * (vectors + 1) * V];
    sums = new double[vectors * V];
    weights = new double[vectors * V];
    weightedX = new double[vectors * V];
    terms();
    eStep();
  }

  /** One EM iteration; returns the new log-likelihood. */
  @Benchmark
  public double iterate() {
    mStep();
    terms();
    return eStep();
  }

  /** w = N/ΣN, θ = S/(n·N), a vector of components at a time. */
  void mStep() {
    double total = 0;
    for (int j = 0; j < k; j++) {
      total += n[j];
    }
    final double perN = 1 / total;
    for (int j = 0; j < kp; j += V) {
      DoubleVector nj = DoubleVector.fromArray(SPECIES, n, j);
      nj.mul(perN).intoArray(w, j);
      DoubleVector.fromArray(SPECIES, s, j).div(nj.mul(trials).add(DoubleVector.fromArray(SPECIES, padding, j)))
          .max(0.0).min(1.0).intoArray(theta, j);
    }
  }

  /** scale = w·(1 − θ)^n by binary powering (a factor b·bit + 1 − bit per bit, no branch), ρ = θ/(1 − θ). */
  void terms() {
    final int bits = 32 - Integer.numberOfLeadingZeros(trials);
    for (int j = 0; j < kp; j += V) {
      DoubleVector th = DoubleVector.fromArray(SPECIES, theta, j);
      DoubleVector q = th.neg().add(1.0);
      DoubleVector p = DoubleVector.fromArray(SPECIES, w, j);
      DoubleVector b = q;
      for (int i = 0; i < bits; i++) {
        double bit = (trials >>> i) & 1;
        p = p.mul(b.mul(bit).add(1 - bit));
        b = b.mul(b);
      }
      p.intoArray(scale, j);
      th.div(q).intoArray(rho, j);
    }
  }

  /** N, S and Σ_b c_b·log Σ_j term + the base measure. */
  double eStep() {
    if (!byComponent && vectors == 2) {
      return twoVectors();
    }
    if (byComponent) {
      sumsByComponent();
    } else {
      sumsByOutcome();
    }
    for (int v = 0; v < vectors * V; v += V) {
      DoubleVector weight = DoubleVector.fromArray(SPECIES, c, v).div(DoubleVector.fromArray(SPECIES, sums, v));
      weight.intoArray(weights, v);
      weight.mul(DoubleVector.fromArray(SPECIES, x, v)).intoArray(weightedX, v);
    }
    if (byComponent) {
      statisticsByComponent();
    } else {
      statisticsByOutcome();
    }
    DoubleVector logLik = DoubleVector.broadcast(SPECIES, 0.0);
    for (int v = 0; v < vectors * V; v += V) {
      logLik = DoubleVector.fromArray(SPECIES, c, v)
          .fma(DoubleVector.fromArray(SPECIES, sums, v).lanewise(VectorOperators.LOG), logLik);
    }
    return logLik.reduceLanes(VectorOperators.ADD) + logBase;
  }

  /**
   * Per component its first vector of terms scale·ρ^lane (a factor per bit of the lane) at the start of its row
   * of vectors + 1 in the terms, and its step ρ^V.
   */
  private void firstTerms() {
    for (int j = 0; j < k; j++) {
      DoubleVector t = DoubleVector.broadcast(SPECIES, scale[j]);
      double power = rho[j];
      for (int i = 0; i < LOG_V; i++) {
        t = t.mul(DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * i * V).mul(power)
            .add(DoubleVector.fromArray(SPECIES, LANE_BITS, (2 * i + 1) * V)));
        power *= power;
      }
      t.intoArray(terms, j * (vectors + 1) * V);
      steps[j] = power;
    }
  }

  /** Per vector of outcomes the terms (the previous vector's times the step), summed over components in a register. */
  private void sumsByOutcome() {
    firstTerms();
    for (int v = 0; v < vectors; v++) {
      DoubleVector sum = DoubleVector.broadcast(SPECIES, 0.0);
      for (int j = 0; j < k; j++) {
        DoubleVector t = DoubleVector.fromArray(SPECIES, terms, (j * (vectors + 1) + v) * V);
        sum = sum.add(t);
        t.mul(steps[j]).intoArray(terms, (j * (vectors + 1) + v + 1) * V); // (no branch: it would box sum)
      }
      sum.intoArray(sums, v * V);
    }
  }

  private void statisticsByOutcome() {
    for (int j = 0; j < k; j++) {
      DoubleVector accN = DoubleVector.broadcast(SPECIES, 0.0);
      DoubleVector accS = accN;
      for (int v = 0; v < vectors; v++) {
        DoubleVector t = DoubleVector.fromArray(SPECIES, terms, (j * (vectors + 1) + v) * V);
        accN = t.fma(DoubleVector.fromArray(SPECIES, weights, v * V), accN);
        accS = t.fma(DoubleVector.fromArray(SPECIES, weightedX, v * V), accS);
      }
      n[j] = accN.reduceLanes(VectorOperators.ADD);
      s[j] = accS.reduceLanes(VectorOperators.ADD);
    }
  }

  /**
   * The outcome layout over two vectors of outcomes, everything but the terms in registers (the first terms
   * computed here as in {@link #firstTerms}, not read back from it: that store and load cost 83 against 96 ns an
   * iteration at 11 outcomes and 3 components).
   */
  private double twoVectors() {
    DoubleVector sum0 = DoubleVector.broadcast(SPECIES, 0.0);
    DoubleVector sum1 = sum0;
    for (int j = 0; j < k; j++) {
      DoubleVector t = DoubleVector.broadcast(SPECIES, scale[j]);
      double power = rho[j];
      for (int i = 0; i < LOG_V; i++) {
        t = t.mul(DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * i * V).mul(power)
            .add(DoubleVector.fromArray(SPECIES, LANE_BITS, (2 * i + 1) * V)));
        power *= power;
      }
      DoubleVector u = t.mul(power);
      t.intoArray(terms, 3 * j * V);
      u.intoArray(terms, (3 * j + 1) * V);
      sum0 = sum0.add(t);
      sum1 = sum1.add(u);
    }
    DoubleVector c0 = DoubleVector.fromArray(SPECIES, c, 0);
    DoubleVector c1 = DoubleVector.fromArray(SPECIES, c, V);
    DoubleVector w0 = c0.div(sum0);
    DoubleVector w1 = c1.div(sum1);
    DoubleVector wx0 = w0.mul(DoubleVector.fromArray(SPECIES, x, 0));
    DoubleVector wx1 = w1.mul(DoubleVector.fromArray(SPECIES, x, V));
    for (int j = 0; j < k; j++) {
      DoubleVector t = DoubleVector.fromArray(SPECIES, terms, 3 * j * V);
      DoubleVector u = DoubleVector.fromArray(SPECIES, terms, (3 * j + 1) * V);
      n[j] = t.mul(w0).add(u.mul(w1)).reduceLanes(VectorOperators.ADD);
      s[j] = t.mul(wx0).add(u.mul(wx1)).reduceLanes(VectorOperators.ADD);
    }
    return c0.fma(sum0.lanewise(VectorOperators.LOG), c1.mul(sum1.lanewise(VectorOperators.LOG)))
        .reduceLanes(VectorOperators.ADD) + logBase;
  }

  /** Per vector of components its terms outcome by outcome (times ρ each), then each outcome's lane sum. */
  private void sumsByComponent() {
    for (int j = 0; j < kp; j += V) {
      DoubleVector t = DoubleVector.fromArray(SPECIES, scale, j);
      DoubleVector r = DoubleVector.fromArray(SPECIES, rho, j);
      for (int b = 0; b < bins; b++) {
        t.intoArray(terms, b * kp + j);
        t = t.mul(r);
      }
    }
    for (int b = 0; b < bins; b++) {
      DoubleVector row = DoubleVector.fromArray(SPECIES, terms, b * kp);
      for (int j = V; j < kp; j += V) {
        row = row.add(DoubleVector.fromArray(SPECIES, terms, b * kp + j));
      }
      sums[b] = row.reduceLanes(VectorOperators.ADD);
    }
    for (int b = bins; b < vectors * V; b++) {
      sums[b] = 1; // Count 0 there: weight 0, log 1 = 0.
    }
  }

  private void statisticsByComponent() {
    for (int j = 0; j < kp; j += V) {
      DoubleVector accN = DoubleVector.broadcast(SPECIES, 0.0);
      DoubleVector accS = accN;
      for (int b = 0; b < bins; b++) {
        DoubleVector t = DoubleVector.fromArray(SPECIES, terms, b * kp + j);
        accN = t.fma(DoubleVector.broadcast(SPECIES, weights[b]), accN);
        accS = t.fma(DoubleVector.broadcast(SPECIES, weightedX[b]), accS);
      }
      accN.intoArray(n, j);
      accS.intoArray(s, j);
    }
  }
}
