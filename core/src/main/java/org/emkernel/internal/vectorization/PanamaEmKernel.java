package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernel on {@code jdk.incubator.vector}: lanes run across consecutive bins, the component loop
 * runs inside; per-component exponentials and accumulators live in a small scratch array.
 */
public final class PanamaEmKernel implements EmKernel {

  /** The single instance. */
  public static final PanamaEmKernel INSTANCE = new PanamaEmKernel();

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();

  private PanamaEmKernel() {}

  /** Number of doubles per vector on this machine. */
  public static int lanes() {
    return V;
  }

  @Override
  public int scratchLength(int k) {
    // k rows of exponentials, k rows each for the N, S and T accumulators, one lane buffer.
    return 4 * k * V + V;
  }

  @Override
  public double accumulate(double[] x, double[] z, double[] c, int from, int to,
      double[] a, double[] eta, double[] zeta, int k,
      double[] n, double[] s, double[] t, double[] scratch) {
    assert from >= 0 && from <= to && to <= x.length && to <= c.length : from + ".." + to;
    assert scratch.length >= scratchLength(k);
    assert z == null || (zeta != null && t != null && z.length >= to);
    final boolean hasZ = z != null;
    final int accN = k * V;
    final int accS = 2 * k * V;
    final int accT = 3 * k * V;
    java.util.Arrays.fill(scratch, accN, 4 * k * V, 0.0);
    DoubleVector logLik = DoubleVector.zero(SPECIES);
    final int upper = from + SPECIES.loopBound(to - from);
    for (int b = from; b < upper; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      DoubleVector zv = hasZ ? DoubleVector.fromArray(SPECIES, z, b) : null;
      // Pass 1: log-joints and their running maximum.
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        DoubleVector l = xv.fma(eta[j], a[j]);
        if (hasZ) {
          l = zv.fma(DoubleVector.broadcast(SPECIES, zeta[j]), l);
        }
        l.intoArray(scratch, j * V);
        max = max.max(l);
      }
      // Pass 2: shifted exponentials and their sum.
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).lanewise(VectorOperators.EXP);
        e.intoArray(scratch, j * V);
        sum = sum.add(e);
      }
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b);
      logLik = cv.fma(max.add(sum.lanewise(VectorOperators.LOG)), logLik);
      // Pass 3: count-weighted posteriors into the per-component lane accumulators.
      DoubleVector w = cv.div(sum);
      for (int j = 0; j < k; j++) {
        DoubleVector r = DoubleVector.fromArray(SPECIES, scratch, j * V).mul(w);
        DoubleVector.fromArray(SPECIES, scratch, accN + j * V).add(r).intoArray(scratch, accN + j * V);
        r.fma(xv, DoubleVector.fromArray(SPECIES, scratch, accS + j * V)).intoArray(scratch, accS + j * V);
        if (hasZ) {
          r.fma(zv, DoubleVector.fromArray(SPECIES, scratch, accT + j * V)).intoArray(scratch, accT + j * V);
        }
      }
    }
    for (int j = 0; j < k; j++) {
      n[j] += DoubleVector.fromArray(SPECIES, scratch, accN + j * V).reduceLanes(VectorOperators.ADD);
      s[j] += DoubleVector.fromArray(SPECIES, scratch, accS + j * V).reduceLanes(VectorOperators.ADD);
      if (hasZ) {
        t[j] += DoubleVector.fromArray(SPECIES, scratch, accT + j * V).reduceLanes(VectorOperators.ADD);
      }
    }
    double total = logLik.reduceLanes(VectorOperators.ADD);
    if (upper < to) {
      // Tail shorter than a vector: the scalar reference handles it.
      total += DefaultEmKernel.INSTANCE.accumulate(x, z, c, upper, to, a, eta, zeta, k, n, s, t, scratch);
    }
    return total;
  }

  @Override
  public void logPosteriors(double[] x, double[] z, int from, int to,
      double[] a, double[] eta, double[] zeta, int k, double[] out, double[] lse, double[] scratch) {
    assert out.length >= (long) to * k;
    assert scratch.length >= scratchLength(k);
    final boolean hasZ = z != null;
    final int lane = 4 * k * V;
    final int upper = from + SPECIES.loopBound(to - from);
    for (int b = from; b < upper; b += V) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
      DoubleVector zv = hasZ ? DoubleVector.fromArray(SPECIES, z, b) : null;
      DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        DoubleVector l = xv.fma(eta[j], a[j]);
        if (hasZ) {
          l = zv.fma(DoubleVector.broadcast(SPECIES, zeta[j]), l);
        }
        l.intoArray(scratch, j * V);
        max = max.max(l);
      }
      DoubleVector sum = DoubleVector.zero(SPECIES);
      for (int j = 0; j < k; j++) {
        sum = sum.add(DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).lanewise(VectorOperators.EXP));
      }
      DoubleVector logSum = sum.lanewise(VectorOperators.LOG);
      if (lse != null) {
        max.add(logSum).intoArray(lse, b);
      }
      // (l − max) − log Σ, transposed from lanes into the row-major output.
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(SPECIES, scratch, j * V).sub(max).sub(logSum).intoArray(scratch, lane);
        for (int i = 0; i < V; i++) {
          out[(b + i) * k + j] = scratch[lane + i];
        }
      }
    }
    if (upper < to) {
      DefaultEmKernel.INSTANCE.logPosteriors(x, z, upper, to, a, eta, zeta, k, out, lse, scratch);
    }
  }

  @Override
  public String name() {
    return "vector";
  }
}
