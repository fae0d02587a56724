package io.splitflow.deserialize.decode.debezium;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.splitflow.common.config.DecimalHandling;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.JsonParsing;
import io.splitflow.deserialize.decode.JsonRecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Decodes a Debezium change event in JSON, bare or wrapped by the JSON converter with its schema
 * ({@code {"schema":…,"payload":…}}), into a row or a delete.
 *
 * <ul>
 *   <li>{@code op} c (create), r (snapshot read) or u (update): the row is {@code after}, decoded
 *       exactly as {@link JsonRecordDecoder} decodes a record (the same strictness, unknown-field
 *       policy and messages; it reads {@code after}'s own bytes).
 *   <li>{@code op} d: a delete ({@link DecodeResult#delete}) carrying the key fields, read from
 *       {@code before}, which must have them; a connector table needs a replica identity that puts
 *       the key in {@code before} (Postgres' default, the primary key, does).
 *   <li>{@code op} t (truncate) or any other op: UNSUPPORTED_CHANGE; an event without {@code op},
 *       or without the object its op needs, MALFORMED_CHANGE_EVENT.
 * </ul>
 *
 * <p>Declared fields named {@code source_ts_ms} (long, or timestamp) and {@code source_lsn} (long)
 * are filled from {@code source.ts_ms} (the commit time, epoch milliseconds) and {@code source.lsn}
 * whenever the row does not have them, so the merge can sequence by them; a delete gets them too,
 * so it orders against the updates of its key. A required one that neither gives is MISSING_FIELD.
 *
 * <p>Dates and timestamps may also be numbers, as Debezium writes them by default: a date field
 * takes an integer count of days since 1970-01-01, a timestamp field integer epoch milliseconds, or
 * microseconds when the magnitude exceeds 10^14 (see {@link NumericTemporals} for what that rule
 * cannot tell apart). ISO-8601 strings are read as {@link JsonRecordDecoder} reads them.
 *
 * <p>Serializable for Spark; parses with the same shared factory as the JSON decoder ({@link
 * JsonParsing}).
 */
public final class DebeziumJsonDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final int fieldCount;
  private final JsonRecordDecoder rowDecoder;
  private final RowSlice.Shape rowShape;
  private final JsonRecordDecoder keyDecoder;
  private final RowSlice.Shape keyShape;
  private final int[] keyPositions;
  private final SourceFields sourceFields;

  /**
   * IllegalArgumentException for a key that is not a field, or a {@code source_ts_ms} or {@code
   * source_lsn} field of a type {@code source} cannot fill.
   */
  public DebeziumJsonDecoder(
      List<FieldSpec> fields, List<String> keyFields, UnknownFieldPolicy unknownFields) {
    this(fields, keyFields, unknownFields, DecimalHandling.PRECISE);
  }

  /** With decimals written in the connector's {@code decimal.handling.mode}. */
  public DebeziumJsonDecoder(
      List<FieldSpec> fields,
      List<String> keyFields,
      UnknownFieldPolicy unknownFields,
      DecimalHandling decimals) {
    this.fieldCount = fields.size();
    this.sourceFields = new SourceFields(fields);
    // required source fields are checked after filling
    this.rowDecoder = new JsonRecordDecoder(sourceFields.optionalInRow(fields), unknownFields);
    this.rowShape = new RowSlice.Shape(fields, SourceFields.names(), decimals);

    KeyFields keys = KeyFields.of(fields, keyFields);
    this.keyPositions = keys.positions();
    this.keyDecoder = new JsonRecordDecoder(keys.specs(), UnknownFieldPolicy.IGNORE);
    this.keyShape = new RowSlice.Shape(keys.specs(), Set.of(), decimals);
  }

  @Override
  public DecodeResult decode(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    ChangeEvent event;
    try (JsonParser p = JsonParsing.parser(value)) {
      event = ChangeEvent.read(p, rowShape, keyShape);
    } catch (ChangeEvent.NotAnObject e) {
      return e.found == null
          ? DecodeResult.failed(DecodeError.MALFORMED_JSON, "value is empty")
          : DecodeResult.failed(
              DecodeError.NOT_AN_OBJECT, "expected a JSON object, found " + kind(e));
    } catch (JsonProcessingException e) {
      return JsonParsing.malformed(e.getOriginalMessage());
    } catch (IOException e) {
      return JsonParsing.malformed(e.getMessage());
    }
    if (event.malformed != null) {
      return DecodeResult.failed(DecodeError.MALFORMED_CHANGE_EVENT, event.malformed);
    }
    if (event.op == null) {
      return DecodeResult.failed(
          DecodeError.MALFORMED_CHANGE_EVENT,
          event.opFound == null
              ? "the change event has no 'op'"
              : "'op' is " + event.opFound + ", expected a string");
    }
    return switch (event.op) {
      case "c", "r", "u" -> row(event, value);
      case "d" -> delete(event, value);
      case "t" ->
          DecodeResult.failed(
              DecodeError.UNSUPPORTED_CHANGE,
              "op 't' (truncate) is not supported: it deletes every row, and gold is not"
                  + " truncated from a change event (skipped.operations=t on the connector drops"
                  + " them)");
      default ->
          DecodeResult.failed(
              DecodeError.UNSUPPORTED_CHANGE,
              "op '" + Problems.excerpt(event.op) + "' is not supported; expected c, r, u or d");
    };
  }

  private DecodeResult row(ChangeEvent event, byte[] value) {
    if (event.after == null) {
      return needs(event, "an 'after' object", event.afterFound);
    }
    DecodeResult decoded = rowDecoder.decode(event.after.bytes(value));
    if (decoded.error() == DecodeError.MALFORMED_JSON) {
      // bytes Jackson let through in the scan (overlong UTF-8); the offsets count from 'after'
      return DecodeResult.failed(decoded.error(), "in 'after': " + decoded.message());
    }
    Problems problems = new Problems();
    event.after.reportTo(problems);
    Object[] values = decoded.ok() ? decoded.values() : new Object[fieldCount];
    if (!decoded.ok()) {
      problems.add(decoded);
    }
    event.after.patch(values);
    sourceFields.fill(event, event.after, values, problems);
    return problems.any() ? problems.failed("") : DecodeResult.ok(values);
  }

  private DecodeResult delete(ChangeEvent event, byte[] value) {
    if (event.before == null) {
      return needs(event, "a 'before' object with the key", event.beforeFound);
    }
    Problems problems = new Problems();
    event.before.reportTo(problems);
    DecodeResult decoded = keyDecoder.decode(event.before.bytes(value));
    if (!decoded.ok()) {
      problems.add(decoded);
    }
    if (problems.any()) {
      return problems.failed("the key of a delete, in 'before': ");
    }
    event.before.patch(decoded.values());
    Object[] values = new Object[fieldCount];
    for (int k = 0; k < keyPositions.length; k++) {
      values[keyPositions[k]] = decoded.values()[k];
    }
    sourceFields.fill(event, null, values, null);
    return DecodeResult.delete(values);
  }

  private static DecodeResult needs(ChangeEvent event, String what, String found) {
    return DecodeResult.failed(
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op '"
            + event.op
            + "' needs "
            + what
            + ", found "
            + (found == null ? "no such field" : found));
  }

  private static String kind(ChangeEvent.NotAnObject e) {
    return switch (e.found) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> e.found.name();
    };
  }
}
