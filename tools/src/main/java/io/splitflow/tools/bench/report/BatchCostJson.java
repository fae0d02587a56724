package io.splitflow.tools.bench.report;

import static io.splitflow.tools.bench.report.BenchJson.number;
import static io.splitflow.tools.bench.report.BenchJson.value;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.JobCost;
import io.splitflow.tools.bench.batchcost.RunCost;
import io.splitflow.tools.bench.batchcost.TwoRuns;
import io.splitflow.tools.bench.report.BatchCostSummary.JobSummary;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import java.io.IOException;
import java.nio.file.Path;

/**
 * bench.json of {@code bench --batch-cost}: the header bench.json always has (started, machine,
 * versions, settings) and a {@code batch_cost} section with every run and the summary.
 */
public final class BatchCostJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BatchCostJson() {}

  public static void write(BatchCostResult result, BatchCostSummary summary, Path file)
      throws IOException {
    MAPPER.writeValue(file.toFile(), tree(result, summary));
  }

  public static ObjectNode tree(BatchCostResult result, BatchCostSummary summary) {
    ObjectNode root = NODES.objectNode();
    root.put("started", result.started().toString());
    root.set("total_seconds", number(result.totalSeconds()));
    root.set("machine", value(result.machine()));
    root.set("versions", value(result.versions()));
    root.set("settings", value(result.settings()));
    ObjectNode batchCost = root.putObject("batch_cost");
    batchCost.put(
        "method",
        "fixed CPU-s per batch = (CPU of the small-batch run - CPU of the one-batch run) /"
            + " (batches of the small-batch run - batches of the one-batch run); CPU-s per million"
            + " records = CPU of the one-batch run / records x 1e6");
    ArrayNode runs = batchCost.putArray("runs");
    result.runs().forEach(run -> runs.add(run(run)));
    ArrayNode jobs = batchCost.putArray("summary");
    summary.jobs().forEach(j -> jobs.add(job(j)));
    return root;
  }

  private static ObjectNode run(BatchCostRun run) {
    ObjectNode node = NODES.objectNode().put("index", run.index());
    ArrayNode jobs = node.putArray("jobs");
    for (JobCost cost : run.jobs()) {
      ObjectNode job = NODES.objectNode().put("job", cost.job());
      job.set("splitflow", side(cost.splitflow()));
      job.set("reference", side(cost.reference()));
      job.set("fixed_cpu_ratio", number(cost.fixedRatio()));
      job.set("fixed_cpu_ratio_without_jit", number(cost.fixedRatioWithoutJit()));
      job.set("per_record_cpu_ratio", number(cost.perRecordRatio()));
      job.set("target", number(cost.target()));
      job.put("met", cost.met());
      jobs.add(job);
    }
    return node;
  }

  private static ObjectNode side(TwoRuns runs) {
    ObjectNode node = NODES.objectNode();
    node.set("fixed_cpu_seconds_per_batch", number(runs.fixedCpuSecondsPerBatch()));
    node.set("fixed_jit_cpu_seconds_per_batch", number(runs.fixedJitSecondsPerBatch()));
    node.set("cpu_seconds_per_million_records", number(runs.cpuSecondsPerMillionRecords()));
    node.set("one_batch", run(runs.oneBatch()));
    node.set("small_batches", run(runs.smallBatches()));
    return node;
  }

  private static ObjectNode run(RunCost run) {
    ObjectNode node =
        NODES.objectNode().put("records", run.records()).put("batches", run.batches());
    node.set("cpu_seconds", number(run.cpuSeconds()));
    node.set("wall_seconds", number(run.wallSeconds()));
    node.set("jit_cpu_seconds", number(run.jitCpuSeconds()));
    return node;
  }

  private static ObjectNode job(JobSummary j) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("job", j.job())
            .put("runs", j.runs())
            .put("typical_run", j.typicalRun());
    node.set("splitflow_fixed_cpu_seconds_per_batch", spread(j.splitflowFixed()));
    node.set("reference_fixed_cpu_seconds_per_batch", spread(j.referenceFixed()));
    node.set("fixed_cpu_ratio", spread(j.fixedRatio()));
    node.set("splitflow_fixed_jit_cpu_seconds_per_batch", spread(j.splitflowFixedJit()));
    node.set("reference_fixed_jit_cpu_seconds_per_batch", spread(j.referenceFixedJit()));
    node.set(
        "splitflow_fixed_cpu_seconds_per_batch_without_jit", spread(j.splitflowFixedWithoutJit()));
    node.set(
        "reference_fixed_cpu_seconds_per_batch_without_jit", spread(j.referenceFixedWithoutJit()));
    node.set("fixed_cpu_ratio_without_jit", spread(j.fixedRatioWithoutJit()));
    node.set("splitflow_cpu_seconds_per_million_records", spread(j.splitflowPerMillion()));
    node.set("reference_cpu_seconds_per_million_records", spread(j.referencePerMillion()));
    node.set("per_record_cpu_ratio", spread(j.perRecordRatio()));
    node.set("target", number(j.target()));
    return node.put("met_by_median", j.metByMedian()).put("met_by_worst", j.metByWorst());
  }

  private static ObjectNode spread(Spread s) {
    ObjectNode node = NODES.objectNode();
    node.set("min", number(s.min()));
    node.set("median", number(s.median()));
    node.set("max", number(s.max()));
    return node;
  }
}
