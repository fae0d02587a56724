package io.splitflow.tools.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench does: the data set (records, keys, bad share, wire format, partitions), the seed's
 * job settings (ingest's micro-batch, merge mode), the small merge batch, how many repetitions, and
 * whether to measure the gold-size scaling grid.
 */
public record BenchSettings(
    long records,
    BenchFormat format,
    String mergeMode,
    int partitions,
    int sensors,
    int days,
    double badShare,
    long maxOffsetsPerTrigger,
    long smallBatchRecords,
    long smallBatchLimit,
    long warmupRecords,
    int runs,
    long mergePointGold,
    long mergePointBatch,
    double updateShare,
    List<Long> scalingGold,
    List<Long> scalingBatches,
    boolean tuning,
    Path config,
    Path out,
    Path lake) {

  public BenchSettings {
    scalingGold = List.copyOf(scalingGold);
    scalingBatches = List.copyOf(scalingBatches);
  }

  /** The wire formats the bench can produce, each with its dataset in conf/local.yaml. */
  public enum BenchFormat {
    JSON("sensor_readings"),
    AVRO("sensor_readings_avro");

    private final String dataset;

    BenchFormat(String dataset) {
      this.dataset = dataset;
    }

    public String dataset() {
      return dataset;
    }
  }

  public long keys() {
    return (long) sensors * days;
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("records", records);
    map.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
    map.put("dataset", format.dataset());
    map.put("merge_mode", mergeMode);
    map.put("partitions", partitions);
    map.put("keys", keys());
    map.put("bad_share", badShare);
    map.put("ingest_max_offsets_per_trigger", maxOffsetsPerTrigger);
    map.put("monolith_max_offsets_per_trigger", maxOffsetsPerTrigger);
    map.put("merge_small_batch_records", smallBatchRecords);
    map.put("merge_small_batch_limit", smallBatchLimit);
    map.put("warmup_records", warmupRecords);
    map.put("runs", runs);
    map.put("merge_point_gold_rows", mergePointGold);
    map.put("merge_point_batch_rows", mergePointBatch);
    map.put("merge_point_update_share", updateShare);
    map.put("scaling_gold_rows", scalingGold);
    map.put("scaling_batch_rows", scalingBatches);
    map.put("tuning", tuning);
    map.put("config", config.toString());
    return map;
  }
}
