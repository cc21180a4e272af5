package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.ScalarArithmetic;
import org.emkernel.internal.SpecialFunctions;

/**
 * Coefficient logarithms a vector at a time from {@link VectorMath}, bit for bit those of
 * {@link org.emkernel.internal.ScalarArithmetic} (both are {@link org.emkernel.internal.DeterministicLog} operation for operation),
 * with the same special values: log 0 = −∞, subnormal inputs, NaN for NaN or negative inputs, and the clamped
 * variants of {@link SpecialFunctions}. The three kinds go through one call of the vector log, so their
 * latencies overlap. One instance per session (it owns its buffers): not thread-safe.
 */
final class PanamaLogarithms implements Logarithms {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  private static final double TWO_54 = org.emkernel.internal.DeterministicLog.TWO_54;
  private static final double LOG_TWO_54 = org.emkernel.internal.DeterministicLog.LOG_TWO_54;

  /** Whole vectors per kind. */
  private final int length;
  /** Arguments of the three kinds, one after another (w, θ, 1 − θ), padded with 1 and 1/2; then their logarithms. */
  private final double[] args;
  private final double[] logs;

  /** Buffers for up to k components. */
  PanamaLogarithms(int k) {
    this.length = Math.max(V, (k + V - 1) / V * V);
    this.args = new double[3 * length];
    this.logs = new double[3 * length];
  }

  /** Whether every w is normal, positive and finite and every θ normal, positive and below 1. */
  private boolean ordinary() {
    boolean all = true;
    for (int i = 0; i < length; i += V) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, args, i);
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, length + i);
      all &= x.compare(VectorOperators.GE, Double.MIN_NORMAL).and(x.compare(VectorOperators.LT, Double.POSITIVE_INFINITY))
          .and(p.compare(VectorOperators.GE, Double.MIN_NORMAL)).and(p.compare(VectorOperators.LT, 1.0)).allTrue();
    }
    return all;
  }

  /**
   * The three kinds for ordinary arguments (see {@link #ordinary()}): the general path's operations without
   * its special cases, none of which changes an ordinary lane, so the same bits.
   */
  private void ordinaryLogs(int n, double[] logW, double[] logTheta, double[] log1mTheta) {
    for (int i = 0; i < length; i += V) {
      DoubleVector.fromArray(SPECIES, args, i).intoArray(logs, i);
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, length + i);
      p.intoArray(logs, length + i);
      p.neg().add(1.0).max(Double.MIN_NORMAL).intoArray(logs, 2 * length + i);
    }
    VectorMath.log(logs, 0, logs, 0, 3 * length);
    for (int i = 0; i < length; i += V) {
      // log(1 − p) = log u − ((u − 1) + p)/u, as in the general path.
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, length + i);
      DoubleVector u = p.neg().add(1.0);
      DoubleVector correction = u.sub(1.0).add(p).div(u.max(Double.MIN_NORMAL));
      DoubleVector.fromArray(SPECIES, logs, 2 * length + i).sub(correction).intoArray(logs, 2 * length + i);
    }
    System.arraycopy(logs, 0, logW, 0, n);
    System.arraycopy(logs, length, logTheta, 0, n);
    System.arraycopy(logs, 2 * length, log1mTheta, 0, n);
  }

  @Override
  public void coefficientLogs(double[] w, double[] theta, int n, double[] logW, double[] logTheta,
      double[] log1mTheta) {
    assert n <= length;
    final int kinds = log1mTheta == null ? 2 : 3;
    // Padding lanes: w = 1, θ = 1/2 (ordinary values, never copied out).
    java.util.Arrays.fill(args, n, length, 1.0);
    java.util.Arrays.fill(args, length + n, 2 * length, 0.5);
    System.arraycopy(w, 0, args, 0, n);
    System.arraycopy(theta, 0, args, length, n);
    if (kinds == 3 && ordinary()) {
      ordinaryLogs(n, logW, logTheta, log1mTheta);
      return;
    }
    // Arguments VectorMath.log takes (normal, positive, finite): subnormals scaled by 2^54, 0 and ∞ set to 1
    // (fixed below), and u = 1 − θ rounded, at least the smallest normal.
    for (int i = 0; i < 2 * length; i += V) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, args, i);
      VectorMask<Double> special = x.compare(VectorOperators.EQ, 0.0)
          .or(x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
      x.blend(x.mul(TWO_54), x.compare(VectorOperators.LT, Double.MIN_NORMAL)).blend(1.0, special)
          .intoArray(logs, i);
    }
    if (kinds == 3) {
      for (int i = 0; i < length; i += V) {
        DoubleVector.fromArray(SPECIES, args, length + i).neg().add(1.0).max(Double.MIN_NORMAL)
            .intoArray(logs, 2 * length + i);
      }
    }
    VectorMath.log(logs, 0, logs, 0, kinds * length);
    for (int i = 0; i < n; i += V) {
      // log w and log θ: undo the scaling, log 0 = −∞, log ∞ = ∞; log θ clamped below.
      DoubleVector x = DoubleVector.fromArray(SPECIES, args, i);
      DoubleVector l = DoubleVector.fromArray(SPECIES, logs, i);
      l = l.blend(l.sub(LOG_TWO_54), x.compare(VectorOperators.LT, Double.MIN_NORMAL))
          .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0))
          .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
          .blend(Double.NaN, x.compare(VectorOperators.GE, 0.0).not());
      l.intoArray(logs, i);
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, length + i);
      DoubleVector lp = DoubleVector.fromArray(SPECIES, logs, length + i);
      lp = lp.blend(lp.sub(LOG_TWO_54), p.compare(VectorOperators.LT, Double.MIN_NORMAL))
          .blend(Double.POSITIVE_INFINITY, p.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
          .max(SpecialFunctions.LOG_MIN_VALUE); // Also log 0 (its lane holds log 1 = 0 here) below.
      lp.blend(SpecialFunctions.LOG_MIN_VALUE, p.compare(VectorOperators.EQ, 0.0))
          .blend(Double.NaN, p.compare(VectorOperators.GE, 0.0).not()).intoArray(logs, length + i);
      if (kinds == 3) {
        // log(1 − p) = log u − ((u − 1) + p)/u with u = 1 − p rounded (the correction is 0 for p >= 1/2,
        // where u is exact); p >= 1 gives log Double.MIN_VALUE.
        DoubleVector u = p.neg().add(1.0);
        DoubleVector correction = u.sub(1.0).add(p).div(u.max(Double.MIN_NORMAL));
        DoubleVector.fromArray(SPECIES, logs, 2 * length + i).sub(correction)
            .blend(SpecialFunctions.LOG_MIN_VALUE, p.compare(VectorOperators.GE, 1.0))
            .blend(Double.NaN, p.compare(VectorOperators.NE, p))
            .intoArray(logs, 2 * length + i);
      }
    }
    System.arraycopy(logs, 0, logW, 0, n);
    System.arraycopy(logs, length, logTheta, 0, n);
    if (kinds == 3) {
      System.arraycopy(logs, 2 * length, log1mTheta, 0, n);
    }
  }
}
