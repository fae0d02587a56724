package io.splitflow.deserialize.decode;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.splitflow.common.job.PermanentException;
import io.splitflow.common.job.SplitflowException;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.deserialize.deadletter.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes raw rows with a {@link RecordDecoder}, once per row in a UDF that returns the typed row
 * or the error; a tombstone (null value) becomes a delete. The caller persists the decoded batch so
 * the successes and the failures are split from one pass.
 */
public final class BatchDecoder {
  public static final String STAGE = "decode";

  /** The key of the failure a record that decoding runs out of memory on stops the job with. */
  public static final String OUT_OF_MEMORY = "deserialize.out-of-memory";

  static final String RESULT = "_decoded";

  /** The struct holding the raw columns in decoded rows. */
  public static final String RAW = "_raw";

  private final List<FieldSpec> fields;
  private final boolean extra;

  /** Whether the UDF takes the timestamp and headers too, which computed columns see. */
  private final boolean kafkaMetadata;

  private final UserDefinedFunction udf;

  public BatchDecoder(
      List<FieldSpec> fields, RecordDecoder decoder, TombstoneKeyDecoder tombstones) {
    this(fields, decoder, tombstones, ComputedColumns.NONE);
  }

  /**
   * {@code fields} are the ones {@code decoder} reads; the computed columns follow them in each
   * row, and the unknown fields of a decoder that keeps them come last.
   */
  public BatchDecoder(
      List<FieldSpec> fields,
      RecordDecoder decoder,
      TombstoneKeyDecoder tombstones,
      ComputedColumns computed) {
    List<FieldSpec> all = new ArrayList<>(fields);
    all.addAll(computed.fields());
    this.fields = List.copyOf(all);
    this.extra = decoder.keepsExtra();
    StructType row = SparkTypes.struct(this.fields);
    if (extra) {
      row = row.add(TableSchemas.EXTRA, DataTypes.StringType);
    }
    int width = row.size();
    int decodedCount = fields.size();
    StructType resultType =
        new StructType()
            .add("row", row)
            .add("deleted", DataTypes.BooleanType)
            .add("error_class", DataTypes.StringType)
            .add("error_message", DataTypes.StringType);
    this.kafkaMetadata = !computed.isEmpty();
    UserDefinedFunction function;
    if (kafkaMetadata) {
      UDF7<byte[], byte[], String, Integer, Long, Object, Object, Row> decode =
          (key, value, topic, partition, offset, timestamp, headers) -> {
            try {
              DecodeResult result = decodeRecord(decoder, tombstones, key, value);
              if (value != null) {
                result =
                    computed.fill(
                        result,
                        decodedCount,
                        ComputedColumns.kafka(key, topic, partition, offset, timestamp, headers));
              }
              return toRow(result, value == null, width);
            } catch (OutOfMemoryError e) {
              throw outOfMemory(topic, partition, offset, value, e);
            }
          };
      function = functions.udf(decode, resultType);
    } else {
      // without computed columns the UDF takes no timestamp and headers: Spark would convert
      // them for every record
      UDF5<byte[], byte[], String, Integer, Long, Row> decode =
          (key, value, topic, partition, offset) -> {
            try {
              return decodeOne(decoder, tombstones, key, value, width);
            } catch (OutOfMemoryError e) {
              throw outOfMemory(topic, partition, offset, value, e);
            }
          };
      function = functions.udf(decode, resultType);
    }
    this.udf = function.asNondeterministic().withName("splitflow_decode");
  }

  /**
   * One record's decode result as the UDF returns it. Whatever else the decoder throws, a runtime
   * exception or a stack overflow on a deeply nested value, costs that record, not the job: it
   * waits in dead letters. A {@link SplitflowException} (the registry refused the credentials, or
   * stayed unreachable) fails the batch.
   */
  static Row decodeOne(
      RecordDecoder decoder, TombstoneKeyDecoder tombstones, byte[] key, byte[] value) {
    return decodeOne(decoder, tombstones, key, value, 0);
  }

  /** As above, the row's values padded with nulls to {@code width}. */
  static Row decodeOne(
      RecordDecoder decoder, TombstoneKeyDecoder tombstones, byte[] key, byte[] value, int width) {
    return toRow(decodeRecord(decoder, tombstones, key, value), value == null, width);
  }

  private static DecodeResult decodeRecord(
      RecordDecoder decoder, TombstoneKeyDecoder tombstones, byte[] key, byte[] value) {
    boolean tombstone = value == null;
    DecodeResult result;
    try {
      result = tombstone ? tombstones.decode(key) : decoder.decode(value);
    } catch (SplitflowException e) {
      // raised on purpose, about every record alike (the registry refused the credentials, or
      // is down): the batch fails rather than dead-letter them all
      throw e;
    } catch (RuntimeException e) {
      // a decoder bug must cost one record, not the job: the record waits in dead letters
      result = DecodeResult.failed(DecodeError.DECODER_FAILURE, "could not decode: " + e);
    } catch (StackOverflowError e) {
      // a value nested deeper than the thread's stack (recursive Avro records, JSON
      // arrays in arrays): one record's problem, not the job's
      result =
          DecodeResult.failed(
              DecodeError.DECODER_FAILURE,
              "could not decode: nested too deeply for the decoder's stack ("
                  + (value == null ? 0 : value.length)
                  + "-byte value)");
    }
    return result;
  }

  private static Row toRow(DecodeResult result, boolean tombstone, int width) {
    // a tombstone's key gives no extra fields nor computed columns: its row is short of the
    // decoder's
    Object[] values =
        result.ok() && result.values().length < width
            ? java.util.Arrays.copyOf(result.values(), width)
            : result.values();
    return result.ok()
        ? RowFactory.create(RowFactory.create(values), tombstone || result.deleted(), null, null)
        : RowFactory.create(null, null, result.error().name(), result.message());
  }

  /**
   * A record whose decoding ran out of memory stops the job, naming the record: retried, it would
   * run out again on every restart (and an executor that meets an OutOfMemoryError is killed).
   */
  static PermanentException outOfMemory(
      String topic, Integer partition, Long offset, byte[] value, OutOfMemoryError e) {
    return new PermanentException(
        OUT_OF_MEMORY,
        "decoding the record at topic "
            + topic
            + ", partition "
            + partition
            + ", offset "
            + offset
            + " ("
            + (value == null ? 0 : value.length)
            + "-byte value) ran out of memory ("
            + e.getMessage()
            + "); the job stops rather than fail on it at every restart. Its bytes are in raw at"
            + " these coordinates: give the executors more memory (spark.executor.memory) and"
            + " start the job again",
        e);
  }

  /** Raw rows with one more column holding the decode result; persist it before splitting. */
  public Dataset<Row> decode(Dataset<Row> raw) {
    return raw.withColumn(
        RESULT,
        kafkaMetadata
            ? udf.apply(
                col("key"),
                col("value"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("timestamp"),
                col("headers"))
            : udf.apply(col("key"), col("value"), col("topic"), col("partition"), col("offset")));
  }

  /**
   * The rows that decoded: the business fields and {@code _deleted} at the top level (rules name
   * them), the raw columns kept under {@code _raw}, since a field may be called {@code value} too.
   */
  public Dataset<Row> decodedRows(Dataset<Row> decoded) {
    List<Column> columns = new ArrayList<>();
    for (FieldSpec field : fields) {
      columns.add(col(RESULT + ".row." + field.name()).as(field.name()));
    }
    if (extra) {
      columns.add(col(RESULT + ".row." + TableSchemas.EXTRA).as(TableSchemas.EXTRA));
    }
    columns.add(col(RESULT + ".deleted").as(TableSchemas.DELETED));
    List<Column> raw = new ArrayList<>();
    for (String rawColumn : TableSchemas.raw().fieldNames()) {
      raw.add(col(rawColumn));
    }
    columns.add(struct(raw.toArray(Column[]::new)).as(RAW));
    return decoded
        .where(col(RESULT + ".error_class").isNull())
        .select(columns.toArray(Column[]::new));
  }

  /** Dead letters of the decode stage. */
  public Dataset<Row> failures(Dataset<Row> decoded, String jobVersion) {
    return DeadLetters.of(
        decoded.where(col(RESULT + ".error_class").isNotNull()),
        lit(STAGE),
        col(RESULT + ".error_class"),
        col(RESULT + ".error_message"),
        array().cast(DataTypes.createArrayType(DataTypes.StringType)),
        jobVersion);
  }

  /** Error classes of the decode failures, for the batch's counts. */
  public static Column errorClass() {
    return col(RESULT + ".error_class");
  }

  /**
   * Bronze rows from decoded rows: business fields, {@code _deleted}, provenance, and (with {@code
   * unknown-fields: keep}) the unknown fields as the VARIANT {@code _extra}, last.
   */
  public static Dataset<Row> toBronze(Dataset<Row> decodedRows, List<FieldSpec> fields) {
    List<Column> columns = new ArrayList<>();
    for (FieldSpec field : fields) {
      columns.add(col(field.name()));
    }
    columns.add(col(TableSchemas.DELETED));
    columns.add(
        struct(
                col(RAW + ".topic").as("topic"),
                col(RAW + ".partition").as("partition"),
                col(RAW + ".offset").as("offset"),
                col(RAW + ".timestamp").as("timestamp"))
            .as(TableSchemas.SOURCE));
    columns.add(col(RAW + ".ingested_at").as(TableSchemas.INGESTED_AT));
    columns.add(current_timestamp().as(TableSchemas.DESERIALIZED_AT));
    if (java.util.Arrays.asList(decodedRows.columns()).contains(TableSchemas.EXTRA)) {
      // written by the decoder, so always valid JSON
      columns.add(functions.parse_json(col(TableSchemas.EXTRA)).as(TableSchemas.EXTRA));
    }
    return decodedRows.select(columns.toArray(Column[]::new));
  }
}
