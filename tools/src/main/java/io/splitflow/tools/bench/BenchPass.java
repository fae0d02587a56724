package io.splitflow.tools.bench;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import io.splitflow.tools.bench.ceiling.AppendCeiling;
import io.splitflow.tools.bench.ceiling.ConsumerCeiling;
import io.splitflow.tools.bench.ceiling.DecodeCeiling;
import io.splitflow.tools.bench.ceiling.DecodeFormat;
import io.splitflow.tools.bench.ceiling.Payloads;
import io.splitflow.tools.bench.merge.MergeCost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * One repetition of the bench over the produced topic: the ceilings, the three jobs one after
 * another (each alone on the previous one's table), merge in small batches, the monolith, and the
 * MERGE-versus-append point; then the ratios. Every table of a pass lives under its own lake.
 */
final class BenchPass {
  private final SparkSession spark;
  private final BenchSettings settings;
  private final Meter meter;
  private final String bootstrapServers;
  private final PrintWriter log;

  BenchPass(
      SparkSession spark,
      BenchSettings settings,
      Meter meter,
      String bootstrapServers,
      PrintWriter log) {
    this.spark = spark;
    this.settings = settings;
    this.meter = meter;
    this.bootstrapServers = bootstrapServers;
    this.log = log;
  }

  BenchRun run(int index, Path lake, long produced) throws Exception {
    List<Measurement> measured = new ArrayList<>();
    JobContext split = context(lake.resolve("split"), JobName.INGEST);
    DatasetConfig dataset = split.dataset();

    measured.add(report(ConsumerCeiling.measure(meter, bootstrapServers, dataset.topic())));
    List<byte[]> payloads = Payloads.fetch(bootstrapServers, dataset.topic());
    DecodeFormat format = decodeFormat();
    measured.add(report(DecodeCeiling.measure(meter, payloads, format, 1)));
    measured.add(report(DecodeCeiling.measure(meter, payloads, format, 2)));
    payloads = null; // the decode ceiling's two million arrays are garbage from here on

    Measurement ingest = report(job(Stages.INGEST, split, JobName.INGEST, produced));
    long rawRows = split.table(TableLayer.RAW).read(spark).count();
    Measurement deserialize = report(job(Stages.DESERIALIZE, split, JobName.DESERIALIZE, rawRows));
    long bronzeRows = split.table(TableLayer.BRONZE).read(spark).count();
    Measurement merge = report(job(Stages.MERGE_LARGE, split, JobName.MERGE, bronzeRows));
    measured.add(ingest);
    measured.add(deserialize);
    measured.add(merge);
    Measurement sequence = sum(Stages.SPLIT, produced, ingest, deserialize, merge);
    measured.add(report(sequence));

    Measurement appendRaw =
        report(
            AppendCeiling.measure(
                meter,
                spark,
                split.table(TableLayer.RAW).read(spark),
                lake.resolve("l3-raw").toString(),
                Stages.L3_APPEND_RAW));
    Measurement appendBronze =
        report(
            AppendCeiling.measure(
                meter,
                spark,
                split.table(TableLayer.BRONZE).read(spark),
                lake.resolve("l3-bronze").toString(),
                Stages.L3_APPEND_BRONZE));
    measured.add(appendRaw);
    measured.add(appendBronze);

    JobContext small = context(lake.resolve("small"), JobName.MERGE);
    measured.add(
        report(
            meter.measure(
                Stages.MERGE_SMALL,
                () ->
                    Meter.Outcome.of(
                        SmallBatchMerge.run(
                            spark,
                            split,
                            small,
                            settings.partitions(),
                            settings.smallBatchRecords(),
                            settings.smallBatchLimit())))));

    JobContext monolith = context(lake.resolve("monolith"), JobName.MERGE);
    Measurement mono =
        report(
            meter.measure(
                Stages.MONOLITH,
                () -> {
                  Monolith.run(spark, monolith);
                  return Meter.Outcome.of(produced);
                }));
    measured.add(mono.withDetails(GoldComparison.of(spark, split, monolith)));

    List<ScalingPoint> points = new ArrayList<>();
    for (boolean deletionVectors : List.of(true, false)) {
      ScalingPoint point =
          MergeCost.measure(
              spark,
              lake.resolve("merge-point-" + (deletionVectors ? "dv" : "no-dv")),
              settings.mergePointGold(),
              settings.mergePointBatch(),
              settings.updateShare(),
              deletionVectors);
      log.printf(
          Locale.ROOT,
          "bench: MERGE %,d rows into %,d gold (deletion vectors %s): %.2f s, append %.2f s%n",
          point.batchRows(),
          point.goldRows(),
          deletionVectors ? "on" : "off",
          point.mergeSeconds(),
          point.appendSeconds());
      log.flush();
      points.add(point);
    }
    List<Tuning> tuning = List.of();
    if (settings.tuning() && index == 1) {
      tuning =
          TuningRuns.run(
              spark,
              meter,
              this::context,
              split,
              lake.resolve("tuning"),
              settings.format().dataset(),
              Map.of(
                  JobName.INGEST, ingest, JobName.DESERIALIZE, deserialize, JobName.MERGE, merge));
      tuning.stream()
          .skip(3)
          .forEach(
              t ->
                  log.printf(
                      Locale.ROOT,
                      "bench: tuning %-12s %-30s %10.0f rec/CPU-s %6.1f s (%s)%n",
                      t.stage(),
                      t.knob(),
                      t.recordsPerCpuSecond(),
                      t.wallSeconds(),
                      t.setting()));
      log.flush();
    }
    return new BenchRun(index, measured, BenchRatios.of(measured, points), points, tuning);
  }

  private DecodeFormat decodeFormat() {
    if (settings.format() == BenchSettings.BenchFormat.JSON) {
      return DecodeFormat.json();
    }
    Path conf = settings.config().toAbsolutePath().getParent();
    return DecodeFormat.confluentAvro(
        conf.resolve("schemas/sensor_reading.avsc"), conf.resolve("schemas/registry"));
  }

  /** A fresh instance of the job's class, as each run of a job gets. */
  static StreamingJob streamingJob(JobName job) {
    return switch (job) {
      case INGEST -> new IngestJob();
      case DESERIALIZE -> new DeserializeJob();
      case MERGE -> new MergeJob();
    };
  }

  private Measurement job(String name, JobContext split, JobName job, long records)
      throws Exception {
    JobContext context =
        new JobContext(split.config(), split.dataset(), job, new TriggerSpec.AvailableNow());
    return meter.measure(
        name,
        () -> {
          JobRunner.run(spark, context, streamingJob(job));
          return Meter.Outcome.of(records);
        });
  }

  /**
   * Runs the three jobs and the monolith once over a small topic, unmeasured, so that the first
   * measured stage does not pay for loading Spark's and Delta's classes and the JIT's first pass.
   */
  void warmUp(Path lake, String topic) throws Exception {
    String set = "datasets." + settings.format().dataset() + ".topic=" + topic;
    JobContext split = context(lake.resolve("split"), JobName.INGEST, set);
    for (JobName job : List.of(JobName.INGEST, JobName.DESERIALIZE, JobName.MERGE)) {
      JobRunner.run(
          spark,
          new JobContext(split.config(), split.dataset(), job, new TriggerSpec.AvailableNow()),
          streamingJob(job));
    }
    Monolith.run(spark, context(lake.resolve("monolith"), JobName.MERGE, set));
  }

  private JobContext context(Path lake, JobName job, String... extra) {
    List<String> overrides = new ArrayList<>();
    overrides.add("kafka.bootstrap-servers=" + bootstrapServers);
    overrides.add("kafka.max-offsets-per-trigger=" + settings.maxOffsetsPerTrigger());
    overrides.add("lake.root=" + lake.toAbsolutePath());
    overrides.add("lake.checkpoint-root=" + lake.resolve("_checkpoints").toAbsolutePath());
    overrides.add(
        "datasets." + settings.format().dataset() + ".merge.mode=" + settings.mergeMode());
    overrides.addAll(List.of(extra));
    SplitflowConfig config = ConfigLoader.load(settings.config(), overrides, System.getenv());
    return new JobContext(
        config, config.dataset(settings.format().dataset()), job, new TriggerSpec.AvailableNow());
  }

  static Measurement sum(String name, long records, Measurement... parts) {
    double wall = 0;
    double cpu = 0;
    double broker = 0;
    long heap = 0;
    for (Measurement part : parts) {
      wall += part.wallSeconds();
      cpu += part.cpuSeconds();
      broker += part.brokerCpuSeconds();
      heap = Math.max(heap, part.peakHeapBytes());
    }
    return new Measurement(name, records, wall, cpu, broker, heap, Map.of());
  }

  private Measurement report(Measurement m) {
    log.printf(
        Locale.ROOT,
        "bench: %-32s %,11d records %8.1f s %10.0f rec/s %10.0f rec/CPU-s (broker %.1f CPU-s)%n",
        m.name(),
        m.records(),
        m.wallSeconds(),
        m.recordsPerSecond(),
        m.recordsPerCpuSecond(),
        m.brokerCpuSeconds());
    log.flush();
    return m;
  }

  static Optional<Measurement> find(List<Measurement> all, String name) {
    return all.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
