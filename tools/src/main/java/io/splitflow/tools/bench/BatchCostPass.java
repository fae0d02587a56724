package io.splitflow.tools.bench;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.InputCheck;
import io.splitflow.tools.bench.batchcost.JobCost;
import io.splitflow.tools.bench.batchcost.QueryProgress;
import io.splitflow.tools.bench.batchcost.ReferenceQueries;
import io.splitflow.tools.bench.batchcost.RunCost;
import io.splitflow.tools.bench.batchcost.TwoRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One repetition of {@code bench --batch-cost}: the pipeline twice over the same topic, once with
 * the whole backlog in one batch and once in small batches, each job followed by its reference
 * query on the same input (the topic, or the raw and bronze that splitflow's own run wrote).
 */
final class BatchCostPass {
  static final String INGEST = "ingest";
  static final String DESERIALIZE = "deserialize";
  static final String MERGE = "merge";

  /** The targets: splitflow's fixed CPU per batch at most this many times the reference's. */
  static final Map<String, Double> TARGETS = Map.of(INGEST, 1.0, DESERIALIZE, 1.0, MERGE, 1.5);

  /** More files than any one-batch run reads, so that the whole input is one batch. */
  private static final int ALL_FILES = 1_000_000;

  private static final Duration EVENTS_TIMEOUT = Duration.ofMinutes(2);

  private final SparkSession spark;
  private final BenchSettings settings;
  private final Meter meter;
  private final QueryProgress progress;
  private final String bootstrapServers;
  private final PrintWriter log;

  BatchCostPass(
      SparkSession spark,
      BenchSettings settings,
      Meter meter,
      QueryProgress progress,
      String bootstrapServers,
      PrintWriter log) {
    this.spark = spark;
    this.settings = settings;
    this.meter = meter;
    this.progress = progress;
    this.bootstrapServers = bootstrapServers;
    this.log = log;
  }

  /** A job's and its reference's run in one mode. */
  private record Pair(RunCost splitflow, RunCost reference) {}

  BatchCostRun run(int index, Path lake, String topic, long produced, long batch) throws Exception {
    Map<String, Pair> one = mode(lake.resolve("one-batch"), topic, produced, produced, false);
    Map<String, Pair> small = mode(lake.resolve("small-batches"), topic, produced, batch, true);
    List<JobCost> jobs = new ArrayList<>();
    for (String job : List.of(INGEST, DESERIALIZE, MERGE)) {
      JobCost cost =
          new JobCost(
              job,
              new TwoRuns(one.get(job).splitflow(), small.get(job).splitflow()),
              new TwoRuns(one.get(job).reference(), small.get(job).reference()),
              TARGETS.get(job));
      InputCheck.moreBatches("splitflow's " + job, cost.splitflow());
      InputCheck.moreBatches(job + " reference", cost.reference());
      jobs.add(cost);
    }
    return new BatchCostRun(index, jobs);
  }

  /**
   * The three jobs and references in one mode. In the small-batch mode each Delta-reading run takes
   * as many files a batch as the run before it wrote a batch, so every job runs about as many
   * batches as ingest did.
   */
  private Map<String, Pair> mode(
      Path lake, String topic, long produced, long maxOffsets, boolean small) throws Exception {
    String label = small ? "small batches" : "one batch";
    Map<String, Pair> pairs = new LinkedHashMap<>();

    JobContext ingest = context(lake, topic, maxOffsets, ALL_FILES, JobName.INGEST);
    ReferenceQueries.Target refRaw = target(lake, "raw");
    Pair ingested =
        new Pair(
            measure(INGEST, label, () -> runJob(ingest)),
            measure(
                INGEST + " reference",
                label,
                () -> ReferenceQueries.ingest(spark, bootstrapServers, topic, maxOffsets, refRaw)));
    TableRef raw = ingest.table(TableLayer.RAW);
    long rawRows = raw.read(spark).count();
    Map<String, Long> ingestCounts = read(ingested);
    ingestCounts.put("raw rows", rawRows);
    ingestCounts.put("reference raw rows", TableRef.atPath(refRaw.table()).read(spark).count());
    InputCheck.same("ingest, " + label, produced, ingestCounts);
    pairs.put(INGEST, ingested);

    int rawFiles = small ? filesPerBatch(raw, ingested.splitflow().batches()) : ALL_FILES;
    JobContext deserialize = context(lake, topic, maxOffsets, rawFiles, JobName.DESERIALIZE);
    ReferenceQueries.Target refBronze = target(lake, "bronze");
    Pair deserialized =
        new Pair(
            measure(DESERIALIZE, label, () -> runJob(deserialize)),
            measure(
                DESERIALIZE + " reference",
                label,
                () ->
                    ReferenceQueries.deserialize(
                        spark, deserialize.dataset(), raw, rawFiles, refBronze)));
    Map<String, Long> deserializeCounts = read(deserialized);
    deserializeCounts.put(
        "reference bronze + dead-letter rows",
        TableRef.atPath(refBronze.table()).read(spark).count()
            + TableRef.atPath(refBronze.deadLetters()).read(spark).count());
    InputCheck.same("deserialize, " + label, rawRows, deserializeCounts);
    pairs.put(DESERIALIZE, deserialized);

    TableRef bronze = deserialize.table(TableLayer.BRONZE);
    long bronzeRows = bronze.read(spark).count();
    int bronzeFiles = small ? filesPerBatch(bronze, deserialized.splitflow().batches()) : ALL_FILES;
    JobContext merge = context(lake, topic, maxOffsets, bronzeFiles, JobName.MERGE);
    ReferenceQueries.Target refGold = target(lake, "gold");
    Pair merged =
        new Pair(
            measure(MERGE, label, () -> runJob(merge)),
            measure(
                MERGE + " reference",
                label,
                () ->
                    ReferenceQueries.merge(spark, merge.dataset(), bronze, bronzeFiles, refGold)));
    InputCheck.same("merge, " + label, bronzeRows, read(merged));
    pairs.put(MERGE, merged);
    log.printf(
        Locale.ROOT,
        "bench: %s: raw %,d rows, bronze %,d, gold %,d (reference gold %,d); Delta files a batch:"
            + " deserialize %s, merge %s%n",
        label,
        rawRows,
        bronzeRows,
        merge.table(TableLayer.GOLD).read(spark).count(),
        TableRef.atPath(refGold.table()).read(spark).count(),
        small ? rawFiles : "all",
        small ? bronzeFiles : "all");
    log.flush();
    return pairs;
  }

  /** The records each side read, by its progress. */
  private static Map<String, Long> read(Pair pair) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("splitflow read", pair.splitflow().records());
    counts.put("reference read", pair.reference().records());
    return counts;
  }

  /** The Delta files the upstream run wrote per batch, at least one. */
  private int filesPerBatch(TableRef table, long batches) {
    long files = table.deltaTable(spark).detail().select("numFiles").first().getLong(0);
    return (int) Math.max(1, Math.round((double) files / Math.max(1, batches)));
  }

  /** A streaming query run to its end. */
  @FunctionalInterface
  private interface Query {
    void run() throws Exception;
  }

  private RunCost measure(String name, String label, Query query) throws Exception {
    long jit0 = JitCpu.nanos();
    Measurement m =
        meter.measure(
            name,
            () -> {
              query.run();
              return Meter.Outcome.of(0);
            });
    long jit1 = JitCpu.nanos();
    double jit = jit0 < 0 || jit1 < 0 ? Double.NaN : (jit1 - jit0) / 1e9;
    QueryProgress.Counted counted = progress.drain(EVENTS_TIMEOUT);
    log.printf(
        Locale.ROOT,
        "bench: %-22s %-13s %,9d records %,5d batches %7.1f CPU-s (JIT %.1f) %7.1f s%n",
        name,
        label,
        counted.records(),
        counted.batches(),
        m.cpuSeconds(),
        jit,
        m.wallSeconds());
    log.flush();
    return new RunCost(counted.records(), counted.batches(), m.cpuSeconds(), m.wallSeconds(), jit);
  }

  private void runJob(JobContext context) throws Exception {
    JobRunner.run(spark, context, BenchPass.streamingJob(context.job()));
  }

  private static ReferenceQueries.Target target(Path lake, String table) {
    Path reference = lake.resolve("reference");
    return new ReferenceQueries.Target(
        reference.resolve(table).toAbsolutePath().toString(),
        reference.resolve("dead_letter").toAbsolutePath().toString(),
        reference.resolve("_checkpoints").resolve(table).toAbsolutePath().toString());
  }

  private JobContext context(Path lake, String topic, long maxOffsets, int maxFiles, JobName job) {
    String dataset = "datasets." + settings.format().dataset();
    Path split = lake.resolve("splitflow");
    List<String> overrides =
        List.of(
            "kafka.bootstrap-servers=" + bootstrapServers,
            "kafka.max-offsets-per-trigger=" + maxOffsets,
            "lake.root=" + split.toAbsolutePath(),
            "lake.checkpoint-root=" + split.resolve("_checkpoints").toAbsolutePath(),
            dataset + ".topic=" + topic,
            dataset + ".merge.mode=" + settings.mergeMode(),
            dataset + ".sizing.max-files-per-trigger=" + maxFiles);
    SplitflowConfig config = ConfigLoader.load(settings.config(), overrides, System.getenv());
    return new JobContext(
        config, config.dataset(settings.format().dataset()), job, new TriggerSpec.AvailableNow());
  }
}
