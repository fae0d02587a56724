package io.splitflow.tools.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The hostile-input corpus of {@code src/test/resources/hostile}: {@code manifest.tsv} names each
 * message (key, value file, headers, dataset) and what must become of it; make_corpus.py there
 * describes the columns. Values too large to commit ({@code gen:<name>}) are built here.
 */
final class HostileCorpus {
  static final String BRONZE = "bronze";
  static final String DELETE = "delete";
  static final int MIB = 1 << 20;
  private static final String ROOT = "/hostile/";
  private static final int DEEP = 10_000;

  /** One message of the corpus and what must become of it. */
  record Entry(
      String id,
      String dataset,
      byte[] key,
      byte[] value,
      List<Header> headers,
      String expect,
      String message,
      String what) {

    /** A message made by a test rather than read from the corpus. */
    static Entry of(String id, String value, String expect, String message) {
      return new Entry(
          id,
          Pipeline.DATASET,
          null,
          value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          List.of(),
          expect,
          message,
          id);
    }

    boolean landsInBronze() {
      return expect.equals(BRONZE) || expect.equals(DELETE);
    }

    @Override
    public String toString() {
      return id + " (" + what + ")";
    }
  }

  private HostileCorpus() {}

  static List<Entry> forDataset(String dataset) {
    List<Entry> entries = new ArrayList<>();
    for (String line : resourceText("manifest.tsv").lines().toList()) {
      if (line.startsWith("#") || line.startsWith("id\t") || line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      if (c.length != 8) {
        throw new IllegalStateException("manifest line has " + c.length + " columns: " + line);
      }
      if (c[1].equals(dataset)) {
        entries.add(
            new Entry(c[0], c[1], bytes(c[2]), value(c[3]), headers(c[4]), c[5], c[6], c[7]));
      }
    }
    return entries;
  }

  /** Writer schemas the Avro corpus needs besides the shipped ones (an incompatible, a broken). */
  static void addRegistrySchemas(Path registryDir) throws IOException {
    for (String name : List.of("7.avsc", "8.avsc", "9.avsc")) {
      Files.write(registryDir.resolve(name), resource("avro/registry/" + name));
    }
  }

  private static byte[] bytes(String cell) {
    if (cell.equals("-")) {
      return null;
    }
    return cell.startsWith("hex:")
        ? HexFormat.of().parseHex(cell.substring(4))
        : cell.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Header> headers(String cell) {
    List<Header> headers = new ArrayList<>();
    if (!cell.equals("-")) {
      for (String pair : cell.split(";")) {
        int eq = pair.indexOf('=');
        headers.add(new RecordHeader(pair.substring(0, eq), bytes(pair.substring(eq + 1))));
      }
    }
    return headers;
  }

  private static byte[] value(String cell) {
    if (cell.equals("-")) {
      return null;
    }
    return cell.startsWith("gen:") ? generated(cell.substring(4)) : resource(cell);
  }

  private static byte[] generated(String name) {
    return switch (name) {
      case "json-1mib" -> padded("{\"sensor_id\":\"j05\",", "\"unit\":\"", "\"}");
      case "json-1mib-junk" -> "x".repeat(MIB).getBytes(StandardCharsets.US_ASCII);
      case "json-nested-10000-field" ->
          reading("j10", ",\"extra\":" + "[".repeat(DEEP) + "]".repeat(DEEP));
      case "json-nested-10000-top" -> ascii("[".repeat(DEEP) + "]".repeat(DEEP));
      case "json-nested-10000-objects" ->
          ascii(
              "{\"sensor_id\":\"j12\",\"reading_date\":\"2026-11-27\",\"event_time\":"
                  + "\"2026-11-27T10:00:00Z\",\"value\":"
                  + "{\"a\":".repeat(DEEP)
                  + "1"
                  + "}".repeat(DEEP)
                  + "}");
      case "json-5000-digits" ->
          ascii(
              "{\"sensor_id\":\"j26\",\"reading_date\":\"2026-11-27\",\"event_time\":"
                  + "\"2026-11-27T10:00:00Z\",\"value\":"
                  + "9".repeat(5_000)
                  + "}");
      case "json-huge-sensor-id" ->
          ascii(
              "{\"sensor_id\":\"j41-"
                  + "s".repeat(256 * 1024)
                  + "\",\"reading_date\":\"2026-11-27\",\"event_time\":\"2026-11-27T10:00:00Z\"}");
      case "json-many-fields" -> {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
          fields.append(",\"f").append(i).append("\":").append(i);
        }
        yield reading("j42", fields.toString());
      }
      case "avro-1mib" -> avro1Mib();
      case "avro-null-array-blocks" -> nullArrayBlocks();
      default -> throw new IllegalStateException("no generator for gen:" + name);
    };
  }

  private static byte[] reading(String sensor, String extraFields) {
    return ascii(
        "{\"sensor_id\":\""
            + sensor
            + "\",\"reading_date\":\"2026-11-27\",\"value\":21.5,\"unit\":\"C\","
            + "\"event_time\":\"2026-11-27T10:00:00Z\""
            + extraFields
            + "}");
  }

  /** A good JSON reading of exactly 1 MiB: its unit pads it. */
  private static byte[] padded(String start, String padStart, String end) {
    String head =
        start
            + "\"reading_date\":\"2026-11-27\",\"value\":21.5,"
            + "\"event_time\":\"2026-11-27T10:00:00Z\","
            + padStart;
    return ascii(head + "u".repeat(MIB - head.length() - end.length()) + end);
  }

  /** A Confluent-framed reading (writer schema 1) of exactly 1 MiB: its unit pads it. */
  private static byte[] avro1Mib() {
    try {
      Schema schema =
          new Schema.Parser()
              .parse(Path.of("..", "conf", "schemas", "registry", "1.avsc").toFile());
      int base = framedAvro(schema, "").length;
      // the unit's length prefix grows from 1 byte (0) to 3 bytes (a zigzag varint of ~2^21)
      byte[] value = framedAvro(schema, "u".repeat(MIB - base - 2));
      if (value.length != MIB) {
        throw new IllegalStateException("1 MiB Avro value came out at " + value.length);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A 500 KB Confluent-framed reading of registry schema 9, whose writer-only field is an array of
   * nulls in blocks that each declare half as many items as there are bytes after them: every block
   * fits the bytes left, and the items of all blocks come to about 2 x 10^10. (A map's items each
   * carry a key of at least one byte, so a map cannot declare more items than its bytes.)
   */
  private static byte[] nullArrayBlocks() {
    try {
      Schema one =
          new Schema.Parser()
              .parse(Path.of("..", "conf", "schemas", "registry", "1.avsc").toFile());
      byte[] reading = framedAvro(one, "C");
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      value.write(ByteBuffer.allocate(5).put((byte) 0).putInt(9).array(), 0, 5);
      value.write(reading, 5, reading.length - 5); // schema 9's fields start as schema 1's
      int total = 500_000;
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(value, null);
      while (value.size() < total - 8) {
        // a block of nulls: a count (half the bytes still to come, so it fits them), no item bytes
        encoder.writeLong((total - value.size()) / 2);
        encoder.flush();
      }
      encoder.writeLong(0); // the array's end
      encoder.flush();
      return value.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] framedAvro(Schema schema, String unit) throws IOException {
    GenericRecord record = new GenericData.Record(schema);
    record.put("sensor_id", "a22");
    record.put("reading_date", (int) LocalDate.parse("2026-11-27").toEpochDay());
    record.put("value", 21.5);
    record.put("unit", unit);
    record.put("event_time", Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(1).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String resourceText(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = HostileCorpus.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("no corpus file " + ROOT + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
