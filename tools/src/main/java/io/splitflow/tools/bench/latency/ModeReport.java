package io.splitflow.tools.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.bench.report.BenchJson;
import io.splitflow.tools.bench.report.BenchReport;
import io.splitflow.tools.bench.report.Figures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * bench.json and bench.md of a bench mode that measures one thing (--latency, --datasets): the same
 * head as the full bench's (started, total seconds, machine, versions, settings), then the mode's
 * own section under its name.
 */
public final class ModeReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ModeReport() {}

  public static ObjectNode tree(
      Instant started,
      double totalSeconds,
      Map<String, Object> machine,
      Map<String, String> versions,
      Map<String, Object> settings,
      String section,
      JsonNode body) {
    ObjectNode root = NODES.objectNode();
    root.put("started", started.toString());
    root.set("total_seconds", number(totalSeconds));
    root.set("machine", BenchJson.value(machine));
    root.set("versions", BenchJson.value(versions));
    root.set("settings", BenchJson.value(settings));
    root.set(section, body);
    return root;
  }

  /** The mode's checks, one object each, and whether every one passed, into its section. */
  public static void putChecks(ObjectNode body, List<Check> checks, boolean passed) {
    ArrayNode array = body.putArray("checks");
    checks.forEach(
        c ->
            array
                .addObject()
                .put("name", c.name())
                .put("passed", c.passed())
                .put("detail", c.detail()));
    body.put("passed", passed);
  }

  /** bench.md's title and first paragraph: the machine, when the run started, how long it took. */
  public static StringBuilder markdownHead(
      String title,
      Map<String, Object> machine,
      Map<String, String> versions,
      Map<String, Object> settings,
      Instant started,
      double totalSeconds) {
    StringBuilder md = new StringBuilder("# splitflow bench: ").append(title).append("\n\n");
    md.append(machineLine(machine, versions, settings)).append("; ");
    md.append("started ").append(started).append(", ");
    md.append(Figures.decimal(totalSeconds)).append(" s in all.\n\n");
    return md;
  }

  public static void write(Path dir, ObjectNode json, String markdown) throws IOException {
    Files.createDirectories(dir);
    MAPPER.writeValue(dir.resolve(BenchReport.JSON).toFile(), json);
    Files.writeString(dir.resolve(BenchReport.MARKDOWN), markdown, StandardCharsets.UTF_8);
  }

  /**
   * The machine's one-minute load average (from /proc/loadavg), or NaN where there is none: the
   * bench's machine may be shared, and a load far above its cores explains slow figures.
   */
  public static double loadAverage() {
    try {
      String line = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8);
      return Double.parseDouble(line.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** {@code settings} with the load averages at the start and the end of the run. */
  public static Map<String, Object> withLoad(Map<String, Object> settings, double atStart) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(settings);
    all.put("load_average_at_start", atStart);
    all.put("load_average_at_end", loadAverage());
    return all;
  }

  /** JSON has no NaN or infinity: such a figure is null. */
  public static JsonNode number(double x) {
    return Double.isFinite(x) ? NODES.numberNode(x) : NODES.nullNode();
  }

  /**
   * The machine line of bench.md: cores, CPU, memory, Java, Spark and Delta, and the load averages
   * the settings carry.
   */
  public static String machineLine(
      Map<String, Object> machine, Map<String, String> versions, Map<String, Object> settings) {
    Map<String, Object> m = new TreeMap<>(machine);
    Object memory = m.get("memory_bytes");
    return String.format(
        "%s cores (%s), %s GiB, %s, Java %s; Spark %s, Delta %s, Kafka clients %s; load average"
            + " %s at the start, %s at the end",
        m.get("cores"),
        m.get("cpu"),
        memory instanceof Number n ? Math.round(n.doubleValue() / (1L << 30)) : "?",
        m.get("os"),
        versions.get("java"),
        versions.get("spark"),
        versions.get("delta"),
        versions.get("kafka_clients"),
        settings.getOrDefault("load_average_at_start", "?"),
        settings.getOrDefault("load_average_at_end", "?"));
  }
}
