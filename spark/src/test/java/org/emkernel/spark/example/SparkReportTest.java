package org.emkernel.spark.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures are the JSON's, computed as documented (rows over seconds, the best Spark run). */
class SparkReportTest {
  private static final String RUN = "{\"date\":\"2026-12-07T16:00:00Z\",\"machine\":{\"cpu\":\"AMD EPYC\","
      + "\"processors\":2,\"os\":\"Linux 6 amd64\",\"maxHeapMiB\":4096,\"loadAverageBefore\":12.5,\"loadAverageAfter\":20.25},\"jdk\":{\"version\":\"17.0.15\","
      + "\"vm\":\"OpenJDK 64-Bit Server VM\",\"vendor\":\"Debian\"},\"spark\":\"4.2.0\","
      + "\"command\":\"mvn -B -q -pl spark -am package -DskipTests -Pexample\",\"jvmArguments\":[\"-Xmx4g\"],"
      + "\"arguments\":[],\"rows\":10000000,\"keys\":1000,\"partitions\":8,\"master\":\"local[2]\","
      + "\"components\":2,\"kernel\":\"vector\",\"generateSeconds\":30.25,"
      + "\"sparkRuns\":[{\"seconds\":25.0,\"stages\":[]},{\"seconds\":20.0,\"stages\":[{\"id\":7,"
      + "\"name\":\"collectAsList at X.java:1\",\"tasks\":8,\"wallMs\":1500,\"runMs\":2900,\"cpuMs\":2500,"
      + "\"shuffleWriteMs\":12,\"shuffleWriteBytes\":2097152,\"shuffleWriteRecords\":4000,"
      + "\"shuffleFetchWaitMs\":3,\"shuffleReadBytes\":0}]}],"
      + "\"sparkHistogram\":{\"seconds\":4.0,\"identicalToCore\":true},"
      + "\"singleJvmLoop\":{\"histogramSeconds\":3.0,\"fitSeconds\":2.0,\"cpuSeconds\":4.5,\"identicalToSpark\":true},"
      + "\"collected\":{\"collectSeconds\":40.0,\"histogramSeconds\":3.0,\"fitSeconds\":2.0,"
      + "\"identicalToSpark\":true}}";

  @Test
  void reportShowsRatesAndStagesFromTheJson(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("2026-12-07_fit-per-key_jdk17.json"), RUN);
    Files.writeString(dir.resolve("2026-12-07_fit-per-key-1_jdk17.json"), RUN.replace("16:00:00Z", "17:00:00Z"));
    SparkReport.write(dir);
    String md = Files.readString(dir.resolve("README.md"));
    assertTrue(md.indexOf("## 2026-12-07_fit-per-key-1_jdk17\n") < md.indexOf("## 2026-12-07_fit-per-key_jdk17\n"),
        "newest run first");
    assertTrue(md.contains("## 2026-12-07_fit-per-key_jdk17\n"), md);
    assertTrue(md.contains("| Spark `KeyedFitter`, local[2] (best of 2) | 20.0 | 5.00e+05 | | | |"), md);
    assertTrue(md.contains("| single-JVM loop, 1 thread | 5.0 | 2.00e+06 | 3.0 | 2.0 | CPU 4.5 |"), md);
    assertTrue(md.contains("| core on rows collected from Spark | 45.0 | 2.22e+05 | 3.0 | 2.0 | collect 40.0 |"), md);
    assertTrue(md.contains("| 7 collectAsList at X.java:1 | 8 | 1500 | 2900 | 2500 | 12 | 2.0 MiB | 4000 | 3 |"), md);
    assertTrue(md.contains("`SparkHistograms.histogram` of the whole value column: 4.0 s, 2.50e+06 rows/s"), md);
    assertTrue(md.contains("max heap 4096 MiB; system load average 12.5 before, 20.3 after"), md);
    assertTrue(md.contains("CPU time: Spark's tasks 2.5 s in all, the single-JVM loop 4.5 s."), md);
    assertTrue(md.contains("- Command: `mvn -B -q -pl spark -am package -DskipTests -Pexample`"), md);
    assertTrue(md.contains("- JDK: 17.0.15 (OpenJDK 64-Bit Server VM, Debian); Spark 4.2.0; kernel vector"), md);
  }
}
