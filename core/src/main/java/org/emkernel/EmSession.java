package org.emkernel;

import java.util.Arrays;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.FitWorkspace;
import org.emkernel.internal.engine.PointMasses;
import org.emkernel.internal.engine.ScratchPool;
import org.emkernel.internal.engine.Segments;
import org.emkernel.internal.plan.EStepPlan;
import org.emkernel.internal.plan.PlanBounds;
import org.emkernel.internal.plan.ProductPlanner;
import org.emkernel.internal.vectorization.ChunkedEStep;
import org.emkernel.internal.vectorization.EmKernel;
import org.emkernel.internal.vectorization.KernelScratch;
import org.emkernel.internal.vectorization.KernelProvider;

/**
 * A step-by-step EM run on one data set, for tools that drive the iterations themselves (and for the
 * benchmarks): {@link #eStep()}, {@link #mStep()} and {@link #iterate()} allocate nothing. Bins are processed
 * in fixed chunks whose partial sums are added in chunk order, so results do not depend on scheduling.
 * Not thread-safe: one session belongs to one thread at a time. Obtain one from {@link EmFitter#session}.
 */
public final class EmSession {
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
  /** Decides each E-step's plan from the product terms. */
  private ProductPlanner planner;
  /** How the last E-step ran. */
  private EStepPlan lastPlan = EStepPlan.NO_PRODUCTS;
  /** The product E-step of segmented plans, made when first needed. */
  private Segments segments;
  private final int threads;
  /** The E-step runner of the kernel in use. */
  ChunkedEStep estep;
  private Logarithms logs;
  private Powers powers;
  private MStepArithmetic arithmetic;
  /** Whether this session borrows from the thread's pool (a fit's own session; see {@link ScratchPool}). */
  private boolean pooled;
  /** The pool slot of the thread that made this pooled session (null when not pooled). */
  private final FitWorkspace[] poolSlot;
  /** What this session took whole from the pool (null when it took no more than the scratch). */
  private final FitWorkspace taken;
  /** The components at the edge of their range, whose bins the E-step takes exactly (made with the first one). */
  PointMasses masses;
  /**
   * The family's M-step as a clamped quotient {factor, lo, hi} ({@link Family#quotientForm}) when no parameter is
   * fixed, there is no trials column and the dying threshold is at least 0 (fixed weights are checked where it is
   * used); else null.
   */
  private final double[] quotients;
  private double[] logScratch;

  EmSession(EmKernel kernel, int threads, EmData data, MixtureModel init, boolean[] fixedWeights,
      boolean[] fixedParams, double dyingThreshold) {
    this(kernel, false, threads, data, init, fixedWeights, fixedParams, dyingThreshold, false);
  }

  /**
   * A session on kernel that moves to the vector kernel (when next) after {@link KernelProvider#AUTO_SWITCH_CELLS}
   * cells; a pooled session (a fit's own, never handed out) borrows what the thread's last fit left (its E-step
   * runner, planner and arrays, or only the kernel scratch; see {@link FitWorkspace}) and gives its own back in
   * {@link #release()}.
   */
  EmSession(EmKernel kernel, boolean next, int threads, EmData data, MixtureModel init, boolean[] fixedWeights,
      boolean[] fixedParams, double dyingThreshold, boolean pooled) {
    this.pooled = pooled;
    this.poolSlot = pooled ? ScratchPool.slot() : null;
    final FitWorkspace left = pooled ? ScratchPool.borrow(poolSlot) : null;
    this.family = init.family();
    this.next = next;
    this.threads = threads;
    this.data = data;
    this.x = data.x;
    this.z = data.z;
    this.c = data.c;
    this.bins = data.bins;
    this.k = init.components();
    final FitWorkspace whole = left != null && left.serves(kernel, k, stepThreads()) ? left : null;
    this.taken = whole;
    // Large outcomes: terms relative to a reference of the family, whose log-probabilities make the base.
    this.centring = family.centringRuledOut(data) ? null : data.derived(family, family.centring);
    this.logBase = centring != null ? centring.base : data.logBase(family, family.baseMeasure);
    this.w = init.weights();
    this.theta = init.params();
    this.n = whole != null ? whole.n() : new double[k];
    this.s = whole != null ? whole.s() : new double[k];
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
    this.estimates = whole != null ? whole.estimates() : new double[k];
    // Centred data (large outcomes) never take the product path: its terms are the family's own.
    this.productData = z == null && centring == null && consecutive(x, bins);
    // The vector kernel a session may move to takes the product path.
    final boolean products = productData && (kernel.usesProducts() || next);
    this.productEnd = bins == 0 ? 0 : x[0] + EmData.padded(bins) - 1;
    this.massAtLast = bins > 0 && x[bins - 1] == family.maxOutcome();
    // Padded to whole vectors of 8 (scale 0, ρ 1 past k), so a vector kernel reads them in place.
    final boolean termsLeft = products && whole != null && whole.hasTerms();
    this.productScale = !products ? null : termsLeft ? whole.productScale() : new double[EmData.padded(k)];
    this.productRho = !products ? null : termsLeft ? whole.productRho() : new double[EmData.padded(k)];
    if (products && !termsLeft) {
      Arrays.fill(productRho, k, productRho.length, 1.0);
    }
    double counted = 0;
    for (int b = 0; products && b < bins; b++) {
      counted += c[b] * x[b];
    }
    this.countedOutcomes = counted;
    use(kernel, whole, left == null ? null : left.scratch());
  }

  /** The threads of the E-steps: no more than chunks, as idle workers would only be started and waited for. */
  private int stepThreads() {
    return Math.min(threads, Math.max(1, (bins + ChunkedEStep.CHUNK - 1) / ChunkedEStep.CHUNK));
  }

  /**
   * Takes the kernel's E-step runner and planner (those of {@code whole} when not null, which serves this
   * kernel; else new, on the {@code reuse} scratch when given), logarithms, powers and M-step arithmetic.
   */
  private void use(EmKernel kernel, FitWorkspace whole, KernelScratch reuse) {
    this.kernel = kernel;
    this.logs = kernel.logarithms(k);
    this.powers = kernel.powers();
    this.arithmetic = kernel.mStepArithmetic();
    this.estep = whole != null ? whole.estep() : new ChunkedEStep(kernel, k, stepThreads(), reuse);
    this.products = productData && kernel.usesProducts();
    final ProductPlanner left = whole != null && products
        ? whole.planner(bins, x[0], productEnd, EmData.padded(bins), massAtLast) : null;
    this.planner = !products ? null : left != null ? left : new ProductPlanner(kernel, k, bins, x[0], productEnd,
        EmData.padded(bins), massAtLast, EmData.padded(k));
  }

  /** Gives what this session leaves (see {@link FitWorkspace}) to the thread's pool; it must not run again. */
  void release() {
    if (pooled) {
      pooled = false;
      // What it took goes back as it is, unless the session has since made a runner, planner or terms of its own.
      ScratchPool.giveBack(poolSlot, taken != null && taken.holds(estep, planner, productScale) ? taken
          : new FitWorkspace(k, estep, planner, n, s, estimates, productScale, productRho));
    }
  }

  /**
   * Counts an E-step's cells while a switch is pending, and moves to the next kernel once they pass
   * {@link #switchAt}: a count of work, not of time, so every run switches at the same E-step. The M-step
   * arithmetic, logarithms and powers give the same bits in every kernel; only the E-steps' sums differ, within
   * the kernels' bounds of the reference.
   */
  private void switchKernel() {
    cells += (long) EmData.padded(bins) * k;
    if (cells > switchAt) {
      next = false;
      EmKernel to = KernelProvider.autoNext();
      if (to == null) {
        return; // The vector kernel cannot run in this JVM (vectors of fewer than two doubles): stay.
      }
      // The vector kernel's runner may take the scalar one's scratch; the rest of it is left behind.
      use(to, null, pooled ? estep.firstScratch() : null);
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

  /** The product E-step of a segmented plan into n and s; returns its log-likelihood (see {@link Segments}). */
  private double segments(EStepPlan plan) {
    if (segments == null) {
      segments = new Segments(k);
    }
    return segments.run(plan, estep, x, c, bins, productScale, productRho, n, s);
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
    if (products) {
      final double logLik = productEStep();
      if (logLik == logLik) {
        return logLik;
      }
    } else if (lastPlan != EStepPlan.NO_PRODUCTS) {
      lastPlan = EStepPlan.NO_PRODUCTS;
    }
    return exponentialEStep();
  }

  /**
   * The E-step on the product path when the family gives terms and the plan keeps its result: the
   * log-likelihood; NaN when the exponentials must run instead (the plan then records why).
   */
  private double productEStep() {
    final double shift = family.productTerms(w, theta, k, productEnd, productScale, productRho, powers);
    if (shift != shift) {
      setLastPlan(EStepPlan.NO_PRODUCTS);
      return Double.NaN;
    }
    final EStepPlan plan = planner.plan(w, productScale, productRho);
    if (!plan.onProducts()) {
      setLastPlan(plan);
      return Double.NaN;
    }
    // Terms rescaled by e^(−x·shift) per outcome: each outcome's log-likelihood gains c·x·shift.
    final double logLik = plan.path() == EStepPlan.Path.SEGMENTED ? segments(plan)
        : estep.runProducts(x, c, 0, bins, productScale, productRho, n, s);
    if (!plan.kept(n, s, data.total, countedOutcomes, productScale, productEnd)) {
      // A fading or rising component with too little N or S to bound its loss by: the exp path.
      setLastPlan(plan.fellBack());
      return Double.NaN;
    }
    setLastPlan(plan);
    // Terms lifted by 2^lift: each observation's log-likelihood lost lift·log 2.
    final double shifted = shift == 0 ? logLik : logLik + shift * countedOutcomes;
    return notPositive((plan.lift() == 0 ? shifted : shifted - plan.lift() * PlanBounds.LOG_2 * data.total)
        + logBase);
  }

  /** Records how the E-step ran, storing only a change (a steady session repeats its plan). */
  private void setLastPlan(EStepPlan plan) {
    if (lastPlan != plan) {
      lastPlan = plan;
    }
  }

  /** The E-step by the kernel's exponentials (every term), point masses exactly. */
  private double exponentialEStep() {
    coefficients();
    if (findMasses()) {
      return notPositive(masses.eStep(estep, w, a, eta, zeta, floors, data.total, n, s, t) + logBase);
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
   * Sets each component's point mass from the current parameters (none for weight 0); whether some component of
   * positive weight is a point mass (a bias of 0 or 1, p = 1), whose log-pmf is −∞ off its outcome.
   */
  boolean findMasses() {
    if (masses == null) {
      // Made with the first mass: most sessions never meet one.
      boolean any = false;
      for (int j = 0; j < k; j++) {
        any |= w[j] > 0 && family.pointMass(theta[j]) != PointMasses.NONE;
      }
      if (!any) {
        return false;
      }
      masses = new PointMasses(x, z, c, bins, k, centring == null ? null : centring::logReference);
    }
    for (int j = 0; j < k; j++) {
      masses.set(j, w[j] > 0 ? family.pointMass(theta[j]) : PointMasses.NONE);
    }
    return masses.any();
  }

  /**
   * The first bin with observations that no component of positive weight can produce under the current model, or
   * −1 when every observation is possible.
   */
  int impossibleBin() {
    return findMasses() ? masses.impossibleBin(w) : -1;
  }

  /** Bin b's outcome for messages: x, or "x of n trials". */
  String outcomeText(int b) {
    return z == null ? Long.toString((long) x[b]) : (long) x[b] + " of " + (long) z[b] + " trials";
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
      if (quotients != null && !anyFixedWeights && k > MStepArithmetic.FEW_COMPONENTS) {
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
    if (k <= MStepArithmetic.FEW_COMPONENTS) {
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

  /** The current model, holding the session's own arrays: for a fit's session, which never steps again. */
  MixtureModel handOverModel() {
    return MixtureModel.trusted(family, w, theta);
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

  /** How the last E-step ran: its plan, or the exponentials' when a product E-step was not kept. */
  EStepPlan lastPlan() {
    return lastPlan;
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
