package org.emkernel.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON reader and the generator, on a hand-made JMH result file whose ratios are known. */
class ReportTest {

  static String result(String benchmark, String params, double score, String unit, double allocNorm) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"org.emkernel.bench." + benchmark + "\",\"mode\":\"avgt\","
        + "\"forks\":1,\"jvmArgs\":[\"--add-modules\",\"jdk.incubator.vector\"],\"jdkVersion\":\"17.0.15\","
        + "\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\",\"warmupIterations\":1,"
        + "\"warmupTime\":\"1 s\",\"measurementIterations\":2,\"measurementTime\":\"1 s\","
        + "\"params\":{" + params + "},"
        + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"" + unit + "\"},"
        + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + allocNorm + ",\"scoreUnit\":\"B/op\"}}}";
  }

  @Test
  void runsAreListedNewestFirstWithRunNumbersComparedAsNumbers() {
    List<String> names = List.of("2026-11-26_full-1_cpu_jdk17.json", "2026-11-26_full-10_cpu_jdk17.json",
        "2026-11-25_full_cpu_jdk17.json", "2026-11-26_full_cpu_jdk17.json", "2026-11-26_full-9_cpu_jdk17.json",
        "2026-11-26_full-2_cpu_jdk17.json", "2026-11-26_threads_cpu_jdk17.json", "notes.json");
    List<String> sorted = names.stream().map(Path::of).sorted(Report.NEWEST_FIRST).map(Path::toString)
        .collect(Collectors.toList());
    assertEquals(List.of("notes.json", "2026-11-26_threads_cpu_jdk17.json", "2026-11-26_full_cpu_jdk17.json",
        "2026-11-26_full-10_cpu_jdk17.json", "2026-11-26_full-9_cpu_jdk17.json", "2026-11-26_full-2_cpu_jdk17.json",
        "2026-11-26_full-1_cpu_jdk17.json", "2026-11-25_full_cpu_jdk17.json"), sorted);
  }

  @Test
  void jsonReaderHandlesJmhShapes() {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, \"NaN\", true, false, null], \"b\": {\"c\": \"x\\\"y\\u00e9\"}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of(1.0, -2500.0, "NaN", true, false), ((List<?>) m.get("a")).subList(0, 5));
    assertEquals(null, ((List<?>) m.get("a")).get(5));
    assertEquals("x\"yé", ((Map<?, ?>) m.get("b")).get("c"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
    assertTrue(e.getMessage().contains("offset 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
  }

  @Test
  void familyTableComparesEachFamilyWithTheScalarKernelAndTheBinomial(@TempDir Path dir) throws Exception {
    String json = "[" + String.join(",",
        result("FamilyIterationBenchmark.iterate", "\"components\":\"8\",\"family\":\"binomial\",\"impl\":\"scalar\"", 9000, "ns/op", 0),
        result("FamilyIterationBenchmark.iterate", "\"components\":\"8\",\"family\":\"binomial\",\"impl\":\"vector\"", 300, "ns/op", 0),
        result("FamilyIterationBenchmark.iterate", "\"components\":\"8\",\"family\":\"poisson\",\"impl\":\"scalar\"", 12, "us/op", 0),
        result("FamilyIterationBenchmark.iterate", "\"components\":\"8\",\"family\":\"poisson\",\"impl\":\"vector\"", 450, "ns/op", 0.5))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_full_test-cpu_jdk17.json"), json);
    String md = pages(dir);
    assertTrue(md.contains("### Iteration by family"), md);
    // Poisson: 12 µs / 450 ns = 26.67× the scalar kernel, 450 / 300 = 1.50× the binomial's vector iteration.
    assertTrue(md.contains("| binomial | 8 | 9.00 µs | 300.0 ns | 30.00× | 1.00× |"), md);
    assertTrue(md.contains("| poisson | 8 | 12.00 µs | 450.0 ns | 26.67× | 1.50× |"), md);
  }

  @Test
  void genotypeTableComparesTheVectorKernelWithTheScalarAndTheExpOnlyOnes(@TempDir Path dir) throws Exception {
    String json = "[" + String.join(",",
        result("GenotypeBenchmark.iterate", "\"depth\":\"100\",\"impl\":\"scalar\"", 4, "us/op", 0),
        result("GenotypeBenchmark.iterate", "\"depth\":\"100\",\"impl\":\"vector\"", 400, "ns/op", 0),
        result("GenotypeBenchmark.iterate", "\"depth\":\"100\",\"impl\":\"vector-exp\"", 1000, "ns/op", 0),
        result("GenotypeBenchmark.iterate", "\"depth\":\"30\",\"impl\":\"vector\"", 150, "ns/op", 0))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_full_test-cpu_jdk17.json"), json);
    String md = pages(dir);
    assertTrue(md.contains("### Genotypes"), md);
    // 4 µs / 400 ns = 10×; 1000 / 400 = 2.5×; depth 30 has only the vector row.
    assertTrue(md.contains("| 100 | 4.00 µs | 400.0 ns | 1.00 µs | 10.00× | 2.50× |"), md);
    assertTrue(md.contains("| 30 | – | 150.0 ns | – | – | – |"), md);
  }

  @Test
  void floorTableSetsTheHandWrittenIterationAgainstTheExpAndTheLibrary(@TempDir Path dir) throws Exception {
    String json = "[" + String.join(",",
        result("IterationFloorBenchmark.iterate", "\"components\":\"3\",\"layout\":\"outcome\",\"bins\":\"11\"", 66, "ns/op", 0),
        result("IterationFloorBenchmark.iterate", "\"components\":\"3\",\"layout\":\"component\",\"bins\":\"11\"", 99, "ns/op", 0),
        result("IterationBenchmark.iterate", "\"components\":\"3\",\"impl\":\"vector\",\"outcomes\":\"11\"", 132, "ns/op", 0),
        result("ExpReferenceBenchmark.exp", "\"components\":\"3\",\"outcomes\":\"11\"", 44, "ns/op", 0))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_full_test-cpu_jdk17.json"), json);
    String md = pages(dir);
    assertTrue(md.contains("### A floor at few outcomes"), md);
    // 66 / 44 = 1.50× the bare exp; the library's 132 ns is 2.00× the floor; the other layout 99 / 44 = 2.25×.
    assertTrue(md.contains("| 11 | 3 | outcome | 66.0 ns | 1.50× | 132.0 ns | 2.00× |"), md);
    assertTrue(md.contains("| 11 | 3 | component | 99.0 ns | 2.25× | 132.0 ns | 1.33× |"), md);
    // Beside the targets, the quicker layout only.
    assertTrue(md.contains("(`IterationFloorBenchmark`, outcome layout), outcomes = 11, components = 3, per cell ÷ "
        + "bare exp per cell | 1.50× | (reference) | – |"), md);
    assertTrue(!md.contains("component layout), outcomes = 11"), md);
  }

  @Test
  void reportComputesThroughputsRatiosAndVerdicts(@TempDir Path dir) throws Exception {
    String json = "[" + String.join(",",
        result("EStepBenchmark.eStep", "\"components\":\"8\",\"impl\":\"scalar\",\"outcomes\":\"1001\"", 8008, "ns/op", 0.01),
        result("EStepBenchmark.eStep", "\"components\":\"8\",\"impl\":\"vector\",\"outcomes\":\"1001\"", 1.6016, "us/op", 0.02),
        result("EStepBenchmark.eStep", "\"components\":\"8\",\"impl\":\"vector-exp\",\"outcomes\":\"1001\"", 3203.2, "ns/op", 0.01),
        result("EStepBenchmark.eStep", "\"components\":\"8\",\"impl\":\"vector\",\"outcomes\":\"1001\",\"threads\":\"2\"", 800.8, "ns/op", 66),
        result("IterationBenchmark.iterate", "\"components\":\"8\",\"impl\":\"scalar\",\"outcomes\":\"1001\"", 4004, "ns/op", 100),
        result("IterationBenchmark.iterate", "\"components\":\"8\",\"impl\":\"vector\",\"outcomes\":\"1001\"", 2002, "ns/op", 0),
        result("ExpReferenceBenchmark.exp", "\"components\":\"8\",\"outcomes\":\"1001\"", 1001, "ns/op", 0),
        result("MStepBenchmark.mStep", "\"components\":\"8\"", 16, "ns/op", 0.001),
        result("HistogramBuildBenchmark.build", "\"observations\":\"100000\"", 200, "us/op", 1200),
        result("RawObservationBenchmark.rawIteration", "\"components\":\"3\",\"observations\":\"100000\"", 5, "ms/op", 0),
        result("RawObservationBenchmark.histogramIteration", "\"components\":\"3\",\"observations\":\"100000\"", 1000, "ns/op", 0))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_quick_test-cpu_jdk17.json"), json);
    Files.writeString(dir.resolve("2026-01-01_quick_test-cpu_jdk17.properties"),
        "cpu=Test CPU\ncores=2\njava=openjdk version \"17.0.15\"\ncommand=bench/run.sh quick\n");
    String md = pages(dir);

    assertTrue(md.contains("| command | `bench/run.sh quick` |"), md);
    assertTrue(md.contains("Test CPU, 2 cores"), md);
    // 8008 ns / 1601.6 ns = 5.00×: the speed-up target passes.
    assertTrue(md.contains("outcomes = 1001, components = 8 | 5.00× | ≥ 4.00× | **PASS** |"), md);
    // 2002 ns / 1001 ns = 2.00×: the iteration ÷ exp target misses.
    assertTrue(md.contains("outcomes = 1001, components = 8 | 2.00× | ≤ 1.50× | **MISS** |"), md);
    assertTrue(md.contains("| vector E-step speed-up over scalar at every point of the grid | 1 of 1 points, least 5.00× "
        + "| ≥ 4.00× | **PASS** |"), md);
    assertTrue(md.contains("| iteration per cell ÷ bare exp per cell at every point with components ≥ 3 | 0 of 1 points "
        + "within, worst 2.00× | ≤ 1.00× | **MISS** |"), md);
    // E-step row: 8008 cells in 8008 ns = 1G cells/s scalar, 5G vector.
    // … and the vector kernel without its recurrence at 3203.2 ns: the recurrence gains 2.00×.
    assertTrue(md.contains("| 1001 | 8 | 8.01 µs | 1G | 1.60 µs | 5G | 5.00× | 0.0100 | 0.0200 | 3.20 µs | 2.00× |\n"), md);
    // The two-thread row stays out of the main tables and is compared with one thread: 1601.6 / 800.8 = 2.00×.
    assertTrue(md.contains("| `EStepBenchmark.eStep` | vector | 1001 | 8 | 2 | 800.8 ns | 10G | 2.00× | 66.0 |"), md);
    // Iteration per cell 0.25 ns against exp per cell 0.125 ns.
    assertTrue(md.contains("| 1001 | 8 | 4.00 µs | 2G | 2.00 µs | 4G | 2.00× | 100 | 0.00 | 0.250 | 0.125 | 2.00× miss |"), md);
    // M-step: 16 ns over 8 components.
    assertTrue(md.contains("| 8 | 16.0 ns | 2.00 | 0.00100 |"), md);
    // Build: 10^5 observations in 200 µs = 500M observations/s.
    assertTrue(md.contains("| 100000 | 200.00 µs | 500M | 1200 |"), md);
    // Raw 5 ms vs histogram 1 µs: 5000×; build + 1 iteration 201 µs; break-even after 1 iteration.
    assertTrue(md.contains("| 100000 | 3 | 5.00 ms | 20M | 1.00 µs | 5000× | 200.00 µs | 201.00 µs | 24.88× | 1 | 0.00 |"),
        md);
    // E-step: 0.02 B/op × 624k calls per 1 s iteration would be harness noise, but the two-thread row's 66 B/op
    // × 1.25M calls is real allocation. The M-step's 0.001 B/op
    // × 62.5M calls; the scalar iteration's 100 B/op × 250k calls per iteration is real allocation.
    assertTrue(md.contains("| `EStepBenchmark.eStep` | 4 | 66.0 | 82417582 | **no** | "
        + "components=8 impl=vector outcomes=1001 threads=2 (66.0 B/op) |"), md);
    assertTrue(md.contains("| `MStepBenchmark.mStep` | 1 | 0.00100 | 62500 | **yes** | none |"), md);
    assertTrue(md.contains("| `IterationBenchmark.iterate` | 2 | 100 | 24975025 | **no** | "
        + "components=8 impl=scalar outcomes=1001 (100 B/op) |"), md);

    List<Path> svgs;
    try (Stream<Path> s = Files.list(dir.resolve("charts"))) {
      svgs = s.sorted().collect(Collectors.toList());
    }
    assertEquals(3, svgs.size(), svgs.toString());
    for (Path svg : svgs) {
      assertTrue(md.contains("(charts/" + svg.getFileName() + ")"), svg.toString());
      // Well-formed XML with an svg root and at least one drawn line.
      var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
      assertEquals("svg", doc.getDocumentElement().getTagName());
      assertTrue(doc.getElementsByTagName("path").getLength() >= 1, svg.toString());
    }
  }

  @Test
  void reportShowsThreadTargetsBesideTheHostCeilings(@TempDir Path dir) throws Exception {
    String json = "[" + String.join(",",
        result("ParallelIterationBenchmark.iterate", "\"components\":\"8\",\"outcomes\":\"100001\",\"threads\":\"1\"", 120, "us/op", 0),
        result("ParallelIterationBenchmark.iterate", "\"components\":\"8\",\"outcomes\":\"100001\",\"threads\":\"2\"", 60, "us/op", 0),
        result("ParallelHistogramBuildBenchmark.build", "\"observations\":\"100000000\",\"threads\":\"1\"", 60, "ms/op", 2000),
        result("ParallelHistogramBuildBenchmark.build", "\"observations\":\"100000000\",\"threads\":\"2\"", 40, "ms/op", 4000),
        result("ParallelReferenceBenchmark.read", "\"observations\":\"100000000\",\"threads\":\"1\"", 40, "ms/op", 0),
        result("ParallelReferenceBenchmark.read", "\"observations\":\"100000000\",\"threads\":\"2\"", 25, "ms/op", 500),
        result("ParallelReferenceBenchmark.fma", "\"threads\":\"1\"", 4, "ms/op", 0),
        result("ParallelReferenceBenchmark.fma", "\"threads\":\"2\"", 2.5, "ms/op", 300))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.json"), json);
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.properties"),
        "cpu=Test CPU\ncores=2\njava=openjdk version \"17.0.15\"\ncommand=bench/run.sh threads\n");
    String md = pages(dir);
    // 120 / 60 µs passes the iteration's 1.8×; 60 / 40 ms misses the build's.
    assertTrue(md.contains("1 to 2 threads, outcomes = 100001, components = 8 | 2.00× | ≥ 1.80× | **PASS** |"), md);
    assertTrue(md.contains("1 to 2 threads, 100000000 observations | 1.50× | ≥ 1.80× | **MISS** |"), md);
    // The ceilings of the same run: 40 / 25 ms and 4 / 2.5 ms.
    assertTrue(md.contains("bare vector read of the same 100000000 observations, 1 → 2 threads (memory) | 1.60× | (reference) | – |"), md);
    assertTrue(md.contains("bare vector fused multiply-adds, 1 → 2 threads (cores) | 1.60× | (reference) | – |"), md);
    // One build on one thread: 10^8 observations in 60 ms, 1.67G per second.
    assertTrue(md.contains("| histogram build on one thread, G observations per second | 1.67 G/s | ≥ 1.00 G/s | **PASS** |"), md);
    assertTrue(md.contains("| `ParallelReferenceBenchmark.read` | 100000000 obs | 2 | 25.00 ms | 4G obs | 1.60× | 500 |"), md);
    assertTrue(md.contains("| `ParallelReferenceBenchmark.fma` | – | 2 | 2.50 ms | – | 1.60× | 300 |"), md);
    assertTrue(md.contains("| `ParallelIterationBenchmark.iterate` | 100001 outcomes | 2 | 60.00 µs | 13.3G cells | 2.00× | 0.00 |"), md);
  }

  @Test
  void olderReferenceRowsAreNeitherMislabelledNorMispaired(@TempDir Path dir) throws Exception {
    // A file from before the vector read: a scalar 'sum' (not shown) and 'spin' rows that carried observations.
    String json = "[" + String.join(",",
        result("ParallelReferenceBenchmark.sum", "\"observations\":\"1000\",\"threads\":\"1\"", 4, "us/op", 0),
        result("ParallelReferenceBenchmark.sum", "\"observations\":\"1000\",\"threads\":\"2\"", 3, "us/op", 0),
        result("ParallelReferenceBenchmark.spin", "\"observations\":\"1000\",\"threads\":\"1\"", 4, "ms/op", 0),
        result("ParallelReferenceBenchmark.spin", "\"observations\":\"1000\",\"threads\":\"2\"", 2, "ms/op", 0),
        result("ParallelReferenceBenchmark.spin", "\"observations\":\"5000\",\"threads\":\"1\"", 5, "ms/op", 0),
        result("ParallelReferenceBenchmark.spin", "\"observations\":\"5000\",\"threads\":\"2\"", 4, "ms/op", 0))
        + "]";
    Files.writeString(dir.resolve("2026-01-01_quick_test-cpu_jdk17.json"), json);
    Files.writeString(dir.resolve("2026-01-01_quick_test-cpu_jdk17.properties"), "cpu=Test CPU\ncores=2\n");
    String md = pages(dir);
    assertTrue(md.contains("in the same run: four scalar fused multiply-add chains (`spin`, bound by their latency, "
        + "not the cores' throughput). The machine"), md);
    assertTrue(md.contains("four scalar fused multiply-add chains, latency-bound, 1 → 2 threads | 2.00× | (reference) |"), md);
    assertTrue(!md.contains("vector read") && !md.contains("ParallelReferenceBenchmark.sum") && !md.contains("(cores)"), md);
    // Each two-thread row against the one-thread row of the same parameters: 4 / 2 and 5 / 4.
    assertTrue(md.contains("| `ParallelReferenceBenchmark.spin` | – | 2 | 2.00 ms | – | 2.00× | 0.00 |"), md);
    assertTrue(md.contains("| `ParallelReferenceBenchmark.spin` | – | 2 | 4.00 ms | – | 1.25× | 0.00 |"), md);
  }

  /** Generates the results and returns the dashboard and every run page, concatenated. */
  static String paired(String impl, int k, String start, double fitNanos, double fitIterations, double iterateNanos,
      double iterateCalls) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"org.emkernel.bench.ManyFitsBenchmark.paired\","
        + "\"mode\":\"thrpt\",\"jdkVersion\":\"17.0.15\",\"params\":{\"components\":\"" + k + "\",\"impl\":\"" + impl
        + "\",\"start\":\"" + start + "\"},\"primaryMetric\":{\"score\":1000.0,\"scoreError\":\"NaN\","
        + "\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{"
        + "\"fitNanos\":{\"score\":" + fitNanos + ",\"scoreUnit\":\"ops/s\"},"
        + "\"fits\":{\"score\":1000.0,\"scoreUnit\":\"ops/s\"},"
        + "\"fitIterations\":{\"score\":" + fitIterations + ",\"scoreUnit\":\"ops/s\"},"
        + "\"iterateNanos\":{\"score\":" + iterateNanos + ",\"scoreUnit\":\"ops/s\"},"
        + "\"iterateCalls\":{\"score\":" + iterateCalls + ",\"scoreUnit\":\"ops/s\"}}}";
  }

  @Test
  void freshRunsGiveIssue20sVerdictsFromMediansAndTheirPairedMeasurement(@TempDir Path dir) throws Exception {
    // Medians: hello 60, version 87 (1.45×), poisson fit default 190 / scalar 200 (0.95×; 190 / 60 = 3.1667×),
    // binomial 13 default 330 / scalar 300 (1.1×); first call 14 / 10 ms (1.4×), 14 ms ≤ 15.
    String json = "{\"profile\":\"fresh\",\"command\":\"bench/fresh.sh 3\",\"cpu\":\"test cpu\","
        + "\"cores\":\"2\",\"avx512f\":\"yes\",\"memory\":\"23.5 GiB\",\"os\":\"Linux 6.1 amd64\","
        + "\"java\":\"OpenJDK 17.0.15\",\"git\":\"abc1234\",\"load\":\"0.5 0.5 0.5\",\"rounds\":3,"
        + "\"processes\":{\"wallMillis\":{\"hello\":[60,50,70],\"version\":[87,90,80],"
        + "\"fit-poisson8-default\":[190,180,900],\"fit-poisson8-scalar\":[200,210,100],"
        + "\"fit-binomial13-default\":[330,330,330],\"fit-binomial13-scalar\":[300,300,300]},"
        + "\"insideMillis\":{\"first-call-default\":[14,13,99],\"first-call-scalar\":[10,9,11]}},"
        + "\"jmh\":[" + String.join(",",
            result("ManyFitsBenchmark.fit", "\"components\":\"2\",\"impl\":\"auto\",\"start\":\"given\"",
                260000, "ops/s", 2700),
            // 100 ns per fit iteration against 90 ns per iterate(): 1.1111×; 130 against 100: 1.3×.
            paired("auto", 2, "given", 2e8, 2e6, 1.8e8, 2e6),
            paired("auto", 3, "seeded", 2.6e8, 2e6, 2e8, 2e6),
            paired("scalar", 2, "given", 9e8, 2e6, 1e8, 2e6)) + "]}";
    Files.writeString(dir.resolve("2026-01-01_fresh_test-cpu_jdk17.json"), json);
    String md = pages(dir);
    assertTrue(md.contains("| launcher `fit` of 8-bin Poisson counts, K = 2, 8 restarts, default kernel ÷ scalar, "
        + "wall time | 0.95× | ≤ 1.00× | **PASS** |"), md);
    assertTrue(md.contains("13-bin binomial counts, K = 2, given start, tolerance 1e-13, default kernel ÷ scalar, "
        + "wall time | 1.10× | ≤ 1.00× | **MISS** |"), md);
    assertTrue(md.contains("÷ hello-world JVM with the same flags, wall time | 3.17× | ≤ 3.00× | **MISS** |"), md);
    assertTrue(md.contains("`--version` ÷ hello-world JVM with the same flags, wall time | 1.45× | ≤ 1.50× | "
        + "**PASS** |"), md);
    assertTrue(md.contains("K = 2, from a given start, default kernel | 260000 fits/s | ≥ 250000 fits/s | "
        + "**PASS** |"), md);
    assertTrue(md.contains("11 outcomes, K = 2, given start, default kernel | 1.11× | ≤ 1.20× | **PASS** |"), md);
    assertTrue(md.contains("11 outcomes, K = 3, seeded start, default kernel | 1.30× | ≤ 1.20× | **MISS** |"), md);
    assertTrue(!md.contains("K = 2, given start, default kernel | 9.00×"), "only the default kernel has a verdict");
    assertTrue(md.contains("default kernel ÷ scalar | 1.40× | ≤ 1.00× | **MISS** |"), md);
    assertTrue(md.contains("| that first call, default kernel, median | 14.00 ms | ≤ 15.00 ms | **PASS** |"), md);
    // The machine as the run recorded it.
    assertTrue(md.contains("| CPU (/proc/cpuinfo model name) | test cpu, 2 cores, AVX-512F: yes |"), md);
    assertTrue(md.contains("| memory, OS | 23.5 GiB, Linux 6.1 amd64 |"), md);
    // The dashboard counts them: 5 of the 9 measured are met.
    assertTrue(md.contains("| fresh | JDK 17.0.15 |"), md);
    assertTrue(md.contains("| 5 of 9 |"), md);
    // The page's tables: a case's median, least and most, and the paired ratio per kernel.
    assertTrue(md.contains("| fit-poisson8-default | wall | 190.0 | 180.0 | 900.0 |"), md);
    assertTrue(md.contains("| scalar | 2 | given | – | 2000.0 | 450.0 | 50.0 | 9.000× | – |"), md);
    assertTrue(md.contains("| auto | 2 | given | 260000 | 2000.0 | 100.0 | 90.0 | 1.111× | 2700 |"), md);
  }

  /**
   * Beside a fresh run's ratio, the interval of the rounds' own ratios that holds their median: for 15 rounds the
   * 4th to the 12th smallest (P(Binomial(15, ½) ≤ 3) = 1.76 %, so 96 %); for 6 the least to the largest (96.9 %);
   * none below 6.
   */
  @Test
  void freshRatiosShowTheIntervalOfTheRoundsOwnRatios() {
    double[] fifteen = new double[15];
    for (int i = 0; i < 15; i++) {
      fifteen[(i * 7) % 15] = 0.90 + 0.01 * i; // 0.90 .. 1.04, shuffled
    }
    assertEquals("rounds' own ratios: 96 % interval of their median 0.93–1.01×", Targets.medianInterval(fifteen));
    assertEquals("rounds' own ratios: 96 % interval of their median 0.80–1.30×",
        Targets.medianInterval(new double[] {1.0, 1.3, 0.8, 1.1, 0.9, 1.2}));
    assertEquals("", Targets.medianInterval(new double[] {1.0, 1.3, 0.8, 1.1, 0.9}));
  }

  static String pages(Path dir) throws IOException {
    StringBuilder all = new StringBuilder(Files.readString(Report.write(dir), StandardCharsets.UTF_8));
    for (Path d : List.of(dir, dir.resolve("history"))) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
            .collect(Collectors.toList())) {
          all.append(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }

  static String threadsRun(double oneThreadMs, double twoThreadsMs) {
    return "[" + String.join(",",
        result("ParallelIterationBenchmark.iterate", "\"components\":\"8\",\"outcomes\":\"100001\",\"threads\":\"1\"",
            oneThreadMs, "ms/op", 0),
        result("ParallelIterationBenchmark.iterate", "\"components\":\"8\",\"outcomes\":\"100001\",\"threads\":\"2\"",
            twoThreadsMs, "ms/op", 0)) + "]";
  }

  @Test
  void verdictsAreOnTheUnroundedFigureAndPrintedSoTheyAgree(@TempDir Path dir) throws Exception {
    // 1.7996 rounds to 1.80 at two decimals, the goal: the row prints enough digits to show the miss.
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.json"), threadsRun(1.7996, 1));
    String md = Files.readString(Report.write(dir), StandardCharsets.UTF_8);
    assertTrue(md.contains("outcomes = 100001, components = 8 | 1.7996× | ≥ 1.80× | **MISS** |"), md);
    assertEquals("1.80", Format.agreeing(1.8, 1.8, true));
    assertEquals("1.8001", Format.agreeing(1.80006, 1.8, false));
    assertEquals("2.68", Format.agreeing(2.6812, 1, false));
  }

  @Test
  void theDashboardKeepsTheLatestRunOfEachSeriesAndMovesTheRestToHistory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.json"), threadsRun(2, 1));
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.properties"), "profile=threads\ngit=abc1234\n"
        + "started=2026-01-01T10:00:00Z\nfinished=2026-01-01T10:04:30Z\n");
    Files.writeString(dir.resolve("2026-01-01_threads-1_test-cpu_jdk17.json"), threadsRun(1.5, 1));
    Files.writeString(dir.resolve("2026-01-01_threads-1_test-cpu_jdk17.properties"), "profile=threads\n");
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk25.json"), threadsRun(3, 1));
    String md = Files.readString(Report.write(dir), StandardCharsets.UTF_8);
    // The JDK 17 and JDK 25 series each keep their latest run; the earlier JDK 17 run moves with its sidecar.
    assertTrue(Files.exists(dir.resolve("2026-01-01_threads_test-cpu_jdk17.json")));
    assertTrue(Files.exists(dir.resolve("2026-01-01_threads_test-cpu_jdk25.json")));
    assertTrue(Files.exists(dir.resolve("history/2026-01-01_threads-1_test-cpu_jdk17.json")));
    assertTrue(Files.exists(dir.resolve("history/2026-01-01_threads-1_test-cpu_jdk17.properties")));
    assertTrue(!Files.exists(dir.resolve("2026-01-01_threads-1_test-cpu_jdk17.json")));
    assertTrue(md.contains("| threads | JDK 17.0.15 | [2026-01-01_threads_test-cpu_jdk17](2026-01-01_threads_test-cpu_jdk17.md) "
        + "| abc1234 | 2026-01-01T10:00:00Z | 4 min 30 s | 1 of 1 |"), md);
    assertTrue(md.contains("[1 in history/](history/README.md)"), md);
    // Only what the run measured: no row for the E-step, iteration or build targets.
    assertTrue(md.contains("| 2.00× | ≥ 1.80× | **PASS** |") && md.contains("| 3.00× | ≥ 1.80× | **PASS** |"), md);
    assertTrue(!md.contains("not measured") && !md.contains("E-step speed-up") && !md.contains("0 of 0"), md);
    String index = Files.readString(dir.resolve("history/README.md"), StandardCharsets.UTF_8);
    assertTrue(index.contains("[2026-01-01_threads-1_test-cpu_jdk17](2026-01-01_threads-1_test-cpu_jdk17.md)"), index);
    assertTrue(index.contains("| 0 of 1 |"), index);
    assertTrue(Files.readString(dir.resolve("history/2026-01-01_threads-1_test-cpu_jdk17.md")).contains("| 1.50× | ≥ 1.80× | **MISS** |"));
    // A second generation finds the same layout and writes the same dashboard.
    assertEquals(md, Files.readString(Report.write(dir), StandardCharsets.UTF_8));
  }

  @Test
  void aRunAlreadyInHistoryIsNeverOverwritten(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("history"));
    Files.writeString(dir.resolve("history/2026-01-01_threads-1_test-cpu_jdk17.json"), threadsRun(1.5, 1));
    Files.writeString(dir.resolve("2026-01-01_threads_test-cpu_jdk17.json"), threadsRun(2, 1));
    Files.writeString(dir.resolve("2026-01-01_threads-1_test-cpu_jdk17.json"), threadsRun(1.7, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.write(dir));
    assertTrue(e.getMessage().contains("history/2026-01-01_threads-1_test-cpu_jdk17.json already exists"), e.getMessage());
    assertTrue(Files.readString(dir.resolve("history/2026-01-01_threads-1_test-cpu_jdk17.json")).contains("1.5"));
  }

  @Test
  void compareSetsTwoRunsSideBySideAsRatios(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.writeString(a, threadsRun(2, 1));
    Files.writeString(b, threadsRun(3, 0.5));
    String md = Compare.markdown(Run.read(a), Run.read(b));
    assertTrue(md.contains("| `ParallelIterationBenchmark.iterate` | components=8 outcomes=100001 threads=1 | 2.00 ms | 3.00 ms | 1.50× |"), md);
    assertTrue(md.contains("| `ParallelIterationBenchmark.iterate` | components=8 outcomes=100001 threads=2 | 1.00 ms | 500.00 µs | 0.50× |"), md);
    // Geometric mean of 1.5 and 0.5: √0.75 = 0.866.
    assertTrue(md.contains("2 shared points; geometric mean of B ÷ A: 0.87×"), md);
  }

  @Test
  void reportOnAnEmptyDirectorySaysSo(@TempDir Path dir) throws IOException {
    assertTrue(Files.readString(Report.write(dir)).contains("No result files yet."));
  }

  @Test
  void siFormatting() {
    assertEquals("1.5k", LineChart.si(1500));
    assertEquals("2G", LineChart.si(2e9));
    assertEquals("20", LineChart.si(20));
    assertEquals("123M", LineChart.si(1.234e8));
    assertEquals("20 ns", LineChart.duration(20));
    assertEquals("1.5 µs", LineChart.duration(1500));
    assertEquals("10 ms", LineChart.duration(1e7));
    assertEquals("2 s", LineChart.duration(2e9));
  }

  @Test
  void theDashboardLinksEachOtherMeasurementsPage(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(Report.CHARTS));
    Files.createDirectories(dir.resolve("history"));
    Files.writeString(Files.createDirectories(dir.resolve("history")).resolve("README.md"), "x");
    Files.writeString(Files.createDirectories(dir.resolve("spark")).resolve("README.md"), "x");
    Files.writeString(Files.createDirectories(dir.resolve("redesign-ab")).resolve("cpu.md"), "x");
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(List.of("redesign-ab/cpu.md", "spark/README.md"), Dashboard.otherPages(dir));
  }
}
