package org.emkernel;

import java.math.BigDecimal;

/**
 * Double-double arithmetic for the differential campaign's reference: a value is hi + lo with |lo| at most half an
 * ulp of hi, some 32 significant digits. Sums and products are error-free transformations (two-sum, and two-prod
 * by fused multiply-add); exp is reduction by ln 2, a Taylor series at 1/16 of the remainder and four squarings;
 * log is Math.log of the mantissa refined by a Newton step on exp; log Γ is Stirling's series with ten Bernoulli
 * terms from 40 up (the first omitted term below 4e-33 there) and the recurrence below. The constants come from
 * {@link ExactLogs}' 45-digit values. Nothing here comes from the library.
 */
final class DoubleDouble {
  final double hi;
  final double lo;

  static final DoubleDouble ZERO = new DoubleDouble(0, 0);
  static final DoubleDouble ONE = new DoubleDouble(1, 0);
  static final DoubleDouble LN2 = of(ExactLogs.LN2);
  static final DoubleDouble HALF_LN_TWO_PI = of(ExactLogs.HALF_LN_TWO_PI);
  /** B_2k / (2k (2k − 1)) for k = 1..10 as double-double quotients. */
  private static final DoubleDouble[] STIRLING;
  /** 1/k! for k = 0..14. */
  private static final DoubleDouble[] INVERSE_FACTORIAL = new DoubleDouble[15];

  static {
    long[][] stirling = {
        {1, 12}, {-1, 360}, {1, 1260}, {-1, 1680}, {1, 1188}, {-691, 360360}, {1, 156}, {-3617, 122400},
        {43867, 244188}, {-174611, 125400}};
    STIRLING = new DoubleDouble[stirling.length];
    for (int k = 0; k < stirling.length; k++) {
      STIRLING[k] = of(stirling[k][0]).divide(of(stirling[k][1]));
    }
    DoubleDouble f = ONE;
    for (int k = 0; k < INVERSE_FACTORIAL.length; k++) {
      if (k > 0) {
        f = f.multiply(k);
      }
      INVERSE_FACTORIAL[k] = ONE.divide(f);
    }
  }

  private DoubleDouble(double hi, double lo) {
    this.hi = hi;
    this.lo = lo;
  }

  static DoubleDouble of(double v) {
    return new DoubleDouble(v, 0);
  }

  static DoubleDouble of(BigDecimal v) {
    double hi = v.doubleValue();
    return new DoubleDouble(hi, v.subtract(new BigDecimal(hi)).doubleValue());
  }

  BigDecimal toBigDecimal() {
    return new BigDecimal(hi).add(new BigDecimal(lo));
  }

  double doubleValue() {
    return hi + lo;
  }

  /** a + b exactly as s + e (Knuth's two-sum). */
  private static DoubleDouble twoSum(double a, double b) {
    double s = a + b;
    double bb = s - a;
    return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
  }

  /** s + e renormalised, for |s| ≥ |e| (Dekker's fast two-sum). */
  private static DoubleDouble fast(double s, double e) {
    double t = s + e;
    return new DoubleDouble(t, e - (t - s));
  }

  DoubleDouble add(DoubleDouble b) {
    if (!Double.isFinite(hi) || !Double.isFinite(b.hi)) {
      return of(hi + b.hi);
    }
    DoubleDouble s = twoSum(hi, b.hi);
    DoubleDouble t = twoSum(lo, b.lo);
    DoubleDouble u = fast(s.hi, s.lo + t.hi);
    return fast(u.hi, u.lo + t.lo);
  }

  DoubleDouble add(double b) {
    return add(of(b));
  }

  DoubleDouble negate() {
    return new DoubleDouble(-hi, -lo);
  }

  DoubleDouble subtract(DoubleDouble b) {
    return add(b.negate());
  }

  DoubleDouble multiply(DoubleDouble b) {
    double p = hi * b.hi;
    if (!Double.isFinite(p) || p == 0) {
      return of(p);
    }
    double e = Math.fma(hi, b.hi, -p);
    return fast(p, e + (hi * b.lo + lo * b.hi));
  }

  DoubleDouble multiply(double b) {
    return multiply(of(b));
  }

  DoubleDouble divide(DoubleDouble b) {
    double q1 = hi / b.hi;
    if (!Double.isFinite(q1) || q1 == 0) {
      return of(q1);
    }
    DoubleDouble r = subtract(b.multiply(q1));
    double q2 = r.hi / b.hi;
    r = r.subtract(b.multiply(q2));
    double q3 = r.hi / b.hi;
    DoubleDouble q = fast(q1, q2);
    return q.add(q3);
  }

  DoubleDouble scalb(int e) {
    return new DoubleDouble(Math.scalb(hi, e), Math.scalb(lo, e));
  }

  /** e^this: 0 below −745 (far below any term that matters here), +∞ above 709.8. */
  DoubleDouble exp() {
    if (hi < -745) {
      return ZERO;
    }
    if (hi > 709.8) {
      return of(Double.POSITIVE_INFINITY);
    }
    int k = (int) Math.rint(hi / LN2.hi);
    DoubleDouble r = subtract(LN2.multiply(k)).scalb(-4); // |r| ≤ 0.35/16: the series to 1/14! is exact to 1e-37.
    DoubleDouble sum = INVERSE_FACTORIAL[INVERSE_FACTORIAL.length - 1];
    for (int j = INVERSE_FACTORIAL.length - 2; j >= 0; j--) {
      sum = sum.multiply(r).add(INVERSE_FACTORIAL[j]);
    }
    for (int j = 0; j < 4; j++) {
      sum = sum.multiply(sum);
    }
    return sum.scalb(k);
  }

  /** log(this) for this &gt; 0: the mantissa's logarithm (Math.log and a Newton step) plus the exponent's. */
  DoubleDouble log() {
    if (!(hi > 0)) {
      return of(hi == 0 ? Double.NEGATIVE_INFINITY : Double.NaN);
    }
    if (hi == Double.POSITIVE_INFINITY) {
      return this;
    }
    int e = Math.getExponent(hi);
    DoubleDouble m = this;
    if (e == Double.MIN_EXPONENT - 1) { // Subnormal: make it normal first.
      m = m.scalb(100);
      e = Math.getExponent(m.hi) - 100;
      m = m.scalb(-Math.getExponent(m.hi));
    } else {
      m = m.scalb(-e);
    }
    DoubleDouble y = of(Math.log(m.hi));
    // One Newton step squares Math.log's error (under 1e-16 on [0, log 2)) to below 1e-32.
    y = y.add(m.multiply(y.negate().exp())).subtract(ONE);
    return y.add(LN2.multiply(e));
  }

  /** log(1 − p) for a double p &lt; 1 (1 − p is exact in double-double). */
  static DoubleDouble log1m(double p) {
    return twoSum(1, -p).log();
  }

  /** log Γ(z) for z &gt; 0 (z exact as given). */
  static DoubleDouble logGamma(double z) {
    DoubleDouble shift = ONE;
    DoubleDouble w = of(z);
    while (w.hi < 40) {
      shift = shift.multiply(w);
      w = w.add(1);
    }
    DoubleDouble lnW = w.log();
    DoubleDouble sum = w.subtract(of(0.5)).multiply(lnW).subtract(w).add(HALF_LN_TWO_PI);
    DoubleDouble inv = ONE.divide(w);
    DoubleDouble inv2 = inv.multiply(inv);
    DoubleDouble power = inv;
    for (DoubleDouble t : STIRLING) {
      sum = sum.add(t.multiply(power));
      power = power.multiply(inv2);
    }
    return shift == ONE ? sum : sum.subtract(shift.log());
  }

  @Override
  public String toString() {
    return hi + " + " + lo;
  }
}
