package org.emkernel.bench.report;

/** The JMH benchmark names the report reads (class simple name and method, as in the JSON). */
final class Benchmarks {
  /** The vector kernel without its recurrence, when a run adds it with -p impl=…,vector-exp. */
  static final String VECTOR_EXP_IMPL = "vector-exp";
  static final String ESTEP = "EStepBenchmark.eStep";
  static final String MSTEP = "MStepBenchmark.mStep";
  static final String ITERATION = "IterationBenchmark.iterate";
  static final String FAMILY = "FamilyIterationBenchmark.iterate";
  static final String GENOTYPES = "GenotypeBenchmark.iterate";
  static final String FLOOR = "IterationFloorBenchmark.iterate";
  static final String EXP = "ExpReferenceBenchmark.exp";
  static final String BUILD = "HistogramBuildBenchmark.build";
  static final String RAW = "RawObservationBenchmark.rawIteration";
  static final String HIST = "RawObservationBenchmark.histogramIteration";
  static final String PAR_ITERATION = "ParallelIterationBenchmark.iterate";
  static final String PAR_BUILD = "ParallelHistogramBuildBenchmark.build";
  static final String PAR_READ = "ParallelReferenceBenchmark.read";
  static final String PAR_FMA = "ParallelReferenceBenchmark.fma";
  /** The first compute ceiling (until f2f257b): four scalar chains, bound by the FMA latency. */
  static final String PAR_SPIN = "ParallelReferenceBenchmark.spin";

  static final String MANY_FITS = "ManyFitsBenchmark.fit";
  /** A fit and as many steady iterate() calls in one measurement (aux counters fitNanos, fitIterations, ...). */
  static final String MANY_PAIRED = "ManyFitsBenchmark.paired";
  /** A fresh-JVM run's whole-process wall times and the first call's own timing, per case, in ms. */
  static final String WALL = "wallMillis";
  static final String INSIDE = "insideMillis";
  static final String CPU = "cpuMillis";

  private Benchmarks() {}
}
