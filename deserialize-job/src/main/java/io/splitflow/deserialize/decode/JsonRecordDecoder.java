package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.config.DecimalRounding;
import io.splitflow.common.schema.FieldSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes one Kafka message value, a JSON object, into values typed by a schema. Strict: no
 * coercion, no duplicate fields, unknown fields only if the policy says so, and every problem of a
 * record reported at once.
 *
 * <p>Serializable so Spark can ship it inside a UDF. It streams with Jackson's parser rather than
 * binding, with the thread-safe parser factory of {@link JsonParsing}, which never travels with the
 * decoder.
 */
public final class JsonRecordDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final FieldSpec[] fields;
  private final Map<String, Integer> positions;
  private final ReadPolicy policy;

  public JsonRecordDecoder(List<FieldSpec> fields, UnknownFieldPolicy unknownFields) {
    this(fields, unknownFields, DecimalRounding.REFUSE);
  }

  /** With {@code rounding} for decimals with more digits after the point than their scale. */
  public JsonRecordDecoder(
      List<FieldSpec> fields, UnknownFieldPolicy unknownFields, DecimalRounding rounding) {
    this.fields = fields.toArray(new FieldSpec[0]);
    this.policy = new ReadPolicy(unknownFields, rounding);
    this.positions = new HashMap<>();
    for (int i = 0; i < this.fields.length; i++) {
      FieldSpec field = Objects.requireNonNull(this.fields[i], "field spec");
      Objects.requireNonNull(field.type(), "type of field '" + field.name() + "'");
      if (positions.put(Objects.requireNonNull(field.name(), "field name"), i) != null) {
        throw new IllegalArgumentException("field '" + field.name() + "' is declared twice");
      }
    }
  }

  @Override
  public DecodeResult decode(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    DecodeResult result;
    try (JsonParser p = JsonParsing.parser(value)) {
      result = decodeDocument(p);
    } catch (JsonProcessingException e) {
      return JsonParsing.malformed(e.getOriginalMessage());
    } catch (IOException e) {
      return JsonParsing.malformed(e.getMessage());
    }
    String encodingProblem = Utf8.problem(value);
    return encodingProblem == null ? result : JsonParsing.malformed(encodingProblem);
  }

  private DecodeResult decodeDocument(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      return DecodeResult.failed(DecodeError.MALFORMED_JSON, "value is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      // read to the end anyway: a truncated array is malformed rather than merely not an object
      p.skipChildren();
      requireEnd(p);
      return DecodeResult.failed(
          DecodeError.NOT_AN_OBJECT, "expected a JSON object, found " + ValueReader.kind(first));
    }
    DecodeResult result = decodeObject(p);
    requireEnd(p);
    return result;
  }

  private DecodeResult decodeObject(JsonParser p) throws IOException {
    Object[] values = new Object[fields.length];
    int[] occurrences = new int[fields.length];
    // created at the first unknown field only, as most records have none
    Map<String, Integer> unknownOccurrences = null;
    Problems problems = new Problems();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      Integer position = positions.get(name);
      if (position == null) {
        if (unknownOccurrences == null) {
          unknownOccurrences = new HashMap<>();
        }
        int occurrence = unknownOccurrences.merge(name, 1, Integer::sum);
        if (occurrence == 1 && policy.unknownFields() == UnknownFieldPolicy.KEEP) {
          problems.extra().copy(name, p);
        } else {
          unknownField(name, occurrence, problems);
          p.skipChildren();
        }
      } else if (++occurrences[position] > 1) {
        if (occurrences[position] == 2) {
          duplicate(name, problems);
        }
        p.skipChildren();
      } else {
        values[position] = ValueReader.read(p, token, fields[position], policy, problems);
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (occurrences[i] == 0 && fields[i].required()) {
        problems.add(
            DecodeError.MISSING_FIELD, "required field '" + fields[i].name() + "' is missing");
      }
    }
    if (keepsExtra()) {
      Object[] withExtra = java.util.Arrays.copyOf(values, fields.length + 1);
      withExtra[fields.length] = problems.extraJson();
      return problems.result(withExtra);
    }
    return problems.result(values);
  }

  /** With {@code unknown-fields: keep}: one more value after the fields, the extra fields' JSON. */
  @Override
  public boolean keepsExtra() {
    return policy.unknownFields() == UnknownFieldPolicy.KEEP;
  }

  private void unknownField(String name, int occurrence, Problems problems) {
    if (occurrence == 2) {
      duplicate(name, problems);
    } else if (occurrence == 1 && policy.unknownFields() == UnknownFieldPolicy.DEAD_LETTER) {
      problems.add(
          DecodeError.UNKNOWN_FIELD,
          "unknown field '" + ValueReader.excerpt(name) + "' (not in the schema)");
    }
  }

  private static void duplicate(String name, Problems problems) {
    problems.add(
        DecodeError.DUPLICATE_FIELD, "field '" + ValueReader.excerpt(name) + "' appears twice");
  }

  // Jackson stops at the end of the first value and would not notice `{"a":1} x` or a second object
  private static void requireEnd(JsonParser p) throws IOException {
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw new JsonParseException(
          p, "Trailing token (of type " + trailing + ") found after the top-level value");
    }
  }
}
