package io.splitflow.tools.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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
    try {
      Path root = new Path(checkpoint);
      FileSystem fs = root.getFileSystem(hadoop);
      Path commits = new Path(root, "commits");
      if (!fs.exists(commits)) {
        return Optional.empty();
      }
      long batch = -1;
      for (FileStatus file : fs.listStatus(commits)) {
        String name = file.getPath().getName();
        if (name.matches("\\d+")) {
          batch = Math.max(batch, Long.parseLong(name));
        }
      }
      if (batch < 0) {
        return Optional.empty();
      }
      String queryId =
          JSON.readTree(String.join("", lines(fs, new Path(root, "metadata")))).path("id").asText();
      List<String> offsets = lines(fs, new Path(new Path(root, "offsets"), Long.toString(batch)));
      // "v1", the batch metadata, then one line per source: these jobs read one Delta table
      if (offsets.size() < 3) {
        throw new IllegalStateException(
            "checkpoint " + checkpoint + ": offsets/" + batch + " names no source offset");
      }
      JsonNode offset = JSON.readTree(offsets.get(2));
      if (!offset.has("reservoirVersion")) {
        throw new IllegalStateException(
            "checkpoint "
                + checkpoint
                + ": offsets/"
                + batch
                + " is not a Delta source offset: "
                + offsets.get(2));
      }
      return Optional.of(
          new StreamPosition(
              queryId,
              batch,
              offset.path("reservoirVersion").asLong(),
              offset.path("index").asLong(),
              offset.path("isStartingVersion").asBoolean()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }

  private static List<String> lines(FileSystem fs, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (FSDataInputStream in = fs.open(file);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
