package io.splitflow.deserialize.decode.debezium;

import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.JsonRecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A rough throughput check, run by hand: {@code java -cp ... DebeziumJsonDecoderThroughput}. Not a
 * test, as timings depend on the machine. It compares the decoder (one streaming pass over the
 * event, then the JSON decoder on the bytes of {@code after}) with the JSON decoder on the bare row
 * and with the obvious alternative, a Jackson tree re-serializing {@code after}; that one is also
 * less honest, as a tree keeps only the last of duplicate fields.
 */
public final class DebeziumJsonDecoderThroughput {

  private static final int RECORDS = 500_000;
  private static final String ISO_AFTER =
      "{'id':1,'sensor_id':'s-1','reading_date':'2026-11-27',"
          + "'read_at':'2026-11-27T08:15:30.123456Z','value':21.5,'active':true,'note':'roof'}";

  private DebeziumJsonDecoderThroughput() {}

  public static void main(String[] args) {
    List<FieldSpec> fields = DebeziumEvents.FIELDS;
    JsonRecordDecoder json = new JsonRecordDecoder(fields.subList(0, 6), UnknownFieldPolicy.IGNORE);
    DebeziumJsonDecoder debezium = DebeziumEvents.decoder();
    RecordDecoder tree = new TreeDecoder(fields.subList(0, 6));

    for (int round = 1; round <= 3; round++) {
      System.out.printf("round %d%n", round);
      run("json decoder, bare row (ISO)", json, json(ISO_AFTER));
      run(
          "debezium, bare event (ISO)",
          debezium,
          json(DebeziumEvents.event("u", DebeziumEvents.BEFORE, ISO_AFTER)));
      run(
          "debezium, bare event (numeric)",
          debezium,
          json(DebeziumEvents.event("u", DebeziumEvents.BEFORE, DebeziumEvents.AFTER)));
      run(
          "debezium, wrapped event (numeric)",
          debezium,
          json(DebeziumEvents.wrapped("u", DebeziumEvents.BEFORE, DebeziumEvents.AFTER)));
      run(
          "tree, bare event (ISO)",
          tree,
          json(DebeziumEvents.event("u", DebeziumEvents.BEFORE, ISO_AFTER)));
      run(
          "tree, wrapped event (ISO)",
          tree,
          json(DebeziumEvents.wrapped("u", DebeziumEvents.BEFORE, ISO_AFTER)));
    }
  }

  private static void run(String name, RecordDecoder decoder, byte[] value) {
    DecodeResult check = decoder.decode(value);
    if (!check.ok()) {
      throw new IllegalStateException(name + ": " + check.message());
    }
    long start = System.nanoTime();
    for (int i = 0; i < RECORDS; i++) {
      decoder.decode(value);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "  %-36s %5d bytes %,12.0f records/s%n", name, value.length, RECORDS / seconds);
  }

  /** The alternative measured against: read a tree, write {@code after} back out, decode that. */
  private static final class TreeDecoder implements RecordDecoder {
    private static final long serialVersionUID = 1L;
    private final transient ObjectMapper mapper = new ObjectMapper();
    private final JsonRecordDecoder row;

    TreeDecoder(List<FieldSpec> fields) {
      row = new JsonRecordDecoder(fields, UnknownFieldPolicy.IGNORE);
    }

    @Override
    public DecodeResult decode(byte[] value) {
      try {
        JsonNode event = mapper.readTree(value);
        JsonNode payload = event.has("payload") ? event.get("payload") : event;
        payload.get("op").asText();
        return row.decode(mapper.writeValueAsBytes(payload.get("after")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
