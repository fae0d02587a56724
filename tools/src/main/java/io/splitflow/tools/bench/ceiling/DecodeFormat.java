package io.splitflow.tools.bench.ceiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** What the L2 ceiling decodes: JSON readings, or Avro readings in the Confluent wire format. */
public sealed interface DecodeFormat {

  /** As the details of a measurement name it. */
  String label();

  /** A decoder for one thread. */
  ReadingDecoder newDecoder();

  static DecodeFormat json() {
    return new Json();
  }

  /**
   * Avro with writer schemas from a directory of {@code <id>.avsc} files (the deserialize job's
   * {@code registry.schemas-dir}) resolved against a reader schema file ({@code schema.avro-file}).
   */
  static DecodeFormat confluentAvro(Path readerSchema, Path registryDir) {
    Map<Integer, Schema> writers = new TreeMap<>();
    Pattern name = Pattern.compile("(\\d+)\\.avsc");
    try (Stream<Path> files = Files.list(registryDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher id = name.matcher(file.getFileName().toString());
        if (id.matches()) {
          writers.put(Integer.parseInt(id.group(1)), parse(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list schema directory " + registryDir, e);
    }
    if (writers.isEmpty()) {
      throw new IllegalArgumentException("no <id>.avsc files in schema directory " + registryDir);
    }
    return new ConfluentAvro(writers, parse(readerSchema));
  }

  record Json() implements DecodeFormat {
    @Override
    public String label() {
      return "json";
    }

    @Override
    public ReadingDecoder newDecoder() {
      return new JsonReadingDecoder();
    }
  }

  record ConfluentAvro(Map<Integer, Schema> writers, Schema reader) implements DecodeFormat {
    public ConfluentAvro {
      writers = Map.copyOf(writers);
    }

    @Override
    public String label() {
      return "avro-confluent";
    }

    @Override
    public ReadingDecoder newDecoder() {
      return new AvroReadingDecoder(writers, reader);
    }
  }

  private static Schema parse(Path file) {
    try {
      // a parser per file: versions of one record share its full name, which a parser holds once
      return new Schema.Parser().parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Avro schema " + file, e);
    }
  }
}
