package io.splitflow.tools.bench.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.bench.latency.ModeReport;
import io.splitflow.tools.bench.report.Figures;
import io.splitflow.tools.bench.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code datasets} section of bench.json and bench.md, and the lines on the terminal. */
public final class DatasetsReport {
  public static final String SECTION = "datasets";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DatasetsReport() {}

  public static void write(DatasetsResult result, Path dir) throws IOException {
    ModeReport.write(dir, json(result), markdown(result));
  }

  public static ObjectNode json(DatasetsResult r) {
    ObjectNode body =
        NODES
            .objectNode()
            .put("datasets", r.datasets())
            .put("records_per_dataset", r.recordsPerDataset());
    ArrayNode jobs = body.putArray("jobs");
    for (DatasetsResult.JobRun run : r.jobs()) {
      ObjectNode node = jobs.addObject().put("job", run.job());
      node.set("wall_seconds", ModeReport.number(run.wallSeconds()));
      node.set("cpu_seconds", ModeReport.number(run.cpuSeconds()));
      node.set("jit_cpu_seconds", ModeReport.number(run.jitCpuSeconds()));
      node.put("exit_code", run.exitCode());
      node.put("batches", run.totalBatches());
      ObjectNode per = node.putObject("batches_per_dataset");
      run.batches().forEach(per::put);
    }
    body.set("wall_seconds", ModeReport.number(r.wallSeconds()));
    body.set("cpu_seconds", ModeReport.number(r.cpuSeconds()));
    body.set("target_wall_seconds", ModeReport.number(r.targetWallSeconds()));
    body.put("target_met", r.targetMet());
    ModeReport.putChecks(body, r.checks(), r.passed());
    return ModeReport.tree(
        r.started(), r.totalSeconds(), r.machine(), r.versions(), r.settings(), SECTION, body);
  }

  public static String markdown(DatasetsResult r) {
    StringBuilder md =
        ModeReport.markdownHead(
            "many small datasets",
            r.machine(),
            r.versions(),
            r.settings(),
            r.started(),
            r.totalSeconds());
    md.append(
        String.format(
            "%d JSON datasets of %d records each; each job one application over every dataset"
                + " (a query per dataset, FAIR pools, available-now) in a JVM of its own, one"
                + " record per micro-batch; ingest, then deserialize, then merge. Wall and CPU are"
                + " the job process's, JVM and Spark start included; of that CPU, JIT is what the"
                + " JVM's compiler threads used (compiling the code the run took, once per"
                + " JVM).%n%n",
            r.datasets(), r.recordsPerDataset()));
    MarkdownTable table =
        new MarkdownTable(
            1,
            "job",
            "wall s",
            "CPU-s",
            "of which JIT",
            "batches",
            "batches per dataset",
            "CPU-s per batch",
            "CPU-s per batch without JIT");
    for (DatasetsResult.JobRun run : r.jobs()) {
      table.row(
          run.job(),
          Figures.decimal(run.wallSeconds()),
          Figures.decimal(run.cpuSeconds()),
          Figures.decimal(run.jitCpuSeconds()),
          Figures.count(run.totalBatches()),
          Figures.count(run.minBatches())
              + (run.minBatches() == run.maxBatches() ? "" : "–" + run.maxBatches()),
          Figures.decimal(run.cpuSeconds() / Math.max(1, run.totalBatches())),
          Figures.decimal(
              (run.cpuSeconds() - run.jitCpuSeconds()) / Math.max(1, run.totalBatches())));
    }
    double jit = r.jobs().stream().mapToDouble(DatasetsResult.JobRun::jitCpuSeconds).sum();
    long batches = r.jobs().stream().mapToLong(DatasetsResult.JobRun::totalBatches).sum();
    table.row(
        "the three",
        Figures.decimal(r.wallSeconds()),
        Figures.decimal(r.cpuSeconds()),
        Figures.decimal(jit),
        Figures.count(batches),
        "",
        Figures.decimal(r.cpuSeconds() / Math.max(1, batches)),
        Figures.decimal((r.cpuSeconds() - jit) / Math.max(1, batches)));
    md.append(table).append('\n');
    md.append(
        String.format(
            "Target: the three jobs within %s s of wall: %s (%s s).%n%n",
            Figures.decimal(r.targetWallSeconds()),
            r.targetMet() ? "met" : "missed",
            Figures.decimal(r.wallSeconds())));
    md.append("Checks:\n\n");
    r.checks().forEach(c -> md.append("- ").append(c.line()).append('\n'));
    return md.toString();
  }

  public static String consoleSummary(DatasetsResult r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "bench: datasets: %d x %d records; the three jobs %s s wall, %s CPU-s (target %s s:"
                + " %s)%n",
            r.datasets(),
            r.recordsPerDataset(),
            Figures.decimal(r.wallSeconds()),
            Figures.decimal(r.cpuSeconds()),
            Figures.decimal(r.targetWallSeconds()),
            r.targetMet() ? "met" : "missed"));
    for (DatasetsResult.JobRun run : r.jobs()) {
      out.append(
          String.format(
              "  %-12s %8s s wall  %8s CPU-s  %5d batches (%d–%d per dataset)%n",
              run.job(),
              Figures.decimal(run.wallSeconds()),
              Figures.decimal(run.cpuSeconds()),
              run.totalBatches(),
              run.minBatches(),
              run.maxBatches()));
    }
    r.checks().forEach(c -> out.append("  ").append(c.line()).append('\n'));
    return out.toString();
  }
}
