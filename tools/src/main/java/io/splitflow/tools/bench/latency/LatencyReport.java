package io.splitflow.tools.bench.latency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.bench.report.Figures;
import io.splitflow.tools.bench.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code latency} section of bench.json and bench.md, and the lines on the terminal. */
public final class LatencyReport {
  public static final String SECTION = "latency";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LatencyReport() {}

  public static void write(LatencyResult result, Path dir) throws IOException {
    ModeReport.write(dir, json(result), markdown(result));
  }

  public static ObjectNode json(LatencyResult r) {
    ObjectNode body = NODES.objectNode();
    body.put("produced", r.produced());
    body.put("reached_gold", r.reachedGold());
    body.set("produce_seconds", ModeReport.number(r.produceSeconds()));
    body.set("records_per_second", ModeReport.number(r.produced() / r.produceSeconds()));
    body.set("latency_seconds", percentiles(r.latency()));
    body.set("first_quarter_latency_seconds", percentiles(r.firstQuarter()));
    body.set("last_quarter_latency_seconds", percentiles(r.lastQuarter()));
    body.put("gold_rows_at_end_of_production", r.goldRowsAtEndOfProduction());
    body.put("backlog_at_end_of_production", r.produced() - r.goldRowsAtEndOfProduction());
    if (r.ingestLagAtEnd() >= 0) {
      body.put("ingest_kafka_lag_at_end_of_production", r.ingestLagAtEnd());
    } else {
      body.putNull("ingest_kafka_lag_at_end_of_production");
    }
    body.set("drain_seconds", ModeReport.number(r.drainSeconds()));
    body.put("lag_grew", r.lagGrew());
    body.put("gold_commits", r.goldCommits());
    ArrayNode jobs = body.putArray("jobs");
    for (LatencyResult.JobCpu job : r.jobs()) {
      ObjectNode node = jobs.addObject().put("job", job.job());
      node.set("cpu_seconds", ModeReport.number(job.cpuSeconds()));
      node.set("cpu_seconds_per_1000_records", ModeReport.number(perThousand(job, r)));
      node.set("cpu_seconds_with_startup", ModeReport.number(job.totalCpuSeconds()));
      node.put("batches", job.batches());
    }
    body.set("jobs_cpu_seconds", ModeReport.number(r.jobsCpuSeconds()));
    body.set("broker_cpu_seconds", ModeReport.number(r.brokerCpuSeconds()));
    ModeReport.putChecks(body, r.checks(), r.passed());
    return ModeReport.tree(
        r.started(), r.totalSeconds(), r.machine(), r.versions(), r.settings(), SECTION, body);
  }

  public static String markdown(LatencyResult r) {
    StringBuilder md =
        ModeReport.markdownHead(
            "end-to-end latency",
            r.machine(),
            r.versions(),
            r.settings(),
            r.started(),
            r.totalSeconds());
    md.append(
        String.format(
            "The three jobs each in a JVM of its own, trigger interval=%ss, a producer at %s"
                + " records/s for %s s, every record a new key. Latency: from a record's Kafka"
                + " timestamp to the gold commit that made it visible (gold's change data feed),"
                + " in seconds. Before them, not measured: %s warm-up records in one burst%s.%n%n",
            Figures.count(Math.round(r.intervalSeconds())),
            Figures.rate(r.produced() / r.produceSeconds()),
            Figures.decimal(r.produceSeconds()),
            r.settings().get("warmup_records"),
            warmupAtRate(r)));
    md.append(
            new MarkdownTable(
                    1,
                    "records",
                    "produced",
                    "reached gold",
                    "p50 s",
                    "p95 s",
                    "p99 s",
                    "max s",
                    "mean s")
                .row(row("all", r.produced(), r.reachedGold(), r.latency()))
                .row(row("first quarter", -1, r.firstQuarter().count(), r.firstQuarter()))
                .row(row("last quarter", -1, r.lastQuarter().count(), r.lastQuarter())))
        .append('\n');
    md.append(
        String.format(
            "When the producer stopped gold had %s of the %s records (backlog %s), ingest's Kafka"
                + " lag was %s; gold had every record %s s later. Gold commits with new rows: %s."
                + " Lag grew: %s.%n%n",
            Figures.count(r.goldRowsAtEndOfProduction()),
            Figures.count(r.produced()),
            Figures.count(r.produced() - r.goldRowsAtEndOfProduction()),
            r.ingestLagAtEnd() >= 0 ? Figures.count(r.ingestLagAtEnd()) : Figures.NONE,
            Figures.decimal(r.drainSeconds()),
            Figures.count(r.goldCommits()),
            r.lagGrew() ? "yes" : "no"));
    MarkdownTable jobs =
        new MarkdownTable(
            1, "job", "CPU-s", "CPU-s per 1,000 records", "CPU-s with JVM start", "batches");
    for (LatencyResult.JobCpu job : r.jobs()) {
      jobs.row(
          job.job(),
          Figures.decimal(job.cpuSeconds()),
          Figures.decimal(perThousand(job, r)),
          Figures.decimal(job.totalCpuSeconds()),
          Figures.count(job.batches()));
    }
    jobs.row(
        "the three",
        Figures.decimal(r.jobsCpuSeconds()),
        Figures.decimal(r.jobsCpuSeconds() * 1000 / Math.max(1, r.produced())),
        Figures.decimal(r.jobs().stream().mapToDouble(LatencyResult.JobCpu::totalCpuSeconds).sum()),
        "");
    jobs.row("broker (apart)", Figures.decimal(r.brokerCpuSeconds()), "", "", "");
    md.append("CPU from the producer's start until gold had every record:\n\n")
        .append(jobs)
        .append('\n');
    md.append("Checks:\n\n");
    r.checks().forEach(c -> md.append("- ").append(c.line()).append('\n'));
    return md.toString();
  }

  private static String warmupAtRate(LatencyResult r) {
    Object seconds = r.settings().get("warmup_seconds_at_rate");
    return seconds instanceof Number n && n.doubleValue() > 0
        ? ", then records at the same rate for " + Figures.decimal(n.doubleValue()) + " s"
        : " (the jobs' first minutes, JIT compilation among them, are in the figures)";
  }

  public static String consoleSummary(LatencyResult r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "bench: latency: %s produced, %s reached gold; seconds p50 %s, p95 %s, p99 %s, max %s;"
                + " drain %s s; lag grew: %s%n",
            Figures.count(r.produced()),
            Figures.count(r.reachedGold()),
            Figures.decimal(r.latency().p50()),
            Figures.decimal(r.latency().p95()),
            Figures.decimal(r.latency().p99()),
            Figures.decimal(r.latency().max()),
            Figures.decimal(r.drainSeconds()),
            r.lagGrew() ? "yes" : "no"));
    for (LatencyResult.JobCpu job : r.jobs()) {
      out.append(
          String.format(
              "  %-12s %8s CPU-s  %8s per 1,000 records  %6d batches%n",
              job.job(),
              Figures.decimal(job.cpuSeconds()),
              Figures.decimal(perThousand(job, r)),
              job.batches()));
    }
    r.checks().forEach(c -> out.append("  ").append(c.line()).append('\n'));
    return out.toString();
  }

  private static double perThousand(LatencyResult.JobCpu job, LatencyResult r) {
    return r.produced() == 0 ? Double.NaN : job.cpuSeconds() * 1000 / r.produced();
  }

  private static String[] row(String name, long produced, long reached, Percentiles p) {
    return new String[] {
      name,
      produced < 0 ? "" : Figures.count(produced),
      Figures.count(reached),
      Figures.decimal(p.p50()),
      Figures.decimal(p.p95()),
      Figures.decimal(p.p99()),
      Figures.decimal(p.max()),
      Figures.decimal(p.mean())
    };
  }

  private static ObjectNode percentiles(Percentiles p) {
    ObjectNode node = NODES.objectNode().put("count", p.count());
    node.set("p50", ModeReport.number(p.p50()));
    node.set("p95", ModeReport.number(p.p95()));
    node.set("p99", ModeReport.number(p.p99()));
    node.set("max", ModeReport.number(p.max()));
    node.set("mean", ModeReport.number(p.mean()));
    return node;
  }
}
