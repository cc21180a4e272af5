package org.emkernel.internal.vectorization;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernel's product path ({@link EmKernel#accumulateProducts}): terms scale_j·ρ_j^x over consecutive
 * outcomes by multiplication alone, one vector logarithm and one division per vector of bins. Two layouts:
 * by outcome (lanes are outcomes, components one after another), for few components; by component (lanes
 * are components, bins one after another), for many components over few bins. Both sum N and S by Horner's
 * rule in the ratio, Σ_b t_b·w_b = t_0·Σ_b ρ^b·w_b, so the second pass needs no terms, only two fused
 * multiply-adds per vector. Every operation is an IEEE one in a fixed order: the same bits in every compile
 * state.
 */
final class PanamaProducts {
  private PanamaProducts() {}

  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  static final int V = SPECIES.length();
  /** Vectors of bins the product path can hold: outcomes 0 to PRODUCT_LIMIT, and one more for alignment. */
  static final int MAX_VECTORS = (EmKernel.PRODUCT_LIMIT + 1 + V - 1) / V + 1;
  /** Bits in a lane index. */
  static final int LOG_V = Integer.numberOfTrailingZeros(V);
  /** Lane i holds i (outcomes of a vector relative to its first). */
  static final double[] IOTA = iota();

  private static double[] iota() {
    double[] iota = new double[V];
    for (int i = 0; i < V; i++) {
      iota[i] = i;
    }
    return iota;
  }

  /** Components rounded up to whole vectors. */
  static int padded(int k) {
    return (k + V - 1) / V * V;
  }

  /**
   * Whether the component layout is the quicker for k components over this many vectors of bins: the outcome
   * layout pays per component (first terms, two lane sums), the component layout per bin (a lane sum). The
   * thresholds come from measuring both layouts (the commit messages that set them give the figures).
   */
  static boolean componentLayout(int k, int vectors) {
    return (k >= 16 && vectors <= 8) || (k >= 5 && vectors <= 2);
  }

  /** See {@link EmKernel#accumulateProducts}. */
  static double accumulate(double[] x, double[] c, int from, int to, double[] scale, double[] rho, int k,
      double[] n, double[] s, PanamaScratch scratch) {
    assert from >= 0 && from < to && to <= x.length && to <= c.length : from + ".." + to;
    assert to - from <= EmKernel.PRODUCT_LIMIT + 1 : to - from;
    assert scratch.capacity >= k;
    final int vectors = (to - from + V - 1) / V;
    final double x0 = x[from];
    final boolean masses = powers(scale, rho, x0, k, !componentLayout(k, vectors), scratch);
    // Pass 1 sums the terms per bin; the weights c/Σ, c·x/Σ and log Σ follow; pass 2 sums N and S.
    if (componentLayout(k, vectors)) {
      sumsByComponent(from, to, vectors, k, scratch);
    } else {
      sumsByOutcome(vectors, k, scratch);
    }
    if (masses) {
      lastBin(0, scale, rho, to - 1 - from, k, n, s, scratch);
    }
    final double logLik = weights(c, from, to, vectors, x0, scratch.doubles, scratch.productSums, scratch.productLogs,
        scratch.productWeights, scratch.productWeightedX, scratch.productCounts);
    if (componentLayout(k, vectors)) {
      statisticsByComponent(to - from, k, n, s, scratch);
    } else {
      statisticsByOutcome(vectors, k, n, s, scratch);
    }
    if (masses) {
      lastBin(1, scale, rho, to - 1 - from, k, n, s, scratch);
    }
    return logLik;
  }

  /**
   * The start terms scale·ρ^x0 (binary powering, components across lanes), ρ, and with {@code squares} (the
   * outcome layout) ρ^(2^i) up to ρ^V; padding components get scale 0 and ρ 1. Returns whether some component
   * is a mass at the last bin.
   */
  private static boolean powers(double[] scale, double[] rho, double x0, int k, boolean squares,
      PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int kp = padded(k);
    final int st = scratch.productStart;
    final int r1 = scratch.productRatios;
    final int stride = scratch.stride; // A local: a field read after a vector store is read again.
    // Inputs padded to whole vectors (scale 0, ρ 1 past k, as the interface asks) are read in place.
    final boolean whole = scale.length >= kp && rho.length >= kp;
    if (!whole) {
      System.arraycopy(scale, 0, rows, st, k);
      java.util.Arrays.fill(rows, st + k, st + kp, 0.0);
      System.arraycopy(rho, 0, rows, r1, k);
      java.util.Arrays.fill(rows, r1 + k, r1 + kp, 1.0);
    }
    final long e0 = (long) x0;
    // Lanes with a mass, counted without a branch per vector.
    DoubleVector massLanes = DoubleVector.zero(SPECIES);
    for (int j = 0; j < kp; j += V) {
      DoubleVector r = DoubleVector.fromArray(SPECIES, whole ? rho : rows, whole ? j : r1 + j);
      DoubleVector p = DoubleVector.fromArray(SPECIES, whole ? scale : rows, whole ? j : st + j);
      // A mass at the last bin (ρ = ∞) takes no part in the passes: scale 0, ρ 1 there; added by lastBin.
      VectorMask<Double> mass = r.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY);
      massLanes = massLanes.blend(1.0, mass);
      r = r.blend(1.0, mass);
      p = p.blend(0.0, mass);
      r.intoArray(rows, r1 + j);
      if (squares) {
        // ρ^(2^i) by squaring, for the outcome layout: their products give every lane power below V, the last
        // one is the step ρ^V (all within 2^±900: the caller bounds ρ^8).
        DoubleVector q = r;
        for (int i = 1; i <= LOG_V; i++) {
          q = q.mul(q);
          q.intoArray(rows, r1 + i * stride + j);
        }
      }
      p.intoArray(rows, st + j);
    }
    final boolean masses = massLanes.compare(VectorOperators.NE, 0.0).anyTrue();
    if (e0 == 0) {
      return masses;
    }
    // scale·ρ^x0 (the caller guarantees every ρ^y, y ≤ x0, and every term in range), a bit of x0 at a time over
    // every vector (vectors carried through a loop with a branch in it are boxed by JDK 17's C2, and every call
    // would allocate), the powers of ρ in the current row meanwhile (free until pass 1).
    System.arraycopy(rows, r1, rows, scratch.productCurrent, kp);
    PanamaPowers.power(rows, st, rows, scratch.productCurrent, kp, e0);
    return masses;
  }

  /**
   * Masses at the last bin (ρ = ∞): before the weights (pass 0) adds each to the last bin's sum; after
   * (pass 1) adds each one's N and S from that bin's weights.
   */
  private static void lastBin(int pass, double[] scale, double[] rho, int last, int k, double[] n, double[] s,
      PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    for (int j = 0; j < k; j++) {
      if (rho[j] == Double.POSITIVE_INFINITY) {
        if (pass == 0) {
          rows[scratch.productSums + last] += scale[j];
        } else {
          n[j] += scale[j] * rows[scratch.productWeights + last];
          s[j] += scale[j] * rows[scratch.productWeightedX + last];
        }
      }
    }
  }

  /**
   * Whether both passes of the outcome layout take components j, j + 1, j + 2 as a group of three: three are
   * left, or two and a padding component (scale 0) exists to make up the third. One rule, so pass 2 reads the
   * first-vector terms pass 1 wrote.
   */
  private static boolean threeLeft(int k, int j) {
    return k - j == 3 || (k - j == 2 && j + 3 <= padded(k));
  }

  /**
   * Lanes are outcomes; components four at a time (their terms stay in registers), then three at a time for
   * the last two or three (a padding component, scale 0, makes up two), then one. Each component's
   * first-vector terms are kept in the current row for pass 2.
   */
  static void sumsByOutcome(int vectors, int k, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int sums = scratch.productSums;
    final int step = scratch.productStep;
    final int cur = scratch.productCurrent;
    final int st = scratch.productStart;
    final int ratios = scratch.productRatios;
    final int stride = scratch.stride;
    final int end = sums + vectors * V;
    final DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int at = sums; at < end; at += V) {
      zero.intoArray(rows, at);
    }
    // Pass 1: each vector's sums over components, the terms by one multiplication per vector.
    int j = 0;
    for (; j + 4 <= k; j += 4) {
      // First terms: scale·ρ^x0 times ρ^lane from exact bit factors, bit·ρ^(2^i) + (1 − bit) being exactly
      // ρ^(2^i) or 1. (Written out here, not in a helper returning a vector: such a helper boxes its result
      // whenever C2 has compiled it on its own first and then does not inline it.)
      DoubleVector t0 = DoubleVector.broadcast(SPECIES, rows[st + j]);
      DoubleVector t1 = DoubleVector.broadcast(SPECIES, rows[st + j + 1]);
      DoubleVector t2 = DoubleVector.broadcast(SPECIES, rows[st + j + 2]);
      DoubleVector t3 = DoubleVector.broadcast(SPECIES, rows[st + j + 3]);
      for (int i = 0; i < LOG_V; i++) {
        DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
        DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
        int p = ratios + i * stride + j;
        t0 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p]), not).mul(t0);
        t1 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p + 1]), not).mul(t1);
        t2 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p + 2]), not).mul(t2);
        t3 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p + 3]), not).mul(t3);
      }
      t0.intoArray(rows, cur + j * V);
      t1.intoArray(rows, cur + (j + 1) * V);
      t2.intoArray(rows, cur + (j + 2) * V);
      t3.intoArray(rows, cur + (j + 3) * V);
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[step + j + 2]);
      final DoubleVector r3 = DoubleVector.broadcast(SPECIES, rows[step + j + 3]);
      for (int at = sums; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, rows, at).add(t0.add(t1).add(t2.add(t3))).intoArray(rows, at);
        t0 = r0.mul(t0);
        t1 = r1.mul(t1);
        t2 = r2.mul(t2);
        t3 = r3.mul(t3);
      }
    }
    if (threeLeft(k, j)) {
      // Two or three left: three at a time (a padding component, scale 0, makes up two).
      DoubleVector t0 = DoubleVector.broadcast(SPECIES, rows[st + j]);
      DoubleVector t1 = DoubleVector.broadcast(SPECIES, rows[st + j + 1]);
      DoubleVector t2 = DoubleVector.broadcast(SPECIES, rows[st + j + 2]);
      for (int i = 0; i < LOG_V; i++) {
        DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
        DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
        int p = ratios + i * stride + j;
        t0 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p]), not).mul(t0);
        t1 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p + 1]), not).mul(t1);
        t2 = bit.fma(DoubleVector.broadcast(SPECIES, rows[p + 2]), not).mul(t2);
      }
      t0.intoArray(rows, cur + j * V);
      t1.intoArray(rows, cur + (j + 1) * V);
      t2.intoArray(rows, cur + (j + 2) * V);
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[step + j + 2]);
      for (int at = sums; at < end; at += V) {
        DoubleVector.fromArray(SPECIES, rows, at).add(t0.add(t1).add(t2)).intoArray(rows, at);
        t0 = r0.mul(t0);
        t1 = r1.mul(t1);
        t2 = r2.mul(t2);
      }
      j += 3;
    }
    for (; j < k; j++) {
      sumsOfOne(vectors, k, j, scratch);
    }
  }

  /**
   * Pass 1 of the outcome layout for component j alone: the loop the four- and three-component arms of
   * {@link #sumsByOutcome} unroll (UnrolledVariantsTest checks them against it).
   */
  static void sumsOfOne(int vectors, int k, int j, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int sums = scratch.productSums;
    final int ratios = scratch.productRatios;
    final int stride = scratch.stride;
    final int end = sums + vectors * V;
    DoubleVector t = DoubleVector.broadcast(SPECIES, rows[scratch.productStart + j]);
    for (int i = 0; i < LOG_V; i++) {
      DoubleVector bit = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, 2 * i * V);
      DoubleVector not = DoubleVector.fromArray(SPECIES, PanamaEmKernel.LANE_BITS, (2 * i + 1) * V);
      t = bit.fma(DoubleVector.broadcast(SPECIES, rows[ratios + i * stride + j]), not).mul(t);
    }
    t.intoArray(rows, scratch.productCurrent + j * V);
    final DoubleVector r = DoubleVector.broadcast(SPECIES, rows[scratch.productStep + j]);
    for (int at = sums; at < end; at += V) {
      DoubleVector.fromArray(SPECIES, rows, at).add(t).intoArray(rows, at);
      t = r.mul(t);
    }
  }

  /** Pass 2 of the outcome layout: N_j = Σ_lanes t_0·Σ_v ρ^(V·v)·w_v (Horner's rule from the last vector). */
  static void statisticsByOutcome(int vectors, int k, double[] n, double[] s, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int step = scratch.productStep;
    final int cur = scratch.productCurrent;
    final int w = scratch.productWeights + (vectors - 1) * V;
    final int wx = scratch.productWeightedX + (vectors - 1) * V;
    final int ln = scratch.productLanes;
    final int ls = scratch.productLanesS;
    int j = 0;
    for (; j + 4 <= k; j += 4) {
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[step + j + 2]);
      final DoubleVector r3 = DoubleVector.broadcast(SPECIES, rows[step + j + 3]);
      DoubleVector wLast = DoubleVector.fromArray(SPECIES, rows, w);
      DoubleVector wxLast = DoubleVector.fromArray(SPECIES, rows, wx);
      DoubleVector hn0 = wLast;
      DoubleVector hn1 = wLast;
      DoubleVector hn2 = wLast;
      DoubleVector hn3 = wLast;
      DoubleVector hs0 = wxLast;
      DoubleVector hs1 = wxLast;
      DoubleVector hs2 = wxLast;
      DoubleVector hs3 = wxLast;
      for (int v = 1; v < vectors; v++) {
        DoubleVector wv = DoubleVector.fromArray(SPECIES, rows, w - v * V);
        DoubleVector wxv = DoubleVector.fromArray(SPECIES, rows, wx - v * V);
        hn0 = r0.fma(hn0, wv);
        hn1 = r1.fma(hn1, wv);
        hn2 = r2.fma(hn2, wv);
        hn3 = r3.fma(hn3, wv);
        hs0 = r0.fma(hs0, wxv);
        hs1 = r1.fma(hs1, wxv);
        hs2 = r2.fma(hs2, wxv);
        hs3 = r3.fma(hs3, wxv);
      }
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, rows, cur + j * V);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, rows, cur + (j + 1) * V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, rows, cur + (j + 2) * V);
      DoubleVector t3 = DoubleVector.fromArray(SPECIES, rows, cur + (j + 3) * V);
      t0.mul(hn0).intoArray(rows, ln + j * V);
      t1.mul(hn1).intoArray(rows, ln + (j + 1) * V);
      t2.mul(hn2).intoArray(rows, ln + (j + 2) * V);
      t3.mul(hn3).intoArray(rows, ln + (j + 3) * V);
      t0.mul(hs0).intoArray(rows, ls + j * V);
      t1.mul(hs1).intoArray(rows, ls + (j + 1) * V);
      t2.mul(hs2).intoArray(rows, ls + (j + 2) * V);
      t3.mul(hs3).intoArray(rows, ls + (j + 3) * V);
    }
    if (threeLeft(k, j)) {
      // Two or three left: three at a time, as in pass 1.
      final DoubleVector r0 = DoubleVector.broadcast(SPECIES, rows[step + j]);
      final DoubleVector r1 = DoubleVector.broadcast(SPECIES, rows[step + j + 1]);
      final DoubleVector r2 = DoubleVector.broadcast(SPECIES, rows[step + j + 2]);
      DoubleVector wLast = DoubleVector.fromArray(SPECIES, rows, w);
      DoubleVector wxLast = DoubleVector.fromArray(SPECIES, rows, wx);
      DoubleVector hn0 = wLast;
      DoubleVector hn1 = wLast;
      DoubleVector hn2 = wLast;
      DoubleVector hs0 = wxLast;
      DoubleVector hs1 = wxLast;
      DoubleVector hs2 = wxLast;
      for (int v = 1; v < vectors; v++) {
        DoubleVector wv = DoubleVector.fromArray(SPECIES, rows, w - v * V);
        DoubleVector wxv = DoubleVector.fromArray(SPECIES, rows, wx - v * V);
        hn0 = r0.fma(hn0, wv);
        hn1 = r1.fma(hn1, wv);
        hn2 = r2.fma(hn2, wv);
        hs0 = r0.fma(hs0, wxv);
        hs1 = r1.fma(hs1, wxv);
        hs2 = r2.fma(hs2, wxv);
      }
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, rows, cur + j * V);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, rows, cur + (j + 1) * V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, rows, cur + (j + 2) * V);
      t0.mul(hn0).intoArray(rows, ln + j * V);
      t1.mul(hn1).intoArray(rows, ln + (j + 1) * V);
      t2.mul(hn2).intoArray(rows, ln + (j + 2) * V);
      t0.mul(hs0).intoArray(rows, ls + j * V);
      t1.mul(hs1).intoArray(rows, ls + (j + 1) * V);
      t2.mul(hs2).intoArray(rows, ls + (j + 2) * V);
      j += 3;
    }
    for (; j < k; j++) {
      statisticsOfOne(vectors, k, j, scratch);
    }
    // Lane sums in lane order, after every store (a vector lane shuffle costs more than these loads).
    for (j = 0; j < k; j++) {
      n[j] = PanamaEmKernel.laneSum(rows, ln + j * V);
      s[j] = PanamaEmKernel.laneSum(rows, ls + j * V);
    }
  }

  /**
   * Pass 2 of the outcome layout for component j alone, its lane products of N and S: the loop the four- and
   * three-component arms of {@link #statisticsByOutcome} unroll (UnrolledVariantsTest checks them against it).
   */
  static void statisticsOfOne(int vectors, int k, int j, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int w = scratch.productWeights + (vectors - 1) * V;
    final int wx = scratch.productWeightedX + (vectors - 1) * V;
    final int ln = scratch.productLanes;
    final int ls = scratch.productLanesS;
    final DoubleVector r = DoubleVector.broadcast(SPECIES, rows[scratch.productStep + j]);
    DoubleVector hn = DoubleVector.fromArray(SPECIES, rows, w);
    DoubleVector hs = DoubleVector.fromArray(SPECIES, rows, wx);
    for (int v = 1; v < vectors; v++) {
      hn = r.fma(hn, DoubleVector.fromArray(SPECIES, rows, w - v * V));
      hs = r.fma(hs, DoubleVector.fromArray(SPECIES, rows, wx - v * V));
    }
    DoubleVector t = DoubleVector.fromArray(SPECIES, rows, scratch.productCurrent + j * V);
    t.mul(hn).intoArray(rows, ln + j * V);
    t.mul(hs).intoArray(rows, ls + j * V);
  }

  /** Lanes are components; bins one after another. */
  private static void sumsByComponent(int from, int to, int vectors, int k, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int kp = padded(k);
    final int st = scratch.productStart;
    final int r1 = scratch.productRatios;
    final int sums = scratch.productSums;
    final int binLanes = scratch.productLanes;
    final int bins = to - from;
    // Pass 1: each bin's sums per lane over the component vectors, in order, the terms by one multiplication per
    // bin. Four vectors of components at a time stay in registers while the bins go by (carried through memory,
    // every step's chain would take a store and a load); each bin's row takes their sum.
    int j = 0;
    for (; j + 4 * V <= kp; j += 4 * V) {
      DoubleVector t0 = DoubleVector.fromArray(SPECIES, rows, st + j);
      DoubleVector t1 = DoubleVector.fromArray(SPECIES, rows, st + j + V);
      DoubleVector t2 = DoubleVector.fromArray(SPECIES, rows, st + j + 2 * V);
      DoubleVector t3 = DoubleVector.fromArray(SPECIES, rows, st + j + 3 * V);
      final DoubleVector q0 = DoubleVector.fromArray(SPECIES, rows, r1 + j);
      final DoubleVector q1 = DoubleVector.fromArray(SPECIES, rows, r1 + j + V);
      final DoubleVector q2 = DoubleVector.fromArray(SPECIES, rows, r1 + j + 2 * V);
      final DoubleVector q3 = DoubleVector.fromArray(SPECIES, rows, r1 + j + 3 * V);
      if (j == 0) {
        for (int b = 0; b < bins; b++) {
          t0.add(t1).add(t2).add(t3).intoArray(rows, binLanes + b * V);
          t0 = q0.mul(t0);
          t1 = q1.mul(t1);
          t2 = q2.mul(t2);
          t3 = q3.mul(t3);
        }
      } else {
        for (int b = 0; b < bins; b++) {
          final int at = binLanes + b * V;
          DoubleVector.fromArray(SPECIES, rows, at).add(t0).add(t1).add(t2).add(t3).intoArray(rows, at);
          t0 = q0.mul(t0);
          t1 = q1.mul(t1);
          t2 = q2.mul(t2);
          t3 = q3.mul(t3);
        }
      }
    }
    for (; j < kp; j += V) {
      DoubleVector t = DoubleVector.fromArray(SPECIES, rows, st + j);
      final DoubleVector q = DoubleVector.fromArray(SPECIES, rows, r1 + j);
      for (int b = 0; b < bins; b++) {
        final int at = binLanes + b * V;
        if (j == 0) {
          t.intoArray(rows, at);
        } else {
          DoubleVector.fromArray(SPECIES, rows, at).add(t).intoArray(rows, at);
        }
        t = q.mul(t);
      }
    }
    // Lane sums in lane order, after every store (a vector lane shuffle costs more than these loads).
    for (int b = 0; b < bins; b++) {
      rows[sums + b] = PanamaEmKernel.laneSum(rows, binLanes + b * V);
    }
    for (int b = bins; b < vectors * V; b++) {
      rows[sums + b] = 1; // Past the last bin: log 1 = 0, and the count there is 0.
    }
  }

  /** Pass 2 of the component layout: N = t_0·Σ_b ρ^b·w_b per component lane (Horner's rule from the last bin). */
  private static void statisticsByComponent(int bins, int k, double[] n, double[] s, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int kp = padded(k);
    final int st = scratch.productStart;
    final int r1 = scratch.productRatios;
    final int w = scratch.productWeights;
    final int wx = scratch.productWeightedX;
    final int lanes = scratch.productLanes;
    final int lanesS = scratch.productComponentS;
    int j = 0;
    // Two vectors of components at a time: four independent chains of fused multiply-adds.
    for (; j + 2 * V <= kp; j += 2 * V) {
      final DoubleVector q0 = DoubleVector.fromArray(SPECIES, rows, r1 + j);
      final DoubleVector q1 = DoubleVector.fromArray(SPECIES, rows, r1 + j + V);
      DoubleVector hn0 = DoubleVector.broadcast(SPECIES, rows[w + bins - 1]);
      DoubleVector hs0 = DoubleVector.broadcast(SPECIES, rows[wx + bins - 1]);
      DoubleVector hn1 = hn0;
      DoubleVector hs1 = hs0;
      for (int b = bins - 2; b >= 0; b--) {
        final DoubleVector wb = DoubleVector.broadcast(SPECIES, rows[w + b]);
        final DoubleVector wxb = DoubleVector.broadcast(SPECIES, rows[wx + b]);
        hn0 = q0.fma(hn0, wb);
        hn1 = q1.fma(hn1, wb);
        hs0 = q0.fma(hs0, wxb);
        hs1 = q1.fma(hs1, wxb);
      }
      final DoubleVector t0 = DoubleVector.fromArray(SPECIES, rows, st + j);
      final DoubleVector t1 = DoubleVector.fromArray(SPECIES, rows, st + j + V);
      t0.mul(hn0).intoArray(rows, lanes + j);
      t1.mul(hn1).intoArray(rows, lanes + j + V);
      t0.mul(hs0).intoArray(rows, lanesS + j);
      t1.mul(hs1).intoArray(rows, lanesS + j + V);
    }
    for (; j < kp; j += V) {
      final DoubleVector q = DoubleVector.fromArray(SPECIES, rows, r1 + j);
      DoubleVector hn = DoubleVector.broadcast(SPECIES, rows[w + bins - 1]);
      DoubleVector hs = DoubleVector.broadcast(SPECIES, rows[wx + bins - 1]);
      for (int b = bins - 2; b >= 0; b--) {
        hn = q.fma(hn, DoubleVector.broadcast(SPECIES, rows[w + b]));
        hs = q.fma(hs, DoubleVector.broadcast(SPECIES, rows[wx + b]));
      }
      final DoubleVector t = DoubleVector.fromArray(SPECIES, rows, st + j);
      t.mul(hn).intoArray(rows, lanes + j);
      t.mul(hs).intoArray(rows, lanesS + j);
    }
    System.arraycopy(rows, lanes, n, 0, k);
    System.arraycopy(rows, lanesS, s, 0, k);
  }

  /**
   * From the sums per vector of bins: their logarithms, the weights c/Σ and c·x/Σ; returns Σ_b c_b·log Σ_b.
   * Counts past {@code to} are 0: read from c when the array is padded so, else from a copy at {@code tail}. Takes
   * the scratch's rows and offsets rather than the scratch, which C2 then inlines into the E-step's caller.
   */
  private static double weights(double[] c, int from, int to, int vectors, double x0, double[] rows, int sums,
      int logs, int w, int wx, int tail) {
    VectorMath.log(rows, sums, rows, logs, vectors * V);
    final boolean direct = (to - from) % V == 0 || PanamaEmKernel.padded(c, null, c, from, to);
    final int last = from + (vectors - 1) * V;
    if (!direct) {
      for (int i = 0; i < V; i++) {
        rows[tail + i] = last + i < to ? c[last + i] : 0;
      }
    }
    final DoubleVector iota = DoubleVector.fromArray(SPECIES, IOTA, 0);
    DoubleVector logLik = DoubleVector.zero(SPECIES);
    for (int v = 0; v < vectors; v++) {
      int b = from + v * V;
      DoubleVector counts = direct || b != last ? DoubleVector.fromArray(SPECIES, c, b)
          : DoubleVector.fromArray(SPECIES, rows, tail);
      DoubleVector weight = counts.div(DoubleVector.fromArray(SPECIES, rows, sums + v * V));
      weight.intoArray(rows, w + v * V);
      weight.mul(iota.add(x0 + v * V)).intoArray(rows, wx + v * V);
      logLik = counts.fma(DoubleVector.fromArray(SPECIES, rows, logs + v * V), logLik);
    }
    logLik.intoArray(rows, tail);
    return PanamaEmKernel.laneSum(rows, tail);
  }
}
