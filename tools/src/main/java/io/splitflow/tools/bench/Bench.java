package io.splitflow.tools.bench;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.tools.ScratchLake;
import io.splitflow.tools.bench.merge.MergeCost;
import io.splitflow.tools.generate.ConfluentAvroTranscoder;
import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.SensorGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The bench: a broker in a child JVM, one generated data set on it, a warm-up, then each pass of
 * {@link BenchPass} on the same backlog, and the gold-size scaling grid when asked for.
 */
public final class Bench {
  private static final String WARMUP_TOPIC = "bench_warmup";

  private Bench() {}

  public static BenchResult run(BenchSettings settings, PrintWriter log) throws Exception {
    Instant started = Instant.now();
    long start = System.nanoTime();
    ScratchLake.reset(settings.lake(), "bench");
    SplitflowConfig config = ConfigLoader.load(settings.config(), List.of(), System.getenv());
    String topic = config.dataset(settings.format().dataset()).topic();
    Path brokerLog = settings.lake().resolve("broker.log");
    try (BrokerChild broker =
        BrokerChild.start(List.of(topic, WARMUP_TOPIC), settings.partitions(), brokerLog)) {
      long produceStart = System.nanoTime();
      MessageSizes sizes = new MessageSizes();
      long produced =
          KafkaMessageWriter.produce(
              broker.bootstrapServers(),
              topic,
              sizes.counting(encoded(generator(settings, settings.records(), 42L), settings)));
      log.printf(
          Locale.ROOT,
          "bench: produced %,d %s records (mean value %.0f bytes, key %.0f bytes) in %.1f s%n",
          produced,
          settings.format().name().toLowerCase(Locale.ROOT),
          sizes.meanValueBytes(),
          sizes.meanKeyBytes(),
          (System.nanoTime() - produceStart) / 1e9);
      KafkaMessageWriter.produce(
          broker.bootstrapServers(),
          WARMUP_TOPIC,
          encoded(generator(settings, settings.warmupRecords(), 7L), settings));
      log.flush();

      boolean joined = SparkSession.getDefaultSession().isDefined();
      SparkSession spark = SparkSessions.getOrCreate("splitflow-bench", config);
      try {
        Meter meter = new Meter(Optional.of(broker.handle()));
        BenchPass pass = new BenchPass(spark, settings, meter, broker.bootstrapServers(), log);
        if (settings.warmupRecords() > 0) {
          log.printf(Locale.ROOT, "bench: warming up on %,d records%n", settings.warmupRecords());
          log.flush();
          pass.warmUp(settings.lake().resolve("warmup"), WARMUP_TOPIC);
        }
        List<BenchRun> runs = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
          log.printf("bench: run %d of %d%n", i, settings.runs());
          log.flush();
          runs.add(pass.run(i, settings.lake().resolve("run-" + i), produced));
          deleteQuietly(settings.lake().resolve("run-" + i));
        }
        List<ScalingPoint> scaling = List.of();
        if (!settings.scalingGold().isEmpty() && !settings.scalingBatches().isEmpty()) {
          scaling =
              MergeCost.grid(
                  spark,
                  settings.lake().resolve("scaling"),
                  settings.scalingGold(),
                  settings.scalingBatches(),
                  settings.updateShare(),
                  true,
                  line -> {
                    log.println("bench: " + line);
                    log.flush();
                  });
        }
        Map<String, Object> settingsMap = new java.util.LinkedHashMap<>(settings.asMap());
        settingsMap.put("mean_value_length", Math.round(sizes.meanValueBytes()));
        settingsMap.put("mean_key_length", Math.round(sizes.meanKeyBytes()));
        return new BenchResult(
            started,
            (System.nanoTime() - start) / 1e9,
            BenchEnvironment.machine(spark),
            BenchEnvironment.versions(spark),
            settingsMap,
            runs,
            scaling);
      } finally {
        if (!joined) {
          spark.stop();
        }
      }
    }
  }

  /**
   * The bench's data set: {@code sensors x days} keys so that keys repeat, 1% bad records split
   * over malformed, missing-field and wrong-type, the generator's duplicates and late arrivals.
   */
  static GeneratorSettings generator(BenchSettings settings, long records, long seed) {
    double bad = settings.badShare();
    return new GeneratorSettings(
        records,
        settings.sensors(),
        settings.days(),
        LocalDate.of(2026, 11, 25),
        bad * 0.4,
        bad * 0.3,
        bad * 0.3,
        0.02,
        0.02,
        seed);
  }

  private static Iterator<Message> encoded(GeneratorSettings generator, BenchSettings settings)
      throws IOException {
    SensorGenerator messages = new SensorGenerator(generator);
    if (settings.format() == BenchSettings.BenchFormat.JSON) {
      return messages;
    }
    Path registry = settings.config().toAbsolutePath().getParent().resolve("schemas/registry");
    return ConfluentAvroTranscoder.fromRegistry(messages, registry);
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // disk space only; the next bench wipes the lake anyway
    }
  }

  /** Counts the bytes of what is produced, for the report. */
  private static final class MessageSizes {
    private long count;
    private long valueBytes;
    private long keyBytes;

    Iterator<Message> counting(Iterator<Message> messages) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return messages.hasNext();
        }

        @Override
        public Message next() {
          Message m = messages.next();
          count++;
          valueBytes += m.value() == null ? 0 : m.value().length;
          keyBytes += m.key() == null ? 0 : m.key().length;
          return m;
        }
      };
    }

    double meanValueBytes() {
      return count == 0 ? 0 : (double) valueBytes / count;
    }

    double meanKeyBytes() {
      return count == 0 ? 0 : (double) keyBytes / count;
    }
  }
}
