package org.emkernel.spark.example;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.executor.ShuffleReadMetrics;
import org.apache.spark.executor.ShuffleWriteMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/** Records each completed stage's metrics: where a Spark job's time goes (scan and count, shuffle, fit). */
final class StageMetrics extends SparkListener {
  /** One stage's figures; times in milliseconds, summed over its tasks unless named wall. */
  static final class Stage {
    final int id;
    final String name;
    final int tasks;
    final long wallMs;
    final long runMs;
    final long cpuMs;
    final long shuffleWriteMs;
    final long shuffleWriteBytes;
    final long shuffleWriteRecords;
    final long shuffleFetchWaitMs;
    final long shuffleReadBytes;
    final long inputRecords;

    Stage(StageInfo info) {
      TaskMetrics m = info.taskMetrics();
      ShuffleWriteMetrics w = m.shuffleWriteMetrics();
      ShuffleReadMetrics r = m.shuffleReadMetrics();
      this.id = info.stageId();
      this.name = info.name();
      this.tasks = info.numTasks();
      long start = info.submissionTime().isDefined() ? (Long) info.submissionTime().get() : 0;
      long end = info.completionTime().isDefined() ? (Long) info.completionTime().get() : start;
      this.wallMs = end - start;
      this.runMs = m.executorRunTime();
      this.cpuMs = m.executorCpuTime() / 1_000_000;
      this.shuffleWriteMs = w.writeTime() / 1_000_000;
      this.shuffleWriteBytes = w.bytesWritten();
      this.shuffleWriteRecords = w.recordsWritten();
      this.shuffleFetchWaitMs = r.fetchWaitTime();
      this.shuffleReadBytes = r.totalBytesRead();
      this.inputRecords = m.inputMetrics().recordsRead();
    }
  }

  private final List<Stage> stages = new ArrayList<>();

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    stages.add(new Stage(event.stageInfo()));
  }

  /** The stages completed since the last call, in completion order. */
  synchronized List<Stage> drain() {
    List<Stage> out = new ArrayList<>(stages);
    stages.clear();
    return out;
  }
}
