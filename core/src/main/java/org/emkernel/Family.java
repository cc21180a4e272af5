package org.emkernel;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.emkernel.internal.ComponentSampler;
import org.emkernel.internal.Logarithms;
import org.emkernel.internal.MStepArithmetic;
import org.emkernel.internal.Powers;
import org.emkernel.internal.ScalarArithmetic;
import org.emkernel.internal.SpecialFunctions;
import org.emkernel.internal.engine.EmData;
import org.emkernel.internal.engine.Initialiser;


/**
 * A one-parameter exponential family of distributions over counts,
 * {@code log p(x | θ) = η(θ)·x + ζ(θ)·n − A(θ) + log h(x, n)} (the {@code ζ·n} term only for the binomial
 * with trials varying per observation). The E-step kernel sees only the affine coefficients
 * {@code (log w − A(θ), η(θ), ζ(θ))}; a family maps parameters to them and a component's expected
 * sufficient statistics back to a parameter. Instances are immutable; obtain them from the static factories.
 */
public abstract class Family {

  Family() {}

  /**
   * {@return the binomial family with {@code trials} trials per observation; its parameter is the success probability φ}
   *
   * @param trials the number of trials n per observation, at least 0
   */
  public static Family binomial(int trials) {
    return Binomial.of(trials);
  }

  /** {@return the Poisson family; its parameter is the mean λ &gt; 0} */
  public static Family poisson() {
    return Poisson.INSTANCE;
  }

  /** {@return the geometric family counting failures before the first success; its parameter is p in (0, 1]} */
  public static Family geometric() {
    return NegativeBinomial.GEOMETRIC;
  }

  /**
   * {@return the negative binomial with known size r in (0, {@value #MAX_SIZE}] (failures before the r-th success);
   * its parameter is p in (0, 1]} A larger r is refused: p = r/(r + mean) would lie too close to 1 to represent the
   * mean; the limit r → ∞ is the {@link #poisson()}.
   *
   * @param r the known size r, above 0 and at most {@value #MAX_SIZE}
   */
  public static Family negativeBinomial(double r) {
    if (!(r > 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException("negative binomial size r = " + r + " must be finite and > 0");
    }
    if (r > MAX_SIZE) {
      throw new IllegalArgumentException("negative binomial size r = " + r + " exceeds " + MAX_SIZE
          + ": p = r/(r + mean) would round to 1; the limit r -> infinity is the Poisson family");
    }
    return NegativeBinomial.of(r);
  }

  /** The largest negative binomial size r: 10^8 keeps 1 − p resolved to about 10^−8 of a mean of 1. */
  public static final double MAX_SIZE = 1e8;

  /** {@return the binomial family with the number of trials given per observation (data as a {@link TrialsHistogram}); parameter φ in [0, 1]} */
  public static Family binomialVaryingTrials() {
    return BinomialVaryingTrials.INSTANCE;
  }

  /** {@return a short name, for example {@code binomial(n=10)}} */
  public abstract String name();

  /** {@return the name of the component parameter, for example {@code bias}} */
  public abstract String parameterName();

  /**
   * Mean of one observation under parameter θ (for {@link #binomialVaryingTrials()}: the mean per trial, φ);
   * an IllegalArgumentException naming θ when it is not a valid parameter of this family.
   *
   * @param theta the component parameter
   * @return the mean of one observation
   */
  public final double mean(double theta) {
    checkParameter(theta, -1);
    return meanOf(theta);
  }

  /**
   * Log-probability of outcome x under parameter θ, with the full base measure (−∞ for an impossible x); needs
   * {@link #needsTrials()} false; an IllegalArgumentException naming θ when it is not a valid parameter.
   *
   * @param x the outcome
   * @param theta the component parameter
   * @return log p(x | theta), with the full base measure
   */
  public final double logPmf(int x, double theta) {
    checkParameter(theta, -1);
    return logPmfOf(x, theta);
  }

  /**
   * Log-probability of x successes in the given number of trials under θ; only for
   * {@link #binomialVaryingTrials()}; an IllegalArgumentException naming θ when it is not a valid parameter.
   *
   * @param x the number of successes
   * @param trials the number of trials
   * @param theta the component parameter
   * @return log p(x | trials, theta), with the full base measure
   */
  public final double logPmf(int x, int trials, double theta) {
    checkParameter(theta, -1);
    return logPmfOf(x, trials, theta);
  }

  /** {@link #mean} of a valid θ. */
  abstract double meanOf(double theta);

  /** {@link #logPmf(int, double)} of a valid θ. */
  abstract double logPmfOf(int x, double theta);

  /** {@link #logPmf(int, int, double)} of a valid θ. */
  double logPmfOf(int x, int trials, double theta) {
    throw new UnsupportedOperationException(name() + " has no per-observation number of trials");
  }

  /** {@return whether the data carry a number of trials per observation ({@link TrialsHistogram}) rather than being a {@link Histogram}} */
  public boolean needsTrials() {
    return false;
  }

  /** {@return number of free parameters of one component besides its weight} */
  public int parametersPerComponent() {
    return 1;
  }

  /**
   * Throws IllegalArgumentException naming the value (and the component index, unless it is negative: a
   * parameter given on its own) when θ is not a valid parameter.
   */
  abstract void checkParameter(double theta, int component);

  /** " of component j", or nothing for a negative index: where a bad parameter was, for messages. */
  static String ofComponent(int component) {
    return component < 0 ? "" : " of component " + component;
  }

  /**
   * Throws IllegalArgumentException naming the outcome and bin when the family cannot produce it: exactly the
   * outcomes above {@link #maxOutcome()} (data checks look at the largest first).
   */
  abstract void checkOutcome(int outcome, int bin);

  /** Natural parameter η(θ), finite (impossible events are clamped to log Double.MIN_VALUE). */
  abstract double eta(double theta);

  /** Coefficient ζ(θ) of the number of trials; 0 for families without trials per observation. */
  double zeta(double theta) {
    return 0;
  }

  /** Log-partition A(θ), finite. */
  abstract double logPartition(double theta);

  /**
   * The kernel's coefficients of k components: a_j = log w_j − A(θ_j), η_j = η(θ_j) and (when zeta is
   * non-null) ζ_j = ζ(θ_j). Families sharing a logarithm between these override this to take it once.
   * (The logarithms are {@link org.emkernel.internal.DeterministicLog}'s, so either kernel gets the same bits.)
   */
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta) {
    coefficients(w, theta, k, a, eta, zeta, ScalarArithmetic.INSTANCE, new double[k]);
  }

  /**
   * As {@link #coefficients(double[], double[], int, double[], double[], double[])}, taking the logarithms k
   * at a time from {@code logs}; {@code scratch} holds at least k doubles. Families override this to take
   * every logarithm in bulk.
   */
  void coefficients(double[] w, double[] theta, int k, double[] a, double[] eta, double[] zeta, Logarithms logs,
      double[] scratch) {
    logs.coefficientLogs(w, theta, k, a, scratch, null); // Only log w is used here.
    for (int j = 0; j < k; j++) {
      a[j] -= logPartition(theta[j]);
      eta[j] = eta(theta[j]);
      if (zeta != null) {
        zeta[j] = zeta(theta[j]);
      }
    }
  }

  /**
   * The product path's terms of k components, from multiplications and divisions only: scale_j and ρ_j with
   * w_j·p(x | θ_j) = scale_j·ρ_j^x·h(x)·e^(x·shift) for every outcome x, every term scale_j·ρ_j^x at most 1;
   * returns the shift (0 unless the family rescales its terms by a common factor per outcome, which cancels in
   * the posteriors and adds x·shift to each outcome's log-likelihood), or NaN when this family (or these
   * settings of it) cannot give them accurately. The session checks their range. Many components' powers come
   * from {@code powers}, the kernel's.
   */
  double productTerms(double[] w, double[] theta, int k, double end, double[] scale, double[] rho, Powers powers) {
    return Double.NaN;
  }

  /**
   * This family as the engine sees it (its base measure, centring and initialiser's estimate). One object of one
   * class behind the three fields: a fresh JVM loads one class for them, not three.
   */
  private final EngineView engineView = new EngineView(this);

  /** This family's log h as the engine's base measure. */
  final EmData.BaseMeasure baseMeasure = engineView;

  /** This family's centring of data (null where the plain form serves), for the data's per-family cache. */
  final Function<EmData, Centring> centring = engineView;

  /** This family's M-step estimate for the initialiser's clusters. */
  final Initialiser.Estimator estimator = engineView;

  /** The engine's interfaces on a family's package-private methods. */
  private static final class EngineView
      implements EmData.BaseMeasure, Function<EmData, Centring>, Initialiser.Estimator {
    private final Family family;

    EngineView(Family family) {
      this.family = family;
    }

    @Override
    public double logH(int x, int trials) {
      return family.logBaseMeasure(x, trials);
    }

    @Override
    public Centring apply(EmData d) {
      return Centring.of(family, d);
    }

    @Override
    public double parameter(double n, double sx, double sz) {
      return family.parameterFromStatistics(n, sx, sz);
    }
  }

  /** Log base measure log h(x). */
  abstract double logBaseMeasure(int x);

  /** Log base measure log h(x, n) for x successes in n trials; families without trials ignore n. */
  double logBaseMeasure(int x, int trials) {
    return logBaseMeasure(x);
  }

  /** M-step: the parameter maximising the expected log-likelihood given N = Σ c·r, S = Σ c·r·x and T = Σ c·r·z (N &gt; 0; T is 0 for families without a second covariate). */
  abstract double parameterFromStatistics(double n, double s, double t);

  /**
   * {@link #parameterFromStatistics} of k components into out, the same bits; t is null for families without
   * a second covariate. A family overrides it with a loop the JIT can vectorise.
   */
  void parametersFromStatistics(double[] n, double[] s, double[] t, int k, double[] out) {
    for (int j = 0; j < k; j++) {
      out[j] = parameterFromStatistics(n[j], s[j], t == null ? 0 : t[j]);
    }
  }

  /**
   * {factor, lo, hi} when this family's M-step estimate is min(hi, max(lo, S / (factor·N))) with the same bits
   * ({@link Math#min}, {@link Math#max}), which the kernel's {@link MStepArithmetic} then computes for many
   * components at once; null otherwise.
   */
  /**
   * Whether the family and the data's largest outcome (the last: outcomes ascend) alone rule out centring the
   * terms ({@link Centring#of} would give null), so a session neither passes over the bins nor loads the class
   * for it. False where only {@link Centring#of} can tell.
   */
  boolean centringRuledOut(EmData d) {
    return false;
  }

  double[] quotientForm() {
    return null;
  }

  /** Whether the statistics determine a parameter (N &gt; 0, and T &gt; 0 for trials); otherwise the M-step keeps the old one. */
  boolean informative(double n, double t) {
    return n > 0;
  }

  /** Maps θ to an unconstrained real (log or clamped logit), for SQUAREM extrapolation. */
  abstract double toUnconstrained(double theta);

  /** Inverse of {@link #toUnconstrained}, returning a valid parameter for every finite input. */
  abstract double fromUnconstrained(double u);

  /** Derivative of log p(x | θ) with respect to θ, for x successes in z trials (z ignored without trials). */
  abstract double score(double theta, double x, double z);

  /** Draws one outcome under θ (families without trials per observation). */
  abstract long sample(double theta, SplittableRandom random);

  /** Draws the number of successes in the given trials under θ (only {@link #binomialVaryingTrials()}). */
  long sample(double theta, int trials, SplittableRandom random) {
    throw new UnsupportedOperationException(name() + " has no per-observation number of trials");
  }

  /** p(x + 1 | θ) / p(x | θ) for 0 &lt;= x &lt; {@link #maxOutcome()}: the recurrence behind the sampling tables. */
  double pmfRatio(int x, double theta) {
    return Math.exp(logPmfOf(x + 1, theta) - logPmfOf(x, theta));
  }

  /** Component θ of this family as the sampler walks it (its mean, largest outcome and pmf ratios). */
  final ComponentSampler.Component sampled(double theta) {
    return Sampled.of(this, theta);
  }

  /** A component for the sampler; made by {@link #of} so that verifying Family loads no sampler class. */
  private static final class Sampled implements ComponentSampler.Component {
    private final Family family;
    private final double theta;

    private Sampled(Family family, double theta) {
      this.family = family;
      this.theta = theta;
    }

    static ComponentSampler.Component of(Family family, double theta) {
      return new Sampled(family, theta);
    }

    @Override
    public double mean() {
      return family.meanOf(theta);
    }

    @Override
    public int maxOutcome() {
      return family.maxOutcome();
    }

    @Override
    public double pmfRatio(int x) {
      return family.pmfRatio(x, theta);
    }

    @Override
    public String describe() {
      return family.parameterName() + " " + theta;
    }
  }

  /** {@link #pointMass} of a parameter whose distribution has more than one possible outcome. */
  static final int NO_MASS = org.emkernel.internal.engine.PointMasses.NONE;
  /** {@link #pointMass} of a binomial bias of 1 with trials per observation: the mass is at x = n of each bin. */
  static final int MASS_AT_TRIALS = org.emkernel.internal.engine.PointMasses.AT_TRIALS;

  /**
   * The one outcome a parameter at the edge of its range puts all its probability on (a bias of 0 or 1, p = 1),
   * where log h is 0 and every other outcome is impossible; {@link #NO_MASS} otherwise.
   */
  int pointMass(double theta) {
    return NO_MASS;
  }

  /** Largest possible outcome (Integer.MAX_VALUE when unbounded). */
  int maxOutcome() {
    return Integer.MAX_VALUE;
  }

  /** log(p / (1 − p)) with log 0 clamped to log(Double.MIN_VALUE): finite for p in [0, 1]. */
  static double clampedLogit(double p) {
    return SpecialFunctions.clampedLog(p) - SpecialFunctions.clampedLog1m(p);
  }

  /** The logistic function, for {@link #fromUnconstrained} of probabilities. */
  static double logistic(double u) {
    return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  }
}
