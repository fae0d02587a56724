package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.avro.AvroRecordDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What the decode UDF returns when decoding a value blows up instead of failing cleanly. */
class BatchDecoderErrorsTest {

  /**
   * A recursive Avro record nested deeper than the executor thread's stack: the value goes to dead
   * letters as DECODER_FAILURE instead of a StackOverflowError failing the task, and the job, on
   * every retry.
   */
  @Test
  void aValueNestedDeeperThanTheStackIsOneDeadLetter() {
    Schema tree =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Node", "fields": [
                  {"name": "sensor_id", "type": "string"},
                  {"name": "child", "type": ["null", "Node"]}
                ]}""");
    List<FieldSpec> fields = List.of(new FieldSpec("sensor_id", FieldType.STRING, true));
    AvroRecordDecoder decoder = new AvroRecordDecoder(tree.toString(), fields);
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    int depth = 1_000_000;
    for (int i = 0; i < depth; i++) {
      value.write(0); // sensor_id "" (length 0)
      value.write(2); // union branch 1: a child Node follows
    }
    value.write(0);
    value.write(0); // the innermost node: "" and no child

    Row row = BatchDecoder.decodeOne(decoder, null, null, value.toByteArray());

    assertThat(row.getString(2)).isEqualTo(DecodeError.DECODER_FAILURE.name());
    assertThat(row.getString(3))
        .isEqualTo(
            "could not decode: nested too deeply for the decoder's stack ("
                + value.size()
                + "-byte value)");
  }
}
