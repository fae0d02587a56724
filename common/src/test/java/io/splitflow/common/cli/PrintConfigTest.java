package io.splitflow.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.job.JobName;
import io.splitflow.common.job.StreamingJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class PrintConfigTest {
  private static final String CONFIG =
      """
      kafka:
        bootstrap-servers: "localhost:9092"
        options:
          security.protocol: SASL_SSL
          sasl.mechanism: SCRAM-SHA-512
          sasl.jaas.config: >-
            org.apache.kafka.common.security.scram.ScramLoginModule required
            username="splitflow" password="jaas-pw-1";
          ssl.truststore.location: /etc/kafka/truststore.jks
          ssl.truststore.password: trust-pw-2
      lake: { root: /tmp/lake }
      datasets:
        d:
          topic: t
          format: avro-confluent
          schema: { avro-file: r.avsc }
          registry: { url: "https://splitflow:url-pw-3@registry:8081", username: splitflow, password: reg-pw-4 }
          merge: { keys: id, sequence-by: id }
      """;

  private final AtomicBoolean started = new AtomicBoolean();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Command(name = "test-job")
  final class TestJob extends JobCommand {
    @Override
    protected JobName job() {
      return JobName.INGEST;
    }

    @Override
    protected StreamingJob streamingJob() {
      return (spark, context) -> {
        started.set(true);
        throw new IllegalStateException("should not start");
      };
    }
  }

  private static Path write(Path dir, String config) throws Exception {
    Files.writeString(
        dir.resolve("r.avsc"),
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    return Files.writeString(dir.resolve("c.yaml"), config);
  }

  private int run(String... args) {
    CommandLine cli = JobCommand.commandLine(new TestJob());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsTheResolvedConfigWithSecretsHiddenAndStartsNothing(@TempDir Path dir)
      throws Exception {
    Path config = write(dir, CONFIG);

    int code =
        run(
            "--config",
            config.toString(),
            "--dataset",
            "d",
            "--set",
            "kafka.options.sasl.oauthbearer.client.secret=set-pw-5",
            "--set",
            "kafka.bootstrap-servers=broker:9093",
            "--print-config");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(started).isFalse();
    assertThat(out.toString())
        .doesNotContain("jaas-pw-1", "trust-pw-2", "url-pw-3", "reg-pw-4", "set-pw-5")
        .contains("bootstrap-servers: broker:9093")
        .contains("security.protocol: SASL_SSL")
        .contains("sasl.jaas.config: \"[hidden]\"")
        .contains("ssl.truststore.location: /etc/kafka/truststore.jks")
        .contains("ssl.truststore.password: \"[hidden]\"")
        .contains("sasl.oauthbearer.client.secret: \"[hidden]\"")
        .contains("url: \"https://splitflow:[hidden]@registry:8081\"")
        .contains("username: splitflow")
        .contains("password: \"[hidden]\"");
  }

  @Test
  void badConfigIsStillExitTwoAndEchoesNoSecret(@TempDir Path dir) throws Exception {
    Path config = write(dir, CONFIG.replace("registry: { url", "registry: { urll"));

    int code = run("--config", config.toString(), "--print-config");

    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).startsWith("test-job: datasets.d.registry.urll: unknown key");
  }
}
