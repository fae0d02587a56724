package io.splitflow.tools;

import io.splitflow.tools.kafka.EmbeddedKafka;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A throwaway local Kafka broker for trying the jobs by hand, without Docker. */
@Command(
    name = "broker",
    description = "Start an in-process KRaft Kafka broker and wait (Ctrl-C stops it).")
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--topic", description = "Topics to create, e.g. --topic sensor_readings")
  List<String> topics = List.of();

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions per created topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                }));
    for (String topic : topics) {
      kafka.createTopic(topic, partitions);
    }
    System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
