package io.splitflow.tools.maintain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The ingest dates of raw rows a reader has not read yet, from the Delta log itself: every file
 * added with new data ({@code dataChange}) in a commit after the reader's last processed version
 * holds unread rows, and its partition value (or, clustered, its min/max statistics) says which
 * dates. No data file is read.
 */
final class UnreadDates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UnreadDates() {}

  /**
   * The dates touched by commits {@code after + 1 .. latest}, or empty when a commit of that range
   * can no longer be read (log cleanup) or a file does not say its dates: then nothing is safe.
   */
  static Optional<Set<LocalDate>> of(
      Configuration hadoop, String location, long after, long latest, String dateColumn) {
    Set<LocalDate> dates = new HashSet<>();
    Path log = new Path(location, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(hadoop);
      for (long version = after + 1; version <= latest; version++) {
        Path commit = new Path(log, String.format("%020d.json", version));
        if (!fs.exists(commit)) {
          return Optional.empty();
        }
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            JsonNode add = JSON.readTree(line).path("add");
            if (add.isMissingNode() || !add.path("dataChange").asBoolean(true)) {
              continue;
            }
            if (!addDates(add, dateColumn, dates)) {
              return Optional.empty();
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log of " + location, e);
    }
    return Optional.of(dates);
  }

  private static boolean addDates(JsonNode add, String column, Set<LocalDate> dates)
      throws IOException {
    JsonNode partition = add.path("partitionValues").path(column);
    if (partition.isTextual()) {
      dates.add(LocalDate.parse(partition.asText()));
      return true;
    }
    JsonNode stats =
        add.path("stats").isTextual() ? JSON.readTree(add.path("stats").asText()) : null;
    if (stats == null
        || !stats.path("minValues").path(column).isTextual()
        || !stats.path("maxValues").path(column).isTextual()) {
      return false;
    }
    LocalDate min = LocalDate.parse(stats.path("minValues").path(column).asText());
    LocalDate max = LocalDate.parse(stats.path("maxValues").path(column).asText());
    for (LocalDate day = min; !day.isAfter(max); day = day.plusDays(1)) {
      dates.add(day);
    }
    return true;
  }
}
