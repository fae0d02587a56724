package io.splitflow.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How much one micro-batch of a dataset reads, and in how many tasks: the knobs that size each job
 * (see the README's sizing section). Unset values fall back to {@code kafka.*} (for ingest) or to
 * Spark's and Delta's defaults.
 *
 * @param maxOffsetsPerTrigger ingest: Kafka records per micro-batch, over all partitions
 * @param minPartitions ingest: at least this many Spark tasks per micro-batch (Kafka partitions are
 *     split); for topics with fewer partitions than the cluster has cores
 * @param maxBytesPerTrigger deserialize and merge: a soft cap on the bytes of Delta files one
 *     micro-batch reads from raw or bronze
 * @param maxFilesPerTrigger deserialize and merge: the Delta files one micro-batch reads (Delta's
 *     default is 1000)
 */
public record Sizing(
    OptionalLong maxOffsetsPerTrigger,
    OptionalInt minPartitions,
    OptionalLong maxBytesPerTrigger,
    OptionalInt maxFilesPerTrigger) {

  public static final Sizing DEFAULT =
      new Sizing(
          OptionalLong.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty());

  /** The Delta source's options for a job reading raw or bronze as a stream. */
  public Map<String, String> deltaSourceOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    maxBytesPerTrigger.ifPresent(bytes -> options.put("maxBytesPerTrigger", bytes + "b"));
    maxFilesPerTrigger.ifPresent(
        files -> options.put("maxFilesPerTrigger", Integer.toString(files)));
    return options;
  }
}
