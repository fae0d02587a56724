package io.splitflow.tools.kafka;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * A single-node KRaft broker (combined controller and broker) running in this JVM, built on Kafka's
 * own test kit so that it is the real broker, not a fake.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaClusterTestKit cluster;
  private final File baseDirectory;
  private final String bootstrapServers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final KafkaScram scram; // null: a plaintext broker

  private EmbeddedKafka(KafkaClusterTestKit cluster, File baseDirectory, KafkaScram scram) {
    this.cluster = cluster;
    this.baseDirectory = baseDirectory;
    this.bootstrapServers = cluster.bootstrapServers();
    this.scram = scram;
  }

  /**
   * Formats and starts a fresh broker in a temporary directory and waits until it serves clients.
   */
  public static EmbeddedKafka start() {
    return start(null);
  }

  /**
   * A broker whose client listener takes only SASL_PLAINTEXT with SCRAM-SHA-512, and these users
   * (name to password); {@link #clientProperties(String)} gives a user's client settings.
   */
  public static EmbeddedKafka startWithScram(Map<String, String> users) {
    return start(KafkaScram.of(users));
  }

  private static EmbeddedKafka start(KafkaScram scram) {
    KafkaClusterTestKit cluster = null;
    File baseDirectory = null;
    try {
      TestKitNodes.Builder nodesBuilder =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1);
      if (scram != null) {
        nodesBuilder.setBootstrapMetadata(scram.bootstrapMetadata());
      }
      TestKitNodes nodes = nodesBuilder.build();
      baseDirectory = new File(nodes.baseDirectory());
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(nodes)
              // one broker: the internal topics cannot have more replicas than that
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              // consumers join without the default 3 s wait for more members
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              // topics are created on purpose, with a partition count, never by a typo
              .setConfigProp("auto.create.topics.enable", "false");
      if (scram != null) {
        scram.brokerConfig().forEach(builder::setConfigProp);
      }
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDirectory, scram);
      kafka.waitForReadyBroker();
      return kafka;
    } catch (Exception | LinkageError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(cluster, baseDirectory);
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  /** host:port of the broker's client listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * What a client needs to reach this broker as {@code user}: bootstrap.servers and, on a SCRAM
   * broker, the SASL settings with the user's password.
   */
  public Properties clientProperties(String user) {
    if (scram == null) {
      throw new IllegalStateException("this broker has no users; start it with startWithScram");
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(scram.clientSecurity(user));
    return props;
  }

  /**
   * Creates a topic with replication factor 1 and returns once the broker serves all its
   * partitions.
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      // the controller has committed the topic; wait until the broker's metadata has every leader
      // too
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
      while (!hasAllLeaders(admin, name, partitions)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("partitions of " + name + " have no leader yet");
        }
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw adminFailure("create topic '" + name + "' with " + partitions + " partitions", e);
    }
  }

  /** The sum over all partitions of the topic's end offsets, i.e. how many records it holds. */
  public long endOffsetsTotal(String topic) {
    try (Admin admin = admin()) {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic);
      Map<TopicPartition, OffsetSpec> request =
          description.partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> offsets =
          admin.listOffsets(request).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    } catch (Exception e) {
      throw adminFailure("read the end offsets of topic '" + topic + "'", e);
    }
  }

  /** Stops the broker and deletes its data directories; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(cluster, baseDirectory);
    }
  }

  /** Runs a standalone broker until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    long started = System.nanoTime();
    EmbeddedKafka kafka = start();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-shutdown"));
    System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
    System.err.printf(
        "embedded Kafka started in %d ms; stop with Ctrl-C%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    new CountDownLatch(1).await();
  }

  /**
   * What {@code KafkaClusterTestKit.waitForReadyBrokers()} waits for, without calling it: it checks
   * its condition with JUnit's Assertions, which are not on the demo's run-time class path.
   * DescribeCluster answers from the broker's metadata with the unfenced brokers only, so seeing
   * every broker there means the controller has admitted it and the broker has caught up.
   */
  private void waitForReadyBroker() throws Exception {
    int brokers = cluster.brokers().size();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
    try (Admin admin = admin()) {
      while (admin.describeCluster().nodes().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).size()
          < brokers) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "the broker was not ready within " + ADMIN_TIMEOUT_SECONDS + " s");
        }
        Thread.sleep(20);
      }
    }
  }

  private Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (scram != null) {
      props.putAll(scram.adminSecurity());
    }
    return Admin.create(props);
  }

  private static boolean hasAllLeaders(Admin admin, String topic, int partitions)
      throws InterruptedException {
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic);
      return description.partitions().size() == partitions
          && description.partitions().stream()
              .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException | TimeoutException e) {
      return false; // UnknownTopicOrPartition while the broker catches up
    }
  }

  private static IllegalStateException adminFailure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new IllegalStateException("could not " + what + ": " + cause, cause);
  }

  private static void closeQuietly(KafkaClusterTestKit cluster, File baseDirectory) {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception e) {
      System.err.println("embedded Kafka did not stop cleanly: " + e);
    }
    try {
      // the test kit deletes it on a clean close; this covers a failed start or close
      Utils.delete(baseDirectory);
    } catch (IOException e) {
      System.err.println("could not delete " + baseDirectory + ": " + e);
    }
  }
}
