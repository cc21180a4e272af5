package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaEmKernel.*;
import static org.emkernel.internal.vectorization.PanamaHorner.*;
import static org.emkernel.internal.vectorization.PanamaScratch.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector kernel's recurrence path (see {@link PanamaEmKernel}): per run of consecutive outcomes, the
 * ratios, the members and their anchors, phase A (terms and weights) and the run's log-likelihood; phase B is
 * {@link PanamaHorner}'s.
 */
final class PanamaRecurrence {
  private PanamaRecurrence() {}

  /**
   * ρ_j = exp(V·(η_j − η_m)) = exp(V·hi)·(1 + V·lo) from the compensated differences, and its inverse
   * exp(−V·(η_j − η_m)) and the ratio per outcome ρ₁_j = exp(η_j − η_m) computed the same way.
   */
  static void ratios(int k, double[] scratch) {
    final int hi = coef(k, ETA_HI);
    final int lo = coef(k, ETA_LO);
    final int out = coef(k, RATIO);
    final int inv = coef(k, INVERSE_RATIO);
    final int one = coef(k, RATIO_PER_OUTCOME);
    // The 3k exponents in one buffer, so that one call takes them all: for each whole vector of components
    // three vectors (h, V·h, −V·h), then the remaining components' three kinds packed, padded with 0.
    final int packed = packedExponents(k);
    final int whole = k / V * V;
    for (int j = 0; j < whole; j += V) {
      DoubleVector h = DoubleVector.fromArray(SPECIES, scratch, hi + j);
      h.intoArray(scratch, packed + 3 * j);
      h.mul(V).intoArray(scratch, packed + 3 * j + V);
      h.mul(V).neg().intoArray(scratch, packed + 3 * j + 2 * V);
    }
    final int rest = k - whole;
    final int tail = packed + 3 * whole;
    for (int j = 0; j < rest; j++) {
      double h = scratch[hi + whole + j];
      scratch[tail + j] = h;
      scratch[tail + rest + j] = h * V;
      scratch[tail + 2 * rest + j] = -(h * V);
    }
    final int end = packed + (3 * k + V - 1) / V * V;
    for (int i = tail + 3 * rest; i < end; i++) {
      scratch[i] = 0.0;
    }
    VectorMath.exp(scratch, packed, end);
    for (int j = 0; j < whole; j += V) {
      DoubleVector l = DoubleVector.fromArray(SPECIES, scratch, lo + j);
      DoubleVector lv = l.mul(V);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j).mul(l.add(1.0)).intoArray(scratch, one + j);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j + V).mul(lv.add(1.0)).intoArray(scratch, out + j);
      DoubleVector.fromArray(SPECIES, scratch, packed + 3 * j + 2 * V).mul(lv.neg().add(1.0))
          .intoArray(scratch, inv + j);
    }
    for (int j = 0; j < rest; j++) {
      double l = scratch[lo + whole + j];
      scratch[one + whole + j] = scratch[tail + j] * (1 + l);
      scratch[out + whole + j] = scratch[tail + rest + j] * (1 + l * V);
      scratch[inv + whole + j] = scratch[tail + 2 * rest + j] * (1 - l * V);
    }
  }


  /**
   * A run of whole vectors by recurrence; where it does not qualify, its halves, down to the exp path (and
   * the exp path below {@link #MIN_RUN_BLOCKS}).
   */
  static void recurrenceOrExp(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, double[] floors, int k, double[] scratch) {
    if (blocks >= MIN_RUN_BLOCKS && recurrenceRun(x, c, b, blocks, a, eta, floors, k, scratch)) {
      return;
    }
    if (blocks >= 4) {
      int half = blocks / 2;
      recurrenceOrExp(x, c, b, half, a, eta, floors, k, scratch);
      recurrenceOrExp(x, c, b + half * V, blocks - half, a, eta, floors, k, scratch);
    } else {
      expBlocks(x, null, c, b, b + blocks * V, 0, 0, a, eta, null, k, scratch);
    }
  }

  /**
   * The recurrence path over one run of {@code blocks} vectors from bin b, of consecutive outcomes; returns
   * false, having changed no accumulator, when the run does not qualify.
   */
  static boolean recurrenceRun(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, double[] floors, int k, double[] scratch) {
    final int length = blocks * V;
    final double x0 = x[b];
    final double xLast = x[b + length - 1];
    if (xLast - x0 != length - 1) {
      return false; // Outcomes not consecutive: the sequence is not geometric.
    }
    final int m = Compensated.argmax(a, eta, null, k, x[b + length / 2], 0);
    if (Double.isInfinite(a[m]) || Double.isInfinite(eta[m])) {
      return false; // No finite reference (every weight 0): the exp path says what that means.
    }
    final int ratio = coef(k, RATIO);
    if (scratch[cachedReference(k)] != m) {
      // Differences and ratios depend only on the reference: runs sharing it reuse them.
      differences(a, eta, null, k, m, scratch);
      ratios(k, scratch);
      scratch[cachedReference(k)] = m;
    }
    final int act = coef(k, FIRST_ACTIVE);
    final int deact = coef(k, END_ACTIVE);
    final int hornerFrom = coef(k, FIRST_B);
    final int hornerTo = coef(k, END_B);
    // Floors apply to max(1, x)·term: on this run x is at most xLast (outcomes are consecutive, from 0 up).
    // On a short run, spans save less than their bookkeeping costs: every term is computed (as floors allow).
    final boolean useFloors = floors != null && blocks >= FLOOR_BLOCKS;
    final double logX = useFloors ? Math.log(Math.max(1.0, xLast)) : 0;
    // Active components other than the reference (whose term is exactly 1: d_m = 0, ρ_m = 1, taken apart),
    // listed as they are classified: falling (ρ ≤ 1: active from the run's start) from the front, rising
    // (active to its end) from the back; with each, the exponent of its anchor (d at its first active vector's
    // first lane), falling ones' from the front of the exp path's rows and rising ones' from position k back.
    final int list = members(k);
    final int exps = rowE(k);
    int falling = 0;
    int rising = 0;
    // Whether each list comes out in the order phase A and B want (keys not decreasing as j grows).
    boolean fallingInOrder = true;
    boolean risingInOrder = true;
    double fallingKey = 0;
    double risingKey = 0;
    for (int j = 0; j < k; j++) {
      // d_j at the run's ends from the cached difference rows (the same arithmetic as Compensated.relative).
      double aHi = scratch[coef(k, A_HI) + j];
      double aLo = scratch[coef(k, A_LO) + j];
      double eHi = scratch[coef(k, ETA_HI) + j];
      double eLo = scratch[coef(k, ETA_LO) + j];
      double dFirst = Math.fma(eHi, x0, aHi) + Math.fma(eLo, x0, aLo);
      double dLast = Math.fma(eHi, xLast, aHi) + Math.fma(eLo, xLast, aLo);
      double slope = scratch[coef(k, ETA_HI) + j] + scratch[coef(k, ETA_LO) + j];
      if (Math.max(dFirst, dLast) > CEILING) {
        return false; // A term could overflow.
      }
      // Blocks where the term is not negligible in some lane: from first (anchored there) until last.
      double first;
      double last;
      boolean floored = useFloors && floors[j] > EXACT_FLOOR;
      // Below the floor (at least −618 for outcomes under 2^31) a term may be dropped; else below e^−708 only.
      double floor = floored ? floors[j] * LN2 - logX : NEGLIGIBLE;
      if (Math.max(dFirst, dLast) < (floored ? floor - 1 : floor)) {
        first = NEVER;
        last = NEVER;
      } else if (dFirst >= floor && dLast >= floor) {
        first = 0;
        last = NEVER;
      } else if (dFirst < floor) {
        if (floored) {
          // Growing: anchored at the first block whose last lane is at least floor − 1, so every zeroed lane
          // is below the floor; the anchor's lanes are at least floor − 1 − STEEPEST > −708, normal doubles.
          double outcomes = (floor - 1 - dFirst) / slope;
          first = Math.max(0, Math.ceil((outcomes - (V - 1)) / V));
        } else {
          // Growing: anchored exactly at the first block whose first lane is at least ANCHOR, so every
          // anchored lane is a normal double and none is stuck at an underflowed 0. The blocks before it are
          // zeroed: their lanes lie below ANCHOR + |slope|·(V − 1) <= ANCHOR + STEEPEST, negligible next to
          // the reference's 1.
          double outcomes = (ANCHOR - dFirst) / slope;
          first = Math.max(0, Math.ceil(outcomes / V));
        }
        last = NEVER;
        if (first >= blocks) {
          if (Math.abs(slope) * V > STEEPEST) {
            // Too steep to anchor, yet not negligible at the run's end (a point mass at the last outcome: a
            // bias of 1): lanes of the last vector may matter, so the exp path takes them.
            return false;
          }
          first = NEVER;
        }
      } else {
        // Shrinking: zero from the block whose first lane is below the floor (one block late is harmless;
        // a floor has a margin of 1 instead).
        double outcomes = ((floored ? floor - 1 : NEGLIGIBLE) - dFirst) / slope;
        first = 0;
        last = Math.ceil(outcomes / V) + (floored ? 0 : 1);
      }
      if (first < last && first < blocks && Math.abs(slope) * V > STEEPEST) {
        return false; // An active term this steep: its ratio per vector is too large to step by.
      }
      scratch[act + j] = first;
      scratch[deact + j] = last;
      // Phase B covers the active blocks of a floored term, every block otherwise (adding the true terms).
      double from = floored ? Math.min(first, blocks) : 0;
      double to = floored ? Math.min(last, blocks) : blocks;
      scratch[hornerFrom + j] = from;
      scratch[hornerTo + j] = to;
      first = Math.min(first, blocks);
      last = Math.min(last, blocks);
      if (j == m || first >= last) {
        continue; // The reference, or negligible on the whole run.
      }
      // The anchor's exponent, as d at the run's ends above (the outcome there is x0 + first·V, exactly).
      double xa = x0 + first * V;
      double d = first == 0 ? dFirst : Math.fma(eHi, xa, aHi) + Math.fma(eLo, xa, aLo);
      // Rising terms are active to the run's end; falling ones from its start (the shrinking case starts at 0).
      if (last == blocks && (first > 0 || scratch[ratio + j] > 1.0)) {
        risingInOrder &= from >= risingKey;
        risingKey = from;
        scratch[exps + k - 1 - rising] = d;
        scratch[list + k - 1 - rising++] = j;
      } else {
        fallingInOrder &= to >= fallingKey;
        fallingKey = to;
        scratch[exps + falling] = d;
        scratch[list + falling++] = j;
      }
    }
    final int rise = list + k - rising;
    // Rising exponents next to the falling ones: one call exponentiates them all (see anchors).
    System.arraycopy(scratch, exps + k - rising, scratch, exps + falling, rising);
    // Members with alike spans side by side, so that a group's span (their union) is little more than each
    // member's: falling ones by the end of their phase B, rising ones by its start. Each list's order is the
    // one components sorted by parameter give (falling in ascending j, rising in descending j), so for them
    // the sort finds its input in order and returns.
    anchors(k, scratch, list, falling, rise, rising);
    if (!fallingInOrder) {
      sortMembers(scratch, k, list, falling, hornerTo, blocks, false);
    }
    if (!risingInOrder) {
      sortMembers(scratch, k, rise, rising, hornerFrom, blocks, true);
    }
    // Phase A in groups of four of one direction onto sums that start at the reference's 1.
    fill(scratch, runWeights(k), runWeights(k) + blocks * V, 1.0);
    // A member left alone takes a one-chain loop: four chains with three empty would cost four times as much.
    for (int g = 0; g < falling; g += 4) {
      if (falling - g == 1) {
        termSingle(blocks, k, scratch, false, (int) scratch[list + g]);
      } else {
        termGroup(x, b, blocks, k, scratch, 4, member(scratch, list, g, falling),
            member(scratch, list, g + 1, falling), member(scratch, list, g + 2, falling),
            member(scratch, list, g + 3, falling));
      }
    }
    for (int g = 0; g < rising; g += 4) {
      if (rising - g == 1) {
        termSingle(blocks, k, scratch, true, (int) scratch[rise + g]);
      } else {
        termGroup(x, b, blocks, k, scratch, 0, member(scratch, rise, g, rising), member(scratch, rise, g + 1, rising),
            member(scratch, rise, g + 2, rising), member(scratch, rise, g + 3, rising));
      }
    }
    runLogLikelihood(x, c, b, blocks, a[m], eta[m], m, k, scratch);
    // Phase B in groups of four, two, one of the same direction.
    hornerGroups(blocks, k, scratch, list, falling, false);
    hornerGroups(blocks, k, scratch, rise, rising, true);
    return true;
  }

  /** The g-th of {@code count} members listed from {@code list}; −1 past them. */
  static int member(double[] scratch, int list, int g, int count) {
    return g < count ? (int) scratch[list + g] : -1;
  }

  /**
   * Sorts {@code count} members listed from {@code list} by their key row (whole numbers in [0, blocks]),
   * ascending or descending, stably: insertion sort for a few, else a counting sort, linear in members and
   * blocks. Called only for a list recurrenceRun found out of order.
   */
  static void sortMembers(double[] scratch, int k, int list, int count, int key, int blocks,
      boolean descending) {
    if (count <= 8) {
      // Few members: insertion sort, without the counters' passes.
      for (int i = 1; i < count; i++) {
        double j = scratch[list + i];
        double v = scratch[key + (int) j];
        int at = i;
        for (; at > 0 && (descending ? scratch[key + (int) scratch[list + at - 1]] < v
            : scratch[key + (int) scratch[list + at - 1]] > v); at--) {
          scratch[list + at] = scratch[list + at - 1];
        }
        scratch[list + at] = j;
      }
      return;
    }
    final int counters = sortBuffer(k);
    final int places = counters + RUN_BLOCKS + 1;
    java.util.Arrays.fill(scratch, counters, counters + blocks + 1, 0.0);
    for (int i = 0; i < count; i++) {
      int v = (int) scratch[key + (int) scratch[list + i]];
      scratch[counters + (descending ? blocks - v : v)]++;
    }
    // Counters become each key's first place.
    double next = 0;
    for (int v = 0; v <= blocks; v++) {
      double n = scratch[counters + v];
      scratch[counters + v] = next;
      next += n;
    }
    for (int i = 0; i < count; i++) {
      double j = scratch[list + i];
      int v = (int) scratch[key + (int) j];
      int slot = counters + (descending ? blocks - v : v);
      scratch[places + (int) scratch[slot]++] = j;
    }
    System.arraycopy(scratch, places, scratch, list, count);
  }


  /**
   * Phase B over {@code count} members of one direction listed from {@code list} (sorted by span): groups of
   * 4, then the rest, each over the union of its members' spans.
   */
  static void hornerGroups(int blocks, int k, double[] scratch, int list, int count, boolean rising) {
    for (int g = 0; g < count; g += 4) {
      int lead = (int) scratch[list + g];
      // The union of the members' spans: rising ones end at the run's end, falling ones start at its start.
      int from = blocks;
      int to = 0;
      for (int i = g; i < Math.min(count, g + 4); i++) {
        int j = (int) scratch[list + i];
        from = Math.min(from, (int) scratch[coef(k, FIRST_B) + j]);
        to = Math.max(to, (int) scratch[coef(k, END_B) + j]);
      }
      from = rising ? from : 0;
      to = rising ? blocks : to;
      if (count - g >= 4) {
        horner4(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1],
            (int) scratch[list + g + 2], (int) scratch[list + g + 3]);
      } else if (count - g == 3) {
        horner3(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1], (int) scratch[list + g + 2]);
      } else if (count - g == 2) {
        horner2(from, to, k, scratch, rising, lead, (int) scratch[list + g + 1]);
      } else {
        horner1(from, to, k, scratch, rising, lead);
      }
    }
  }

  /** First active vector of component j on a run of {@code blocks} (blocks when j is −1 or inactive). */
  static int first(double[] scratch, int k, int j, int blocks) {
    return j < 0 ? blocks : (int) Math.min(scratch[coef(k, FIRST_ACTIVE) + j], blocks);
  }

  /** End of the active vectors of component j on a run of {@code blocks} (0 when j is −1). */
  static int last(double[] scratch, int k, int j, int blocks) {
    return j < 0 ? 0 : (int) Math.min(scratch[coef(k, END_ACTIVE) + j], blocks);
  }

  /** Coefficient row {@code which} of component j, 0 when j is −1. */
  static double coefficient(double[] scratch, int k, int which, int j) {
    return j < 0 ? 0.0 : scratch[coef(k, which) + j];
  }

  /**
   * Stores every member's anchor at its first active vector in its anchor row: e^d at the vector's first lane
   * (the exponents, left in member order in the exp path's rows by recurrenceRun, exponentiated in one call), times
   * the powers ρ₁^lane of the ratio per outcome, so one exponential serves V members instead of one.
   * Outcomes on a run are consecutive, so lane i is the first lane's outcome plus i. Products of at most four
   * roundings of ρ₁ and its squares: within some 16 ulp of e^d in every lane, which the 1e-12 budget absorbs.
   * The first lane is a normal double (see recurrenceRun), so no lane is stuck at an underflowed 0 while
   * rising; a falling lane may underflow gradually, as its exact exponential would.
   */
  static void anchors(int k, double[] scratch, int list, int falling, int rise, int rising) {
    final int count = falling + rising;
    final int exps = rowE(k);
    final int whole = (count + V - 1) / V * V;
    for (int p = count; p < whole; p++) {
      scratch[exps + p] = 0.0;
    }
    VectorMath.exp(scratch, exps, exps + whole);
    // ρ₁^lane = Π over the lane index's bits of (ρ₁^(2^bit))^bit, each factor an exact fma(bit, ρ, 1 − bit).
    // Bits 0 to 2 from vectors loaded once (bits past V − 1 are 0 in every lane: factors of 1), more in a loop.
    final DoubleVector bit0 = DoubleVector.fromArray(SPECIES, LANE_BITS, 0);
    final DoubleVector not0 = DoubleVector.fromArray(SPECIES, LANE_BITS, V);
    final DoubleVector bit1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * V);
    final DoubleVector not1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 3 * V);
    final DoubleVector bit2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 4 * V);
    final DoubleVector not2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 5 * V);
    final int one = coef(k, RATIO_PER_OUTCOME);
    for (int p = 0; p < count; p++) {
      int j = (int) scratch[p < falling ? list + p : rise + p - falling];
      double r = scratch[one + j];
      double r2 = r * r;
      double r4 = r2 * r2;
      DoubleVector powers = bit0.fma(DoubleVector.broadcast(SPECIES, r), not0)
          .mul(bit1.fma(DoubleVector.broadcast(SPECIES, r2), not1))
          .mul(bit2.fma(DoubleVector.broadcast(SPECIES, r4), not2).mul(scratch[exps + p]));
      r = r4 * r4;
      for (int bit = 3; bit < LANE_INDEX_BITS; bit++) {
        powers = powers.mul(DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * bit * V)
            .fma(DoubleVector.broadcast(SPECIES, r), DoubleVector.fromArray(SPECIES, LANE_BITS, (2 * bit + 1) * V)));
        r *= r;
      }
      powers.intoArray(scratch, runAnchors(k) + j * V);
    }
  }

  /**
   * Phase A for a group of up to four components (−1: empty slot): their terms, each its anchor times
   * powers of its ratio over its active vectors and 0 elsewhere, in registers, added into the per-vector sums.
   * The active set changes only at the members' first and last vectors, so the loop runs in segments
   * between those. Rising members' terms at the last vector are stored for phase B.
   */
  static void termGroup(double[] x, int b, int blocks, int k, double[] scratch, int risingFrom,
      int j0, int j1, int j2, int j3) {
    final int f0 = first(scratch, k, j0, blocks);
    final int f1 = first(scratch, k, j1, blocks);
    final int f2 = first(scratch, k, j2, blocks);
    final int f3 = first(scratch, k, j3, blocks);
    final int l0 = last(scratch, k, j0, blocks);
    final int l1 = last(scratch, k, j1, blocks);
    final int l2 = last(scratch, k, j2, blocks);
    final int l3 = last(scratch, k, j3, blocks);
    // Vectors never cross a method boundary (a call not inlined would box them): helpers go through scratch.
    final DoubleVector zero = DoubleVector.zero(SPECIES);
    final int anchors = runAnchors(k);
    // Vectors are never chosen by a condition either (C2 would box them at the merge): rows and factors are.
    final int zeros = zeroRow(k);
    final DoubleVector a0 = DoubleVector.fromArray(SPECIES, scratch, f0 < blocks ? anchors + j0 * V : zeros);
    final DoubleVector a1 = DoubleVector.fromArray(SPECIES, scratch, f1 < blocks ? anchors + j1 * V : zeros);
    final DoubleVector a2 = DoubleVector.fromArray(SPECIES, scratch, f2 < blocks ? anchors + j2 * V : zeros);
    final DoubleVector a3 = DoubleVector.fromArray(SPECIES, scratch, f3 < blocks ? anchors + j3 * V : zeros);
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, RATIO, j0));
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, RATIO, j1));
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, RATIO, j2));
    final DoubleVector r3 = DoubleVector.broadcast(SPECIES, coefficient(scratch, k, RATIO, j3));
    final int sums = runWeights(k);
    DoubleVector e0 = zero;
    DoubleVector e1 = zero;
    DoubleVector e2 = zero;
    DoubleVector e3 = zero;
    int i = Math.min(Math.min(f0, f1), Math.min(f2, f3));
    final int end = Math.max(Math.max(l0, l1), Math.max(l2, l3));
    // Every vector but the last steps the chains on; the last adds without stepping (a rising term's step
    // past the run could overflow), so the chains end holding the terms at the last vector.
    final int stop = end - 1;
    while (true) {
      // Members starting here take their anchor; members ending here drop to 0 (terms are finite).
      e0 = e0.mul(i == f0 || i == l0 ? 0.0 : 1.0).add(a0.mul(i == f0 ? 1.0 : 0.0));
      e1 = e1.mul(i == f1 || i == l1 ? 0.0 : 1.0).add(a1.mul(i == f1 ? 1.0 : 0.0));
      e2 = e2.mul(i == f2 || i == l2 ? 0.0 : 1.0).add(a2.mul(i == f2 ? 1.0 : 0.0));
      e3 = e3.mul(i == f3 || i == l3 ? 0.0 : 1.0).add(a3.mul(i == f3 ? 1.0 : 0.0));
      if (i >= stop) {
        break;
      }
      int next = stop;
      next = f0 > i && f0 < next ? f0 : next;
      next = f1 > i && f1 < next ? f1 : next;
      next = f2 > i && f2 < next ? f2 : next;
      next = f3 > i && f3 < next ? f3 : next;
      next = l0 > i && l0 < next ? l0 : next;
      next = l1 > i && l1 < next ? l1 : next;
      next = l2 > i && l2 < next ? l2 : next;
      next = l3 > i && l3 < next ? l3 : next;
      for (; i < next; i++) {
        int at = sums + i * V;
        DoubleVector.fromArray(SPECIES, scratch, at).add(e0.add(e1).add(e2.add(e3))).intoArray(scratch, at);
        e0 = e0.mul(r0);
        e1 = e1.mul(r1);
        e2 = e2.mul(r2);
        e3 = e3.mul(r3);
      }
    }
    final int at = sums + stop * V;
    DoubleVector.fromArray(SPECIES, scratch, at).add(e0.add(e1).add(e2.add(e3))).intoArray(scratch, at);
    // Rising members are active to the run's end: their terms there anchor phase B.
    final int ends = runEnds(k);
    if (j0 >= 0 && risingFrom <= 0) {
      e0.intoArray(scratch, ends + j0 * V);
    }
    if (j1 >= 0 && risingFrom <= 1) {
      e1.intoArray(scratch, ends + j1 * V);
    }
    if (j2 >= 0 && risingFrom <= 2) {
      e2.intoArray(scratch, ends + j2 * V);
    }
    if (j3 >= 0 && risingFrom <= 3) {
      e3.intoArray(scratch, ends + j3 * V);
    }
  }

  /**
   * Phase A for one member: its anchor times powers of its ratio over its active vectors, added into the
   * sums; the last active vector adds without stepping, and a rising member's term there is kept for phase B.
   */
  static void termSingle(int blocks, int k, double[] scratch, boolean rising, int j) {
    final int f = first(scratch, k, j, blocks);
    final int l = last(scratch, k, j, blocks);
    assert f < l;
    final DoubleVector r = DoubleVector.broadcast(SPECIES, scratch[coef(k, RATIO) + j]);
    final int sums = runWeights(k);
    DoubleVector e = DoubleVector.fromArray(SPECIES, scratch, runAnchors(k) + j * V);
    for (int i = f; i < l - 1; i++) {
      int at = sums + i * V;
      DoubleVector.fromArray(SPECIES, scratch, at).add(e).intoArray(scratch, at);
      e = e.mul(r);
    }
    final int at = sums + (l - 1) * V;
    DoubleVector.fromArray(SPECIES, scratch, at).add(e).intoArray(scratch, at);
    if (rising) {
      e.intoArray(scratch, runEnds(k) + j * V);
    }
  }

  /**
   * Per vector of a run: the log-likelihood from log Σ, then the weights c / Σ over the sums and the weights
   * times the outcomes over the logs; the reference m's N and S (its terms are 1) are their plain sums.
   */
  static void runLogLikelihood(double[] x, double[] c, int b, int blocks, double aRef, double etaRef,
      int m, int k, double[] scratch) {
    final int sums = runWeights(k);
    // The logarithms alone first: the call to the vector LOG then has few live registers to spill.
    final int logs = runLogs(k);
    VectorMath.log(scratch, sums, scratch, logs, blocks * V);
    DoubleVector logLik = DoubleVector.fromArray(SPECIES, scratch, logLikRow(k));
    DoubleVector am = DoubleVector.broadcast(SPECIES, aRef);
    DoubleVector em = DoubleVector.broadcast(SPECIES, etaRef);
    final int accN = rowN(k) + m * V;
    final int accS = rowS(k) + m * V;
    DoubleVector nm = DoubleVector.fromArray(SPECIES, scratch, accN);
    DoubleVector sm = DoubleVector.fromArray(SPECIES, scratch, accS);
    for (int i = 0; i < blocks * V; i += V) {
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + i);
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b + i);
      logLik = cv.fma(xv.fma(em, am).add(DoubleVector.fromArray(SPECIES, scratch, logs + i)), logLik);
      DoubleVector w = cv.div(DoubleVector.fromArray(SPECIES, scratch, sums + i));
      DoubleVector wx = w.mul(xv);
      w.intoArray(scratch, sums + i);
      wx.intoArray(scratch, logs + i);
      nm = nm.add(w);
      sm = sm.add(wx);
    }
    nm.intoArray(scratch, accN);
    sm.intoArray(scratch, accS);
    logLik.intoArray(scratch, logLikRow(k));
  }
}
