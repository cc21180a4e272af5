package org.emkernel.internal.plan;

/**
 * The product path's bounds, each explained once. Exponents are binary; the planner reads them from the
 * terms' exponents (or {@code DeterministicLog} logarithms), so every JVM plans alike. See docs/kernel.md.
 */
public final class PlanBounds {
  private PlanBounds() {}

  /**
   * A regular component's terms scale·ρ^x on the bins, and the powers ρ^y the kernel steps by, lie within
   * [2^−RANGE, 2^RANGE]: far from overflow, and every bin's sum stays normal.
   */
  public static final int RANGE = 900;

  /**
   * A rising component enters where its term reaches 2^−ENTRY (by a lift or at a segment's start), and no term
   * may pass 2^ENTRY after a lift: the margin to {@link #RANGE} absorbs the rounding of the logarithms.
   */
  public static final int ENTRY = 890;

  /** After the E-step, a fading or rising component's N and S must be at least 2^KEPT times what they can have lost. */
  public static final int KEPT = 50;

  /**
   * What a fading component's N and S can lose, as a power of two of the total (or Σ c·x) over 2^min(sumFloor, 0):
   * each of its few hundred roundings below the normal range errs by under 2^−1074, together under 2^−1060 per
   * term, start term and Horner sum.
   */
  public static final int FADING_LOSS = -1059;

  /** A lifted fading component keeps its powers ρ^y normal: −exponent(ρ)·y at most this, y up to max(x0, STEP). */
  public static final int FADING_POWERS = 1000;

  /**
   * A fading component's N (and S over the last outcome) must reach scale·HORNER_FLOOR: well above what a
   * subnormal Horner step can cost in counts, scale·2^−1065.
   */
  public static final double HORNER_FLOOR = 0x1p-1000;

  /**
   * The terms a rising component leaves out before its entry lie below 2^−LEFT_OUT of every bin's sum, shared
   * among the rising components (so the others lose at most 2^−LEFT_OUT together).
   */
  public static final int LEFT_OUT = 60;

  /** The kernel's lane powers and step reach ρ^y for y up to max(x0, STEP). */
  public static final int STEP = 8;

  /** Segments start at multiples of this many bins, so every segment but the last covers whole vectors. */
  public static final int SEGMENT_ALIGN = 8;

  /** log 2 rounded to the nearest double: a lift by 2^β costs β·log 2 per observation in the log-likelihood. */
  public static final double LOG_2 = 0x1.62e42fefa39efp-1;
}
