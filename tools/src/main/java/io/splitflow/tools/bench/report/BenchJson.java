package io.splitflow.tools.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Ratio;
import io.splitflow.tools.bench.ScalingPoint;
import io.splitflow.tools.bench.Tuning;
import io.splitflow.tools.bench.report.BenchSummary.RatioSummary;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import io.splitflow.tools.bench.report.BenchSummary.StageSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * bench.json: every figure, raw and derived, with snake_case keys. Nodes are built by hand so the
 * key order is fixed by this class, not by reflection.
 */
public final class BenchJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BenchJson() {}

  public static void write(BenchResult result, BenchSummary summary, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), tree(result, summary));
  }

  public static ObjectNode tree(BenchResult result, BenchSummary summary) {
    ObjectNode root = NODES.objectNode();
    root.put("started", result.started().toString());
    root.set("total_seconds", number(result.totalSeconds()));
    root.set("machine", value(result.machine()));
    root.set("versions", value(result.versions()));
    root.set("settings", value(result.settings()));
    ArrayNode runs = root.putArray("runs");
    result.runs().forEach(run -> runs.add(run(run)));
    root.set("summary", summary(summary));
    ArrayNode scaling = root.putArray("scaling");
    result.scaling().forEach(p -> scaling.add(point(p)));
    return root;
  }

  private static ObjectNode run(BenchRun run) {
    ObjectNode node = NODES.objectNode().put("index", run.index());
    ArrayNode measurements = node.putArray("measurements");
    run.measurements().forEach(m -> measurements.add(measurement(m)));
    ArrayNode ratios = node.putArray("ratios");
    run.ratios().forEach(r -> ratios.add(ratio(r)));
    ArrayNode points = node.putArray("merge_points");
    run.mergePoints().forEach(p -> points.add(point(p)));
    ArrayNode tuning = node.putArray("tuning");
    run.tuning().forEach(t -> tuning.add(tuning(t)));
    return node;
  }

  static ObjectNode measurement(Measurement m) {
    ObjectNode node = NODES.objectNode().put("name", m.name()).put("records", m.records());
    node.set("wall_seconds", number(m.wallSeconds()));
    node.set("cpu_seconds", number(m.cpuSeconds()));
    node.set("broker_cpu_seconds", number(m.brokerCpuSeconds()));
    node.put("peak_heap_bytes", m.peakHeapBytes());
    node.set("records_per_second", number(m.recordsPerSecond()));
    node.set("records_per_cpu_second", number(m.recordsPerCpuSecond()));
    node.set("cpu_seconds_per_million", number(m.cpuSecondsPerMillion()));
    node.set("broker_cpu_seconds_per_million", number(BenchSummary.brokerCpuSecondsPerMillion(m)));
    node.set("peak_heap_mib", number(m.peakHeapBytes() / (1024.0 * 1024)));
    node.set("details", value(m.details()));
    return node;
  }

  private static ObjectNode ratio(Ratio r) {
    ObjectNode node = NODES.objectNode().put("id", r.id()).put("description", r.description());
    node.set("value", number(r.value()));
    node.set("target", target(r.target()));
    return node.put("met", r.met());
  }

  private static JsonNode target(Optional<Ratio.Target> target) {
    return target
        .<JsonNode>map(
            t -> NODES.objectNode().put("at_least", t.atLeast()).set("bound", number(t.bound())))
        .orElse(NODES.nullNode());
  }

  static ObjectNode point(ScalingPoint p) {
    ObjectNode node =
        NODES.objectNode().put("gold_rows", p.goldRows()).put("batch_rows", p.batchRows());
    node.set("update_share", number(p.updateShare()));
    node.put("deletion_vectors", p.deletionVectors());
    node.set("merge_seconds", number(p.mergeSeconds()));
    node.set("append_seconds", number(p.appendSeconds()));
    node.put("partitions_touched", p.partitionsTouched());
    node.put("files_rewritten", p.filesRewritten());
    node.put("rows_copied", p.rowsCopied());
    node.put("rows_updated", p.rowsUpdated());
    node.put("rows_inserted", p.rowsInserted());
    node.set("merge_over_append", number(p.mergeOverAppend()));
    node.set("copied_per_changed", number(p.copiedPerChanged()));
    return node;
  }

  private static ObjectNode tuning(Tuning t) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("stage", t.stage())
            .put("knob", t.knob())
            .put("setting", t.setting());
    node.set("records_per_cpu_second", number(t.recordsPerCpuSecond()));
    node.set("wall_seconds", number(t.wallSeconds()));
    return node;
  }

  private static ObjectNode summary(BenchSummary summary) {
    ObjectNode node = NODES.objectNode().put("runs", summary.runs());
    node.set(
        "median_run",
        summary
            .medianRun()
            .<JsonNode>map(r -> NODES.numberNode(r.index()))
            .orElse(NODES.nullNode()));
    ArrayNode stages = node.putArray("stages");
    for (StageSummary s : summary.stages()) {
      ObjectNode stage =
          NODES
              .objectNode()
              .put("name", s.name())
              .put("runs", s.runs())
              .put("typical_run", s.typicalRun());
      stage.set("records_per_second", spread(s.recordsPerSecond()));
      stage.set("records_per_cpu_second", spread(s.recordsPerCpuSecond()));
      stage.set("cpu_seconds_per_million", spread(s.cpuSecondsPerMillion()));
      stage.set("peak_heap_bytes", spread(s.peakHeapBytes()));
      stage.set("broker_cpu_seconds_per_million", spread(s.brokerCpuSecondsPerMillion()));
      stages.add(stage);
    }
    ArrayNode ratios = node.putArray("ratios");
    for (RatioSummary r : summary.ratios()) {
      ObjectNode ratio =
          NODES
              .objectNode()
              .put("id", r.id())
              .put("description", r.description())
              .put("runs", r.runs());
      ratio.set("value", spread(r.value()));
      ratio.set("target", target(r.target()));
      ratio.put("met_by_median", r.metByMedian()).put("met_by_worst", r.metByWorst());
      ratios.add(ratio);
    }
    return node;
  }

  private static ObjectNode spread(Spread s) {
    ObjectNode node = NODES.objectNode();
    node.set("min", number(s.min()));
    node.set("median", number(s.median()));
    node.set("max", number(s.max()));
    return node;
  }

  /** JSON has no NaN or infinity; a figure that is neither a number nor finite is null. */
  static JsonNode number(double x) {
    return Double.isFinite(x) ? NODES.numberNode(x) : NODES.nullNode();
  }

  /**
   * Machine, versions, settings and details are open maps, often built with {@code Map.of}, whose
   * order changes from one JVM to the next: their keys are sorted, so the same result always writes
   * the same file.
   */
  public static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof Optional<?> o) {
      return value(o.orElse(null));
    } else if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    } else if (v instanceof Number || v instanceof Boolean) {
      return MAPPER.valueToTree(v);
    } else if (v instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      ObjectNode node = NODES.objectNode();
      sorted.forEach((k, x) -> node.set(k, value(x)));
      return node;
    } else if (v instanceof Collection<?> items) {
      ArrayNode node = NODES.arrayNode();
      items.forEach(x -> node.add(value(x)));
      return node;
    }
    return NODES.textNode(v.toString());
  }
}
