package io.splitflow.tools.generate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code splitflow generate}: sensor readings, bad ones mixed in, to any Kafka broker. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Produce generated sensor readings (with malformed, missing, wrong-typed, duplicate and late ones).")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      description = "Kafka bootstrap servers, host:port[,...].")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "sensor_readings",
      description = "Topic (default ${DEFAULT-VALUE}); it must exist.")
  String topic;

  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "How many messages (default ${DEFAULT-VALUE}).")
  long records;

  @Mixin GeneratorOptions generator;

  @Override
  public Integer call() {
    GeneratorSettings settings;
    try {
      settings = generator.settings(records);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    SensorGenerator messages = new SensorGenerator(settings);
    long sent = KafkaMessageWriter.produce(bootstrapServers, topic, messages);
    System.out.println(
        "produced " + sent + " messages to " + topic + ": " + messages.expectation());
    return 0;
  }
}
