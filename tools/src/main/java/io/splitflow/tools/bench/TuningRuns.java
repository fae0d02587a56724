package io.splitflow.tools.bench;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.merge.MergeTuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The knobs the bench tries, each one job run again on the pass's own input with one setting
 * changed (a Spark conf or a config key), into a lake of its own. Reported beside the default run
 * of the same job; none of them changes the workload.
 */
final class TuningRuns {
  /** One knob: the job it applies to, how it is set, and the setting tried. */
  record Knob(
      JobName job, String knob, String setting, Map<String, String> confs, List<String> sets) {}

  static final List<Knob> KNOBS =
      List.of(
          new Knob(
              JobName.INGEST,
              "Kafka fetch sizes",
              "max.partition.fetch.bytes 8 MiB, fetch.max.bytes 64 MiB, max.poll.records 10000",
              Map.of(),
              List.of(
                  "kafka.options.max.partition.fetch.bytes=8388608",
                  "kafka.options.fetch.max.bytes=67108864",
                  "kafka.options.max.poll.records=10000")),
          new Knob(
              JobName.INGEST,
              "micro-batch size",
              "max-offsets-per-trigger 1,000,000",
              Map.of(),
              List.of("kafka.max-offsets-per-trigger=1000000")),
          new Knob(
              JobName.INGEST,
              "Parquet codec",
              "zstd (default snappy)",
              Map.of("spark.sql.parquet.compression.codec", "zstd"),
              List.of()),
          new Knob(
              JobName.INGEST,
              "optimized writes",
              "spark.databricks.delta.optimizeWrite.enabled true",
              Map.of("spark.databricks.delta.optimizeWrite.enabled", "true"),
              List.of()),
          new Knob(
              JobName.DESERIALIZE,
              "Parquet codec",
              "zstd (default snappy)",
              Map.of("spark.sql.parquet.compression.codec", "zstd"),
              List.of()),
          new Knob(
              JobName.MERGE,
              "MERGE source materialisation",
              "Delta copies the source again: materializeSource auto (splitflow: none)",
              Map.of("spark.databricks.delta.merge.materializeSource", "auto"),
              List.of()),
          new Knob(
              JobName.MERGE,
              "deletion vectors",
              "on (default off)",
              Map.of(),
              List.of("datasets.%s.merge.deletion-vectors=true")),
          new Knob(
              JobName.MERGE,
              "broadcast the batch",
              "never (default up to 100,000 rows)",
              Map.of(MergeTuning.BROADCAST_MAX_ROWS, "0"),
              List.of()),
          new Knob(
              JobName.MERGE,
              "shuffle partitions",
              "2 (default 4)",
              Map.of("spark.sql.shuffle.partitions", "2"),
              List.of()));

  private TuningRuns() {}

  interface Contexts {
    JobContext context(Path lake, JobName job, String... sets);
  }

  static List<Tuning> run(
      SparkSession spark,
      Meter meter,
      Contexts contexts,
      JobContext split,
      Path lake,
      String dataset,
      Map<JobName, Measurement> defaults)
      throws Exception {
    List<Tuning> tuning = new ArrayList<>();
    defaults.forEach(
        (job, m) ->
            tuning.add(
                new Tuning(
                    job.id(),
                    "(default)",
                    "as measured above",
                    m.recordsPerCpuSecond(),
                    m.wallSeconds())));
    int i = 0;
    for (Knob knob : KNOBS) {
      List<String> sets = new ArrayList<>();
      knob.sets().forEach(s -> sets.add(String.format(s, dataset)));
      // the upstream table of the pass is this run's input: deserialize and merge do not redo
      // the jobs before them
      if (knob.job() != JobName.INGEST) {
        sets.add("datasets." + dataset + ".tables.raw.path=" + split.table(TableLayer.RAW).path());
      }
      if (knob.job() == JobName.MERGE) {
        sets.add(
            "datasets." + dataset + ".tables.bronze.path=" + split.table(TableLayer.BRONZE).path());
      }
      JobContext context =
          contexts.context(lake.resolve("knob-" + i++), knob.job(), sets.toArray(String[]::new));
      long records = defaults.get(knob.job()).records();
      Measurement m =
          withConfs(
              spark.conf(),
              knob.confs(),
              () ->
                  meter.measure(
                      knob.job().id() + ": " + knob.knob(),
                      () -> {
                        JobRunner.run(spark, context, BenchPass.streamingJob(knob.job()));
                        return Meter.Outcome.of(records);
                      }));
      tuning.add(
          new Tuning(
              knob.job().id(),
              knob.knob(),
              knob.setting(),
              m.recordsPerCpuSecond(),
              m.wallSeconds()));
    }
    return tuning;
  }

  interface Measured {
    Measurement run() throws Exception;
  }

  private static Measurement withConfs(RuntimeConfig conf, Map<String, String> confs, Measured body)
      throws Exception {
    Map<String, String> before = new java.util.HashMap<>();
    confs.keySet().forEach(k -> before.put(k, conf.getOption(k).getOrElse(() -> null)));
    confs.forEach(conf::set);
    try {
      return body.run();
    } finally {
      before.forEach(
          (k, v) -> {
            if (v == null) {
              conf.unset(k);
            } else {
              conf.set(k, v);
            }
          });
    }
  }
}
