package org.emkernel.spark;

import org.apache.spark.sql.SparkSession;

/** The local[2] session each test class starts and stops: no UI, few shuffle partitions, loopback only. */
final class TestSessions {
  private TestSessions() {}

  static SparkSession start(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
