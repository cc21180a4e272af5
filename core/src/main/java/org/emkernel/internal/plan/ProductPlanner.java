package org.emkernel.internal.plan;

import static org.emkernel.internal.plan.PlanBounds.ENTRY;
import static org.emkernel.internal.plan.PlanBounds.FADING_POWERS;
import static org.emkernel.internal.plan.PlanBounds.KEPT;
import static org.emkernel.internal.plan.PlanBounds.LEFT_OUT;
import static org.emkernel.internal.plan.PlanBounds.LOG_2;
import static org.emkernel.internal.plan.PlanBounds.RANGE;
import static org.emkernel.internal.plan.PlanBounds.SEGMENT_ALIGN;
import static org.emkernel.internal.plan.PlanBounds.STEP;

import java.util.Arrays;
import org.emkernel.internal.DeterministicLog;
import org.emkernel.internal.plan.EStepPlan.Path;
import org.emkernel.internal.vectorization.EmKernel;

/**
 * Decides each E-step's {@link EStepPlan} from the product terms scale_j·ρ_j^x over consecutive bins. The ladder
 * (docs/kernel.md): every term in range, or only fading components out of it, runs whole; rising components are
 * lifted with every term by 2^β where that fits; else they enter in segments; else the exponentials. Reuses a
 * recent plan when the findings repeat, so steady iterations allocate nothing. One planner per session.
 */
public final class ProductPlanner {
  private final EmKernel kernel;
  private final int k;
  // The data's shape, set by the constructor and by reset (a pooled planner's next data).
  private int bins;
  /** The first outcome, and the last outcome the kernel's whole vectors reach. */
  private double x0;
  private double end;
  /** Bins rounded up to whole vectors: an entry past the last bin is clamped here (it never enters). */
  private int paddedBins;
  /** Whether the last bin is the family's largest outcome, where a bias of 1 puts its whole mass. */
  private boolean massAtLast;
  /** Per component (padded), −1 where it fades, else 1: the kernel's quick check writes it too. */
  private final double[] fading;
  private boolean anyFading;
  private int sumFloor;
  private int lift;
  private int risingCount;
  /** Findings on the rising components, in entry order: component, entry bin, log2 of its largest term left out, log2 ρ. */
  private int[] risingComponent;
  private int[] risingBin;
  private double[] risingLeft;
  private double[] risingSlope;
  private int[] risingKept;
  /** For a lift: the rising components' largest log2 term, the least lift bringing all to 2^−ENTRY, steepest log2 ρ. */
  private double risingTop;
  private double liftNeeded;
  private double risingSlopeTop;
  /** The last few plans made (a power of two of them), so findings that alternate between iterations reuse theirs too. */
  private EStepPlan[] recent;
  private int next;
  /** The exponent keys ({@link #exponentKey}) of scale and ρ per component when the quick check last found them whole. */
  private final long[] wholeKeys;
  private boolean wholeKnown;
  /** Whether the last E-step found a rising component: the quick check would then have said NaN, and likely will again. */
  private boolean roseLast;
  /** Whether the running check has met a rising component. */
  private boolean roseSeen;

  /** A planner for k components over {@code bins} consecutive bins from x0, the kernel reaching {@code end}. */
  public ProductPlanner(EmKernel kernel, int k, int bins, double x0, double end, int paddedBins, boolean massAtLast,
      int paddedComponents) {
    this.kernel = kernel;
    this.k = k;
    this.fading = new double[paddedComponents];
    this.wholeKeys = new long[2 * k];
    reset(bins, x0, end, paddedBins, massAtLast);
  }

  /** {@return the kernel whose quick check this planner runs} */
  public EmKernel kernel() {
    return kernel;
  }

  /** {@return the number of components it plans for} */
  public int components() {
    return k;
  }

  /**
   * This planner, made new for other data of the same K and kernel: it decides as a planner just constructed for
   * them would (a fit's pooled session reuses it; see ScratchPool). Plans made for the old data are forgotten.
   */
  public ProductPlanner reset(int bins, double x0, double end, int paddedBins, boolean massAtLast) {
    this.bins = bins;
    this.x0 = x0;
    this.end = end;
    this.paddedBins = paddedBins;
    this.massAtLast = massAtLast;
    Arrays.fill(fading, 0);
    anyFading = false;
    sumFloor = 0;
    lift = 0;
    risingCount = 0;
    risingTop = 0;
    liftNeeded = 0;
    risingSlopeTop = 0;
    if (recent != null) {
      Arrays.fill(recent, EStepPlan.NO_PRODUCTS);
    }
    next = 0;
    Arrays.fill(wholeKeys, 0);
    wholeKnown = false;
    roseLast = false;
    roseSeen = false;
    return this;
  }

  /**
   * The plan for these terms (scale and ρ padded to whole vectors), given the weights. Sets a component that adds
   * nothing to scale 0 and ρ 1 (a zero weight, or a mass at the largest outcome when that is not the last bin)
   * and, for a {@link Path#LIFTED} plan, multiplies every scale by 2^β in place.
   */
  public EStepPlan plan(double[] w, double[] scale, double[] rho) {
    // The common case first: every term in range, none fading. The kernel's quick check decides it from the
    // terms' binary exponents alone, and those seldom change between iterations, so the last exponents that
    // made it are kept. Kept small so the caller inlines it and sees the shared plan.
    if (wholeKnown && sameExponents(scale, rho)) {
      return EStepPlan.WHOLE;
    }
    if (roseLast) {
      return planRising(w, scale, rho);
    }
    final double quick = kernel.productsOrdinary(scale, rho, k, x0, end, massAtLast, fading);
    if (quick == Double.POSITIVE_INFINITY) {
      keepExponents(scale, rho);
      return EStepPlan.WHOLE;
    }
    wholeKnown = false;
    return planOther(quick, w, scale, rho);
  }

  /**
   * What the quick check reads of a term's scale or ρ: its sign and binary exponent; all its bits when the
   * exponent field is 0 or all ones (0 and subnormals, ∞ and NaN, which the check tells apart).
   */
  static long exponentKey(double v) {
    final long bits = Double.doubleToRawLongBits(v);
    final long exponent = bits & 0x7FF0_0000_0000_0000L;
    return exponent == 0 || exponent == 0x7FF0_0000_0000_0000L ? bits : bits & 0xFFF0_0000_0000_0000L;
  }

  /** Whether every component's scale and ρ have the keys of the last terms the quick check found whole. */
  private boolean sameExponents(double[] scale, double[] rho) {
    for (int j = 0; j < k; j++) {
      if (exponentKey(scale[j]) != wholeKeys[2 * j] || exponentKey(rho[j]) != wholeKeys[2 * j + 1]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the next plan may come from the kept exponents (for tests). */
  boolean remembersWhole() {
    return wholeKnown;
  }

  /** Whether the next plan starts from the full check, a component having risen last time (for tests). */
  boolean remembersRising() {
    return roseLast;
  }

  private void keepExponents(double[] scale, double[] rho) {
    for (int j = 0; j < k; j++) {
      wholeKeys[2 * j] = exponentKey(scale[j]);
      wholeKeys[2 * j + 1] = exponentKey(rho[j]);
    }
    wholeKnown = true;
  }

  /**
   * {@link #plan} after an E-step that found a rising component: the full check first, as the quick check says NaN
   * wherever a component rises (ρ above 1 and out of range is neither regular, fading nor a mass). When none rises
   * any more, the quick check runs as usual; the full check changed nothing it reads but terms that add nothing.
   */
  private EStepPlan planRising(double[] w, double[] scale, double[] rho) {
    final EStepPlan plan = planOther(Double.NaN, w, scale, rho);
    if (roseLast) {
      return plan;
    }
    final double quick = kernel.productsOrdinary(scale, rho, k, x0, end, massAtLast, fading);
    if (quick == Double.POSITIVE_INFINITY) {
      keepExponents(scale, rho);
      return EStepPlan.WHOLE;
    }
    return planOther(quick, w, scale, rho);
  }

  /** {@link #plan} once the quick check found something fading, dead, rising or out of range ({@code quick}). */
  private EStepPlan planOther(double quick, double[] w, double[] scale, double[] rho) {
    risingCount = 0;
    lift = 0;
    roseSeen = false;
    final boolean inRange = inRange(quick, w, scale, rho);
    roseLast = roseSeen;
    if (!inRange) {
      anyFading = false; // The check stopped part-way: its fading findings are partial (and may be stale).
    }
    final Path path = !inRange ? Path.EXPONENTIALS
        : risingCount == 0 ? Path.WHOLE : lift > 0 ? Path.LIFTED : Path.SEGMENTED;
    // Only a segmented E-step checks what late entrants left out.
    for (int i = 0; i < risingCount; i++) {
      risingKept[i] = path == Path.SEGMENTED && risingBin[i] > 0 ? (int) Math.ceil(KEPT + risingLeft[i] - sumFloor) : 0;
    }
    final int floor = inRange ? sumFloor : 0;
    if (recent == null) {
      // Made on first use, as the findings on rising components are: most sessions stay on the whole plan.
      recent = new EStepPlan[] {EStepPlan.NO_PRODUCTS, EStepPlan.NO_PRODUCTS, EStepPlan.NO_PRODUCTS,
          EStepPlan.NO_PRODUCTS};
    }
    // The newest first: a steady session repeats it.
    for (int i = 1; i <= recent.length; i++) {
      EStepPlan plan = recent[(next - i) & (recent.length - 1)];
      if (plan.matches(path, lift, floor, fading, anyFading, k, risingCount, risingComponent, risingBin, risingKept)) {
        return plan;
      }
    }
    double[] flags = null;
    if (anyFading) {
      flags = new double[k];
      for (int j = 0; j < k; j++) {
        flags[j] = fading[j] < 0 ? -1 : 1;
      }
    }
    int[] entering = new int[risingCount];
    int[] entries = new int[risingCount];
    int[] kept = new int[risingCount];
    if (risingCount > 0) {
      System.arraycopy(risingComponent, 0, entering, 0, risingCount);
      System.arraycopy(risingBin, 0, entries, 0, risingCount);
      System.arraycopy(risingKept, 0, kept, 0, risingCount);
    }
    EStepPlan plan = new EStepPlan(path, lift, floor, flags, entering, entries, kept, bins);
    recent[next] = plan;
    next = (next + 1) & (recent.length - 1);
    return plan;
  }

  /**
   * Whether the product path can take these terms. Per component: a zero weight (its terms set to 0); ρ = 0, a
   * mass at outcome 0 (a bias of 0); ρ = ∞, a mass at the largest outcome (a bias of 1), kept when that is the
   * last bin; a regular one, every term on [x0, end] and every ρ^y, y up to max(x0, STEP), within
   * 2^±{@value PlanBounds#RANGE} (from the binary exponents); a fading one, scale below 2 and 0 &lt; ρ &lt; 1, whose
   * terms may underflow as x grows; or a rising one ({@link #rising}). At least one must be regular, so every
   * bin's sum is at least 2^sumFloor. Rising components are then lifted where that fits, else segmented.
   * {@code quick} is the kernel's quick check's answer (see {@link EmKernel#productsOrdinary}).
   */
  private boolean inRange(double quick, double[] w, double[] scale, double[] rho) {
    if (quick == quick) {
      anyFading = quick != Double.POSITIVE_INFINITY;
      sumFloor = anyFading ? (int) quick : 0;
      return true;
    }
    // Some component is dead, a mass off the last bin, fading with a subnormal ρ, rising, or out of range.
    final long x0 = (long) this.x0;
    final long end = (long) this.end;
    long floor = Long.MIN_VALUE;
    long steepest = 0; // The largest |er| + 1 of a regular component, for the segments' start powers.
    // For a lift: the largest upper exponent bound of any term, and whether every fading component has its powers
    // ρ^y, y up to max(x0, STEP), normal (or else the largest fading scale exponent).
    long top = Long.MIN_VALUE;
    boolean fadingPowersNormal = true;
    long fadingScaleTop = Long.MIN_VALUE;
    risingTop = Double.NEGATIVE_INFINITY;
    liftNeeded = Double.NEGATIVE_INFINITY;
    risingSlopeTop = 0;
    anyFading = false;
    for (int j = 0; j < k; j++) {
      double s = scale[j];
      double r = rho[j];
      fading[j] = 1;
      if (w[j] == 0 || (r == Double.POSITIVE_INFINITY && !massAtLast)) {
        scale[j] = 0;
        rho[j] = 1;
        continue;
      }
      if (!(s >= Double.MIN_NORMAL && s <= Double.MAX_VALUE)) {
        return false;
      }
      // log2 of a term at x lies in [es + x·er, es + 1 + x·(er + 1)).
      long es = Math.getExponent(s);
      if (r == 0 || r == Double.POSITIVE_INFINITY) {
        top = Math.max(top, es + 1); // A mass: its one term is its scale.
        continue;
      }
      long er = Math.getExponent(r);
      long low = Math.min(es + x0 * er, es + end * er);
      if (r >= Double.MIN_NORMAL && r <= Double.MAX_VALUE && low >= -RANGE
          && Math.max(es + 1 + x0 * (er + 1), es + 1 + end * (er + 1)) <= RANGE
          && Math.max(x0, STEP) * (Math.abs(er) + 1) <= RANGE) {
        floor = Math.max(floor, low);
        steepest = Math.max(steepest, Math.abs(er) + 1);
        top = Math.max(top, Math.max(es + 1 + x0 * (er + 1), es + 1 + end * (er + 1)));
      } else if (es <= 0 && r > 0 && r < 1) {
        fading[j] = -1;
        anyFading = true;
        top = Math.max(top, es + 1 + x0 * (er + 1)); // Its largest term is its first.
        fadingPowersNormal &= r >= Double.MIN_NORMAL && -er * Math.max(x0, STEP) <= FADING_POWERS;
        fadingScaleTop = Math.max(fadingScaleTop, es);
      } else if (r > 1 && r <= Double.MAX_VALUE) {
        roseSeen = true; // Neither regular, fading nor a mass: the quick check says NaN.
        if (!rising(j, s, r, x0, end)) {
          return false;
        }
      } else {
        return false;
      }
    }
    sumFloor = (int) Math.max(floor, -RANGE);
    if (floor == Long.MIN_VALUE) {
      return false;
    }
    if (risingCount == 0) {
      return true;
    }
    // A lift: every scale times 2^β, β the least whole number that brings every rising component's first term to
    // 2^−ENTRY (every family's terms are at most w, so there is room up to 2^ENTRY), and the E-step in one call.
    // A fading component's scale may then pass 2: its powers ρ^y, y up to max(x0, STEP), must be normal.
    final double needed = Math.ceil(liftNeeded);
    if (needed > 0 && needed + Math.max(top, (long) Math.ceil(risingTop)) <= ENTRY
        && risingSlopeTop * Math.max(x0, STEP) <= ENTRY && (fadingPowersNormal || fadingScaleTop + needed <= 0)) {
      lift = (int) needed;
      for (int j = 0; j < k; j++) {
        scale[j] = Math.scalb(scale[j], lift); // Exact: normal stays normal below 2^ENTRY, 0 stays 0.
      }
      sumFloor += lift;
      return true;
    }
    // Segments start at each rising component's entry. At the last start every component needs its powers ρ^y, y
    // up to that outcome, in range; each rising component's largest term left out must be below 2^−LEFT_OUT over
    // the rising count of every bin's sum, rounded to whole powers of two.
    if (risingBin[risingCount - 1] >= bins) {
      return false; // One never enters (its N would be 0, below any bound on what it lost): the exponentials.
    }
    final long startX = Math.max(x0 + risingBin[risingCount - 1], STEP);
    final int most = sumFloor - LEFT_OUT - (32 - Integer.numberOfLeadingZeros(risingCount));
    for (int i = 0; i < risingCount; i++) {
      if ((risingBin[i] > 0 && risingLeft[i] > most) || risingSlope[i] * startX > ENTRY) {
        return false;
      }
    }
    return steepest * startX <= RANGE;
  }

  /**
   * Whether component j, out of range with ρ above 1, can rise into the product path: from its entry, the first
   * bin at a multiple of {@value PlanBounds#SEGMENT_ALIGN} where its term reaches 2^−{@value PlanBounds#ENTRY},
   * every term up to the end at most 2^{@value PlanBounds#ENTRY}. Records it among the rising components in entry
   * order with log2 of its largest term left out. Logarithms by {@link DeterministicLog}, the same on every JVM,
   * since the plan decides the result's bits.
   */
  private boolean rising(int j, double scale, double rho, long x0, long end) {
    final double ls = DeterministicLog.logNormal(scale) / LOG_2;
    final double lr = DeterministicLog.logNormal(rho) / LOG_2;
    if (ls + end * lr > ENTRY) {
      return false;
    }
    risingTop = Math.max(risingTop, ls + end * lr + 1);
    liftNeeded = Math.max(liftNeeded, -ENTRY - (ls + x0 * lr));
    risingSlopeTop = Math.max(risingSlopeTop, lr);
    // The first outcome with ls + x·lr ≥ −ENTRY, then its bin rounded up to a multiple of SEGMENT_ALIGN (past the
    // last bin: the component never enters, and the caller gives up).
    double first = Math.ceil((-ENTRY - ls) / lr) - x0;
    int entry = first <= 0 ? 0 : (int) Math.min(paddedBins, Math.ceil(first / SEGMENT_ALIGN) * SEGMENT_ALIGN);
    double left = entry == 0 ? Double.NEGATIVE_INFINITY : ls + (x0 + Math.min(entry, bins) - 1) * lr;
    if (risingComponent == null) {
      risingComponent = new int[k];
      risingBin = new int[k];
      risingLeft = new double[k];
      risingSlope = new double[k];
      risingKept = new int[k];
    }
    int i = risingCount++;
    for (; i > 0 && risingBin[i - 1] > entry; i--) {
      risingComponent[i] = risingComponent[i - 1];
      risingBin[i] = risingBin[i - 1];
      risingLeft[i] = risingLeft[i - 1];
      risingSlope[i] = risingSlope[i - 1];
    }
    risingComponent[i] = j;
    risingBin[i] = entry;
    risingLeft[i] = left;
    risingSlope[i] = lr;
    return true;
  }
}
