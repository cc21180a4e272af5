package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkernel.internal.Powers;
import org.emkernel.internal.ScalarArithmetic;
import org.emkernel.internal.SpecialFunctions;

/**
 * {@link Powers} a vector of components at a time: the scalar operations lane by lane, in the same order, so
 * the same bits as {@link org.emkernel.internal.ScalarArithmetic}; components past the last whole vector one at a time. Stateless.
 * The powering goes bit by bit over the exponent with the vectors in the arrays between bits: a vector carried
 * through a loop with a branch in it (multiply at a set bit or not) is boxed by JDK 17's C2, which allocates.
 */
final class PanamaPowers implements Powers {
  static final PanamaPowers INSTANCE = new PanamaPowers();
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();

  private PanamaPowers() {}

  @Override
  public void timesPowers(double[] scale, double[] base, int k, int e) {
    assert e >= 0 && scale.length >= k && base.length >= k;
    final int whole = k / V * V;
    power(scale, 0, base, 0, whole, e);
    for (int j = whole; j < k; j++) {
      scale[j] = SpecialFunctions.timesPower(scale[j], base[j], e);
    }
  }

  @Override
  public void binomialTerms(double[] w, double[] theta, int k, int n, double[] scale, double[] rho) {
    assert n >= 0 && w.length >= k && theta.length >= k && scale.length >= k && rho.length >= k;
    final int whole = k / V * V;
    final int bits = 32 - Integer.numberOfLeadingZeros(n);
    final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int j = 0; j < whole; j += V) {
      final DoubleVector th = DoubleVector.fromArray(SPECIES, theta, j);
      final DoubleVector wj = DoubleVector.fromArray(SPECIES, w, j);
      // scale = w·(1 − θ)^n by timesPower's steps in registers: at bit i a factor b·bit + (1 − bit), exactly b
      // or 1 as b = (1 − θ)^(2^i) lies in [0, 1] (no branch: a vector carried through a loop with a branch in it
      // is boxed; a blend on a compare per bit is slower). Squares past the last bit
      // go unused.
      DoubleVector p = wj;
      DoubleVector b = one.sub(th);
      for (int i = 0; i < bits; i++) {
        final double bit = (n >>> i) & 1;
        p = p.mul(b.fma(bit, 1 - bit));
        b = b.mul(b);
      }
      // θ = 1: the whole mass at x = n, scale w (and ρ = θ/0 = ∞).
      p.blend(wj, th.compare(VectorOperators.EQ, 1.0)).intoArray(scale, j);
      th.div(one.sub(th)).intoArray(rho, j);
    }
    for (int j = whole; j < k; j++) {
      double th = theta[j];
      scale[j] = th == 1 ? w[j] : SpecialFunctions.timesPower(w[j], 1 - th, n);
      rho[j] = th / (1 - th);
    }
  }

  /**
   * scale·base^e over {@code length} entries (a multiple of V) from scale[scaleAt] and base[baseAt], by
   * {@link SpecialFunctions#timesPower}'s steps, a bit of e at a time over every vector; base is overwritten
   * with its powers. Also the product path's start terms ({@link PanamaProducts}).
   */
  static void power(double[] scale, int scaleAt, double[] base, int baseAt, int length, long e) {
    assert length % V == 0 && e >= 0;
    for (; e != 0; e >>>= 1) {
      final boolean multiply = (e & 1) != 0;
      final boolean square = e > 1;
      for (int j = 0; j < length; j += V) {
        DoubleVector b = DoubleVector.fromArray(SPECIES, base, baseAt + j);
        if (multiply) {
          DoubleVector.fromArray(SPECIES, scale, scaleAt + j).mul(b).intoArray(scale, scaleAt + j);
        }
        if (square) {
          b.mul(b).intoArray(base, baseAt + j);
        }
      }
    }
  }
}
