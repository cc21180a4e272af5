package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded random differential campaign: the library's EM against a reference EM written in the tests from the
 * log-pmf formulas in double-double ({@link CampaignReference}, with {@link DoubleDouble}'s own log, exp and
 * log-gamma, nothing from {@link Family}), and the vector kernel against the scalar one. Every family, K 1–8,
 * consecutive, sparse and single-bin histograms, counts up to 10^9, binomial n up to 10^6, extreme parameters
 * (biases 0 and 1, p = 1, weights down to 1e-300) and symmetric starts (equal components); the test asserts that
 * its cases covered all of these.
 *
 * <p>At iterations 1, 5 and 50 of the scalar kernel's run: the E-step's N, S (T) and log-likelihood against the
 * reference's E-step from the same model, the M-step's weights and parameters against the reference's M-step,
 * and the vector kernel's E-step from that model against the scalar one. The reference steps from the library's
 * state rather than running its own 50 iterations: EM's trajectories can separate from rounding alone, while each
 * step is well conditioned. A symmetric start is held to the same bounds, and exact EM keeps its equal components
 * equal: a kernel whose roundings split them is recognised and reported with the case. Along both kernels' runs
 * the log-likelihood must never fall by more than 1e-14 of its terms.
 *
 * <p>Bounds. The reference is exact to some 30 digits, so the bounds are the library's own: it rounds at the size
 * of the largest term its affine form adds up in a posterior's exponent (|log w| + |A(θ)| + |η·x| (+ |ζ·n|):
 * about n·|log(1 − φ)| + x·|logit φ| for the binomial, 10^7 at n = 10^6). N, S, weights and parameters to 1e-12
 * relative plus 64 ulps of that term size; the log-likelihood to 1e-12 of its terms, Σ_b c_b·(|log h(x_b)| + that
 * term size at x_b), the magnitudes it actually adds up (the README's bound). The kernels share their
 * coefficients' bits and agree to 1e-12 relative, or to 8 ulps of that term size where that is more (sparse bins
 * far apart in one vector at large n, where the vector kernel's exp path takes every lane relative to the middle
 * lane's best component). {@code -Demkernel.campaign=N} runs N cases of up to 4000 bins instead of 1000 of up to
 * 400 ({@code -Demkernel.campaign.seed=S} another seed).
 */
class DifferentialCampaignTest {
  static final double EPS = Math.ulp(1.0);
  static final int[] CHECKED = {1, 5, 50};
  /** The kernels' agreement beyond 1e-12, in ulps of the term size (see the class comment). */
  static final double KERNEL_ULPS = 8;

  // ---------------------------------------------------------------------------------------------------------
  // The cases.

  /** One case: family kind, its constant (n or r), data and the starting model. */
  static final class Case {
    int kind; // 0 binomial, 1 Poisson, 2 geometric, 3 negative binomial, 4 binomial with varying trials
    int n;
    double r;
    int[] x;
    int[] z;
    long[] c;
    double[] w;
    double[] theta;
    boolean symmetric;
    String shape;
    long seed;

    Family family() {
      switch (kind) {
        case 0: return Family.binomial(n);
        case 1: return Family.poisson();
        case 2: return Family.geometric();
        case 3: return Family.negativeBinomial(r);
        default: return Family.binomialVaryingTrials();
      }
    }

    @Override
    public String toString() {
      return "case seed " + seed + ": " + family().name() + ", " + shape + ", " + x.length + " bins, K="
          + w.length + (symmetric ? " (symmetric start)" : "") + ", weights " + Arrays.toString(w) + ", params "
          + Arrays.toString(theta);
    }
  }

  static double logUniform(SplittableRandom rnd, double lo, double hi) {
    return Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
  }

  static Case generate(long seed, int maxBins) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Case cs = new Case();
    cs.seed = seed;
    cs.kind = rnd.nextInt(5);
    int k = 1 + rnd.nextInt(8);
    cs.n = cs.kind == 0 ? (int) Math.min(1_000_000, logUniform(rnd, 1, 2_000_000)) : 0;
    cs.r = new double[] {0.5, 1, 2.5, 10}[rnd.nextInt(4)];
    if (cs.kind == 2) {
      cs.r = 1;
    }
    // Parameters: mostly interior, some at or next to the edges.
    cs.theta = new double[k];
    boolean regular = false;
    for (int j = 0; j < k; j++) {
      int pick = rnd.nextInt(10);
      double th;
      switch (cs.kind) {
        case 1:
          th = pick == 0 ? 1e-3 : logUniform(rnd, 0.01, 5e4);
          break;
        case 2:
        case 3:
          th = pick == 0 ? 1 : pick == 1 ? 1e-6 : 0.02 + 0.97 * rnd.nextDouble();
          break;
        default:
          th = pick == 0 ? 0 : pick == 1 ? 1 : pick == 2 ? 1e-12 : pick == 3 ? 1 - 1e-12
              : 0.01 + 0.98 * rnd.nextDouble();
      }
      cs.theta[j] = th;
      regular |= !isMass(cs.kind, th);
    }
    if (!regular) {
      cs.theta[rnd.nextInt(k)] = cs.kind == 1 ? 3 : 0.4; // At least one component produces every outcome.
    }
    cs.w = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      cs.w[j] = rnd.nextInt(8) == 0 ? logUniform(rnd, 1e-300, 1e-6) : 0.05 + rnd.nextDouble();
      sum += cs.w[j];
    }
    // A symmetric start: two equal components.
    if (k >= 2 && rnd.nextInt(8) == 0) {
      cs.theta[1] = cs.theta[0];
      cs.w[1] = cs.w[0];
      cs.symmetric = true;
      sum = 0;
      for (double v : cs.w) {
        sum += v;
      }
      boolean stillRegular = false;
      for (double th : cs.theta) {
        stillRegular |= !isMass(cs.kind, th);
      }
      if (!stillRegular) { // The copy replaced the only regular component: make the pair regular.
        cs.theta[0] = cs.theta[1] = cs.kind == 1 ? 3 : 0.4;
      }
    }
    for (int j = 0; j < k; j++) {
      cs.w[j] /= sum;
    }
    // Data: the largest outcome the family's parameters make likely, and a shape.
    double mean = 0;
    for (int j = 0; j < k; j++) {
      mean = Math.max(mean, meanOf(cs, cs.theta[j]));
    }
    int top;
    if (cs.kind == 0) {
      top = cs.n;
    } else if (cs.kind == 4) {
      top = 1 + (int) logUniform(rnd, 1, 10_000);
    } else {
      top = (int) Math.min(1_000_000, Math.max(10, 3 * mean + 10));
    }
    int bins;
    int shape = rnd.nextInt(3);
    if (shape == 2 || top == 0) {
      bins = 1;
      cs.shape = "single";
    } else {
      bins = (int) Math.min(top + 1, logUniform(rnd, 2, maxBins));
      cs.shape = shape == 0 ? "consecutive" : "sparse";
    }
    int[] xs;
    if (cs.shape.equals("consecutive")) {
      int from = rnd.nextInt(top + 2 - bins);
      xs = new int[bins];
      for (int b = 0; b < bins; b++) {
        xs[b] = from + b;
      }
    } else {
      java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
      while (set.size() < bins) {
        set.add(rnd.nextInt(top + 1));
      }
      xs = set.stream().mapToInt(Integer::intValue).toArray();
    }
    cs.c = new long[bins];
    long most = rnd.nextInt(4) == 0 ? 1_000_000_000L : rnd.nextBoolean() ? 1_000 : 10;
    for (int b = 0; b < bins; b++) {
      cs.c[b] = 1 + rnd.nextLong(most);
    }
    if (cs.kind == 4) {
      // Varying trials: per bin a number of trials in [x, top].
      cs.z = new int[bins];
      cs.x = new int[bins];
      for (int b = 0; b < bins; b++) {
        int trials = 1 + rnd.nextInt(top);
        cs.z[b] = trials;
        cs.x[b] = Math.min(xs[b], trials);
      }
      // Distinct (trials, successes) pairs.
      java.util.TreeMap<Long, Long> merged = new java.util.TreeMap<>();
      for (int b = 0; b < bins; b++) {
        merged.merge(((long) cs.z[b] << 32) | cs.x[b], cs.c[b], Long::sum);
      }
      int at = 0;
      cs.z = new int[merged.size()];
      cs.x = new int[merged.size()];
      cs.c = new long[merged.size()];
      for (var e : merged.entrySet()) {
        cs.z[at] = (int) (e.getKey() >>> 32);
        cs.x[at] = (int) (long) e.getKey();
        cs.c[at++] = e.getValue();
      }
    } else {
      cs.x = xs;
    }
    return cs;
  }

  static boolean isMass(int kind, double th) {
    return kind == 0 || kind == 4 ? th == 0 || th == 1 : (kind == 2 || kind == 3) && th == 1;
  }

  static double meanOf(Case cs, double th) {
    switch (cs.kind) {
      case 0: return cs.n * th;
      case 1: return th;
      case 4: return th;
      default: return cs.r * (1 - th) / th;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The library.

  static EmSession session(Case cs, KernelChoice kernel, double[] w, double[] th) {
    EmFitter f = EmFitter.builder().kernel(kernel).build();
    MixtureModel m = MixtureModel.of(cs.family(), w, th);
    if (cs.z != null) {
      return f.session(TrialsHistogram.ofCounts(cs.z, cs.x, cs.c), m);
    }
    return f.session(Histogram.ofCounts(cs.x, cs.c), m);
  }

  /** Outcome of the campaign: counts and the largest relative differences seen. */
  static final class Tally {
    int cases;
    int symmetric;
    int checks;
    double kernelGap; // Largest vector-vs-scalar relative difference of N and S.
    double kernelLogGap; // Largest vector-vs-scalar log-likelihood difference over its terms.
    double referenceLogGap; // Largest library-vs-reference log-likelihood difference over its terms.
    String kernelLogWorst = "";
    String referenceLogWorst = "";
    double fall; // Largest fall of the log-likelihood over its terms.
    final List<String> failures = new ArrayList<>();
    final java.util.TreeMap<String, double[]> gaps = new java.util.TreeMap<>();
    /** Against the reference: the largest share of its bound each quantity's difference used. */
    final java.util.TreeMap<String, Double> used = new java.util.TreeMap<>();
    /** Symmetric starts whose equal components a kernel split ("seed kernel"), and the first few described. */
    final java.util.Set<String> splits = new java.util.HashSet<>();
    final List<String> splitCases = new ArrayList<>();
    /** What the cases covered: family and shape, K, masses, tiny weights, n = 10^6, counts near 10^9. */
    final java.util.Set<String> covered = new java.util.TreeSet<>();

    /** Failing cases by seed, each with what its model had where it first failed (see {@link #tag}). */
    final java.util.LinkedHashMap<Long, String> failedCases = new java.util.LinkedHashMap<>();
    long currentSeed;
    String currentTag = "";

    /**
     * Adds one case's tally: its checks, failures and splits; its largest gaps and shares only when it passed, so
     * that those figures describe the cases that met every bound and the failing ones are listed apart.
     */
    void add(Tally c) {
      checks += c.checks;
      for (String f : c.failures) {
        if (failures.size() < 20) {
          failures.add(f);
        }
      }
      failedCases.putAll(c.failedCases);
      splits.addAll(c.splits);
      for (String sc : c.splitCases) {
        if (splitCases.size() < 20) {
          splitCases.add(sc);
        }
      }
      if (!c.failedCases.isEmpty()) {
        return;
      }
      kernelGap = Math.max(kernelGap, c.kernelGap);
      fall = Math.max(fall, c.fall);
      if (c.kernelLogGap > kernelLogGap) {
        kernelLogGap = c.kernelLogGap;
        kernelLogWorst = c.kernelLogWorst;
      }
      if (c.referenceLogGap > referenceLogGap) {
        referenceLogGap = c.referenceLogGap;
        referenceLogWorst = c.referenceLogWorst;
      }
      c.used.forEach((key, v) -> used.merge(key, v, Math::max));
      c.gaps.forEach((key, g) -> {
        double[] mine = gaps.computeIfAbsent(key, k -> new double[2]);
        mine[0] = Math.max(mine[0], g[0]);
        mine[1] = Math.max(mine[1], g[1]);
      });
    }

    void fail(String what) {
      failedCases.putIfAbsent(currentSeed, currentTag);
      if (failures.size() < 20) {
        failures.add(what);
      }
    }
  }

  static boolean close(double expected, double actual, double rel, double abs) {
    if (expected == actual) {
      return true;
    }
    return Math.abs(expected - actual) <= rel * Math.abs(expected) + abs;
  }

  /** {@link #close}, recording under key the largest share of its bound a difference used. */
  static boolean check(Tally tally, String key, double expected, double actual, double rel, double abs) {
    if (expected == actual) {
      return true;
    }
    double share = Math.abs(expected - actual) / (rel * Math.abs(expected) + abs);
    tally.used.merge(key, share == share ? share : Double.POSITIVE_INFINITY, Math::max);
    return close(expected, actual, rel, abs);
  }

  /**
   * What a failing step's model and data had: a component of weight exactly 0, and data the library centres
   * (outcomes or trials from 4096 on), the two conditions of the one library fault the campaign has found.
   */
  static String tag(Case cs, MixtureModel m) {
    boolean zero = false;
    for (double v : m.weights()) {
      zero |= v == 0;
    }
    int most = 0;
    for (int b = 0; b < cs.x.length; b++) {
      most = Math.max(most, cs.z == null ? cs.x[b] : cs.z[b]);
    }
    boolean centred = cs.kind != 2 && (most >= 4096 || (cs.kind == 0 && cs.n >= 4096));
    return (zero ? "a weight of 0" : "no weight of 0") + (centred ? ", centred data" : ", uncentred data");
  }

  static void runCase(Case cs, Tally tally) {
    int k = cs.w.length;
    double total = 0;
    for (long v : cs.c) {
      total += v;
    }
    DoubleDouble[] logH = CampaignReference.logBases(cs);
    EmSession scalar = session(cs, KernelChoice.SCALAR, cs.w, cs.theta);
    EmSession vector = session(cs, KernelChoice.VECTOR, cs.w, cs.theta);
    double ll = scalar.eStep();
    double llVector = vector.eStep();
    tally.currentSeed = cs.seed;
    for (int it = 1; it <= 50; it++) {
      MixtureModel before = scalar.model();
      tally.currentTag = tag(cs, before);
      boolean checked = Arrays.binarySearch(CHECKED, it) >= 0;
      double[][] ref = CampaignReference.eStep(cs, logH, before.weights(), before.params(), checked);
      double rel = 1e-12 + 64 * EPS * ref[3][2];
      double floor = 1e-290 * total;
      if (checked) {
        tally.checks++;
        int iteration = it;
        java.util.function.Supplier<String> at = () -> cs + ", iteration " + iteration; // Built only when needed.
        // The E-step at this model: the library's against the reference's.
        if (!check(tally, "log-likelihood", ref[3][0], ll, 0, 1e-12 * ref[3][1])) {
          tally.fail(at.get() + ": log-likelihood " + ll + ", reference " + ref[3][0] + ", terms " + ref[3][1]);
        }
        if (ll != ref[3][0] && Double.isFinite(ref[3][0])) {
          double gap = Math.abs(ll - ref[3][0]) / ref[3][1];
          if (gap > tally.referenceLogGap) {
            tally.referenceLogGap = gap;
            tally.referenceLogWorst = at.get() + ": " + ll + " against " + ref[3][0] + ", terms " + ref[3][1];
          }
        }
        double[] nn = scalar.expectedCounts();
        double[] ss = scalar.expectedStatistics();
        for (int j = 0; j < k; j++) {
          if (!check(tally, "N", ref[0][j], nn[j], rel, floor)
              || !check(tally, "S", ref[1][j], ss[j], rel, floor * (1 + ref[1][j]))) {
            tally.fail(at.get() + ": N_" + j + " " + nn[j] + " (reference " + ref[0][j] + "), S_" + j + " " + ss[j]
                + " (reference " + ref[1][j] + ")");
          }
        }
        // The vector kernel's E-step from the same model: to 1e-12 relative, or 8 ulps of the term size where
        // that is more (see the class comment).
        double agreement = Math.max(1e-12, KERNEL_ULPS * EPS * ref[3][2]);
        EmSession probe = session(cs, KernelChoice.VECTOR, before.weights(), before.params());
        double llProbe = probe.eStep();
        double[] pn = probe.expectedCounts();
        double[] ps = probe.expectedStatistics();
        if (!close(ll, llProbe, 0, 1e-12 * ref[3][1])) {
          tally.fail(at.get() + ": vector log-likelihood " + llProbe + ", scalar " + ll);
        }
        if (ll != llProbe && Double.isFinite(ll)) {
          double gap = Math.abs(ll - llProbe) / ref[3][1];
          if (gap > tally.kernelLogGap) {
            tally.kernelLogGap = gap;
            tally.kernelLogWorst = at.get() + ": scalar " + ll + ", vector " + llProbe + ", terms " + ref[3][1];
          }
        }
        for (int j = 0; j < k; j++) {
          double gap = Math.max(Math.abs(nn[j] - pn[j]) / Math.max(Math.abs(nn[j]), floor),
              Math.abs(ss[j] - ps[j]) / Math.max(Math.abs(ss[j]), floor));
          tally.kernelGap = Math.max(tally.kernelGap, gap);
          double[] g = tally.gaps.computeIfAbsent(cs.family().name().replaceAll("\\(.*", "") + " " + cs.shape,
              key -> new double[2]);
          g[0] = Math.max(g[0], gap);
          g[1] = Math.max(g[1], gap / (EPS * Math.max(1, ref[3][2])));
          if (!close(nn[j], pn[j], agreement, floor) || !close(ss[j], ps[j], agreement, floor * (1 + ss[j]))) {
            tally.fail(at.get() + ": vector N_" + j + " " + pn[j] + ", scalar " + nn[j] + "; S " + ps[j] + ", "
                + ss[j]);
          }
        }
      }
      double llBefore = ll;
      ll = scalar.iterate();
      double llVectorBefore = llVector;
      llVector = vector.iterate();
      // Monotone: never falls by more than 1e-14 of its terms.
      double terms = ref[3][1];
      for (double[] pair : new double[][] {{llBefore, ll}, {llVectorBefore, llVector}}) {
        if (pair[1] < pair[0]) {
          tally.fall = Math.max(tally.fall, (pair[0] - pair[1]) / terms);
          if (pair[0] - pair[1] > 1e-14 * terms) {
            tally.fail(cs + ", iteration " + it + ": log-likelihood fell from " + pair[0] + " to " + pair[1]);
          }
        }
      }
      if (checked) {
        // The M-step from that E-step: the library's against the reference's.
        double[][] next = CampaignReference.mStep(cs, ref, before.params());
        MixtureModel after = scalar.model();
        for (int j = 0; j < k; j++) {
          boolean nearThreshold = Math.abs(ref[0][j] - EmFitter.DEFAULT_DYING_THRESHOLD)
              <= 1e-6 * EmFitter.DEFAULT_DYING_THRESHOLD;
          if (!check(tally, "weights", next[0][j], after.weight(j), rel, 1e-300)
              || (!nearThreshold && !check(tally, "params", next[1][j], after.param(j), 2 * rel, 1e-300))) {
            tally.fail(cs + ", iteration " + it + ": weight_" + j + " " + after.weight(j) + " (reference "
                + next[0][j] + "), param_" + j + " " + after.param(j) + " (reference " + next[1][j] + ")");
          }
        }
        if (cs.symmetric) {
          // Exact EM keeps two equal components equal forever (the reference's step does: same bits in, same
          // bits out); a kernel whose roundings split them leaves that unstable fixed point. Recognised and
          // reported, each kernel separately.
          for (EmSession run : new EmSession[] {scalar, vector}) {
            MixtureModel m = run.model();
            if (m.weight(0) != m.weight(1) || m.param(0) != m.param(1)) {
              String kernel = run == scalar ? "scalar" : "vector";
              if (tally.splits.add(cs.seed + " " + kernel) && tally.splitCases.size() < 20) {
                tally.splitCases.add(cs + ": the " + kernel + " kernel's equal components split by iteration " + it
                    + " (weights " + m.weight(0) + ", " + m.weight(1) + "; params " + m.param(0) + ", "
                    + m.param(1) + ")");
              }
            }
          }
        }
      }
    }
  }

  /** The features of a case that the campaign must cover (see {@link #REQUIRED}). */
  static void cover(Case cs, java.util.Set<String> covered) {
    String family = KINDS[cs.kind];
    covered.add(family + " " + cs.shape);
    covered.add("K=" + cs.w.length);
    for (int j = 0; j < cs.w.length; j++) {
      if (isMass(cs.kind, cs.theta[j])) {
        covered.add(family + " mass " + cs.theta[j]);
      }
      if (cs.w[j] < 1e-200) {
        covered.add("weight below 1e-200");
      }
    }
    if (cs.kind == 0 && cs.n == 1_000_000) {
      covered.add("binomial n=10^6");
    }
    if (Arrays.stream(cs.c).max().getAsLong() > 500_000_000L) {
      covered.add("count above 5e8");
    }
    if (cs.symmetric) {
      covered.add("symmetric start");
    }
  }

  static final String[] KINDS = {"binomial", "poisson", "geometric", "negbinomial", "binomialtrials"};

  /** Every family in every shape, K 1–8, each family's point masses, tiny weights, n = 10^6, large counts. */
  static final java.util.List<String> REQUIRED;

  static {
    List<String> r = new ArrayList<>();
    for (String family : KINDS) {
      for (String shape : new String[] {"consecutive", "sparse", "single"}) {
        r.add(family + " " + shape);
      }
    }
    for (int k = 1; k <= 8; k++) {
      r.add("K=" + k);
    }
    r.addAll(List.of("binomial mass 0.0", "binomial mass 1.0", "binomialtrials mass 0.0", "binomialtrials mass 1.0",
        "geometric mass 1.0", "negbinomial mass 1.0", "weight below 1e-200", "binomial n=10^6", "count above 5e8",
        "symmetric start"));
    REQUIRED = List.copyOf(r);
  }

  static Tally campaign(long seed, int cases, int maxBins) {
    Tally tally = new Tally();
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < cases; i++) {
      Case cs = generate(seeds.nextLong(), maxBins);
      tally.cases++;
      tally.symmetric += cs.symmetric ? 1 : 0;
      cover(cs, tally.covered);
      Tally one = new Tally();
      runCase(cs, one);
      tally.add(one);
    }
    return tally;
  }

  @Test
  void randomCasesAgreeWithTheReference() {
    long seed = Long.getLong("emkernel.campaign.seed", 24L);
    Integer campaign = Integer.getInteger("emkernel.campaign");
    int cases = campaign == null ? 1000 : campaign;
    // The build's run keeps to 400 bins a case (tens of seconds); a campaign goes to 4000.
    Tally tally = campaign(seed, cases, campaign == null ? 400 : 4000);
    String summary = tally.cases + " cases (" + tally.symmetric + " symmetric starts), " + tally.checks
        + " checked steps, seed " + seed + "; over the cases that passed: largest kernel gap " + tally.kernelGap
        + " (N, S), " + tally.kernelLogGap + " (log-likelihood over its terms: " + tally.kernelLogWorst
        + "); largest log-likelihood gap to the reference "
        + tally.referenceLogGap + " of its terms (" + tally.referenceLogWorst + "); largest share of the bound used "
        + "against the reference " + tally.used + "; largest fall " + tally.fall;
    tally.gaps.forEach((key, g) -> System.out.println("  kernel gap " + key + ": " + g[0] + " (" + g[1]
        + " ulps of the term size)"));
    java.util.TreeMap<String, Integer> byTag = new java.util.TreeMap<>();
    tally.failedCases.values().forEach(t -> byTag.merge(t, 1, Integer::sum));
    summary += "; " + tally.failedCases.size() + " failing cases " + byTag + (tally.failedCases.isEmpty() ? ""
        : ", seeds " + tally.failedCases.keySet().stream().limit(40).map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(" ")));
    long scalarSplits = tally.splits.stream().filter(x -> x.endsWith("scalar")).count();
    summary += "; " + tally.splits.size() + " kernel runs (scalar " + scalarSplits + ", vector "
        + (tally.splits.size() - scalarSplits) + ") of symmetric starts split their equal components"
        + (tally.splitCases.isEmpty() ? "" : ":\n  " + String.join("\n  ", tally.splitCases));
    assertTrue(tally.failures.isEmpty(), summary + "\n" + String.join("\n", tally.failures));
    List<String> missing = new ArrayList<>(REQUIRED);
    missing.removeAll(tally.covered);
    assertTrue(cases < 1000 || missing.isEmpty(), "the campaign did not cover " + missing);
    System.out.println("Differential campaign: " + summary);
    tally.gaps.forEach((key, g) -> System.out.println("  kernel gap " + key + ": " + g[0] + " (" + g[1]
        + " ulps of the term size)"));
  }
}
