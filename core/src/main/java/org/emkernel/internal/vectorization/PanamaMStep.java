package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.ScalarArithmetic;

/**
 * {@link MStepArithmetic} a vector of components at a time: lane l of a vector at a multiple of 8 is partial sum
 * l mod 8, so the sum keeps the scalar order; the rest is exact per lane. Components past the last whole vector
 * one at a time. Stateless.
 */
final class PanamaMStep implements MStepArithmetic {
  static final PanamaMStep INSTANCE = new PanamaMStep();
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();

  private PanamaMStep() {}

  @Override
  public double sum(double[] v, int k) {
    assert k <= v.length;
    if (V != 8 && V != 4) {
      return ScalarArithmetic.INSTANCE.sum(v, k);
    }
    // Lanes 0..V−1 of a take partial sums 0..V−1; at 4 lanes, b takes 4..7.
    DoubleVector a = DoubleVector.zero(SPECIES);
    DoubleVector b = DoubleVector.zero(SPECIES);
    int j = 0;
    for (; j + 8 <= k; j += 8) {
      a = DoubleVector.fromArray(SPECIES, v, j).add(a);
      if (V == 4) {
        b = DoubleVector.fromArray(SPECIES, v, j + 4).add(b);
      }
    }
    if (V == 8) {
      return ScalarArithmetic.combine(v, j, k, a.lane(0), a.lane(1), a.lane(2), a.lane(3), a.lane(4), a.lane(5),
          a.lane(6), a.lane(7));
    }
    return ScalarArithmetic.combine(v, j, k, a.lane(0), a.lane(1), a.lane(2), a.lane(3), b.lane(0), b.lane(1),
        b.lane(2), b.lane(3));
  }

  @Override
  public boolean weightsAndQuotients(double[] n, double[] s, double perN, double factor, double lo, double hi,
      double threshold, int k, double[] w, double[] estimates) {
    assert k <= n.length && k <= s.length && k <= w.length && k <= estimates.length;
    final int whole = k / V * V;
    // The least N over every lane: Math.min's rules, so a NaN stays.
    DoubleVector least = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
    for (int j = 0; j < whole; j += V) {
      final DoubleVector nj = DoubleVector.fromArray(SPECIES, n, j);
      nj.mul(perN).intoArray(w, j);
      DoubleVector.fromArray(SPECIES, s, j).div(nj.mul(factor)).max(lo).min(hi).intoArray(estimates, j);
      least = nj.min(least);
    }
    double min = Double.POSITIVE_INFINITY;
    for (int j = whole; j < k; j++) {
      w[j] = n[j] * perN;
      estimates[j] = Math.min(hi, Math.max(lo, s[j] / (factor * n[j])));
      min = Math.min(min, n[j]);
    }
    return Math.min(min, least.reduceLanes(jdk.incubator.vector.VectorOperators.MIN)) > threshold;
  }
}
