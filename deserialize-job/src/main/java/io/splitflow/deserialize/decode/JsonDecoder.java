package io.splitflow.deserialize.decode;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

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
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes the {@code value} of raw rows as JSON into the dataset's typed columns. The decode runs
 * once per row (a UDF returning the typed row or the error), and the caller persists the result so
 * bronze and dead letters are split from one pass.
 */
public final class JsonDecoder {
  public static final String STAGE = "decode";
  static final String RESULT = "_decoded";

  private final List<FieldSpec> fields;
  private final UserDefinedFunction udf;

  public JsonDecoder(List<FieldSpec> fields, UnknownFieldPolicy unknownFields) {
    this.fields = List.copyOf(fields);
    StructType resultType =
        new StructType()
            .add("row", SparkTypes.struct(fields))
            .add("error_class", DataTypes.StringType)
            .add("error_message", DataTypes.StringType);
    JsonRecordDecoder decoder = new JsonRecordDecoder(fields, unknownFields);
    UDF1<byte[], Row> decode =
        value -> {
          DecodeResult result;
          try {
            result = decoder.decode(value);
          } catch (RuntimeException e) {
            // a decoder bug must cost one record, not the job: the record waits in dead letters
            result = DecodeResult.failed(DecodeError.MALFORMED_JSON, "could not decode: " + e);
          }
          return result.ok()
              ? RowFactory.create(RowFactory.create(result.values()), null, null)
              : RowFactory.create(null, result.error().name(), result.message());
        };
    this.udf =
        functions.udf(decode, resultType).asNondeterministic().withName("splitflow_decode_json");
  }

  /** Raw rows with one more column holding the decode result; persist it before {@link #split}. */
  public Dataset<Row> decode(Dataset<Row> raw) {
    return raw.withColumn(RESULT, udf.apply(col("value")));
  }

  public Decoded split(Dataset<Row> decoded, String jobVersion) {
    Column ok = col(RESULT + ".error_class").isNull();
    List<Column> bronzeColumns = new ArrayList<>();
    for (FieldSpec field : fields) {
      bronzeColumns.add(col(RESULT + ".row." + field.name()).as(field.name()));
    }
    bronzeColumns.add(lit(false).as(TableSchemas.DELETED));
    bronzeColumns.add(
        struct(col("topic"), col("partition"), col("offset"), col("timestamp"))
            .as(TableSchemas.SOURCE));
    bronzeColumns.add(col("ingested_at").as(TableSchemas.INGESTED_AT));
    bronzeColumns.add(current_timestamp().as(TableSchemas.DESERIALIZED_AT));
    Dataset<Row> bronze = decoded.where(ok).select(bronzeColumns.toArray(Column[]::new));

    Dataset<Row> deadLetters =
        DeadLetters.of(
            decoded.where(functions.not(ok)),
            lit(STAGE),
            col(RESULT + ".error_class"),
            col(RESULT + ".error_message"),
            array().cast(DataTypes.createArrayType(DataTypes.StringType)),
            jobVersion);
    return new Decoded(bronze, deadLetters);
  }
}
