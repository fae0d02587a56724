package io.splitflow.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.table.LakePaths;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the checked tree into the record model; every rule lives here or in {@link DatasetBinder}.
 */
final class ConfigBinder {
  private static final Set<String> TOP =
      Set.of(
          "kafka",
          "lake",
          "spark",
          "hadoop",
          "datasets",
          "maintenance",
          "metrics",
          "on-dataset-failure");
  private static final Set<String> KAFKA =
      Set.of(
          "bootstrap-servers",
          "starting-offsets",
          "max-offsets-per-trigger",
          "fail-on-data-loss",
          "options",
          "commit-offsets-to-group",
          "min-partitions");
  private static final Set<String> LAKE =
      Set.of("root", "checkpoint-root", "catalog", "log-store", "dynamodb");

  /** Client options Spark's Kafka source sets itself and refuses to take from the user. */
  private static final Set<String> KAFKA_OPTIONS_OWNED_BY_SPARK =
      Set.of(
          "bootstrap.servers",
          "key.deserializer",
          "value.deserializer",
          "auto.offset.reset",
          "enable.auto.commit",
          "interceptor.classes");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigBinder() {}

  static SplitflowConfig bind(ConfigNode root, java.nio.file.Path baseDir) {
    root.allowOnly(TOP);
    KafkaSettings kafka = kafka(root.child("kafka").requireObject().allowOnly(KAFKA));
    Map<String, String> hadoop = StorageBinder.hadoop(root.child("hadoop"));
    LakeSettings lake = lake(root.child("lake").requireObject().allowOnly(LAKE), hadoop);
    Map<String, String> spark = root.child("spark").stringMap();

    ConfigNode datasetsNode = root.child("datasets").requireObject();
    if (datasetsNode.keys().isEmpty()) {
      throw ConfigErrors.invalid("datasets", "{}", "is empty; declare at least one dataset");
    }
    Map<String, DatasetConfig> datasets = new LinkedHashMap<>();
    for (String name : datasetsNode.keys()) {
      datasets.put(name, DatasetBinder.bind(name, datasetsNode.child(name), lake, baseDir));
    }
    return new SplitflowConfig(
        kafka,
        lake,
        spark,
        datasets,
        MaintenanceBinder.maintenance(root.child("maintenance")),
        MaintenanceBinder.metrics(root.child("metrics")),
        hadoop,
        Choices.of(
            root.child("on-dataset-failure"), OnDatasetFailure.class, OnDatasetFailure.DEFAULT));
  }

  private static KafkaSettings kafka(ConfigNode node) {
    String startingOffsets =
        node.child("starting-offsets").string(KafkaSettings.DEFAULT_STARTING_OFFSETS);
    if (!startingOffsets.equals("earliest")
        && !startingOffsets.equals("latest")
        && !isOffsetsMap(startingOffsets)) {
      throw ConfigErrors.invalid(
          node.child("starting-offsets").path(),
          startingOffsets,
          "is not a starting position; use earliest, latest or a JSON offsets map"
              + " such as {\"topic\":{\"0\":23}}");
    }
    Map<String, String> options = node.child("options").stringMap();
    for (String option : options.keySet()) {
      if (KAFKA_OPTIONS_OWNED_BY_SPARK.contains(option)) {
        throw ConfigErrors.invalid(
            node.path() + ".options." + option,
            options.get(option),
            option.equals("bootstrap.servers")
                ? "cannot be set here; use kafka.bootstrap-servers"
                : "is set by Spark's Kafka source and cannot be overridden");
      }
    }
    return new KafkaSettings(
        node.child("bootstrap-servers").string(),
        startingOffsets,
        SizingBinder.optionalLong(node.child("max-offsets-per-trigger")),
        node.child("fail-on-data-loss").bool(KafkaSettings.DEFAULT_FAIL_ON_DATA_LOSS),
        options,
        DecodeBinder.optional(node.child("commit-offsets-to-group")),
        SizingBinder.optionalInt(node.child("min-partitions")));
  }

  /**
   * Spark's JSON map of topic to partition to offset ({@code -2} earliest, {@code -1} latest),
   * checked here: Spark would only find it wrong in the first batch, after the table and the
   * checkpoint exist.
   */
  private static boolean isOffsetsMap(String text) {
    JsonNode map;
    try {
      map = JSON.readTree(text);
    } catch (IOException e) {
      return false;
    }
    if (map == null || !map.isObject() || map.isEmpty()) {
      return false;
    }
    for (JsonNode partitions : map) {
      if (!partitions.isObject() || partitions.isEmpty()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> p = partitions.fields(); p.hasNext(); ) {
        Map.Entry<String, JsonNode> partition = p.next();
        if (!partition.getKey().matches("\\d{1,9}")
            || !partition.getValue().canConvertToLong()
            || !partition.getValue().isIntegralNumber()
            || partition.getValue().asLong() < -2) {
          return false;
        }
      }
    }
    return true;
  }

  private static LakeSettings lake(ConfigNode node, Map<String, String> hadoop) {
    String root = StorageBinder.location(node.child("root"));
    ConfigNode checkpoints = node.child("checkpoint-root");
    String checkpointRoot =
        checkpoints.isMissing()
            ? LakePaths.join(root, LakeSettings.DEFAULT_CHECKPOINT_DIR)
            : StorageBinder.location(checkpoints);
    ConfigNode catalog = node.child("catalog");
    return new LakeSettings(
        root,
        checkpointRoot,
        catalog.isMissing() ? Optional.empty() : Optional.of(DatasetBinder.catalogName(catalog)),
        StorageBinder.logStore(node, hadoop));
  }
}
