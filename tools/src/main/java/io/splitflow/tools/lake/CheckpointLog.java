package io.splitflow.tools.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A streaming checkpoint read as files, without starting its query: the last committed batch
 * ({@code commits/N}), when it committed, and its entry in the offsets log ({@code offsets/N}: a
 * version line, the batch metadata, then one offset line per source; splitflow's jobs read one
 * source each).
 *
 * @param queryId the streaming query id in {@code metadata}
 * @param batchId the last committed batch
 * @param committedAt the modification time of {@code commits/N}
 * @param sourceOffset the source's end offset of that batch, as Spark wrote it (JSON)
 */
public record CheckpointLog(
    String checkpoint, String queryId, long batchId, Instant committedAt, String sourceOffset) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The last committed batch in {@code checkpoint}, empty when none committed there yet. */
  public static Optional<CheckpointLog> lastCommitted(Configuration hadoop, String checkpoint) {
    try {
      Path root = new Path(checkpoint);
      FileSystem fs = root.getFileSystem(hadoop);
      Path commits = new Path(root, "commits");
      if (!fs.exists(commits)) {
        return Optional.empty();
      }
      FileStatus last = null;
      long batch = -1;
      for (FileStatus file : fs.listStatus(commits)) {
        String name = file.getPath().getName();
        if (name.matches("\\d+") && Long.parseLong(name) > batch) {
          batch = Long.parseLong(name);
          last = file;
        }
      }
      if (last == null) {
        return Optional.empty();
      }
      String queryId =
          JSON.readTree(String.join("", lines(fs, new Path(root, "metadata")))).path("id").asText();
      List<String> offsets = lines(fs, new Path(new Path(root, "offsets"), Long.toString(batch)));
      if (offsets.size() < 3) {
        throw new IllegalStateException(
            "checkpoint " + checkpoint + ": offsets/" + batch + " names no source offset");
      }
      return Optional.of(
          new CheckpointLog(
              checkpoint,
              queryId,
              batch,
              Instant.ofEpochMilli(last.getModificationTime()),
              offsets.get(2)));
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
