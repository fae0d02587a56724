package io.splitflow.ingest;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.KafkaSettings;
import io.splitflow.common.config.Sizing;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka source's options for one dataset, from the config; client options pass through. */
public final class KafkaSourceOptions {
  /** Read only committed records of transactional producers unless the config says otherwise. */
  static final String ISOLATION_LEVEL = "isolation.level";

  private KafkaSourceOptions() {}

  public static Map<String, String> of(KafkaSettings kafka, DatasetConfig dataset) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("kafka." + ISOLATION_LEVEL, "read_committed");
    kafka.options().forEach((key, value) -> options.put("kafka." + key, value));
    options.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    options.put("subscribe", dataset.topic());
    options.put("startingOffsets", kafka.startingOffsets());
    options.put("failOnDataLoss", Boolean.toString(kafka.failOnDataLoss()));
    options.put("includeHeaders", "true");
    // the dataset's own sizing first, then the kafka section's default for every dataset
    Sizing sizing = dataset.sizing();
    (sizing.maxOffsetsPerTrigger().isPresent()
            ? sizing.maxOffsetsPerTrigger()
            : kafka.maxOffsetsPerTrigger())
        .ifPresent(max -> options.put("maxOffsetsPerTrigger", Long.toString(max)));
    (sizing.minPartitions().isPresent() ? sizing.minPartitions() : kafka.minPartitions())
        .ifPresent(min -> options.put("minPartitions", Integer.toString(min)));
    return options;
  }
}
