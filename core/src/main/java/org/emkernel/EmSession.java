package org.emkernel;

import java.util.Arrays;
import org.emkernel.internal.DeterministicLog;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;
import org.emkernel.internal.vectorization.ChunkedEStep;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * A step-by-step EM run on one data set, for tools that drive the iterations themselves (and for the
 * benchmarks): {@link #eStep()}, {@link #mStep()} and {@link #iterate()} allocate nothing. Bins are processed
 * in fixed chunks whose partial sums are added in chunk order, so results do not depend on scheduling.
 * Not thread-safe: one session belongs to one thread at a time. Obtain one from {@link EmFitter#session}.
 */
public final class EmSession {
  /** log 2 rounded to the nearest double. */
  private static final double LOG_2 = 0x1.62e42fefa39efp-1;
  final Family family;
  /** The kernel of the E-steps; an AUTO session replaces it once (see {@link #switchKernel}). */
  EmKernel kernel;
  /** Whether to move to the vector kernel after {@link KernelProvider#AUTO_SWITCH_CELLS} cells of E-steps (AUTO). */
  private boolean next;
  /** Cells of E-step work so far, while a switch is pending: padded bins × components per E-step. */
  private long cells;
  /** The cells after which the switch happens (tests lower it). */
  long switchAt = KernelProvider.AUTO_SWITCH_CELLS;
  final EmData data;
  final double[] x;
  final double[] z;
  final double[] c;
  final int bins;
  final int k;
  final double logBase;
  /** The centred form of the terms when the outcomes are large (see {@link Centring}), else null. */
  private final Centring centring;
  final double[] w;
  final double[] theta;
  // The exp path's coefficients, allocated on its first use ({@link #coefficients}).
  double[] a;
  double[] eta;
  double[] zeta;
  /** Per component, the base-2 log-scale below which the kernel may drop a term (see {@link #coefficients}). */
  double[] floors;
  final double[] n;
  final double[] s;
  final double[] t;
  final boolean[] fixedWeights;
  final boolean[] fixedParams;
  /** Whether some weight is fixed (otherwise the M-step takes its plain loops). */
  private final boolean anyFixedWeights;
  /** Whether no parameter is fixed, the data have no trials column and the dying threshold is at least 0. */
  private final boolean plainParams;
  /** A component whose N_k is at most this keeps its parameter (a dying component; see {@link EmFitter}). */
  final double dyingThreshold;
  /**
   * Whether the E-step may take the kernel's product path: consecutive outcomes from x_0 to at most
   * {@link EmKernel#PRODUCT_LIMIT}, no trials column, a kernel that uses it. The family and the range of the
   * terms decide it per E-step.
   */
  private boolean products;
  /** Whether the data allow the product path (consecutive outcomes up to the limit, no trials column). */
  private final boolean productData;
  /** The last outcome the product path's whole vectors reach: x_0 + bins rounded up to {@link EmData#PAD}, − 1. */
  private final double productEnd;
  /** Whether the last bin is the family's largest outcome, where a bias of 1 puts its whole mass. */
  private final boolean massAtLast;
  private final double[] productScale;
  private final double[] productRho;
  /** Σ_b c_b·x_b, for the log-likelihood of rescaled product terms ({@link Family#productTerms}). */
  private final double countedOutcomes;
  /** The M-step's estimates before it keeps those the statistics determine. */
  private final double[] estimates;
  /** Whether the last E-step took the product path (for tests). */
  boolean lastProducts;
  /** Per component, −1 where it fades in the last range check ({@link #productsInRange}), else 1. */
  private final double[] fading;
  /** Whether some component fades in the last range check (read by tests). */
  boolean anyFading;
  /**
   * The rising components of the last range check (read by tests), by entry bin: component, entry bin, log2 of
   * its largest term left out, log2 ρ.
   */
  int risingCount;
  /** How many segments the last segmented product E-step ran (read by tests). */
  int lastSegments;
  /** The binary exponent by which the last range check lifted every product term, 0 for none (read by tests). */
  int lift;
  /** For a lift: the rising components' largest log2 term, the least lift that brings all to 2^−890, steepest log2 ρ. */
  private double risingTop;
  private double liftNeeded;
  private double risingSlopeTop;
  // Allocated when first needed (most sessions never see a rising component).
  private int[] risingComponent;
  private int[] risingBin;
  private double[] risingLeft;
  private double[] risingSlope;
  /** The terms of one segment, and its sums (see {@link #segmentedProducts}), allocated with the above. */
  private double[] segmentScale;
  private double[] segmentRho;
  private double[] segmentN;
  private double[] segmentS;
  /** Every bin's sum of product terms is at least 2^sumFloor when some component fades. */
  private int sumFloor;
  private final int threads;
  private ChunkedEStep estep;
  private Logarithms logs;
  private Powers powers;
  private MStepArithmetic arithmetic;
  /**
   * The family's M-step as a clamped quotient {factor, lo, hi} ({@link Family#quotientForm}) when no parameter is
   * fixed, there is no trials column and the dying threshold is at least 0 (fixed weights are checked where it is
   * used); else null.
   */
  private final double[] quotients;
  private double[] logScratch;
  /** Per component, its {@link Family#pointMass} in the last E-step, {@link Family#NO_MASS} for weight 0. */
  private final int[] massOf;
  /** The counts with the bins a point mass can produce set to 0 (see {@link #massEStep}); made when first needed. */
  private double[] maskedC;

  EmSession(EmKernel kernel, int threads, EmData data, MixtureModel init, boolean[] fixedWeights,
      boolean[] fixedParams, double dyingThreshold) {
    this(kernel, false, threads, data, init, fixedWeights, fixedParams, dyingThreshold);
  }

  /** A session on kernel that moves to the vector kernel (when next) after {@link KernelProvider#AUTO_SWITCH_CELLS} cells. */
  EmSession(EmKernel kernel, boolean next, int threads, EmData data, MixtureModel init, boolean[] fixedWeights,
      boolean[] fixedParams, double dyingThreshold) {
    this(kernel, next, threads, data, init, fixedWeights, fixedParams, dyingThreshold, false);
  }

  /**
   * As above; a pooled session (a fit's own, never handed out) borrows the thread's kernel scratch and gives it
   * back in {@link #release()}.
   */
  EmSession(EmKernel kernel, boolean next, int threads, EmData data, MixtureModel init, boolean[] fixedWeights,
      boolean[] fixedParams, double dyingThreshold, boolean pooled) {
    this.pooled = pooled;
    this.family = init.family();
    this.kernel = kernel;
    this.next = next;
    this.threads = threads;
    this.data = data;
    this.x = data.x;
    this.z = data.z;
    this.c = data.c;
    this.bins = data.bins;
    this.k = init.components();
    // Large outcomes: terms relative to a reference of the family, whose log-probabilities make the base.
    this.centring = data.centring(family);
    this.logBase = centring != null ? centring.base : data.logBase(family);
    this.w = init.weights();
    this.theta = init.params();
    this.massOf = new int[k];
    this.n = new double[k];
    this.s = new double[k];
    this.t = data.hasTrials() ? new double[k] : null;
    // A fit's own session takes the fitter's fresh masks as they are.
    this.fixedWeights = fixedWeights == null ? new boolean[k] : pooled ? fixedWeights : fixedWeights.clone();
    this.fixedParams = fixedParams == null ? new boolean[k] : pooled ? fixedParams : fixedParams.clone();
    boolean any = false;
    for (boolean fixed : this.fixedWeights) {
      any |= fixed;
    }
    this.anyFixedWeights = any;
    boolean anyFixedParams = false;
    for (boolean fixed : this.fixedParams) {
      anyFixedParams |= fixed;
    }
    // Families without trials take a parameter wherever N > 0, so N above a threshold of 0 or more decides.
    this.plainParams = !anyFixedParams && t == null && dyingThreshold >= 0;
    this.quotients = plainParams ? family.quotientForm() : null;
    this.dyingThreshold = dyingThreshold;
    this.estimates = new double[k];
    // Centred data (large outcomes) never take the product path: its terms are the family's own.
    this.productData = z == null && centring == null && consecutive(x, bins);
    // The vector kernel a session may move to takes the product path.
    final boolean products = productData && (kernel.usesProducts() || next);
    this.productEnd = bins == 0 ? 0 : x[0] + EmData.padded(bins) - 1;
    this.massAtLast = bins > 0 && x[bins - 1] == family.maxOutcome();
    // Padded to whole vectors of 8 (scale 0, ρ 1 past k), so a vector kernel reads them in place.
    this.productScale = products ? new double[EmData.padded(k)] : null;
    this.productRho = products ? new double[EmData.padded(k)] : null;
    this.fading = products ? new double[EmData.padded(k)] : null;
    if (products) {
      Arrays.fill(productRho, k, productRho.length, 1.0);
    }
    double counted = 0;
    for (int b = 0; products && b < bins; b++) {
      counted += c[b] * x[b];
    }
    this.countedOutcomes = counted;
    use(kernel);
  }

  /** Takes the kernel's E-step runner, logarithms, powers and M-step arithmetic. */
  private void use(EmKernel kernel) {
    this.kernel = kernel;
    this.logs = kernel.logarithms(k);
    this.powers = kernel.powers();
    this.arithmetic = kernel.mStepArithmetic();
    // No more threads than chunks: idle workers would only be started and waited for.
    int chunks = Math.max(1, (bins + ChunkedEStep.CHUNK - 1) / ChunkedEStep.CHUNK);
    this.estep = new ChunkedEStep(kernel, k, Math.min(threads, chunks), pooled ? borrowScratch() : null);
    this.products = productData && kernel.usesProducts();
  }

  /**
   * Per thread, the kernel scratch of the last finished fit (a vector kernel's runs to some 26 KB whatever the
   * data): a fit's session borrows it and {@link #release()} gives it back, so many small fits in a row do not
   * allocate and clear it each time. A nested fit (from a listener) finds the slot empty and allocates its own.
   */
  private static final ThreadLocal<double[][]> SCRATCH = new ThreadLocal<>() {
    // A subclass, not ThreadLocal.withInitial(lambda): no lambda to bootstrap on a fresh JVM's first fit.
    @Override
    protected double[][] initialValue() {
      return new double[1][];
    }
  };

  /** Whether this session borrows the thread's scratch (a fit's session; see {@link #SCRATCH}). */
  private boolean pooled;

  private static double[] borrowScratch() {
    double[][] slot = SCRATCH.get();
    double[] scratch = slot[0];
    slot[0] = null;
    return scratch;
  }

  /** Gives the scratch back to the thread's pool; the session must not run again. */
  void release() {
    if (pooled) {
      pooled = false;
      double[] scratch = estep.firstScratch();
      double[][] slot = SCRATCH.get();
      if (slot[0] == null || slot[0].length < scratch.length) {
        slot[0] = scratch;
      }
    }
  }

  /**
   * Counts an E-step's cells while a switch is pending, and moves to the next kernel once they pass
   * {@link KernelProvider#AUTO_SWITCH_CELLS}: a count of work, not of time, so every run switches at the same
   * E-step. The M-step arithmetic, logarithms and powers give the same bits in every kernel; only the E-steps'
   * sums differ, within the kernels' bounds of the reference.
   */
  private void switchKernel() {
    cells += (long) EmData.padded(bins) * k;
    if (cells > switchAt) {
      next = false;
      EmKernel to = KernelProvider.autoNext();
      if (to == null) {
        return; // The vector kernel cannot run in this JVM (vectors of fewer than two doubles): stay.
      }
      if (pooled) {
        release(); // The scalar kernel's scratch back to the pool, the vector kernel's borrowed.
        pooled = true;
      }
      use(to);
    }
  }

  /** Whether the outcomes are x_0, x_0 + 1, ..., with the last at most {@link EmKernel#PRODUCT_LIMIT}. */
  private static boolean consecutive(double[] x, int bins) {
    if (bins == 0 || bins > ChunkedEStep.CHUNK || x[bins - 1] > EmKernel.PRODUCT_LIMIT) {
      return false;
    }
    for (int b = 1; b < bins; b++) {
      if (x[b] != x[0] + b) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the product path's terms, just computed by the family, are usable. Per component: a zero weight
   * (its terms are set to 0); ρ = 0, a mass at outcome 0 only (a bias of 0); ρ = ∞, a mass at the family's
   * largest outcome only (a bias of 1), kept when that is the last bin and dropped otherwise; a regular one, a
   * normal scale and ratio for which every term scale·ρ^x on [x_0, productEnd], and every ρ^y with y up to
   * max(x_0, 8) (the kernel's lane powers and step), lies within [2^−900, 2^900] (bounds from the binary
   * exponents); or a fading one, scale in [2^−1022, 2) and ρ in (0, 1), whose terms may fall out of that range
   * (and underflow) as x grows. At least one component must be regular: then every bin's sum is at least 2^−900
   * (at least {@link #sumFloor}) and every sum and weight c/Σ finite. The kernel sums N_j and S_j relative to a
   * term (Horner's rule), so a contribution c·r·x below 2^−1022 times that term is lost: every family's terms are
   * at most 1 (the Poisson's rescaled; after a lift at most 2^132), so that is about where the reference's
   * exponentials underflow too, and far below the exp path's floors.
   * A fading component's terms are products of factors below 1 after its scale: each of the at most a few
   * hundred roundings on the way adds an error below 2^−1074 where the result is subnormal and a relative one
   * otherwise, so its terms, its start terms and the kernel's Horner sums are each off by less than 2^−1060 beyond
   * the regular relative errors. Its N_j and S_j then lose at most 2^−1059·Σ_b c_b·(1 or x_b)/Σ_b, below
   * 2^−1059/2^min(sumFloor, 0) times the total (or Σ c·x); {@link #fadingKept} checks them against it after the
   * E-step.
   * A rising component (ρ above 1: a binomial bias near 1 over many trials) whose first terms lie below that range
   * is lifted with every other (all scales times 2^{@link #lift}) where that can serve; else it enters at a later
   * bin, a multiple of 8 (see {@link #rising}), and the E-step runs in segments.
   */
  private boolean productsInRange() {
    risingCount = 0;
    lift = 0;
    // The common case first, in the kernel's arithmetic (8 components at a time in the vector kernel).
    final double quick = kernel.productsOrdinary(productScale, productRho, k, x[0], productEnd, massAtLast, fading);
    if (quick == quick) {
      anyFading = quick != Double.POSITIVE_INFINITY;
      sumFloor = anyFading ? (int) quick : 0;
      return true;
    }
    // Some component is dead, a mass off the last bin, fading with a subnormal ρ, rising, or out of range.
    final long x0 = (long) x[0];
    final long end = (long) productEnd;
    long floor = Long.MIN_VALUE;
    long steepest = 0; // The largest |er| + 1 of a regular component, for the segments' start powers.
    // For a lift (see below): the largest upper exponent bound of any term, and whether every fading component
    // has its powers ρ^y, y up to max(x0, 8), normal (or else the largest fading scale exponent).
    long top = Long.MIN_VALUE;
    boolean fadingPowersNormal = true;
    long fadingScaleTop = Long.MIN_VALUE;
    risingTop = Double.NEGATIVE_INFINITY;
    liftNeeded = Double.NEGATIVE_INFINITY;
    risingSlopeTop = 0;
    anyFading = false;
    for (int j = 0; j < k; j++) {
      double scale = productScale[j];
      double rho = productRho[j];
      fading[j] = 1;
      if (w[j] == 0 || (rho == Double.POSITIVE_INFINITY && !massAtLast)) {
        productScale[j] = 0;
        productRho[j] = 1;
        continue;
      }
      if (!(scale >= Double.MIN_NORMAL && scale <= Double.MAX_VALUE)) {
        return false;
      }
      // log2 of a term at x lies in [es + x·er, es + 1 + x·(er + 1)).
      long es = Math.getExponent(scale);
      if (rho == 0 || rho == Double.POSITIVE_INFINITY) {
        top = Math.max(top, es + 1); // A mass: its one term is its scale.
        continue;
      }
      long er = Math.getExponent(rho);
      long low = Math.min(es + x0 * er, es + end * er);
      if (rho >= Double.MIN_NORMAL && rho <= Double.MAX_VALUE && low >= -900
          && Math.max(es + 1 + x0 * (er + 1), es + 1 + end * (er + 1)) <= 900
          && Math.max(x0, 8) * (Math.abs(er) + 1) <= 900) {
        floor = Math.max(floor, low);
        steepest = Math.max(steepest, Math.abs(er) + 1);
        top = Math.max(top, Math.max(es + 1 + x0 * (er + 1), es + 1 + end * (er + 1)));
      } else if (es <= 0 && rho > 0 && rho < 1) {
        fading[j] = -1;
        anyFading = true;
        top = Math.max(top, es + 1 + x0 * (er + 1)); // Its largest term is its first.
        fadingPowersNormal &= rho >= Double.MIN_NORMAL && -er * Math.max(x0, 8) <= 1000;
        fadingScaleTop = Math.max(fadingScaleTop, es);
      } else if (!(rho > 1 && rho <= Double.MAX_VALUE && rising(j, scale, rho, x0, end))) {
        return false;
      }
    }
    sumFloor = (int) Math.max(floor, -900);
    if (floor == Long.MIN_VALUE) {
      return false;
    }
    if (risingCount == 0) {
      return true;
    }
    // A lift: every scale times 2^β, β the least whole number that brings every rising component's first term to
    // 2^−890 (all the families' terms are at most w, so there is room up to 2^890), and the E-step in one call
    // (the log-likelihood then gains β·log 2 per observation, taken off in eStep). A fading component's scale may
    // then pass 2: its powers ρ^y, y up to max(x0, 8), must be normal, so every factor on its terms is (see
    // fadingKept for the Horner sums).
    final double needed = Math.ceil(liftNeeded);
    if (needed > 0 && needed + Math.max(top, (long) Math.ceil(risingTop)) <= 890
        && risingSlopeTop * Math.max(x0, 8) <= 890 && (fadingPowersNormal || fadingScaleTop + needed <= 0)) {
      lift = (int) needed;
      for (int j = 0; j < k; j++) {
        productScale[j] = Math.scalb(productScale[j], lift); // Exact: normal stays normal below 2^890, 0 stays 0.
      }
      sumFloor += lift;
      return true;
    }
    // Segments start at each rising component's entry (all below the last bin: the list is in entry order). At
    // the last start, the largest, every component there needs its powers ρ^y, y up to that outcome, in range;
    // and each rising component's largest term left out must be below 2^−60/risingCount of every bin's sum (so
    // the others lose at most 2^−60 together), rounded to whole powers of two.
    if (risingBin[risingCount - 1] >= bins) {
      return false; // One never enters (its N would be 0, below any bound on what it lost): the exponentials.
    }
    final long startX = Math.max(x0 + risingBin[risingCount - 1], 8);
    final int most = sumFloor - 60 - (32 - Integer.numberOfLeadingZeros(risingCount));
    for (int i = 0; i < risingCount; i++) {
      if ((risingBin[i] > 0 && risingLeft[i] > most) || risingSlope[i] * startX > 890) {
        return false;
      }
    }
    return steepest * startX <= 900;
  }

  /**
   * Whether component j, out of range with ρ above 1, can rise into the product path: from its entry, the first
   * bin (a multiple of 8, so every segment but the last covers whole vectors) where its term is at least 2^−890,
   * every term up to productEnd at most 2^890. (A last segment starting elsewhere would have lanes past
   * productEnd.) Then records it among the rising components in entry order, with
   * the log2 of its largest term left out before that bin (the bin before it, as the terms rise). Logarithms by
   * {@link DeterministicLog} (IEEE operations only), the same on every JVM, as the choice of path is part of the
   * result's bits.
   */
  private boolean rising(int j, double scale, double rho, long x0, long end) {
    final double ls = DeterministicLog.logNormal(scale) / LOG_2;
    final double lr = DeterministicLog.logNormal(rho) / LOG_2;
    if (ls + end * lr > 890) {
      return false;
    }
    if (risingComponent == null) {
      risingComponent = new int[k];
      risingBin = new int[k];
      risingLeft = new double[k];
      risingSlope = new double[k];
      segmentScale = new double[EmData.padded(k)];
      segmentRho = new double[EmData.padded(k)];
      segmentN = new double[k];
      segmentS = new double[k];
    }
    risingTop = Math.max(risingTop, ls + end * lr + 1);
    liftNeeded = Math.max(liftNeeded, -890 - (ls + x0 * lr));
    risingSlopeTop = Math.max(risingSlopeTop, lr);
    // The first outcome with ls + x·lr ≥ −890, then its bin rounded up to a multiple of 8 (bins past the last
    // bin: the component never enters, and the caller gives up).
    double first = Math.ceil((-890 - ls) / lr) - x0;
    int entry = first <= 0 ? 0 : (int) Math.min(EmData.padded(bins), Math.ceil(first / 8) * 8);
    double left = entry == 0 ? Double.NEGATIVE_INFINITY : ls + (x0 + Math.min(entry, bins) - 1) * lr;
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

  /**
   * The product E-step in segments between the rising components' entries (see {@link #rising}): in each, the
   * components that have entered, the others at scale 0; masses at the last bin in the last segment only.
   * Sums n, s and the log-likelihood over segments in order.
   */
  private double segmentedProducts() {
    System.arraycopy(productScale, 0, segmentScale, 0, productScale.length);
    System.arraycopy(productRho, 0, segmentRho, 0, productRho.length);
    for (int i = 0; i < risingCount; i++) {
      segmentScale[risingComponent[i]] = 0;
      segmentRho[risingComponent[i]] = 1;
    }
    for (int j = 0; j < k; j++) {
      if (productRho[j] == Double.POSITIVE_INFINITY) {
        segmentScale[j] = 0;
        segmentRho[j] = 1;
      }
    }
    Arrays.fill(n, 0);
    Arrays.fill(s, 0);
    double logLik = 0;
    int i = 0;
    lastSegments = 0;
    for (int from = 0; from < bins; lastSegments++) {
      for (; i < risingCount && risingBin[i] <= from; i++) {
        segmentScale[risingComponent[i]] = productScale[risingComponent[i]];
        segmentRho[risingComponent[i]] = productRho[risingComponent[i]];
      }
      int to = i < risingCount ? Math.min(bins, risingBin[i]) : bins;
      if (to == bins) {
        for (int j = 0; j < k; j++) {
          if (productRho[j] == Double.POSITIVE_INFINITY) {
            segmentScale[j] = productScale[j];
            segmentRho[j] = productRho[j];
          }
        }
      }
      logLik += estep.runProducts(x, c, from, to, segmentScale, segmentRho, segmentN, segmentS);
      for (int j = 0; j < k; j++) {
        n[j] += segmentN[j];
        s[j] += segmentS[j];
      }
      from = to;
    }
    return logLik;
  }

  /**
   * After a segmented product E-step: whether each rising component's N_j and S_j are at least 2^50 times what
   * its terms left out can have taken, 2^(left − sumFloor) of the total (or Σ c·x).
   */
  private boolean risingKept() {
    for (int i = 0; i < risingCount; i++) {
      if (risingBin[i] > 0) {
        int j = risingComponent[i];
        double bound = Math.scalb(1.0, (int) Math.ceil(50 + risingLeft[i] - sumFloor));
        if (!(n[j] >= data.total * bound && s[j] >= countedOutcomes * bound)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * After a product E-step with fading components (see {@link #productsInRange}): whether each one's N_j and S_j
   * are at least 2^50 times what they can have lost, so they stand to a relative 2^−50.
   */
  private boolean fadingKept() {
    // 2^50·2^−1059/2^min(sumFloor, 0), a normal power of two: some roundings (the Horner sums' when subnormal, a
    // lane sum's) err by some 2^−1068 whatever the sums, so a floor above 2^0 must not shrink the bound (every
    // family's terms are at most w anyway, so sums are at most K).
    final double bound = Math.scalb(1.0, -1009 - Math.min(sumFloor, 0));
    final double least = data.total * bound;
    final double leastS = countedOutcomes * bound;
    for (int j = 0; j < k; j++) {
      // And at least 2^50 times what a subnormal Horner step can cost in counts, t0·2^−1065 with t0 at most the
      // scale (above 2 only after a lift).
      double horner = productScale[j] * 0x1p-1000;
      if (fading[j] < 0 && !(n[j] >= Math.max(least, horner) && s[j] >= Math.max(leastS, horner * productEnd))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fills a, eta (and zeta) from the current weights and parameters, and the floors: a term below
   * 2^−64·w_j·min(1, mean_j) may be dropped (powers of two from the exponents, rounded down; none for a fixed
   * weight). Near a fixed point N_j ≈ w_j·total and S_j ≈ N_j·mean_j, so what can be lost is some 2^−64 of
   * them; when it is not, the E-step computes every term (see {@link ChunkedEStep}).
   */
  void coefficients() {
    if (a == null) {
      a = new double[k];
      eta = new double[k];
      zeta = data.hasTrials() ? new double[k] : null;
      floors = new double[k];
      logScratch = new double[k];
    }
    if (centring != null) {
      centring.coefficients(w, theta, k, a, eta, zeta);
    } else {
      family.coefficients(w, theta, k, a, eta, zeta, logs, logScratch);
    }
    for (int j = 0; j < k; j++) {
      // A fixed weight need not follow N_j: its component computes every term.
      floors[j] = fixedWeights[j] ? Double.NEGATIVE_INFINITY
          : Math.getExponent(w[j]) + Math.min(0, Math.getExponent(family.meanOf(theta[j]))) - 64;
    }
  }

  /**
   * E-step on the current model: computes N_k and S_k (and T_k) and returns the model's log-likelihood.
   *
   * @return the current model's log-likelihood
   */
  public double eStep() {
    if (next) {
      switchKernel();
    }
    final double shift = products ? family.productTerms(w, theta, k, productEnd, productScale, productRho, powers)
        : Double.NaN;
    lastProducts = !Double.isNaN(shift) && productsInRange();
    if (lastProducts) {
      // Terms rescaled by e^(−x·shift) per outcome: each outcome's log-likelihood gains c·x·shift.
      final boolean whole = risingCount == 0 || lift > 0;
      final double logLik = whole ? estep.runProducts(x, c, 0, bins, productScale, productRho, n, s)
          : segmentedProducts();
      if ((!anyFading || fadingKept()) && (whole || risingKept())) {
        // Terms lifted by 2^lift: each observation's log-likelihood lost lift·log 2.
        double shifted = shift == 0 ? logLik : logLik + shift * countedOutcomes;
        return notPositive((lift == 0 ? shifted : shifted - lift * LOG_2 * data.total) + logBase);
      }
      // A fading or rising component with too little N or S to bound its loss by: the exp path.
      lastProducts = false;
      lift = 0;
    }
    coefficients();
    if (masses()) {
      return notPositive(massEStep());
    }
    // Varying trials take the exact exp path: no floors.
    double logLik = estep.run(x, z, c, bins, a, eta, zeta, z == null ? floors : null, data.total, n, s, t);
    return notPositive(logLik + logBase);
  }

  /**
   * A log-likelihood is at most 0; roundings of terms that cancel can put one that is 0 (every observation certain)
   * just above it.
   */
  private static double notPositive(double logLik) {
    return logLik > 0 ? 0 : logLik;
  }

  /**
   * Fills {@link #massOf} from the current parameters; whether some component of positive weight is a point mass
   * (a bias of 0 or 1, p = 1), whose log-pmf is −∞ off its outcome.
   */
  private boolean masses() {
    boolean any = false;
    for (int j = 0; j < k; j++) {
      massOf[j] = w[j] > 0 ? family.pointMass(theta[j]) : Family.NO_MASS;
      any |= massOf[j] != Family.NO_MASS;
    }
    return any;
  }

  /** Whether bin b's outcome is the point of point mass j (whose {@link #massOf} is not NO_MASS). */
  private boolean producedByMass(int j, int b) {
    return x[b] == (massOf[j] == Family.MASS_AT_TRIALS ? z[b] : massOf[j]);
  }

  /** Whether some point mass of the last {@link #masses} produces bin b's outcome. */
  private boolean massBin(int b) {
    for (int j = 0; j < k; j++) {
      if (massOf[j] != Family.NO_MASS && producedByMass(j, b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the coefficients of point masses to those of a component of weight 0 (every term exactly 0, never a
   * clamped log 0) and returns how many components of positive weight are left: the regular ones, which produce
   * every outcome the data can hold.
   */
  private int maskMasses() {
    int live = 0;
    for (int j = 0; j < k; j++) {
      if (massOf[j] != Family.NO_MASS) {
        a[j] = Double.NEGATIVE_INFINITY;
        eta[j] = 0;
        if (zeta != null) {
          zeta[j] = 0;
        }
      } else if (w[j] > 0) {
        live++;
      }
    }
    return live;
  }

  /**
   * The E-step when some component is a point mass: the kernel over every bin no mass produces (their counts
   * set to 0 in a copy, the masses' terms 0), then each mass's bins one at a time with every term exact. A bin
   * with observations that no component produces makes the log-likelihood −∞.
   */
  private double massEStep() {
    final int live = maskMasses();
    if (maskedC == null) {
      maskedC = new double[c.length];
    }
    System.arraycopy(c, 0, maskedC, 0, c.length);
    boolean impossible = false;
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && massBin(b)) {
        maskedC[b] = 0;
      } else if (c[b] > 0 && live == 0) {
        impossible = true;
      }
    }
    double logLik = 0;
    if (live > 0) {
      logLik = estep.run(x, z, maskedC, bins, a, eta, zeta, z == null ? floors : null, data.total, n, s, t);
    } else {
      Arrays.fill(n, 0);
      Arrays.fill(s, 0);
      if (t != null) {
        Arrays.fill(t, 0);
      }
    }
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && maskedC[b] == 0) {
        logLik += massBinStep(b);
      }
    }
    return impossible ? Double.NEGATIVE_INFINITY : logLik + logBase;
  }

  /**
   * Log-joints (without log h, which is 0 at a mass's outcome; relative to the reference on centred data) of bin b, which some point mass produces, into
   * logScratch: log w for a mass there, −∞ for one elsewhere, a + η·x (+ ζ·n) for a regular component; returns
   * their largest, finite.
   */
  private double massJoints(int b) {
    double max = Double.NEGATIVE_INFINITY;
    // Centred terms are relative to log p(x | θ0), which the base measure adds back: a mass's too.
    final double reference = centring == null ? 0 : centring.logReference(x[b], z == null ? 0 : z[b]);
    for (int j = 0; j < k; j++) {
      double l;
      if (massOf[j] != Family.NO_MASS) {
        l = producedByMass(j, b) ? DeterministicLog.log(w[j]) - reference : Double.NEGATIVE_INFINITY;
      } else {
        l = Math.fma(eta[j], x[b], a[j]);
        l = z == null ? l : Math.fma(zeta[j], z[b], l);
      }
      logScratch[j] = l;
      max = Math.max(max, l);
    }
    return max;
  }

  /** Adds bin b's (produced by a point mass) share to N, S (and T); returns its log-likelihood without log h. */
  private double massBinStep(int b) {
    final double max = massJoints(b);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      logScratch[j] = StrictMath.exp(logScratch[j] - max);
      sum += logScratch[j];
    }
    final double perSum = c[b] / sum;
    for (int j = 0; j < k; j++) {
      double r = logScratch[j] * perSum;
      n[j] += r;
      s[j] += r * x[b];
      if (t != null) {
        t[j] += r * z[b];
      }
    }
    return c[b] * (max + StrictMath.log(sum));
  }

  /**
   * The first bin with observations that no component of positive weight can produce under the current model, or
   * −1 when every observation is possible.
   */
  int impossibleBin() {
    if (!masses() || maskMassesCount() > 0) {
      return -1;
    }
    for (int b = 0; b < bins; b++) {
      if (c[b] > 0 && !massBin(b)) {
        return b;
      }
    }
    return -1;
  }

  /** How many components of positive weight are not point masses (after {@link #masses}). */
  private int maskMassesCount() {
    int live = 0;
    for (int j = 0; j < k; j++) {
      live += massOf[j] == Family.NO_MASS && w[j] > 0 ? 1 : 0;
    }
    return live;
  }

  /**
   * M-step from the last E-step: free weights share 1 − Σ(fixed weights) in proportion to their N_k (with
   * nothing fixed, w_k = N_k / Σ N); a free parameter is re-estimated unless its component's N_k is at most
   * the dying threshold (the fitter's, for a session from {@link EmFitter#session}), in which case it is kept.
   * Σ N is summed in eight interleaved partial sums ({@link MStepArithmetic#sum}).
   */
  public void mStep() {
    double fixedSum = 0;
    double[] freeCounts = n;
    if (anyFixedWeights) {
      for (int j = 0; j < k; j++) {
        if (fixedWeights[j]) {
          fixedSum += w[j];
        }
        estimates[j] = free(n, j); // Fixed weights' components count 0 towards Σ N.
      }
      freeCounts = estimates;
    }
    double freeN = arithmetic.sum(freeCounts, k);
    assert freeN >= 0 : freeN;
    if (freeN > 0) {
      // One division: the free weights' share per unit of N.
      double perN = Math.max(0, 1 - fixedSum) / freeN;
      if (quotients != null && !anyFixedWeights && k > Family.FEW_COMPONENTS) {
        // The common case for many components: weights, estimates and the threshold check in one pass.
        if (arithmetic.weightsAndQuotients(n, s, perN, quotients[0], quotients[1], quotients[2], dyingThreshold,
            k, w, estimates)) {
          System.arraycopy(estimates, 0, theta, 0, k);
          return;
        }
        keepDetermined();
        return;
      }
      for (int j = 0; j < k; j++) {
        if (!fixedWeights[j]) {
          w[j] = n[j] * perN;
        }
      }
    }
    if (k <= Family.FEW_COMPONENTS) {
      // Few components: one at a time (the batch gives the same bits, at the cost of its own loop).
      for (int j = 0; j < k; j++) {
        double tj = t == null ? 0 : t[j];
        if (!fixedParams[j] && n[j] > dyingThreshold && family.informative(n[j], tj)) {
          theta[j] = family.parameterFromStatistics(n[j], s[j], tj);
        }
      }
      return;
    }
    // Every component's estimate in one loop (vectorisable), then kept where the statistics determine it.
    family.parametersFromStatistics(n, s, t, k, estimates);
    if (plainParams && allAbove(n, dyingThreshold)) {
      // Nothing fixed, no trials column (N > 0 determines a parameter) and every N above the threshold.
      System.arraycopy(estimates, 0, theta, 0, k);
      return;
    }
    keepDetermined();
  }

  /** Sets each free parameter whose statistics determine it to its estimate (the others are kept). */
  private void keepDetermined() {
    for (int j = 0; j < k; j++) {
      if (!fixedParams[j] && n[j] > dyingThreshold && family.informative(n[j], t == null ? 0 : t[j])) {
        theta[j] = estimates[j];
      }
    }
  }

  /** Whether every v_j exceeds the threshold. */
  private boolean allAbove(double[] v, double threshold) {
    for (int j = 0; j < k; j++) {
      if (!(v[j] > threshold)) {
        return false;
      }
    }
    return true;
  }

  /** v_j, or 0 for a fixed weight's component (adding 0 leaves a partial sum's bits as they are). */
  private double free(double[] v, int j) {
    return anyFixedWeights && fixedWeights[j] ? 0 : v[j];
  }


  /**
   * One EM iteration (M-step from the last E-step, then an E-step); returns the new log-likelihood.
   *
   * @return the log-likelihood of the new model
   */
  public double iterate() {
    mStep();
    return eStep();
  }

  /** {@return the current model as an immutable snapshot} */
  public MixtureModel model() {
    return MixtureModel.trusted(family, w.clone(), theta.clone());
  }

  /** Replaces the current weights and parameters (already valid) without running an E-step. */
  void set(double[] weights, double[] params) {
    System.arraycopy(weights, 0, w, 0, k);
    System.arraycopy(params, 0, theta, 0, k);
  }

  /** {@return a copy of N_k from the last E-step} */
  public double[] expectedCounts() {
    return n.clone();
  }

  /** {@return a copy of S_k from the last E-step} */
  public double[] expectedStatistics() {
    return s.clone();
  }

  /** {@return a copy of T_k = Σ c·r·n_b (expected trials) from the last E-step; all zero for data without trials} */
  public double[] expectedTrials() {
    return t == null ? new double[k] : t.clone();
  }

  /** {@return number of components K} */
  public int components() {
    return k;
  }

  /** {@return number of histogram bins B} */
  public int bins() {
    return bins;
  }

  /** {@return name of the kernel in use} */
  public String kernelName() {
    return kernel.name();
  }

  /** Receives the log-posteriors of bins [from, to), row-major: bin b's row from {@code rows[(b − from)·k]}. */
  @FunctionalInterface
  interface PosteriorBlock {
    /** Takes one block; rows is reused for the next one. */
    void accept(int from, int to, double[] rows);
  }

  /** Cells (bins × components) per block of {@link #logPosteriorBlocks}: a 256 KiB buffer. */
  static final int BLOCK_CELLS = 1 << 15;

  /**
   * Hands the log-posteriors of every bin under the current model to the visitor, block by block in bin
   * order, through one buffer of at most max(BLOCK_CELLS, k) cells: no B × K matrix, whatever B × K is.
   */
  void logPosteriorBlocks(PosteriorBlock visitor) {
    coefficients();
    final boolean masses = masses();
    final int live = masses ? maskMasses() : k;
    int rowsPerBlock = Math.max(1, BLOCK_CELLS / k);
    double[] rows = new double[Math.min(bins, rowsPerBlock) * k];
    for (int from = 0; from < bins; from += rowsPerBlock) {
      int to = (int) Math.min(bins, (long) from + rowsPerBlock);
      if (live > 0) {
        estep.logPosteriors(x, z, from, to, a, eta, zeta, rows, null);
      }
      for (int b = from; masses && b < to; b++) {
        // A point mass's bins exactly; elsewhere its log-posterior is −∞ (its terms masked to 0).
        if (massBin(b)) {
          double max = massJoints(b);
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += StrictMath.exp(logScratch[j] - max);
          }
          double logSum = StrictMath.log(sum);
          for (int j = 0; j < k; j++) {
            rows[(b - from) * k + j] = (logScratch[j] - max) - logSum;
          }
        } else if (live == 0) {
          throw new IllegalArgumentException("outcome " + outcomeText(b) + " at bin " + b
              + " is impossible under every component of the model");
        }
      }
      visitor.accept(from, to, rows);
    }
  }

  /** Bin b's outcome for messages: x, or "x of n trials". */
  String outcomeText(int b) {
    return z == null ? Long.toString((long) x[b]) : (long) x[b] + " of " + (long) z[b] + " trials";
  }

  /** Log-posteriors (or posteriors, when exp) of every bin under the current model, as [bin][component]. */
  double[][] posteriorRows(boolean exp) {
    double[][] out = new double[bins][];
    logPosteriorBlocks((from, to, rows) -> {
      for (int b = from; b < to; b++) {
        double[] row = new double[k];
        int at = (b - from) * k;
        for (int j = 0; j < k; j++) {
          row[j] = exp ? Math.exp(rows[at + j]) : rows[at + j];
        }
        out[b] = row;
      }
    });
    return out;
  }

  /** Whether component j is dying: its N_k from the last E-step is at most the threshold and its weight is free. */
  boolean dying(int j) {
    return !fixedWeights[j] && n[j] <= dyingThreshold;
  }

  @Override
  public String toString() {
    return "EmSession{" + family.name() + ", K=" + k + ", bins=" + bins + ", weights=" + Arrays.toString(w) + "}";
  }
}
