package io.splitflow.tools.bench.report;

import static io.splitflow.tools.bench.report.Figures.count;
import static io.splitflow.tools.bench.report.Figures.decimal;
import static io.splitflow.tools.bench.report.Figures.mib;
import static io.splitflow.tools.bench.report.Figures.range;
import static io.splitflow.tools.bench.report.Figures.rate;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.ScalingPoint;
import io.splitflow.tools.bench.Tuning;
import io.splitflow.tools.bench.report.BenchSummary.RatioSummary;
import io.splitflow.tools.bench.report.BenchSummary.StageSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** bench.md: a header line, then the stages, ratios, MERGE cost, scaling and tuning tables. */
public final class BenchMarkdown {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final String[] MERGE_COLUMNS = {
    "gold rows",
    "batch rows",
    "updates share",
    "deletion vectors",
    "merge s",
    "append s",
    "merge/append",
    "partitions touched",
    "files rewritten",
    "rows copied",
    "rows copied per row changed"
  };

  private BenchMarkdown() {}

  public static void write(BenchResult result, BenchSummary summary, Path file) throws IOException {
    Files.writeString(file, render(result, summary));
  }

  public static String render(BenchResult result, BenchSummary summary) {
    StringBuilder md = new StringBuilder("# splitflow bench\n\n");
    md.append(header(result, summary.runs())).append("\n\n");
    md.append("## Stages\n\n")
        .append(
            "Each stage's median run by records per CPU-second. CPU is this JVM's process CPU;"
                + " the broker runs apart and its CPU is shown on its own.\n\n")
        .append(stages(summary))
        .append('\n');
    if (!summary.ratios().isEmpty()) {
      md.append("## Ratios\n\n").append(ratios(summary)).append('\n');
    }
    BenchRun median = summary.medianRun().orElse(null);
    if (median != null && !median.mergePoints().isEmpty()) {
      md.append("## MERGE cost\n\n")
          .append("Run ")
          .append(median.index())
          .append(
              " (the median run): each MERGE beside a plain Delta append of the same batch.\n\n")
          .append(points(median.mergePoints()))
          .append('\n');
    }
    if (!result.scaling().isEmpty()) {
      md.append("## Gold size scaling\n\n").append(points(result.scaling())).append('\n');
    }
    // the knobs run in one pass only (--tuning): show them from the pass that has them
    result.runs().stream()
        .filter(run -> !run.tuning().isEmpty())
        .findFirst()
        .ifPresent(
            run ->
                md.append("## Tuning\n\nRun ")
                    .append(run.index())
                    .append(": each job again with one knob changed, after the pass.\n\n")
                    .append(tuning(run.tuning()))
                    .append('\n'));
    return md.toString();
  }

  static String header(BenchResult result, int runs) {
    return header(
        result.started(),
        result.totalSeconds(),
        result.machine(),
        result.versions(),
        result.settings(),
        runs);
  }

  static String header(
      Instant started,
      double totalSeconds,
      Map<String, ?> machine,
      Map<String, ?> versions,
      Map<String, ?> settings,
      int runs) {
    List<String> parts = new ArrayList<>();
    parts.add(DATE.format(started));
    parts.add(runs + (runs == 1 ? " run" : " runs") + " in " + decimal(totalSeconds) + " s");
    parts.add("machine: " + join(machine));
    parts.add("versions: " + join(versions));
    parts.add("settings: " + join(settings));
    return String.join(" · ", parts);
  }

  private static String join(Map<String, ?> values) {
    return values.isEmpty()
        ? Figures.NONE
        : values.entrySet().stream()
            .map(e -> Figures.setting(e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
  }

  static String stages(BenchSummary summary) {
    boolean spread = summary.runs() > 1;
    List<String> headers =
        new ArrayList<>(
            List.of(
                "stage",
                "records",
                "records/s (wall)",
                "records per CPU-s",
                "CPU-s per M records",
                "broker CPU-s per M",
                "peak heap MiB"));
    if (spread) {
      headers.add("records per CPU-s, min–max");
    }
    MarkdownTable table = new MarkdownTable(1, headers.toArray(String[]::new));
    for (StageSummary s : summary.stages()) {
      Measurement m = s.typical();
      List<String> row =
          new ArrayList<>(
              List.of(
                  s.name(),
                  count(m.records()),
                  rate(m.recordsPerSecond()),
                  rate(m.recordsPerCpuSecond()),
                  decimal(m.cpuSecondsPerMillion()),
                  m.brokerCpuSeconds() == 0
                      ? Figures.NONE
                      : decimal(BenchSummary.brokerCpuSecondsPerMillion(m)),
                  mib(m.peakHeapBytes())));
      if (spread) {
        row.add(range(rate(s.recordsPerCpuSecond().min()), rate(s.recordsPerCpuSecond().max())));
      }
      table.row(row.toArray(String[]::new));
    }
    return table.toString();
  }

  static String ratios(BenchSummary summary) {
    int n = summary.runs();
    MarkdownTable table =
        new MarkdownTable(
            1,
            "ratio",
            "value (median)",
            "min–max over " + n + (n == 1 ? " run" : " runs"),
            "target",
            "met?");
    for (RatioSummary r : summary.ratios()) {
      table.row(
          r.id(),
          decimal(r.value().median()),
          range(decimal(r.value().min()), decimal(r.value().max())),
          r.target().map(Figures::target).orElse(Figures.NONE),
          met(r));
    }
    StringBuilder text = new StringBuilder(table.toString());
    for (RatioSummary r : summary.ratios()) {
      if (!r.description().isBlank()) {
        text.append("\n- ").append(r.id()).append(": ").append(r.description());
      }
    }
    return text.append('\n').toString();
  }

  private static String met(RatioSummary r) {
    if (r.target().isEmpty()) {
      return Figures.NONE;
    } else if (r.metByWorst()) {
      return "yes";
    }
    return r.metByMedian() ? "median only" : "no";
  }

  static String points(List<ScalingPoint> points) {
    MarkdownTable table = new MarkdownTable(0, MERGE_COLUMNS);
    for (ScalingPoint p : points) {
      table.row(
          count(p.goldRows()),
          count(p.batchRows()),
          Figures.percent(p.updateShare()),
          p.deletionVectors() ? "on" : "off",
          decimal(p.mergeSeconds()),
          decimal(p.appendSeconds()),
          decimal(p.mergeOverAppend()),
          count(p.partitionsTouched()),
          count(p.filesRewritten()),
          count(p.rowsCopied()),
          decimal(p.copiedPerChanged()));
    }
    return table.toString();
  }

  static String tuning(List<Tuning> tuning) {
    MarkdownTable table =
        new MarkdownTable(3, "stage", "knob", "setting", "records per CPU-s", "wall s");
    for (Tuning t : tuning) {
      table.row(
          t.stage(),
          t.knob(),
          t.setting(),
          rate(t.recordsPerCpuSecond()),
          decimal(t.wallSeconds()));
    }
    return table.toString();
  }
}
