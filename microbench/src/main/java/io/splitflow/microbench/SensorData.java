package io.splitflow.microbench;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.tools.generate.ConfluentAvroTranscoder;
import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.SensorGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The inputs of every benchmark: the demo's sensor readings from the data generator (1% of them
 * malformed) and the datasets of {@code conf/local.yaml} that read them. The same seed gives the
 * same bytes, so runs compare.
 */
public final class SensorData {
  /** Messages per input array: enough to defeat branch prediction on the malformed ones. */
  public static final int MESSAGES = 10_000;

  public static final String JSON_DATASET = "sensor_readings";
  public static final String AVRO_DATASET = "sensor_readings_avro";

  private SensorData() {}

  /** The JSON messages: readings as the demo sends them, plus 1% malformed. */
  public static List<Message> json() {
    return drain(new SensorGenerator(settings()));
  }

  /**
   * The same readings in the Confluent wire format; every tenth is written with schema 2, and the
   * malformed ones become truncated Avro bodies.
   */
  public static List<Message> confluentAvro() {
    Path registry = confDir().resolve("schemas/registry");
    return drain(
        new ConfluentAvroTranscoder(
            new SensorGenerator(settings()),
            read(registry.resolve("1.avsc")),
            read(registry.resolve("2.avsc"))));
  }

  /** A JSON message the dataset's decoder accepted, with its typed values in field order. */
  public record Decoded(Message message, Object[] values) {}

  /** The messages of {@link #json()} that decode, decoded as the deserialize job does. */
  public static List<Decoded> decodedJson() {
    RecordDecoder decoder = RecordDecoders.forDataset(dataset(JSON_DATASET));
    List<Decoded> decoded = new ArrayList<>(MESSAGES);
    for (Message message : json()) {
      DecodeResult result = decoder.decode(message.value());
      if (result.ok()) {
        decoded.add(new Decoded(message, result.values()));
      }
    }
    return decoded;
  }

  public static DatasetConfig dataset(String name) {
    SplitflowConfig config =
        ConfigLoader.load(confDir().resolve("local.yaml"), List.of(), Map.of());
    return config.dataset(name);
  }

  private static GeneratorSettings settings() {
    return GeneratorSettings.defaults(MESSAGES).withShares(0.01, 0, 0, 0, 0);
  }

  /**
   * The repository's {@code conf}: under {@code -Dsplitflow.home} (bin/jmh sets it), or the nearest
   * one above the working directory (a test runs in the module's directory).
   */
  static Path confDir() {
    String home = System.getProperty("splitflow.home");
    if (home != null) {
      return Path.of(home, "conf");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("conf/local.yaml"))) {
        return dir.resolve("conf");
      }
    }
    throw new IllegalStateException(
        "conf/local.yaml not found above "
            + Path.of("").toAbsolutePath()
            + "; set -Dsplitflow.home");
  }

  private static List<Message> drain(Iterator<Message> messages) {
    List<Message> all = new ArrayList<>(MESSAGES);
    messages.forEachRemaining(all::add);
    return all;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
