package org.emkernel.internal.vectorization;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.SpecialFunctions;

/**
 * Coefficient logarithms a vector at a time from {@link VectorMath} (deterministic, within 2 ulp of Math),
 * with the special values the families need: log 0 = −∞, subnormal inputs, and the clamped variants of
 * {@link SpecialFunctions}. One instance per session (it owns its buffers): not thread-safe.
 */
final class PanamaLogarithms implements Logarithms {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  private static final double TWO_54 = 0x1p54;
  private static final double LOG_TWO_54 = 54 * Math.log(2);

  /** Inputs padded with 1 to whole vectors, then their logarithms. */
  private final double[] args;
  private final double[] logs;

  /** Buffers for up to k values. */
  PanamaLogarithms(int k) {
    int length = Math.max(V, (k + V - 1) / V * V);
    this.args = new double[length];
    this.logs = new double[length];
  }

  private void load(double[] in, int n) {
    assert n <= args.length;
    System.arraycopy(in, 0, args, 0, n);
    Arrays.fill(args, n, args.length, 1.0);
  }

  @Override
  public void log(double[] in, double[] out, int n) {
    load(in, n);
    logOfArgs();
    System.arraycopy(logs, 0, out, 0, n);
  }

  @Override
  public void clampedLog(double[] in, double[] out, int n) {
    load(in, n);
    logOfArgs();
    for (int i = 0; i < n; i += V) {
      DoubleVector.fromArray(SPECIES, logs, i).max(SpecialFunctions.LOG_MIN_VALUE).intoArray(logs, i);
    }
    System.arraycopy(logs, 0, out, 0, n);
  }

  @Override
  public void clampedLog1m(double[] in, double[] out, int n) {
    // log(1 − p) = log u − ((u − 1) + p)/u with u = 1 − p rounded (exact for p >= 1/2, where the correction
    // is 0); u >= 2^−53 is normal for p < 1, and p >= 1 gives log Double.MIN_VALUE.
    load(in, n);
    for (int i = 0; i < args.length; i += V) {
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, i);
      p.neg().add(1.0).max(Double.MIN_NORMAL).intoArray(logs, i);
    }
    VectorMath.log(logs, 0, logs, 0, logs.length);
    for (int i = 0; i < n; i += V) {
      DoubleVector p = DoubleVector.fromArray(SPECIES, args, i);
      DoubleVector u = p.neg().add(1.0);
      DoubleVector correction = u.sub(1.0).add(p).div(u.max(Double.MIN_NORMAL));
      DoubleVector value = DoubleVector.fromArray(SPECIES, logs, i).sub(correction);
      value.blend(SpecialFunctions.LOG_MIN_VALUE, p.compare(VectorOperators.GE, 1.0)).intoArray(logs, i);
    }
    System.arraycopy(logs, 0, out, 0, n);
  }

  /** logs = log args for args in [0, ∞): subnormals scaled by 2^54 first, log 0 = −∞. */
  private void logOfArgs() {
    for (int i = 0; i < args.length; i += V) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, args, i);
      VectorMask<Double> tiny = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
      // 0 becomes 1 here (its log is set to −∞ below): VectorMath.log takes normal positive values only.
      x.blend(x.mul(TWO_54), tiny).blend(1.0, x.compare(VectorOperators.EQ, 0.0)).intoArray(logs, i);
    }
    VectorMath.log(logs, 0, logs, 0, logs.length);
    for (int i = 0; i < args.length; i += V) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, args, i);
      DoubleVector l = DoubleVector.fromArray(SPECIES, logs, i);
      l = l.blend(l.sub(LOG_TWO_54), x.compare(VectorOperators.LT, Double.MIN_NORMAL));
      l = l.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
      l.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)).intoArray(logs, i);
    }
  }
}
