package io.splitflow.tools.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * How far a job's Delta stream has read its input table, from its checkpoint: the last committed
 * batch ({@code commits/N}) and that batch's end offset ({@code offsets/N}), which for a Delta
 * source is {@code (reservoirVersion, index, isStartingVersion)}.
 *
 * <p>The rule: every input version below {@link #processedThrough()} was fully processed and
 * committed. Delta moves an offset to {@code (v + 1, -1)} once version {@code v} is done, so a
 * stopped or drained job is always at such a boundary; an offset inside a version ({@code index >=
 * 0}) or inside the initial snapshot leaves that version's rows undecided, and the audit counts
 * them as pending rather than guess.
 *
 * @param queryId the streaming query id in {@code metadata}
 * @param batchId the last committed batch
 */
public record StreamPosition(
    String queryId, long batchId, long reservoirVersion, long index, boolean initialSnapshot) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The last input version whose rows were all processed; -1 when none was. */
  public long processedThrough() {
    return initialSnapshot ? -1 : reservoirVersion - 1;
  }

  /** True when the position is inside a version, so that version's rows are pending. */
  public boolean insideVersion() {
    return initialSnapshot || index >= 0;
  }

  /** The position in {@code checkpoint}, empty when the job has not committed a batch there. */
  public static Optional<StreamPosition> read(Configuration hadoop, String checkpoint) {
    return CheckpointLog.lastCommitted(hadoop, checkpoint).map(StreamPosition::of);
  }

  static StreamPosition of(CheckpointLog log) {
    JsonNode offset;
    try {
      offset = JSON.readTree(log.sourceOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint " + log.checkpoint() + ": offsets are not JSON", e);
    }
    if (!offset.has("reservoirVersion")) {
      throw new IllegalStateException(
          "checkpoint "
              + log.checkpoint()
              + ": offsets/"
              + log.batchId()
              + " is not a Delta source offset: "
              + log.sourceOffset());
    }
    return new StreamPosition(
        log.queryId(),
        log.batchId(),
        offset.path("reservoirVersion").asLong(),
        offset.path("index").asLong(),
        offset.path("isStartingVersion").asBoolean());
  }
}
