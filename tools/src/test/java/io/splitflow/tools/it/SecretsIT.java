package io.splitflow.tools.it;

import static io.splitflow.tools.it.SecurityIT.SecuredPipeline.PASSWORD;
import static io.splitflow.tools.it.SecurityIT.SecuredPipeline.REGISTRY_PASSWORD;
import static io.splitflow.tools.it.SecurityIT.SecuredPipeline.TOKEN;
import static io.splitflow.tools.it.SecurityIT.SecuredPipeline.USER;
import static io.splitflow.tools.it.SecurityIT.SecuredPipeline.WRONG_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.RestartPolicy;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.ingest.IngestJob;
import io.splitflow.tools.it.SecurityIT.SecuredPipeline;
import io.splitflow.tools.kafka.KafkaScram;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkFirehoseListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.JsonProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A config holding a SASL password, a registry password, a token option, an ABFS customer-provided
 * key and a URL whose password holds an @ and a /: none of them reaches the log (every logger at
 * INFO), Spark's event log, splitflow's event-log table, a failure's stack trace, a JobContext's
 * toString or --print-config, though a run fails and restarts.
 */
@Timeout(300)
class SecretsIT {
  @TempDir Path lake;
  private final SparkSession spark = SparkTestSession.get();

  /** An ABFS customer-provided key: secret by its key's suffix. */
  private static final String AZURE_KEY = "azure-key-" + UUID.randomUUID();

  /** A password in a URL's user info that holds an @ and a /, in a value of no secret key. */
  private static final String URL_PASSWORD = "url-p@ss/" + UUID.randomUUID();

  private static final List<String> MORE_SECRETS =
      List.of(
          "hadoop.fs.azure.encryption.encoded.client-provided-key=" + AZURE_KEY,
          "hadoop.fs.splitflow-test.endpoint=https://svc:" + URL_PASSWORD + "@localhost:1/x");

  @Test
  void secretsReachNeitherTheLogNorTheEventLogNorPrintedConfig() throws Exception {
    SecuredPipeline p = new SecuredPipeline(lake);
    p.produce(10);
    String logged;
    String eventLog;
    StringWriter failure = new StringWriter();
    try (LogCapture log = LogCapture.start();
        EventLogCapture events = EventLogCapture.start(spark)) {
      JobRunner.run(spark, p.context(PASSWORD, MORE_SECRETS), new IngestJob());
      // the whole chain, as --verbose would print it before masking; one restart, so the
      // restarting line and the event log's restart row carry the error too
      assertThatThrownBy(
              () ->
                  JobRunner.run(
                      spark,
                      p.context(WRONG_PASSWORD, MORE_SECRETS),
                      new IngestJob(),
                      new RestartPolicy(1, Duration.ZERO, Duration.ZERO)))
          .satisfies(e -> e.printStackTrace(new PrintWriter(failure, true)));
      logged = log.text();
      eventLog = events.text();
    }
    String printed = p.options(MORE_SECRETS).printedConfig(SecuredPipeline.env(PASSWORD));
    String contextText = p.context(PASSWORD, MORE_SECRETS).toString();
    // splitflow's own tables: the event log's rows (the failed run's restart and failure rows
    // carry its error) and everything else under the lake
    String eventLogTable =
        String.join(
            "\n",
            spark
                .read()
                .format("delta")
                .load(EventLog.table(p.context(PASSWORD).config(), JobName.INGEST).path())
                .toJSON()
                .collectAsList());
    StringWriter cliOut = new StringWriter();
    int code = printConfigThroughTheCli(p, cliOut);

    assertThat(logged)
        .as("the runs logged: our progress lines, Kafka's client configs, the auth failure")
        .contains("io.splitflow.progress", "\"event\":\"batch\"")
        .contains("sasl.jaas.config = [hidden]", "SaslAuthenticationException");
    assertThat(eventLog).contains("SparkListenerJobStart", "QueryProgressEvent");
    assertThat(eventLogTable)
        .as("the event-log table holds the failed run's restart and its error")
        .contains("\"event\":\"error\"", "\\\"then\\\":\\\"restart\\\"", "Authentication failed");
    assertThat(printed)
        .contains("client-provided-key: \"[hidden]\"")
        .contains("https://svc:[hidden]@");
    assertThat(failure.toString()).contains("Authentication failed", "Logical Plan");
    assertThat(code).as(cliOut.toString()).isZero();
    assertThat(printed)
        .contains("security.protocol: SASL_PLAINTEXT", "sasl.jaas.config: \"[hidden]\"")
        .contains("audit.token: \"[hidden]\"", "password: \"[hidden]\"");
    assertThat(cliOut.toString())
        .contains("sasl.mechanism: SCRAM-SHA-512", "sasl.jaas.config: \"[hidden]\"");
    Map<String, String> outputs =
        Map.of(
            "log", logged,
            "event log", eventLog,
            "failure", failure.toString(),
            "printed", printed,
            "cli", cliOut.toString(),
            "event-log table", eventLogTable,
            "JobContext.toString", contextText);
    for (String secret :
        List.of(
            PASSWORD,
            WRONG_PASSWORD,
            REGISTRY_PASSWORD,
            TOKEN,
            AZURE_KEY,
            URL_PASSWORD,
            URL_PASSWORD.substring(URL_PASSWORD.indexOf('/')))) {
      outputs.forEach((name, text) -> assertThat(text).as(name).doesNotContain(secret));
    }
  }

  /**
   * ingest-job --print-config with the secrets given by --set; stdout and stderr to {@code out}.
   */
  private static int printConfigThroughTheCli(SecuredPipeline p, StringWriter out) {
    CommandLine cli = IngestJob.commandLine(new IngestJob());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                p.configFile.toString(),
                "--dataset",
                Pipeline.DATASET,
                "--set",
                "kafka.options.sasl.jaas.config=" + KafkaScram.jaasConfig(USER, PASSWORD),
                "--set",
                "datasets.sensor_readings_avro.registry.password=" + REGISTRY_PASSWORD,
                "--print-config"));
    p.overrides().forEach(o -> args.addAll(List.of("--set", o)));
    return cli.execute(args.toArray(String[]::new));
  }

  /**
   * What Spark's event log would hold: every listener event, serialized as EventLoggingListener
   * serializes it (the shared test session cannot turn spark.eventLog.enabled on after start).
   */
  private static final class EventLogCapture extends SparkFirehoseListener
      implements AutoCloseable {
    private final StringBuffer text = new StringBuffer();
    private final SparkSession spark;

    private EventLogCapture(SparkSession spark) {
      this.spark = spark;
    }

    static EventLogCapture start(SparkSession spark) {
      EventLogCapture capture = new EventLogCapture(spark);
      spark.sparkContext().addSparkListener(capture);
      return capture;
    }

    @Override
    public void onEvent(SparkListenerEvent event) {
      text.append(JsonProtocol.sparkEventToJsonString(event)).append('\n');
    }

    String text() throws TimeoutException {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return text.toString();
    }

    @Override
    public void close() {
      spark.sparkContext().removeSparkListener(this);
    }
  }
}
