package io.splitflow.tools.bench.latency;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One latency run: {@code rate} records a second for {@code duration} into a topic of {@code
 * partitions}, the three jobs each triggered every {@code interval}, each in a JVM of {@code
 * jobHeap}; before that, {@code warmupRecords} in one burst and then {@code warmup} of records at
 * {@code rate}, not measured; tables, logs and the run's config under {@code lake}.
 */
public record LatencySettings(
    double rate,
    Duration duration,
    Duration interval,
    int partitions,
    int shufflePartitions,
    String jobHeap,
    int warmupRecords,
    Duration warmup,
    Duration drainTimeout,
    Path lake) {

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", "latency");
    map.put("rate", rate);
    map.put("produce_seconds", duration.toMillis() / 1000.0);
    map.put("trigger", "interval=" + interval.toSeconds() + "s");
    map.put("partitions", partitions);
    map.put("shuffle_partitions", shufflePartitions);
    map.put("job_heap", jobHeap);
    map.put("warmup_records", warmupRecords);
    map.put("warmup_seconds_at_rate", warmup.toMillis() / 1000.0);
    map.put("drain_timeout_seconds", drainTimeout.toSeconds());
    map.put("dataset", LatencyConfig.DATASET);
    map.put("merge_mode", "scd1");
    map.put("format", "json");
    return map;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%,.0f records/s for %.0f s, triggers every %d s, %d partitions",
        rate,
        duration.toMillis() / 1000.0,
        interval.toSeconds(),
        partitions);
  }
}
