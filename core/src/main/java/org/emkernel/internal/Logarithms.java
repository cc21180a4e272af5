package org.emkernel.internal;

/**
 * The logarithms behind a mixture's kernel coefficients, k at a time: the kernel in use supplies them (one
 * at a time with {@link Math}, or a vector at a time). Input and output arrays are distinct.
 */
public interface Logarithms {

  /** Sets {@code out[j] = log in[j]} for j &lt; n, where 0 &lt;= in[j] &lt; ∞ and log 0 = −∞. */
  void log(double[] in, double[] out, int n);

  /** Sets {@code out[j] = }{@link SpecialFunctions#clampedLog}{@code (in[j])} for j &lt; n. */
  void clampedLog(double[] in, double[] out, int n);

  /** Sets {@code out[j] = }{@link SpecialFunctions#clampedLog1m}{@code (in[j])} for j &lt; n. */
  void clampedLog1m(double[] in, double[] out, int n);

  /** {@link Math#log} and {@link SpecialFunctions}, one value at a time. */
  Logarithms SCALAR = new Logarithms() {
    @Override
    public void log(double[] in, double[] out, int n) {
      for (int j = 0; j < n; j++) {
        out[j] = Math.log(in[j]);
      }
    }

    @Override
    public void clampedLog(double[] in, double[] out, int n) {
      for (int j = 0; j < n; j++) {
        out[j] = SpecialFunctions.clampedLog(in[j]);
      }
    }

    @Override
    public void clampedLog1m(double[] in, double[] out, int n) {
      for (int j = 0; j < n; j++) {
        out[j] = SpecialFunctions.clampedLog1m(in[j]);
      }
    }
  };
}
