package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import java.util.List;
import java.util.Set;

/** The {@code merge} block of a dataset. */
final class MergeBinder {
  private static final Set<String> MERGE =
      Set.of(
          "mode",
          "keys",
          "sequence-by",
          "track-history-columns",
          "delete-when",
          "change-data-feed",
          "deletion-vectors",
          "partition-by");

  private MergeBinder() {}

  static DatasetConfig.MergeSettings bind(ConfigNode node, List<FieldSpec> fields) {
    node.requireObject().allowOnly(MERGE);
    MergeMode mode =
        Choices.of(node.child("mode"), MergeMode.class, DatasetConfig.MergeSettings.DEFAULT_MODE);
    List<String> keys =
        DatasetBinder.declaredFields(node.child("keys"), fields, "merge key", true, true);
    List<String> sequenceBy =
        DatasetBinder.declaredFields(
            node.child("sequence-by"), fields, "sequence column", true, true);
    ConfigNode tracked = node.child("track-history-columns");
    if (!tracked.isMissing() && mode != MergeMode.SCD2) {
      throw ConfigErrors.invalid(tracked.path(), "[...]", "only applies to merge.mode scd2");
    }
    ConfigNode partitionBy = node.child("partition-by");
    List<String> partitions =
        partitionBy.isMissing()
            ? List.of()
            : DatasetBinder.declaredFields(partitionBy, fields, "partition column", false, true);
    for (String partition : partitions) {
      if (!keys.contains(partition)) {
        throw ConfigErrors.invalid(
            partitionBy.path(),
            partition,
            "must be one of merge.keys, so that a key's rows never move between partitions");
      }
    }
    return new DatasetConfig.MergeSettings(
        mode,
        keys,
        sequenceBy,
        tracked.isMissing()
            ? List.of()
            : DatasetBinder.declaredFields(tracked, fields, "tracked column", false, false),
        DecodeBinder.optional(node.child("delete-when")),
        node.child("change-data-feed").bool(DatasetConfig.MergeSettings.DEFAULT_CHANGE_DATA_FEED),
        node.child("deletion-vectors").bool(DatasetConfig.MergeSettings.DEFAULT_DELETION_VECTORS),
        partitions);
  }
}
