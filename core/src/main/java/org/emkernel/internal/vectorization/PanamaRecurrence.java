package org.emkernel.internal.vectorization;

import static org.emkernel.internal.vectorization.PanamaEmKernel.*;
import static org.emkernel.internal.vectorization.PanamaHorner.*;

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
  static void ratios(int k, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int hi = scratch.etaHi;
    final int lo = scratch.etaLo;
    final int out = scratch.ratio;
    final int inv = scratch.inverseRatio;
    final int one = scratch.ratioPerOutcome;
    // The 3k exponents in one buffer, so that one call takes them all: for each whole vector of components
    // three vectors (h, V·h, −V·h), then the remaining components' three kinds packed, padded with 0.
    final int packed = scratch.packedExponents;
    final int whole = k / V * V;
    for (int j = 0; j < whole; j += V) {
      DoubleVector h = DoubleVector.fromArray(SPECIES, rows, hi + j);
      h.intoArray(rows, packed + 3 * j);
      h.mul(V).intoArray(rows, packed + 3 * j + V);
      h.mul(V).neg().intoArray(rows, packed + 3 * j + 2 * V);
    }
    final int rest = k - whole;
    final int tail = packed + 3 * whole;
    for (int j = 0; j < rest; j++) {
      double h = rows[hi + whole + j];
      rows[tail + j] = h;
      rows[tail + rest + j] = h * V;
      rows[tail + 2 * rest + j] = -(h * V);
    }
    final int end = packed + (3 * k + V - 1) / V * V;
    for (int i = tail + 3 * rest; i < end; i++) {
      rows[i] = 0.0;
    }
    VectorMath.exp(rows, packed, end);
    for (int j = 0; j < whole; j += V) {
      DoubleVector l = DoubleVector.fromArray(SPECIES, rows, lo + j);
      DoubleVector lv = l.mul(V);
      DoubleVector.fromArray(SPECIES, rows, packed + 3 * j).mul(l.add(1.0)).intoArray(rows, one + j);
      DoubleVector.fromArray(SPECIES, rows, packed + 3 * j + V).mul(lv.add(1.0)).intoArray(rows, out + j);
      DoubleVector.fromArray(SPECIES, rows, packed + 3 * j + 2 * V).mul(lv.neg().add(1.0))
          .intoArray(rows, inv + j);
    }
    for (int j = 0; j < rest; j++) {
      double l = rows[lo + whole + j];
      rows[one + whole + j] = rows[tail + j] * (1 + l);
      rows[out + whole + j] = rows[tail + rest + j] * (1 + l * V);
      rows[inv + whole + j] = rows[tail + 2 * rest + j] * (1 - l * V);
    }
  }


  /**
   * A run of whole vectors by recurrence; where it does not qualify, its halves, down to the exp path (and
   * the exp path below {@link #MIN_RUN_BLOCKS}).
   */
  static void recurrenceOrExp(double[] x, double[] c, int b, int blocks,
      double[] a, double[] eta, double[] floors, int k, PanamaScratch scratch) {
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
      double[] a, double[] eta, double[] floors, int k, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
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
    final int ratio = scratch.ratio;
    if (scratch.reference != m) {
      // Differences and ratios depend only on the reference: runs sharing it reuse them.
      differences(a, eta, null, k, m, scratch);
      ratios(k, scratch);
      scratch.reference = m;
    }
    final int aHiRow = scratch.aHi;
    final int aLoRow = scratch.aLo;
    final int etaHiRow = scratch.etaHi;
    final int etaLoRow = scratch.etaLo;
    final int[] firstActive = scratch.firstActive;
    final int[] endActive = scratch.endActive;
    final int[] firstB = scratch.firstB;
    final int[] endB = scratch.endB;
    // Floors apply to max(1, x)·term: on this run x is at most xLast (outcomes are consecutive, from 0 up).
    // On a short run, spans save less than their bookkeeping costs: every term is computed (as floors allow).
    final boolean useFloors = floors != null && blocks >= FLOOR_BLOCKS;
    final double logX = useFloors ? Math.log(Math.max(1.0, xLast)) : 0;
    // Active components other than the reference (whose term is exactly 1: d_m = 0, ρ_m = 1, taken apart),
    // listed as they are classified: falling (ρ ≤ 1: active from the run's start) from the front, rising
    // (active to its end) from the back; with each, the exponent of its anchor (d at its first active vector's
    // first lane), falling ones' from the front of the exp path's rows and rising ones' from position k back.
    final int[] list = scratch.members;
    final int exps = scratch.terms;
    int falling = 0;
    int rising = 0;
    // Whether each list comes out in the order phase A and B want (keys not decreasing as j grows).
    boolean fallingInOrder = true;
    boolean risingInOrder = true;
    double fallingKey = 0;
    double risingKey = 0;
    for (int j = 0; j < k; j++) {
      // d_j at the run's ends from the cached difference rows (the same arithmetic as Compensated.relative).
      double aHi = rows[aHiRow + j];
      double aLo = rows[aLoRow + j];
      double eHi = rows[etaHiRow + j];
      double eLo = rows[etaLoRow + j];
      double dFirst = Math.fma(eHi, x0, aHi) + Math.fma(eLo, x0, aLo);
      double dLast = Math.fma(eHi, xLast, aHi) + Math.fma(eLo, xLast, aLo);
      double slope = eHi + eLo;
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
      first = Math.min(first, blocks);
      last = Math.min(last, blocks);
      firstActive[j] = (int) first;
      endActive[j] = (int) last;
      // Phase B covers the active blocks of a floored term, every block otherwise (adding the true terms).
      double from = floored ? first : 0;
      double to = floored ? last : blocks;
      firstB[j] = (int) from;
      endB[j] = (int) to;
      if (j == m || first >= last) {
        continue; // The reference, or negligible on the whole run.
      }
      // The anchor's exponent, as d at the run's ends above (the outcome there is x0 + first·V, exactly).
      double xa = x0 + first * V;
      double d = first == 0 ? dFirst : Math.fma(eHi, xa, aHi) + Math.fma(eLo, xa, aLo);
      // Rising terms are active to the run's end; falling ones from its start (the shrinking case starts at 0).
      if (last == blocks && (first > 0 || rows[ratio + j] > 1.0)) {
        risingInOrder &= from >= risingKey;
        risingKey = from;
        rows[exps + k - 1 - rising] = d;
        list[k - 1 - rising++] = j;
      } else {
        fallingInOrder &= to >= fallingKey;
        fallingKey = to;
        rows[exps + falling] = d;
        list[falling++] = j;
      }
    }
    // The rising members' list starts here.
    final int rise = k - rising;
    // Rising exponents next to the falling ones: one call exponentiates them all (see anchors).
    System.arraycopy(rows, exps + k - rising, rows, exps + falling, rising);
    // Members with alike spans side by side, so that a group's span (their union) is little more than each
    // member's: falling ones by the end of their phase B, rising ones by its start. Each list's order is the
    // one components sorted by parameter give (falling in ascending j, rising in descending j), so for them
    // the sort finds its input in order and returns.
    anchors(scratch, falling, rise, rising);
    if (!fallingInOrder) {
      sortMembers(scratch, 0, falling, endB, blocks, false);
    }
    if (!risingInOrder) {
      sortMembers(scratch, rise, rising, firstB, blocks, true);
    }
    // Phase A in groups of four of one direction onto sums that start at the reference's 1.
    fill(rows, scratch.runWeights, scratch.runWeights + blocks * V, 1.0);
    // A member left alone takes a one-chain loop: four chains with three empty would cost four times as much.
    for (int g = 0; g < falling; g += 4) {
      if (falling - g == 1) {
        termSingle(blocks, scratch, false, list[g]);
      } else {
        termGroup(blocks, scratch, 4, member(list, 0, g, falling), member(list, 0, g + 1, falling),
            member(list, 0, g + 2, falling), member(list, 0, g + 3, falling));
      }
    }
    for (int g = 0; g < rising; g += 4) {
      if (rising - g == 1) {
        termSingle(blocks, scratch, true, list[rise + g]);
      } else {
        termGroup(blocks, scratch, 0, member(list, rise, g, rising), member(list, rise, g + 1, rising),
            member(list, rise, g + 2, rising), member(list, rise, g + 3, rising));
      }
    }
    runLogLikelihood(x, c, b, blocks, a[m], eta[m], m, scratch);
    // Phase B in groups of four, two, one of the same direction.
    hornerGroups(blocks, scratch, 0, falling, false);
    hornerGroups(blocks, scratch, rise, rising, true);
    return true;
  }

  /** The g-th of {@code count} members listed from {@code list}[at]; −1 past them. */
  static int member(int[] list, int at, int g, int count) {
    return g < count ? list[at + g] : -1;
  }

  /**
   * Sorts the {@code count} members listed from members[list] by their key (per component, in [0, blocks]),
   * ascending or descending, stably: insertion sort for a few, else a counting sort, linear in members and
   * blocks. Called only for a list recurrenceRun found out of order.
   */
  static void sortMembers(PanamaScratch scratch, int list, int count, int[] key, int blocks, boolean descending) {
    final int[] members = scratch.members;
    if (count <= 8) {
      // Few members: insertion sort, without the counters' passes.
      for (int i = 1; i < count; i++) {
        int j = members[list + i];
        int v = key[j];
        int at = i;
        for (; at > 0 && (descending ? key[members[list + at - 1]] < v : key[members[list + at - 1]] > v); at--) {
          members[list + at] = members[list + at - 1];
        }
        members[list + at] = j;
      }
      return;
    }
    final int[] counters = scratch.sortCounters;
    final int[] places = scratch.sortPlaces;
    java.util.Arrays.fill(counters, 0, blocks + 1, 0);
    for (int i = 0; i < count; i++) {
      int v = key[members[list + i]];
      counters[descending ? blocks - v : v]++;
    }
    // Counters become each key's first place.
    int next = 0;
    for (int v = 0; v <= blocks; v++) {
      int n = counters[v];
      counters[v] = next;
      next += n;
    }
    for (int i = 0; i < count; i++) {
      int j = members[list + i];
      int v = key[j];
      places[counters[descending ? blocks - v : v]++] = j;
    }
    System.arraycopy(places, 0, members, list, count);
  }


  /**
   * Phase B over {@code count} members of one direction listed from members[list] (sorted by span): groups of
   * 4, then the rest, each over the union of its members' spans.
   */
  static void hornerGroups(int blocks, PanamaScratch scratch, int list, int count, boolean rising) {
    final int[] members = scratch.members;
    for (int g = 0; g < count; g += 4) {
      int lead = members[list + g];
      // The union of the members' spans: rising ones end at the run's end, falling ones start at its start.
      int from = blocks;
      int to = 0;
      for (int i = g; i < Math.min(count, g + 4); i++) {
        int j = members[list + i];
        from = Math.min(from, scratch.firstB[j]);
        to = Math.max(to, scratch.endB[j]);
      }
      from = rising ? from : 0;
      to = rising ? blocks : to;
      if (count - g >= 4) {
        horner4(from, to, scratch, rising, lead, members[list + g + 1], members[list + g + 2],
            members[list + g + 3]);
      } else if (count - g == 3) {
        horner3(from, to, scratch, rising, lead, members[list + g + 1], members[list + g + 2]);
      } else if (count - g == 2) {
        horner2(from, to, scratch, rising, lead, members[list + g + 1]);
      } else {
        horner1(from, to, scratch, rising, lead);
      }
    }
  }

  /** First active vector of component j on the run (blocks when j is −1 or inactive). */
  static int first(PanamaScratch scratch, int j, int blocks) {
    return j < 0 ? blocks : scratch.firstActive[j];
  }

  /** End of the active vectors of component j on the run (0 when j is −1). */
  static int last(PanamaScratch scratch, int j) {
    return j < 0 ? 0 : scratch.endActive[j];
  }

  /** The ratio ρ of component j, 0 when j is −1. */
  static double ratio(PanamaScratch scratch, int j) {
    return j < 0 ? 0.0 : scratch.doubles[scratch.ratio + j];
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
  static void anchors(PanamaScratch scratch, int falling, int rise, int rising) {
    final double[] rows = scratch.doubles;
    final int[] members = scratch.members;
    final int count = falling + rising;
    final int exps = scratch.terms;
    final int whole = (count + V - 1) / V * V;
    for (int p = count; p < whole; p++) {
      rows[exps + p] = 0.0;
    }
    VectorMath.exp(rows, exps, exps + whole);
    // ρ₁^lane = Π over the lane index's bits of (ρ₁^(2^bit))^bit, each factor an exact fma(bit, ρ, 1 − bit).
    // Bits 0 to 2 from vectors loaded once (bits past V − 1 are 0 in every lane: factors of 1), more in a loop.
    final DoubleVector bit0 = DoubleVector.fromArray(SPECIES, LANE_BITS, 0);
    final DoubleVector not0 = DoubleVector.fromArray(SPECIES, LANE_BITS, V);
    final DoubleVector bit1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * V);
    final DoubleVector not1 = DoubleVector.fromArray(SPECIES, LANE_BITS, 3 * V);
    final DoubleVector bit2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 4 * V);
    final DoubleVector not2 = DoubleVector.fromArray(SPECIES, LANE_BITS, 5 * V);
    final int one = scratch.ratioPerOutcome;
    final int anchorRows = scratch.runAnchors;
    for (int p = 0; p < count; p++) {
      int j = members[p < falling ? p : rise + p - falling];
      double r = rows[one + j];
      double r2 = r * r;
      double r4 = r2 * r2;
      DoubleVector powers = bit0.fma(DoubleVector.broadcast(SPECIES, r), not0)
          .mul(bit1.fma(DoubleVector.broadcast(SPECIES, r2), not1))
          .mul(bit2.fma(DoubleVector.broadcast(SPECIES, r4), not2).mul(rows[exps + p]));
      r = r4 * r4;
      for (int bit = 3; bit < LANE_INDEX_BITS; bit++) {
        powers = powers.mul(DoubleVector.fromArray(SPECIES, LANE_BITS, 2 * bit * V)
            .fma(DoubleVector.broadcast(SPECIES, r), DoubleVector.fromArray(SPECIES, LANE_BITS, (2 * bit + 1) * V)));
        r *= r;
      }
      powers.intoArray(rows, anchorRows + j * V);
    }
  }

  /**
   * Phase A for a group of up to four components (−1: empty slot): their terms, each its anchor times
   * powers of its ratio over its active vectors and 0 elsewhere, in registers, added into the per-vector sums.
   * The active set changes only at the members' first and last vectors, so the loop runs in segments
   * between those. Rising members' terms at the last vector are stored for phase B.
   */
  static void termGroup(int blocks, PanamaScratch scratch, int risingFrom, int j0, int j1, int j2, int j3) {
    final double[] rows = scratch.doubles;
    final int f0 = first(scratch, j0, blocks);
    final int f1 = first(scratch, j1, blocks);
    final int f2 = first(scratch, j2, blocks);
    final int f3 = first(scratch, j3, blocks);
    final int l0 = last(scratch, j0);
    final int l1 = last(scratch, j1);
    final int l2 = last(scratch, j2);
    final int l3 = last(scratch, j3);
    // Vectors never cross a method boundary (a call not inlined would box them): helpers go through scratch.
    final DoubleVector zero = DoubleVector.zero(SPECIES);
    final int anchors = scratch.runAnchors;
    // Vectors are never chosen by a condition either (C2 would box them at the merge): rows and factors are.
    final int zeros = scratch.zeros;
    final DoubleVector a0 = DoubleVector.fromArray(SPECIES, rows, f0 < blocks ? anchors + j0 * V : zeros);
    final DoubleVector a1 = DoubleVector.fromArray(SPECIES, rows, f1 < blocks ? anchors + j1 * V : zeros);
    final DoubleVector a2 = DoubleVector.fromArray(SPECIES, rows, f2 < blocks ? anchors + j2 * V : zeros);
    final DoubleVector a3 = DoubleVector.fromArray(SPECIES, rows, f3 < blocks ? anchors + j3 * V : zeros);
    final DoubleVector r0 = DoubleVector.broadcast(SPECIES, ratio(scratch, j0));
    final DoubleVector r1 = DoubleVector.broadcast(SPECIES, ratio(scratch, j1));
    final DoubleVector r2 = DoubleVector.broadcast(SPECIES, ratio(scratch, j2));
    final DoubleVector r3 = DoubleVector.broadcast(SPECIES, ratio(scratch, j3));
    final int sums = scratch.runWeights;
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
        DoubleVector.fromArray(SPECIES, rows, at).add(e0.add(e1).add(e2.add(e3))).intoArray(rows, at);
        e0 = r0.mul(e0);
        e1 = r1.mul(e1);
        e2 = r2.mul(e2);
        e3 = r3.mul(e3);
      }
    }
    final int at = sums + stop * V;
    DoubleVector.fromArray(SPECIES, rows, at).add(e0.add(e1).add(e2.add(e3))).intoArray(rows, at);
    // Rising members are active to the run's end: their terms there anchor phase B.
    final int ends = scratch.runEnds;
    if (j0 >= 0 && risingFrom <= 0) {
      e0.intoArray(rows, ends + j0 * V);
    }
    if (j1 >= 0 && risingFrom <= 1) {
      e1.intoArray(rows, ends + j1 * V);
    }
    if (j2 >= 0 && risingFrom <= 2) {
      e2.intoArray(rows, ends + j2 * V);
    }
    if (j3 >= 0 && risingFrom <= 3) {
      e3.intoArray(rows, ends + j3 * V);
    }
  }

  /**
   * Phase A for one member: its anchor times powers of its ratio over its active vectors, added into the
   * sums; the last active vector adds without stepping, and a rising member's term there is kept for phase B.
   */
  static void termSingle(int blocks, PanamaScratch scratch, boolean rising, int j) {
    final double[] rows = scratch.doubles;
    final int f = first(scratch, j, blocks);
    final int l = last(scratch, j);
    assert f < l;
    final DoubleVector r = DoubleVector.broadcast(SPECIES, rows[scratch.ratio + j]);
    final int sums = scratch.runWeights;
    DoubleVector e = DoubleVector.fromArray(SPECIES, rows, scratch.runAnchors + j * V);
    for (int i = f; i < l - 1; i++) {
      int at = sums + i * V;
      DoubleVector.fromArray(SPECIES, rows, at).add(e).intoArray(rows, at);
      e = r.mul(e);
    }
    final int at = sums + (l - 1) * V;
    DoubleVector.fromArray(SPECIES, rows, at).add(e).intoArray(rows, at);
    if (rising) {
      e.intoArray(rows, scratch.runEnds + j * V);
    }
  }

  /**
   * Per vector of a run: the log-likelihood from log Σ, then the weights c / Σ over the sums and the weights
   * times the outcomes over the logs; the reference m's N and S (its terms are 1) are their plain sums.
   */
  static void runLogLikelihood(double[] x, double[] c, int b, int blocks, double aRef, double etaRef,
      int m, PanamaScratch scratch) {
    final double[] rows = scratch.doubles;
    final int sums = scratch.runWeights;
    // The logarithms alone first: the call to the vector LOG then has few live registers to spill.
    final int logs = scratch.runLogs;
    VectorMath.log(rows, sums, rows, logs, blocks * V);
    DoubleVector logLik = DoubleVector.fromArray(SPECIES, rows, scratch.logLik);
    DoubleVector am = DoubleVector.broadcast(SPECIES, aRef);
    DoubleVector em = DoubleVector.broadcast(SPECIES, etaRef);
    final int accN = scratch.accN + m * V;
    final int accS = scratch.accS + m * V;
    DoubleVector nm = DoubleVector.fromArray(SPECIES, rows, accN);
    DoubleVector sm = DoubleVector.fromArray(SPECIES, rows, accS);
    for (int i = 0; i < blocks * V; i += V) {
      DoubleVector cv = DoubleVector.fromArray(SPECIES, c, b + i);
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b + i);
      logLik = cv.fma(xv.fma(em, am).add(DoubleVector.fromArray(SPECIES, rows, logs + i)), logLik);
      DoubleVector w = cv.div(DoubleVector.fromArray(SPECIES, rows, sums + i));
      DoubleVector wx = w.mul(xv);
      w.intoArray(rows, sums + i);
      wx.intoArray(rows, logs + i);
      nm = w.add(nm);
      sm = wx.add(sm);
    }
    nm.intoArray(rows, accN);
    sm.intoArray(rows, accS);
    logLik.intoArray(rows, scratch.logLik);
  }
}
