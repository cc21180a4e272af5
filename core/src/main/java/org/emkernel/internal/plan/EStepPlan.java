package org.emkernel.internal.plan;

import static org.emkernel.internal.plan.PlanBounds.FADING_LOSS;
import static org.emkernel.internal.plan.PlanBounds.HORNER_FLOOR;
import static org.emkernel.internal.plan.PlanBounds.KEPT;

import java.util.Arrays;

/**
 * How one E-step runs, decided from the product terms and the bins by {@link ProductPlanner}: on the product path
 * in one kernel call ({@link Path#WHOLE}), the same with every term lifted by 2^β ({@link Path#LIFTED}), in
 * segments between rising components' entries ({@link Path#SEGMENTED}), or on the exponentials
 * ({@link Path#EXPONENTIALS}). Immutable. After a product E-step, {@link #kept} says whether its counts stand.
 */
public final class EStepPlan {
  /** The ways an E-step can run. */
  public enum Path {
    /** Every term in range: one product kernel call. */
    WHOLE,
    /** Rising components lifted into range with every other term: one product kernel call. */
    LIFTED,
    /** The product kernel per segment between rising components' entries. */
    SEGMENTED,
    /** One exponential per cell. */
    EXPONENTIALS
  }

  /** The plan when the family or the bins give no product terms at all. */
  public static final EStepPlan NO_PRODUCTS =
      new EStepPlan(Path.EXPONENTIALS, 0, 0, null, new int[0], new int[0], new int[0], 0);

  /** The plan when every term is in range and none fades: the common case, one shared instance. */
  public static final EStepPlan WHOLE = new EStepPlan(Path.WHOLE, 0, 0, null, new int[0], new int[0], new int[0], 1);

  private final Path path;
  private final int lift;
  private final int sumFloor;
  /** Per component −1 where it fades and 1 elsewhere; null when none fades. */
  private final double[] fading;
  /**
   * The rising components in entry order, their entry bins, and the exponent of what each may have lost, in
   * units of the total: ⌈{@value PlanBounds#KEPT} + log2 of its largest term left out − sumFloor⌉.
   */
  private final int[] entering;
  private final int[] entries;
  private final int[] keptExponents;
  private final int segments;
  /** This plan after its product E-step was not kept (made on first use). */
  private EStepPlan fellBack;

  EStepPlan(Path path, int lift, int sumFloor, double[] fading, int[] entering, int[] entries, int[] keptExponents,
      int bins) {
    this.path = path;
    this.lift = lift;
    this.sumFloor = sumFloor;
    this.fading = fading;
    this.entering = entering;
    this.entries = entries;
    this.keptExponents = keptExponents;
    this.segments = path == Path.SEGMENTED ? countSegments(entries, bins) : path == Path.EXPONENTIALS ? 0 : 1;
  }

  /** How the segments between entries fall: a new one at each entry past the last start, up to the last bin. */
  private static int countSegments(int[] entries, int bins) {
    int count = 0;
    int i = 0;
    for (int from = 0; from < bins; count++) {
      for (; i < entries.length && entries[i] <= from; i++) {
        // Every entry at or before this start joins this segment.
      }
      from = i < entries.length ? Math.min(bins, entries[i]) : bins;
    }
    return count;
  }

  /** The way this E-step runs. */
  public Path path() {
    return path;
  }

  /** Whether it runs on the product path. */
  public boolean onProducts() {
    return path != Path.EXPONENTIALS;
  }

  /** The binary exponent β every term is lifted by (0 unless {@link Path#LIFTED}). */
  public int lift() {
    return lift;
  }

  /** Every bin's sum of product terms is at least 2^sumFloor (0 when nothing fades or rises). */
  public int sumFloor() {
    return sumFloor;
  }

  /** Whether some component fades (its terms fall out of range as x grows). */
  public boolean anyFading() {
    return fading != null;
  }

  /** Whether component j fades. */
  public boolean fades(int j) {
    return fading != null && fading[j] < 0;
  }

  /** How many rising components the planner found (also when it then chose the exponentials). */
  public int risingCount() {
    return entering.length;
  }

  /** The i-th rising component in entry order. */
  public int entering(int i) {
    return entering[i];
  }

  /** The bin where the i-th rising component enters (a multiple of {@link PlanBounds#SEGMENT_ALIGN}). */
  public int entry(int i) {
    return entries[i];
  }

  /** Kernel calls a product E-step makes: 1, or the segments; 0 on the exponentials. */
  public int segments() {
    return segments;
  }

  /**
   * After the product E-step: whether every fading component's N and S, and every rising one's that entered
   * late, are at least 2^{@value PlanBounds#KEPT} times what they can have lost. {@code scale} holds the terms'
   * scales as run (after a lift), {@code end} the last outcome the kernel reached, {@code counted} Σ c·x.
   */
  public boolean kept(double[] n, double[] s, long total, double counted, double[] scale, double end) {
    return (fading == null || fadingKept(n, s, total, counted, scale, end))
        && (path != Path.SEGMENTED || risingKept(n, s, total, counted));
  }

  private boolean fadingKept(double[] n, double[] s, long total, double counted, double[] scale, double end) {
    // A normal power of two: some roundings (the Horner sums' when subnormal, a lane sum's) err by some 2^−1068
    // whatever the sums, so a floor above 2^0 must not shrink the bound.
    final double bound = Math.scalb(1.0, KEPT + FADING_LOSS - Math.min(sumFloor, 0));
    final double least = total * bound;
    final double leastS = counted * bound;
    for (int j = 0; j < fading.length; j++) {
      double horner = scale[j] * HORNER_FLOOR;
      if (fading[j] < 0 && !(n[j] >= Math.max(least, horner) && s[j] >= Math.max(leastS, horner * end))) {
        return false;
      }
    }
    return true;
  }

  private boolean risingKept(double[] n, double[] s, long total, double counted) {
    for (int i = 0; i < entering.length; i++) {
      if (entries[i] > 0) {
        int j = entering[i];
        double bound = Math.scalb(1.0, keptExponents[i]);
        if (!(n[j] >= total * bound && s[j] >= counted * bound)) {
          return false;
        }
      }
    }
    return true;
  }

  /** This plan once its product E-step was not kept: the exponentials, the findings otherwise the same. */
  public EStepPlan fellBack() {
    EStepPlan f = fellBack;
    if (f == null) {
      f = new EStepPlan(Path.EXPONENTIALS, 0, sumFloor, fading, entering, entries, keptExponents, 0);
      fellBack = f;
    }
    return f;
  }

  /** Whether this plan is the one these findings make (the planner reuses it, so planning allocates nothing). */
  boolean matches(Path path, int lift, int sumFloor, double[] fadingFlags, boolean anyFading, int k, int risingCount,
      int[] risingComponent, int[] risingBin, int[] risingKept) {
    if (this.path != path || this.lift != lift || this.sumFloor != sumFloor || anyFading != (fading != null)
        || entering.length != risingCount) {
      return false;
    }
    if (anyFading) {
      if (fading.length != k) {
        return false;
      }
      for (int j = 0; j < k; j++) {
        if ((fading[j] < 0) != (fadingFlags[j] < 0)) {
          return false;
        }
      }
    }
    for (int i = 0; i < risingCount; i++) {
      if (entering[i] != risingComponent[i] || entries[i] != risingBin[i]
          || keptExponents[i] != risingKept[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "EStepPlan{" + path + (lift != 0 ? ", lift " + lift : "") + (fading != null ? ", fading" : "")
        + (entering.length > 0 ? ", rising " + Arrays.toString(entering) + " at " + Arrays.toString(entries) : "") + "}";
  }
}
