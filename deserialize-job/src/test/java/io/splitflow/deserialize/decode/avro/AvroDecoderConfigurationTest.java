package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.RecordDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the decoders refuse on the driver, and that they survive Spark's serialization. */
class AvroDecoderConfigurationTest {

  @Test
  void fieldMissingFromTheReaderSchemaIsRefused() {
    assertThatThrownBy(() -> decoder(new FieldSpec("unit", FieldType.STRING, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'unit' is not in the Avro reader schema");
  }

  @Test
  void fieldOfAnotherTypeThanTheReaderSchemaIsRefused() {
    assertThatThrownBy(() -> decoder(new FieldSpec("n", FieldType.LONG, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'n' is long in the configuration but int in the Avro reader schema");
  }

  @Test
  void fieldDeclaredTwiceIsRefused() {
    FieldSpec n = new FieldSpec("n", FieldType.INT, false);

    assertThatThrownBy(() -> decoder(n, n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'n' is declared twice");
  }

  @Test
  void readerSchemaThatIsNotARecordIsRefused() {
    assertThatThrownBy(() -> new AvroRecordDecoder("\"string\"", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Avro reader schema must be a record, found string");
  }

  @Test
  void decoderDecodesAfterJavaSerialization() throws Exception {
    RecordDecoder decoder = new AvroRecordDecoder(READING.toString(), READING_FIELDS);
    byte[] value = plain(reading());
    decoder.decode(value);

    RecordDecoder copy = roundTrip(decoder);

    assertThat(copy.decode(value).values()).containsExactly(AvroTestData.readingValues());
  }

  static AvroRecordDecoder decoder(FieldSpec... fields) {
    return new AvroRecordDecoder(READING.toString(), List.of(fields));
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
