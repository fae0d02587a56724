package io.splitflow.tools.generate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code splitflow generate}: sensor readings, bad ones mixed in, to any Kafka broker. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Produce generated sensor readings (with malformed, missing, wrong-typed, duplicate and late ones).")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, host:port[,...].")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "sensor_readings", description = "Topic (default ${DEFAULT-VALUE}); it must exist.")
  String topic;

  @Option(names = "--records", defaultValue = "100000", description = "How many messages (default ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same messages.")
  long seed;

  @Override
  public Integer call() {
    SensorGenerator generator = new SensorGenerator(GeneratorSettings.defaults(records).withSeed(seed));
    long sent = KafkaMessageWriter.produce(bootstrapServers, topic, generator);
    System.out.println("produced " + sent + " messages to " + topic + ": " + generator.expectation());
    return 0;
  }
}
