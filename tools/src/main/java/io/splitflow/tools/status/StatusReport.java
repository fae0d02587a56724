package io.splitflow.tools.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code splitflow status} as a table for people or as one JSON object for scripts. */
public final class StatusReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String[] HEADER = {
    "DATASET", "JOB", "LAST BATCH", "ROWS", "LAG", "LAST EVENT"
  };

  private StatusReport() {}

  public static String text(List<DatasetStatus> datasets, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    List<String> footers = new ArrayList<>();
    for (DatasetStatus dataset : datasets) {
      boolean first = true;
      for (JobStatus job : dataset.jobs()) {
        rows.add(
            new String[] {
              first ? dataset.dataset() : "",
              job.job(),
              job.lastBatch().map(b -> "#" + b.batchId() + " " + ago(b.time(), now)).orElse("none"),
              job.lastBatch()
                  .map(b -> b.inputRows() == null ? "?" : Long.toString(b.inputRows()))
                  .orElse("-"),
              lag(job.lag()),
              job.lastEvent().map(e -> e.event() + " " + ago(e.time(), now)).orElse("-")
            });
        first = false;
      }
      footers.add(footer(dataset, now));
    }
    StringBuilder out = new StringBuilder(table(rows));
    out.append('\n');
    footers.forEach(f -> out.append(f).append('\n'));
    return out.toString();
  }

  private static String footer(DatasetStatus dataset, Instant now) {
    Freshness f = dataset.freshness();
    String freshness =
        f.age()
            .map(
                age ->
                    "newest record in gold "
                        + duration(age)
                        + " old (Kafka time "
                        + TIME.format(f.newest().get())
                        + ")")
            .orElse("no record in gold yet");
    String slo = f.slo().map(s -> ", slo " + duration(s) + ": " + f.verdict()).orElse("");
    String deadLetters =
        dataset.deadLetters24h() == null ? "no table" : Long.toString(dataset.deadLetters24h());
    return dataset.dataset()
        + ": "
        + freshness
        + slo
        + "; dead letters in the last 24h: "
        + deadLetters;
  }

  static String lag(Lag lag) {
    StringBuilder text = new StringBuilder();
    if (lag.records() != null) {
      text.append(lag.records()).append(lag.records() == 1 ? " record" : " records");
    } else {
      text.append("? records");
    }
    if (lag.versions() != null) {
      text.append(", ")
          .append(lag.versions())
          .append(lag.versions() == 1 ? " version" : " versions");
    }
    text.append(" behind ").append(lag.input());
    if (lag.note() != null) {
      text.append(" (").append(lag.note()).append(')');
    }
    return text.toString();
  }

  /** A duration as an operator reads it: 45s, 3m12s, 2h05m, 3d04h. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return d.toMillis() < 1000 && d.toMillis() > 0 ? d.toMillis() + "ms" : s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
  }

  private static String ago(Instant time, Instant now) {
    Duration age = time.isAfter(now) ? Duration.ZERO : Duration.between(time, now);
    return TIME.format(time) + " (" + duration(age) + " ago)";
  }

  static String table(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  public static String json(List<DatasetStatus> datasets, Instant now) {
    ObjectNode root = JSON.createObjectNode().put("time", now.toString());
    root.put("late", datasets.stream().anyMatch(d -> d.freshness().late()));
    ArrayNode list = root.putArray("datasets");
    for (DatasetStatus dataset : datasets) {
      ObjectNode node = list.addObject().put("dataset", dataset.dataset());
      ArrayNode jobs = node.putArray("jobs");
      for (JobStatus job : dataset.jobs()) {
        ObjectNode j = jobs.addObject().put("job", job.job());
        job.lastBatch()
            .ifPresent(
                b ->
                    j.putObject("last_batch")
                        .put("time", b.time().toString())
                        .put("batch_id", b.batchId())
                        .put("input_rows", b.inputRows())
                        .put("source", b.source()));
        job.lastEvent()
            .ifPresent(
                e ->
                    j.putObject("last_event")
                        .put("time", e.time().toString())
                        .put("event", e.event())
                        .put("message", e.message()));
        j.putObject("lag")
            .put("input", job.lag().input())
            .put("records", job.lag().records())
            .put("versions", job.lag().versions())
            .put("note", job.lag().note());
      }
      node.put("dead_letters_24h", dataset.deadLetters24h());
      Freshness f = dataset.freshness();
      ObjectNode freshness = node.putObject("freshness");
      freshness.put("newest_source_timestamp", f.newest().map(Instant::toString).orElse(null));
      freshness.put("age_seconds", f.age().map(Duration::toSeconds).orElse(null));
      freshness.put("slo_seconds", f.slo().map(Duration::toSeconds).orElse(null));
      freshness.put("verdict", f.verdict());
      freshness.put("late", f.late());
    }
    return root.toString();
  }
}
