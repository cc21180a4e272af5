/**
 * emkernel: fast EM for finite mixtures over outcome-count histograms. Only {@code org.emkernel} is exported;
 * the kernels and the engine are internal. The vector kernel reads {@code jdk.incubator.vector} when the
 * application resolves it ({@code --add-modules jdk.incubator.vector}); without it the scalar kernel runs.
 */
module org.emkernel {
  requires static jdk.incubator.vector;

  exports org.emkernel;
}
