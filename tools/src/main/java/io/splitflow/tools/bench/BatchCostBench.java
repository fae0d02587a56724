package io.splitflow.tools.bench;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.tools.ScratchLake;
import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.QueryProgress;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.SensorGenerator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench --batch-cost}: each job's fixed CPU per micro-batch and CPU per record by the
 * two-run method, beside the same figures of a plain reference query, on a broker of its own (its
 * CPU left out) and one generated JSON data set.
 */
public final class BatchCostBench {
  private static final String WARMUP_TOPIC = "bench_warmup";

  /** Batches of the warm-up's small-batch runs: enough for the JIT to see each batch's path. */
  private static final long WARMUP_BATCHES = 3;

  private BatchCostBench() {}

  public static BatchCostResult run(BenchSettings settings, long batch, PrintWriter log)
      throws Exception {
    Instant started = Instant.now();
    long start = System.nanoTime();
    ScratchLake.reset(settings.lake(), "bench");
    SplitflowConfig config = ConfigLoader.load(settings.config(), List.of(), System.getenv());
    String topic = config.dataset(settings.format().dataset()).topic();
    long warmup = Math.min(settings.warmupRecords(), WARMUP_BATCHES * batch);
    try (BrokerChild broker =
        BrokerChild.start(
            List.of(topic, WARMUP_TOPIC),
            settings.partitions(),
            settings.lake().resolve("broker.log"))) {
      long produced = produce(broker, topic, settings, settings.records(), 42L);
      log.printf(Locale.ROOT, "bench: produced %,d json records%n", produced);
      long warmupProduced = warmup > 0 ? produce(broker, WARMUP_TOPIC, settings, warmup, 7L) : 0;
      log.flush();

      boolean joined = SparkSession.getDefaultSession().isDefined();
      SparkSession spark = SparkSessions.getOrCreate("splitflow-bench", config);
      QueryProgress progress = new QueryProgress();
      spark.streams().addListener(progress);
      try {
        BatchCostPass pass =
            new BatchCostPass(
                spark,
                settings,
                new Meter(Optional.of(broker.handle())),
                progress,
                broker.bootstrapServers(),
                log);
        if (warmupProduced >= WARMUP_BATCHES) {
          log.printf(Locale.ROOT, "bench: warming up on %,d records%n", warmupProduced);
          log.flush();
          long warmupBatch = (warmupProduced + WARMUP_BATCHES - 1) / WARMUP_BATCHES;
          pass.run(0, settings.lake().resolve("warmup"), WARMUP_TOPIC, warmupProduced, warmupBatch);
        }
        List<BatchCostRun> runs = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
          log.printf("bench: batch cost, run %d of %d%n", i, settings.runs());
          log.flush();
          runs.add(pass.run(i, settings.lake().resolve("run-" + i), topic, produced, batch));
        }
        return new BatchCostResult(
            started,
            (System.nanoTime() - start) / 1e9,
            BenchEnvironment.machine(spark),
            BenchEnvironment.versions(spark),
            settingsMap(settings, batch, config),
            runs);
      } finally {
        spark.streams().removeListener(progress);
        if (!joined) {
          spark.stop();
        }
      }
    }
  }

  private static long produce(
      BrokerChild broker, String topic, BenchSettings settings, long records, long seed) {
    return KafkaMessageWriter.produce(
        broker.bootstrapServers(),
        topic,
        new SensorGenerator(Bench.generator(settings, records, seed)));
  }

  private static Map<String, Object> settingsMap(
      BenchSettings settings, long batch, SplitflowConfig config) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", "batch-cost");
    map.put("records", settings.records());
    map.put("small_batch_records", batch);
    map.put("format", "json");
    map.put("dataset", settings.format().dataset());
    map.put("merge_mode", settings.mergeMode());
    map.put("partitions", settings.partitions());
    map.put("keys", settings.keys());
    map.put("bad_share", settings.badShare());
    map.put("warmup_records", Math.min(settings.warmupRecords(), WARMUP_BATCHES * batch));
    map.put("runs", settings.runs());
    map.put("config", settings.config().toString());
    // the session every job and reference ran in: the config's spark section
    config.spark().forEach((k, v) -> map.put(k, v));
    return map;
  }
}
