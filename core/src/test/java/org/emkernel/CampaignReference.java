package org.emkernel;

import static org.emkernel.DifferentialCampaignTest.isMass;

import org.emkernel.DifferentialCampaignTest.Case;

/**
 * The differential campaign's reference EM: log h(x), every log-joint, the log-sum-exp, posteriors, N, S, T and
 * the log-likelihood in double-double from the log-pmf formulas (nothing from {@link Family}), and the M-step;
 * with the term sizes the library's roundings scale with, against which the campaign's bounds are set.
 */
final class CampaignReference {
  private CampaignReference() {}

  /** log h(x) in double-double (with n trials for the varying-trials binomial): 0 at x = 0 and at x = n. */
  static DoubleDouble logBase(Case cs, int x, int trials, java.util.Map<Double, DoubleDouble> logGammas) {
    java.util.function.DoubleFunction<DoubleDouble> lg = z -> logGammas.computeIfAbsent(z, DoubleDouble::logGamma);
    switch (cs.kind) {
      case 0:
      case 4: {
        int n = cs.kind == 0 ? cs.n : trials;
        if (x == 0 || x == n) {
          return DoubleDouble.ZERO;
        }
        return lg.apply(n + 1.0).subtract(lg.apply(x + 1.0)).subtract(lg.apply(n - x + 1.0));
      }
      case 1:
        return x < 2 ? DoubleDouble.ZERO : lg.apply(x + 1.0).negate();
      default:
        if (x == 0) {
          return DoubleDouble.ZERO;
        }
        return lg.apply(x + cs.r).subtract(lg.apply(cs.r)).subtract(lg.apply(x + 1.0));
    }
  }

  /**
   * A component's logarithms: log w, log θ and log(1 − θ) (Poisson: log λ) in double-double when exact, and in
   * double always (for the term sizes).
   */
  static final class Logs {
    final double th;
    final double lw;
    final double lt;
    final double l1;
    DoubleDouble logW;
    DoubleDouble logTheta;
    DoubleDouble logOneMinus;

    Logs(Case cs, double w, double th, boolean exact) {
      this.th = th;
      lw = Math.log(w);
      lt = Math.log(th);
      l1 = cs.kind == 1 ? Double.NEGATIVE_INFINITY : Math.log1p(-th);
      if (exact) {
        logW = DoubleDouble.of(w).log();
        logTheta = DoubleDouble.of(th).log();
        logOneMinus = cs.kind == 1 || th >= 1 ? DoubleDouble.of(Double.NEGATIVE_INFINITY) : DoubleDouble.log1m(th);
      }
    }

    boolean mass(Case cs) {
      return isMass(cs.kind, th);
    }
  }

  /**
   * The magnitude of the pieces the library's affine form log w − A(θ) + η(θ)·x (+ ζ(θ)·n) adds up for a
   * component at outcome x: the scale of its roundings (at a bias near 1 they cancel).
   */
  static double size(Case cs, int x, int trials, Logs c) {
    double lw = Math.abs(c.lw);
    if (c.mass(cs)) {
      return lw;
    }
    switch (cs.kind) {
      case 0:
      case 4:
        return lw + Math.abs((cs.kind == 0 ? cs.n : trials) * c.l1) + Math.abs(x * (c.lt - c.l1));
      case 1:
        return lw + Math.abs(x * c.lt) + c.th;
      default:
        return lw + Math.abs(x * c.l1) + Math.abs(cs.r * c.lt);
    }
  }

  /** log w + log p(x | θ) − log h(x) in double-double, −∞ for an impossible x. */
  static DoubleDouble logJoint(Case cs, int x, int trials, Logs c) {
    switch (cs.kind) {
      case 0:
      case 4: {
        int n = cs.kind == 0 ? cs.n : trials;
        if (c.th == 0 || c.th == 1) {
          return x == (c.th == 0 ? 0 : n) ? c.logW : DoubleDouble.of(Double.NEGATIVE_INFINITY);
        }
        return c.logW.add(c.logTheta.multiply(x)).add(c.logOneMinus.multiply(n - x));
      }
      case 1: {
        DoubleDouble u = x == 0 ? DoubleDouble.ZERO : c.logTheta.multiply(x);
        return c.logW.add(u).subtract(DoubleDouble.of(c.th));
      }
      default: {
        if (c.th == 1) {
          return x == 0 ? c.logW : DoubleDouble.of(Double.NEGATIVE_INFINITY);
        }
        DoubleDouble u = x == 0 ? DoubleDouble.ZERO : c.logOneMinus.multiply(x);
        return c.logW.add(u).add(c.logTheta.multiply(cs.r));
      }
    }
  }

  /** log h(x_b) for every bin of a case, computed once. */
  static DoubleDouble[] logBases(Case cs) {
    DoubleDouble[] h = new DoubleDouble[cs.x.length];
    java.util.Map<Double, DoubleDouble> logGammas = new java.util.HashMap<>();
    for (int b = 0; b < h.length; b++) {
      h[b] = logBase(cs, cs.x[b], cs.z == null ? 0 : cs.z[b], logGammas);
    }
    return h;
  }

  /**
   * The reference E-step, every log-probability, posterior and sum in double-double: {N, S, T, {log-likelihood,
   * its term size Σ c_b·(|log h(x_b)| + largest exponent size of bin b), largest exponent size}}; when not exact,
   * only the term sizes (for the monotonicity check between checked iterations).
   */
  static double[][] eStep(Case cs, DoubleDouble[] logH, double[] w, double[] th, boolean exact) {
    int k = w.length;
    DoubleDouble[] n = new DoubleDouble[k];
    DoubleDouble[] s = new DoubleDouble[k];
    DoubleDouble[] t = new DoubleDouble[k];
    Logs[] logs = new Logs[k];
    for (int j = 0; j < k; j++) {
      n[j] = s[j] = t[j] = DoubleDouble.ZERO;
      logs[j] = w[j] == 0 ? null : new Logs(cs, w[j], th[j], exact);
    }
    DoubleDouble ll = DoubleDouble.ZERO;
    boolean impossible = false;
    double terms = 0;
    double largest = 0;
    DoubleDouble[] l = new DoubleDouble[k];
    DoubleDouble[] e = new DoubleDouble[k];
    for (int b = 0; b < cs.x.length; b++) {
      int x = cs.x[b];
      int trials = cs.z == null ? 0 : cs.z[b];
      DoubleDouble max = DoubleDouble.of(Double.NEGATIVE_INFINITY);
      double binSize = 0;
      for (int j = 0; j < k; j++) {
        if (logs[j] == null) {
          l[j] = DoubleDouble.of(Double.NEGATIVE_INFINITY);
          continue;
        }
        binSize = Math.max(binSize, size(cs, x, trials, logs[j]));
        if (!exact) {
          continue;
        }
        l[j] = logJoint(cs, x, trials, logs[j]);
        if (l[j].hi > max.hi || (l[j].hi == max.hi && l[j].lo > max.lo)) {
          max = l[j];
        }
      }
      largest = Math.max(largest, binSize);
      terms += cs.c[b] * (binSize + Math.abs(logH[b].hi));
      if (!exact) {
        continue;
      }
      if (max.hi == Double.NEGATIVE_INFINITY) {
        impossible = true;
        continue;
      }
      DoubleDouble sum = DoubleDouble.ZERO;
      for (int j = 0; j < k; j++) {
        DoubleDouble d = l[j].subtract(max);
        // Below e^−40 a term changes the sum by under 1e-17, so a double exp is exact to 1e-33 there.
        e[j] = d.hi < -40 ? DoubleDouble.of(Math.exp(d.hi)) : d.exp();
        sum = sum.add(e[j]);
      }
      double c = cs.c[b];
      ll = ll.add(max.add(sum.log()).add(logH[b]).multiply(c));
      DoubleDouble weight = DoubleDouble.of(c).divide(sum);
      for (int j = 0; j < k; j++) {
        DoubleDouble r = e[j].multiply(weight);
        n[j] = n[j].add(r);
        s[j] = s[j].add(r.multiply(x));
        t[j] = t[j].add(r.multiply(trials));
      }
    }
    double[] nn = new double[k];
    double[] ss = new double[k];
    double[] tt = new double[k];
    for (int j = 0; j < k; j++) {
      nn[j] = n[j].doubleValue();
      ss[j] = s[j].doubleValue();
      tt[j] = t[j].doubleValue();
    }
    return new double[][] {nn, ss, tt, {impossible ? Double.NEGATIVE_INFINITY : ll.doubleValue(), terms, largest}};
  }

  /** The reference M-step (weights N/ΣN; a component with N at most the dying threshold keeps its parameter). */
  static double[][] mStep(Case cs, double[][] e, double[] thBefore) {
    int k = thBefore.length;
    double total = 0;
    for (double v : e[0]) {
      total += v;
    }
    double[] w = new double[k];
    double[] th = thBefore.clone();
    for (int j = 0; j < k; j++) {
      double nj = e[0][j];
      double sj = e[1][j];
      w[j] = nj / total;
      if (!(nj > EmFitter.DEFAULT_DYING_THRESHOLD)) {
        continue;
      }
      switch (cs.kind) {
        case 0: th[j] = Math.min(1, sj / (cs.n * nj)); break;
        case 1: th[j] = Math.max(Double.MIN_NORMAL, sj / nj); break;
        case 4: th[j] = e[2][j] > 0 ? Math.min(1, sj / e[2][j]) : th[j]; break;
        default: th[j] = Math.max(Double.MIN_NORMAL, Math.min(1, cs.r * nj / (cs.r * nj + sj)));
      }
    }
    return new double[][] {w, th};
  }
}
