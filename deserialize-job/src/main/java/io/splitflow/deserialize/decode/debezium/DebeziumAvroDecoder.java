package io.splitflow.deserialize.decode.debezium;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.TemporalRange;
import io.splitflow.deserialize.decode.avro.AvroValue;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.avro.ConfluentFrame;
import io.splitflow.deserialize.decode.avro.FieldReader;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import io.splitflow.deserialize.decode.registry.UnknownSchemaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes a Debezium change event in the Confluent Avro wire format (Debezium with Confluent's
 * {@code AvroConverter}): magic byte 0, the envelope's writer schema id, then the envelope record
 * {@code {before, after, source, op, ts_ms, ...}} in Avro binary. The semantics are those of {@link
 * DebeziumJsonDecoder}:
 *
 * <ul>
 *   <li>{@code op} c, r or u: the row is {@code after}, whose fields are matched to the dataset's
 *       BY NAME and converted as the Avro decoders convert them ({@link AvroValue}); a dataset
 *       field the writer's row lacks is MISSING_FIELD if required and null otherwise, and a
 *       required one that is null is MISSING_FIELD. A field whose writer type differs from the
 *       dataset's, other than by Avro's promotions (int to long, float or double; long to float or
 *       double; float to double), makes the writer schema INCOMPATIBLE_SCHEMA.
 *   <li>{@code op} d: a delete carrying the key fields, read from {@code before}.
 *   <li>{@code op} t or any other op: UNSUPPORTED_CHANGE; no {@code op}, or no record where the op
 *       needs one, MALFORMED_CHANGE_EVENT.
 * </ul>
 *
 * <p>Declared fields {@code source_ts_ms} and {@code source_lsn} are filled from {@code
 * source.ts_ms} and {@code source.lsn} when the row does not have them, as the JSON decoder does.
 * Framing, unknown schema ids and malformed bodies fail as in {@link ConfluentAvroDecoder}.
 *
 * <p>There is no reader schema: each event is read with its writer schema, fetched once per id from
 * the registry (give it a {@link io.splitflow.deserialize.decode.registry.CachingSchemaRegistry}).
 * Serializable for Spark, with the schemas, readers and field mappings rebuilt lazily after
 * deserialization; {@link #decode} is synchronized as that state is reused value after value.
 */
public final class DebeziumAvroDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final int fieldCount;
  // the dataset's fields, with the source fields optional: the row need not have them
  private final List<FieldSpec> rowFields;
  private final List<FieldSpec> keys;
  private final int[] keyPositions;
  private final int[] sourcePositions;
  private final FieldSpec[] sourceSpecs;
  private final SchemaRegistry registry;
  private transient Map<Integer, Writer> writers;

  /**
   * IllegalArgumentException for a key that is not a field, or a {@code source_ts_ms} or {@code
   * source_lsn} field of a type {@code source} cannot fill.
   */
  public DebeziumAvroDecoder(
      List<FieldSpec> fields, List<String> keyFields, SchemaRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.fieldCount = fields.size();
    SourceFields sourceFields = new SourceFields(fields);
    this.rowFields = List.copyOf(sourceFields.optionalInRow(fields));
    this.sourcePositions = new int[SourceFields.NAMES.size()];
    this.sourceSpecs = new FieldSpec[SourceFields.NAMES.size()];
    for (int s = 0; s < sourcePositions.length; s++) {
      sourcePositions[s] = KeyFields.position(fields, SourceFields.NAMES.get(s));
      sourceSpecs[s] = sourcePositions[s] < 0 ? null : fields.get(sourcePositions[s]);
    }
    KeyFields keyFieldsFound = KeyFields.of(fields, keyFields);
    this.keyPositions = keyFieldsFound.positions();
    this.keys = keyFieldsFound.specs();
  }

  @Override
  public synchronized DecodeResult decode(byte[] value) {
    DecodeResult badFrame = ConfluentFrame.problem(value);
    if (badFrame != null) {
      return badFrame;
    }
    if (writers == null) {
      writers = new HashMap<>();
    }
    int id = ConfluentFrame.schemaId(value);
    Writer writer;
    try {
      writer = writer(id);
    } catch (UnknownSchemaException e) {
      // only this id's problem; refused credentials or an unavailable registry (under
      // on-unavailable: fail) concern every record and propagate, failing the batch
      return DecodeResult.failed(DecodeError.UNKNOWN_SCHEMA_ID, e.getMessage());
    }
    if (writer.notARecord != null) {
      return DecodeResult.failed(DecodeError.MALFORMED_CHANGE_EVENT, writer.notARecord);
    }
    GenericRecord event;
    try {
      event = writer.fieldReader.read(writer.datumReader, value, ConfluentFrame.HEADER);
    } catch (IOException | RuntimeException e) {
      return writer.fieldReader.malformed(e, value.length);
    }
    Object op = writer.get(event, writer.op);
    if (!(op instanceof CharSequence)) {
      return DecodeResult.failed(
          DecodeError.MALFORMED_CHANGE_EVENT,
          op == null
              ? "the change event has no 'op'"
              : "'op' is " + found(op) + ", expected a string");
    }
    String opText = op.toString();
    return switch (opText) {
      case "c", "r", "u" -> row(writer, event, opText);
      case "d" -> delete(writer, event, opText);
      case "t" ->
          DecodeResult.failed(
              DecodeError.UNSUPPORTED_CHANGE,
              "op 't' (truncate) is not supported: it deletes every row, and gold is not"
                  + " truncated from a change event (skipped.operations=t on the connector drops"
                  + " them)");
      default ->
          DecodeResult.failed(
              DecodeError.UNSUPPORTED_CHANGE,
              "op '" + Problems.excerpt(opText) + "' is not supported; expected c, r, u or d");
    };
  }

  private DecodeResult row(Writer writer, GenericRecord event, String op) {
    Object after = writer.get(event, writer.after);
    if (!(after instanceof GenericRecord record)) {
      return needs(op, "an 'after' object", writer.after < 0 ? null : found(after));
    }
    Mapping mapping = writer.mapping(record.getSchema(), rowFields, false);
    if (mapping.incompatible != null) {
      return DecodeResult.failed(DecodeError.INCOMPATIBLE_SCHEMA, mapping.incompatible);
    }
    Problems problems = new Problems();
    Object[] values = new Object[fieldCount];
    mapping.read(record, values, null, problems);
    fillSource(writer, event, values, problems);
    return problems.any() ? problems.failed("") : DecodeResult.ok(values);
  }

  private DecodeResult delete(Writer writer, GenericRecord event, String op) {
    Object before = writer.get(event, writer.before);
    if (!(before instanceof GenericRecord record)) {
      return needs(op, "a 'before' object with the key", writer.before < 0 ? null : found(before));
    }
    Mapping mapping = writer.mapping(record.getSchema(), keys, true);
    if (mapping.incompatible != null) {
      return DecodeResult.failed(DecodeError.INCOMPATIBLE_SCHEMA, mapping.incompatible);
    }
    Problems problems = new Problems();
    Object[] values = new Object[fieldCount];
    mapping.read(record, values, keyPositions, problems);
    if (problems.any()) {
      return problems.failed("the key of a delete, in 'before': ");
    }
    fillSource(writer, event, values, null);
    return DecodeResult.delete(values);
  }

  /**
   * Fills the source fields the row lacks; {@code problems} is null for a delete, which can do
   * without them (the merge then orders it by its Kafka timestamp).
   */
  private void fillSource(Writer writer, GenericRecord event, Object[] values, Problems problems) {
    Object source = writer.get(event, writer.source);
    GenericRecord record = source instanceof GenericRecord r ? r : null;
    for (int s = 0; s < sourcePositions.length; s++) {
      int i = sourcePositions[s];
      if (i < 0 || values[i] != null) {
        continue;
      }
      String key = ChangeEvent.SOURCE_KEYS.get(s);
      Schema.Field field = record == null ? null : record.getSchema().getField(key);
      Object datum = field == null ? null : record.get(field.pos());
      if (datum instanceof Long || datum instanceof Integer) {
        long v = ((Number) datum).longValue();
        values[i] = SourceFields.sourceValue(sourceSpecs[s], v, problems);
      } else if (problems != null && datum != null) {
        problems.add(
            DecodeError.WRONG_TYPE,
            "field '"
                + sourceSpecs[s].name()
                + "': expected an integer in source."
                + key
                + ", found "
                + found(datum));
      } else if (problems != null && sourceSpecs[s].required()) {
        problems.add(
            DecodeError.MISSING_FIELD,
            "required field '"
                + sourceSpecs[s].name()
                + "' is missing (from the row and from source."
                + key
                + ")");
      }
    }
  }

  private static DecodeResult needs(String op, String what, String found) {
    return DecodeResult.failed(
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op '" + op + "' needs " + what + ", found " + (found == null ? "no such field" : found));
  }

  /** What an Avro datum is, in the JSON decoder's terms: {@code string "x"}, {@code null}. */
  private static String found(Object datum) {
    if (datum == null) {
      return "null";
    }
    if (datum instanceof CharSequence text) {
      return "string \"" + Problems.excerpt(text.toString()) + "\"";
    }
    if (datum instanceof Number n) {
      return "number " + n;
    }
    if (datum instanceof Boolean b) {
      return "boolean " + b;
    }
    if (datum instanceof GenericRecord) {
      return "a record";
    }
    if (datum instanceof Collection<?>) {
      return "an array";
    }
    if (datum instanceof Map<?, ?>) {
      return "a map";
    }
    return "Avro " + datum.getClass().getSimpleName();
  }

  private Writer writer(int id) throws UnknownSchemaException {
    Writer writer = writers.get(id);
    if (writer == null) {
      writer = new Writer(id, registry.schema(id));
      writers.put(id, writer);
    }
    return writer;
  }

  /** A registered envelope schema: its reader, where its fields are, and its row mappings. */
  private static final class Writer {
    final int id;
    final String notARecord;
    final FieldReader fieldReader;
    final GenericDatumReader<GenericRecord> datumReader;
    final int op;
    final int before;
    final int after;
    final int source;
    private final Map<Schema, Mapping> rows = new IdentityHashMap<>();
    private final Map<Schema, Mapping> keys = new IdentityHashMap<>();

    Writer(int id, Schema schema) {
      this.id = id;
      if (schema.getType() != Schema.Type.RECORD) {
        notARecord =
            "schema id "
                + id
                + " is Avro "
                + schema.getType().getName()
                + ", not a change event record";
        fieldReader = null;
        datumReader = null;
        op = before = after = source = -1;
        return;
      }
      notARecord = null;
      fieldReader = new FieldReader(schema, List.of());
      datumReader = new GenericDatumReader<>(schema);
      op = pos(schema, "op");
      before = pos(schema, "before");
      after = pos(schema, "after");
      source = pos(schema, "source");
    }

    Object get(GenericRecord event, int pos) {
      return pos < 0 ? null : event.get(pos);
    }

    Mapping mapping(Schema row, List<FieldSpec> fields, boolean key) {
      Map<Schema, Mapping> cache = key ? keys : rows;
      return cache.computeIfAbsent(row, r -> new Mapping(id, r, fields));
    }

    private static int pos(Schema schema, String name) {
      Schema.Field field = schema.getField(name);
      return field == null ? -1 : field.pos();
    }
  }

  /** Where a writer's row has each wanted field, and how its values convert, matched by name. */
  private static final class Mapping {
    final List<FieldSpec> fields;
    final int[] positions;
    final AvroValue[] values;
    final boolean[] widen;
    final String incompatible;

    Mapping(int id, Schema row, List<FieldSpec> fields) {
      this.fields = fields;
      this.positions = new int[fields.size()];
      this.values = new AvroValue[fields.size()];
      this.widen = new boolean[fields.size()];
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        FieldSpec spec = fields.get(i);
        Schema.Field field = row.getField(spec.name());
        positions[i] = field == null ? -1 : field.pos();
        if (field == null) {
          continue;
        }
        try {
          values[i] = AvroValue.of(field);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
          continue;
        }
        FieldType.Scalar writer = values[i].type();
        if (writer != spec.type()) {
          widen[i] = promotes(writer, spec.type());
          if (!widen[i]) {
            problems.add(
                String.format(
                    "field '%s' is %s in the configuration but %s in the Avro writer schema",
                    spec.name(), spec.type().typeName(), writer.typeName()));
          }
        }
      }
      this.incompatible =
          problems.isEmpty()
              ? null
              : "schema id "
                  + id
                  + " is incompatible with the dataset: "
                  + String.join("; ", problems);
    }

    /** Avro's promotions of numbers, which its schema resolution allows. */
    private static boolean promotes(FieldType.Scalar writer, FieldType reader) {
      return switch (writer) {
        case INT ->
            reader == FieldType.LONG || reader == FieldType.FLOAT || reader == FieldType.DOUBLE;
        case LONG -> reader == FieldType.FLOAT || reader == FieldType.DOUBLE;
        case FLOAT -> reader == FieldType.DOUBLE;
        default -> false;
      };
    }

    /** Reads the fields into {@code values}, at {@code targets} or in order when it is null. */
    void read(GenericRecord record, Object[] out, int[] targets, Problems problems) {
      for (int i = 0; i < fields.size(); i++) {
        FieldSpec spec = fields.get(i);
        Object datum = positions[i] < 0 ? null : record.get(positions[i]);
        if (datum == null) {
          if (spec.required()) {
            problems.add(
                DecodeError.MISSING_FIELD,
                "required field '"
                    + spec.name()
                    + (positions[i] < 0 ? "' is missing" : "' is null"));
          }
          continue;
        }
        Object converted = values[i].convert(datum);
        if (converted == null) {
          // only dates and timestamps can be: see AvroValue
          problems.add(
              DecodeError.OUT_OF_RANGE,
              "field '"
                  + spec.name()
                  + "': "
                  + values[i].describe(datum)
                  + " is out of range for "
                  + spec.type().typeName()
                  + " ("
                  + TemporalRange.YEARS
                  + ")");
          continue;
        }
        if (widen[i]) {
          Number n = (Number) converted;
          converted =
              // a promoted number: the config loader refuses other types with this envelope
              switch (spec.type().scalar()) {
                case LONG -> n.longValue();
                case FLOAT -> n.floatValue();
                default -> n.doubleValue();
              };
        }
        out[targets == null ? i : targets[i]] = converted;
      }
    }
  }
}
