package io.splitflow.merge.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a batch did with each of its input rows. Every row is counted once: {@code input = inserted
 * + updated + deleted + unchanged + ignoredLate + skipped}. {@code late} is a view across those:
 * versions older than gold's newest one for their key (ignored in SCD1, placed into SCD2 history).
 *
 * @param unchanged re-deliveries, and newer versions with the same content
 * @param ignoredLate SCD1 versions older than gold's, or than a newer one in the same batch
 * @param skipped rows that cannot be placed: a delete without key values (a tombstone whose key
 *     could not be read), or without a sequence value that the Kafka timestamp could stand in for
 */
public record BatchCounts(
    long input,
    long inserted,
    long updated,
    long deleted,
    long unchanged,
    long ignoredLate,
    long late,
    long skipped) {

  public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0, 0, 0, 0);

  public static BatchCounts skippedOnly(long input, long skipped) {
    return new BatchCounts(input, 0, 0, 0, input - skipped, 0, 0, skipped);
  }

  public ObjectNode writeTo(ObjectNode node) {
    return node.put("input_rows", input)
        .put("inserted", inserted)
        .put("updated", updated)
        .put("deleted", deleted)
        .put("unchanged", unchanged)
        .put("ignored_late", ignoredLate)
        .put("late", late)
        .put("skipped", skipped);
  }

  public static BatchCounts readFrom(JsonNode node) {
    return new BatchCounts(
        node.path("input_rows").asLong(),
        node.path("inserted").asLong(),
        node.path("updated").asLong(),
        node.path("deleted").asLong(),
        node.path("unchanged").asLong(),
        node.path("ignored_late").asLong(),
        node.path("late").asLong(),
        node.path("skipped").asLong());
  }
}
