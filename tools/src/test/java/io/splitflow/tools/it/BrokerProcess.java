package io.splitflow.tools.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A KRaft broker (combined broker and controller) in a process of its own, on fixed ports and a
 * fixed log directory, so that a test can stop it (an outage) and start it again where it was:
 * clients that knew it before find it at the same address with the same data.
 */
final class BrokerProcess implements AutoCloseable {
  private final Path dir;
  private final Path properties;
  private final int port;
  private Process process;

  private BrokerProcess(Path dir, int port, int controllerPort) throws IOException {
    this.dir = dir;
    this.port = port;
    this.properties = Files.createDirectories(dir).resolve("server.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dir.resolve("logs"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
  }

  /** Formats a fresh log directory under {@code dir} and starts the broker. */
  static BrokerProcess start(Path dir) throws Exception {
    BrokerProcess broker = new BrokerProcess(dir, freePort(), freePort());
    int formatted =
        java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", broker.properties)
            .waitFor();
    if (formatted != 0) {
      throw new IllegalStateException("kafka-storage format exited " + formatted);
    }
    broker.startAgain();
    return broker;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The outage: SIGTERM, as an operator stops a broker, and wait until it is gone. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts the broker on its old ports and log directory, and waits until it serves clients. */
  void startAgain() throws Exception {
    process = java("kafka.Kafka", properties.toString());
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the broker did not start; see " + dir, notYet);
        }
        Thread.sleep(500);
      }
    }
  }

  void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
  }

  private static Process java(String mainClass, Object... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static String clusterId() {
    // Kafka's cluster ids are 16 random bytes, base64url without padding
    UUID uuid = UUID.randomUUID();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }
  }
}
