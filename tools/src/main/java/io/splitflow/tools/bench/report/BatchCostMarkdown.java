package io.splitflow.tools.bench.report;

import static io.splitflow.tools.bench.report.Figures.decimal;
import static io.splitflow.tools.bench.report.Figures.range;

import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.report.BatchCostSummary.JobSummary;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/** bench.md of {@code bench --batch-cost}: the header line, the method, and one table. */
public final class BatchCostMarkdown {
  static final String METHOD =
      "Two runs of each job and of its reference query over the same input: the whole backlog in"
          + " one micro-batch, then in small batches. Fixed CPU-s per batch = (CPU of the small-batch"
          + " run − CPU of the one-batch run) / (batches of the small-batch run − batches of the"
          + " one-batch run); CPU-s per million records = CPU of the one-batch run / records."
          + " Batches are counted from each query's progress, CPU is this JVM's process CPU (the"
          + " broker runs apart). ingest and its reference read the same topic; deserialize and"
          + " its reference the raw table splitflow's ingest wrote in the same mode; merge and its"
          + " reference the bronze splitflow's deserialize wrote. All run available-now in one"
          + " session (the config's spark section, in the settings above).";

  static final String REFERENCES =
      """
      - ingest reference: `readStream.format("kafka")` (subscribe, earliest, maxOffsetsPerTrigger) \
      → `writeStream.format("delta")` with a checkpoint, Kafka's columns as they come.
      - deserialize reference: readStream of raw, foreachBatch: `from_json` of the value with the \
      dataset's schema (a corrupt-record column marks what failed to parse), the parsed batch \
      persisted, good rows appended to a bronze table and the others to a dead-letter table, each \
      append idempotent with `txnAppId`/`txnVersion`.
      - merge reference: readStream of bronze, foreachBatch: the newest row per key by the \
      sequence column (row_number over a window), then one `DeltaTable.merge` (update when \
      matched and newer, insert when not matched), idempotent with the session confs \
      `spark.databricks.delta.write.txnAppId`/`txnVersion`.
      - Small batches: ingest `max-offsets-per-trigger` = the batch size; deserialize and merge \
      `max-files-per-trigger` (Delta's `maxFilesPerTrigger`) = the files the run before wrote a \
      batch, for splitflow's job and its reference alike.
      """;

  private BatchCostMarkdown() {}

  public static void write(BatchCostResult result, BatchCostSummary summary, Path file)
      throws IOException {
    Files.writeString(file, render(result, summary));
  }

  public static String render(BatchCostResult result, BatchCostSummary summary) {
    StringBuilder md = new StringBuilder("# splitflow bench: batch cost\n\n");
    md.append(
            BenchMarkdown.header(
                result.started(),
                result.totalSeconds(),
                result.machine(),
                result.versions(),
                result.settings(),
                summary.runs()))
        .append("\n\n## Fixed cost per batch\n\n")
        .append(METHOD)
        .append(
            summary.runs() > 1
                ? " Figures are the median over the runs, min–max in brackets; records and batches"
                    + " are the typical run's (median ratio)."
                : "")
        .append("\n\n")
        .append(table(summary))
        .append('\n')
        .append(REFERENCES);
    if (summary.jobs().stream().anyMatch(j -> Double.isFinite(j.splitflowFixedJit().median()))) {
      md.append("\n## Of which JIT compilation\n\n")
          .append(JIT)
          .append("\n\n")
          .append(jitTable(summary));
    }
    return md.toString();
  }

  static final String JIT =
      "The fixed CPU per batch above includes what the JVM's JIT compiler threads spent while the"
          + " small-batch run ran: code paths that only small batches take, compiled the first"
          + " times they run (CPU of the threads named C1/C2 CompilerThread, from"
          + " /proc/self/task). A job that runs for hours pays that once; a scheduled"
          + " available-now run in a fresh JVM pays it every run. Without it, what a batch costs"
          + " once compiled:";

  static String jitTable(BatchCostSummary summary) {
    MarkdownTable table =
        new MarkdownTable(
            1,
            "job",
            "JIT CPU-s per batch, splitflow",
            "JIT CPU-s per batch, reference",
            "fixed CPU-s per batch without JIT, splitflow",
            "fixed CPU-s per batch without JIT, reference",
            "fixed ratio without JIT");
    boolean spread = summary.runs() > 1;
    for (JobSummary j : summary.jobs()) {
      table.row(
          j.job(),
          figure(j.splitflowFixedJit(), spread),
          figure(j.referenceFixedJit(), spread),
          figure(j.splitflowFixedWithoutJit(), spread),
          figure(j.referenceFixedWithoutJit(), spread),
          figure(j.fixedRatioWithoutJit(), spread));
    }
    return table.toString();
  }

  static String table(BatchCostSummary summary) {
    MarkdownTable table =
        new MarkdownTable(
            1,
            "job",
            "records",
            "batches, splitflow (one / small)",
            "batches, reference (one / small)",
            "fixed CPU-s per batch, splitflow",
            "fixed CPU-s per batch, reference",
            "fixed ratio",
            "target",
            "met?",
            "CPU-s per M records, splitflow",
            "CPU-s per M records, reference",
            "per-record ratio");
    boolean spread = summary.runs() > 1;
    for (JobSummary j : summary.jobs()) {
      table.row(
          j.job(),
          Figures.count(j.typical().splitflow().oneBatch().records()),
          BatchCostSummary.batches(j.typical().splitflow()),
          BatchCostSummary.batches(j.typical().reference()),
          figure(j.splitflowFixed(), spread),
          figure(j.referenceFixed(), spread),
          figure(j.fixedRatio(), spread),
          "≤ " + BigDecimal.valueOf(j.target()).stripTrailingZeros().toPlainString(),
          met(j),
          figure(j.splitflowPerMillion(), spread),
          figure(j.referencePerMillion(), spread),
          figure(j.perRecordRatio(), spread));
    }
    return table.toString();
  }

  private static String met(JobSummary j) {
    if (Double.isNaN(j.fixedRatio().median())) {
      return Figures.NONE;
    } else if (j.metByWorst()) {
      return "yes";
    }
    return j.metByMedian() ? "median only" : "no";
  }

  /** The median, and with several runs the min–max beside it. */
  static String figure(Spread s, boolean spread) {
    String median = decimal(s.median());
    String low = decimal(s.min());
    String high = decimal(s.max());
    return spread && Double.isFinite(s.min()) && !low.equals(high)
        ? median + " (" + range(low, high) + ")"
        : median;
  }
}
