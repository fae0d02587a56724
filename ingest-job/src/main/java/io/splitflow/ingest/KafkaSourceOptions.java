package io.splitflow.ingest;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.KafkaSettings;
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
    kafka
        .maxOffsetsPerTrigger()
        .ifPresent(max -> options.put("maxOffsetsPerTrigger", Long.toString(max)));
    return options;
  }
}
