package io.splitflow.tools.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.lake.StreamPosition;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** The audit's result as a screen for people and as one JSON object for machines. */
public final class AuditReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROW = "  %-24s %4s  %-17s %9s %9s %11s %8s %8s %6s %10s %7s%n";

  private AuditReport() {}

  public static String text(AuditResult result) {
    StringBuilder out = new StringBuilder();
    out.append("splitflow audit: dataset ").append(result.dataset()).append("\n\n");
    out.append(position("deserialize", "raw", result.deserialize()));
    out.append(position("merge", "bronze", result.merge()));
    out.append('\n');
    out.append(
        String.format(
            ROW,
            "topic",
            "part",
            "offsets",
            "raw",
            "bronze",
            "dead-letter",
            "dropped",
            "pending",
            "gaps",
            "duplicates",
            "orphans"));
    for (PartitionBooks p : result.partitions()) {
      out.append(
          String.format(
              ROW,
              p.topic(),
              p.partition(),
              p.minOffset() == null ? "-" : p.minOffset() + "-" + p.maxOffset(),
              p.raw(),
              p.bronze(),
              p.deadLetter(),
              p.dropped(),
              p.pending(),
              p.gaps(),
              p.duplicates(),
              p.orphans()));
    }
    out.append(
        String.format(
            ROW,
            "total",
            "",
            "",
            result.total(PartitionBooks::raw),
            result.total(PartitionBooks::bronze),
            result.total(PartitionBooks::deadLetter),
            result.total(PartitionBooks::dropped),
            result.total(PartitionBooks::pending),
            result.gaps(),
            result.total(PartitionBooks::duplicates),
            result.total(PartitionBooks::orphans)));
    long droppedPerPartition = result.total(PartitionBooks::dropped);
    if (result.droppedByEvents() != droppedPerPartition) {
      out.append(
          String.format(
              "  event log: %d dropped in its batch counts, %d in its per-partition ranges%n",
              result.droppedByEvents(), droppedPerPartition));
    }
    GoldBooks g = result.gold();
    out.append('\n')
        .append(
            String.format(
                "  gold (%s): %d keys expected, %d present, %d missing, %d stale, %d wrong value,"
                    + " %d unexpected;"
                    + " %d deleted, %d not deleted, %d with several current rows; %d keys pending%n",
                g.mode(),
                g.expected(),
                g.present(),
                g.missing(),
                g.stale(),
                g.wrongValue(),
                g.unexpected(),
                g.deleted(),
                g.notDeleted(),
                g.severalCurrent(),
                g.pending()));
    for (PartitionBooks p : result.partitions()) {
      if (p.overDropped() > 0) {
        out.append(
            String.format(
                "  %s/%d: the event log counts %d dropped, but only %d records are missing%n",
                p.topic(), p.partition(), p.dropped(), p.missing()));
      }
    }
    if (!result.findings().isEmpty() || !g.examples().isEmpty()) {
      out.append("\n  problems:\n");
      for (Finding f : result.findings()) {
        out.append(
            String.format(
                "    %s/%d %s: %d record%s at offsets %s%s%n",
                f.topic(),
                f.partition(),
                f.kind(),
                f.count(),
                f.count() == 1 ? "" : "s",
                String.join(", ", f.ranges().stream().map(OffsetRange::toString).toList()),
                f.complete() ? "" : " ..."));
      }
      for (String example : g.examples()) {
        out.append("    gold ").append(example).append('\n');
      }
    }
    for (String note : result.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    out.append('\n').append(result.balanced() ? "  balanced" : "  NOT BALANCED").append('\n');
    return out.toString();
  }

  private static String position(String job, String input, Optional<StreamPosition> position) {
    if (position.isEmpty()) {
      return String.format("  %-12s no committed batch%n", job + ":");
    }
    StreamPosition p = position.get();
    return String.format(
        "  %-12s batch %d committed, %s read through version %d%n",
        job + ":", p.batchId(), input, p.processedThrough());
  }

  public static String json(AuditResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", result.dataset()).put("balanced", result.balanced());
    position(root, "deserialize", result.deserialize());
    position(root, "merge", result.merge());
    ArrayNode partitions = root.putArray("partitions");
    for (PartitionBooks p : result.partitions()) {
      ObjectNode node =
          partitions.addObject().put("topic", p.topic()).put("partition", p.partition());
      node.putPOJO("min_offset", p.minOffset()).putPOJO("max_offset", p.maxOffset());
      node.put("raw", p.raw())
          .put("bronze", p.bronze())
          .put("dead_letter", p.deadLetter())
          .put("dropped", p.dropped())
          .put("missing", p.missing())
          .put("pending", p.pending())
          .put("gaps", p.gaps())
          .put("duplicates", p.duplicates())
          .put("orphans", p.orphans());
    }
    ObjectNode totals = root.putObject("totals");
    totals(totals, result);
    totals.put("dropped_by_event_log", result.droppedByEvents());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : result.findings()) {
      ObjectNode node =
          findings
              .addObject()
              .put("kind", f.kind())
              .put("topic", f.topic())
              .put("partition", f.partition())
              .put("count", f.count())
              .put("complete", f.complete());
      ArrayNode ranges = node.putArray("offsets");
      for (OffsetRange range : f.ranges()) {
        ranges.addObject().put("first", range.first()).put("last", range.last());
      }
    }
    GoldBooks g = result.gold();
    ObjectNode gold =
        root.putObject("gold")
            .put("mode", g.mode())
            .put("expected", g.expected())
            .put("present", g.present())
            .put("missing", g.missing())
            .put("stale", g.stale())
            .put("wrong_value", g.wrongValue())
            .put("deleted", g.deleted())
            .put("not_deleted", g.notDeleted())
            .put("unexpected", g.unexpected())
            .put("several_current", g.severalCurrent())
            .put("pending", g.pending());
    ArrayNode examples = gold.putArray("problems");
    g.examples().forEach(examples::add);
    ArrayNode notes = root.putArray("notes");
    result.notes().forEach(notes::add);
    return root.toString();
  }

  private static void totals(ObjectNode node, AuditResult result) {
    List<String> names =
        List.of(
            "raw",
            "bronze",
            "dead_letter",
            "dropped",
            "missing",
            "pending",
            "gaps",
            "duplicates",
            "orphans");
    List<ToLongFunction<PartitionBooks>> counts =
        List.of(
            PartitionBooks::raw,
            PartitionBooks::bronze,
            PartitionBooks::deadLetter,
            PartitionBooks::dropped,
            PartitionBooks::missing,
            PartitionBooks::pending,
            PartitionBooks::gaps,
            PartitionBooks::duplicates,
            PartitionBooks::orphans);
    for (int i = 0; i < names.size(); i++) {
      node.put(names.get(i), result.total(counts.get(i)));
    }
  }

  private static void position(ObjectNode root, String job, Optional<StreamPosition> position) {
    if (position.isEmpty()) {
      root.putNull(job);
      return;
    }
    StreamPosition p = position.get();
    root.putObject(job)
        .put("query_id", p.queryId())
        .put("batch_id", p.batchId())
        .put("processed_through_version", p.processedThrough())
        .put("inside_version", p.insideVersion());
  }
}
