package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.JobName;
import io.splitflow.tools.status.StatusCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * bin/splitflow status on a real pipeline: after the three jobs ran and more records arrived, it
 * shows ingest's lag as those records, gold's freshness, the dead letter, and exits 4 when a tiny
 * freshness-slo makes the dataset late. The event log holds start, batch and stop rows per job.
 */
@Timeout(600)
class StatusIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path lake;

  @Test
  void statusShowsLagFreshnessAndDeadLettersAndExitsFourWhenLate() throws Exception {
    Pipeline p = new Pipeline(lake);
    List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      first.add(p.record(key("s" + i), json("s" + i, (double) i, "C", "10:00:00.000")));
    }
    first.add(p.record(key("bad"), "{broken"));
    p.produce(first);
    p.runAll();
    p.produce(
        List.of(
            p.record(key("s7"), json("s7", 7.0, "C", "10:00:00.000")),
            p.record(key("s8"), json("s8", 8.0, "C", "10:00:00.000")),
            p.record(key("s9"), json("s9", 9.0, "C", "10:00:00.000"))));

    Cli text = status(p);
    assertThat(text.code).as(text.out).isZero();
    assertThat(text.out)
        .contains("3 records behind kafka")
        .contains("0 records, 0 versions behind raw")
        .contains("0 records, 0 versions behind bronze")
        .contains("dead letters in the last 24h: 1")
        .contains("newest record in gold");
    System.out.println(text.out); // the README's screen

    Cli json = status(p, "--json");
    assertThat(json.code).isZero();
    JsonNode dataset = JSON.readTree(json.out).path("datasets").get(0);
    assertThat(dataset.path("dataset").asText()).isEqualTo(p.dataset.name());
    JsonNode ingest = dataset.path("jobs").get(0);
    assertThat(ingest.path("job").asText()).isEqualTo("ingest");
    assertThat(ingest.path("lag").path("records").asLong()).isEqualTo(3);
    assertThat(ingest.path("last_batch").path("input_rows").asLong()).isEqualTo(6);
    assertThat(ingest.path("last_event").path("event").asText()).isEqualTo("stop");
    JsonNode merge = dataset.path("jobs").get(2);
    // the bronze rows the batch read, each counted once
    assertThat(merge.path("last_batch").path("input_rows").asLong()).isEqualTo(5);
    assertThat(dataset.path("dead_letters_24h").asLong()).isEqualTo(1);
    assertThat(dataset.path("freshness").path("age_seconds").asLong()).isBetween(0L, 600L);
    assertThat(dataset.path("freshness").path("verdict").asText()).isEqualTo("-");

    Cli late = status(p, "--json", "--set", "datasets." + p.dataset.name() + ".freshness-slo=1ms");
    assertThat(late.code).isEqualTo(StatusCommand.LATE);
    assertThat(JSON.readTree(late.out).path("late").asBoolean()).isTrue();
    Cli fine = status(p, "--set", "datasets." + p.dataset.name() + ".freshness-slo=1h");
    assertThat(fine.code).isZero();
    assertThat(fine.out).contains(": OK;");

    List<Row> events =
        EventLog.of(p.config)
            .read(p.spark)
            .where(col("dataset").equalTo(p.dataset.name()))
            .groupBy("job", "event")
            .count()
            .collectAsList();
    for (JobName job : JobName.values()) {
      for (String event : List.of("start", "batch", "stop")) {
        assertThat(events)
            .as(job.id() + " " + event)
            .anySatisfy(
                r -> {
                  assertThat(r.getString(0)).isEqualTo(job.id());
                  assertThat(r.getString(1)).isEqualTo(event);
                });
      }
    }
    assertThat(events).noneSatisfy(r -> assertThat(r.getString(1)).isEqualTo("error"));
  }

  private record Cli(int code, String out) {}

  private static Cli status(Pipeline p, String... extra) {
    List<String> args = new ArrayList<>(p.cliArgs(JobName.INGEST, extra));
    args.remove(0); // the job name: status takes the same --config, --dataset and --set
    StringWriter out = new StringWriter();
    CommandLine cli = ErrorReporting.configure(new CommandLine(new StatusCommand()));
    cli.setOut(new PrintWriter(out));
    int code = cli.execute(args.toArray(String[]::new));
    return new Cli(code, out.toString());
  }
}
