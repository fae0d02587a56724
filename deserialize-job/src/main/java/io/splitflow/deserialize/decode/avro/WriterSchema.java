package io.splitflow.deserialize.decode.avro;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * A registered writer schema and the datum reader that resolves it against the reader schema.
 *
 * <p>Avro resolves value by value: a writer that made a field nullable still decodes every record
 * whose value is not null. So incompatibility is whatever Avro's resolution throws, and Avro's
 * compatibility checker is asked only to name the fields for the message.
 */
final class WriterSchema {

  private static final Pattern FIELD = Pattern.compile("^/fields/(\\d+)(/|$)");

  private final int id;
  private final Schema writer;
  private final Schema reader;
  private final GenericDatumReader<GenericRecord> datumReader;
  private final DecodeResult decimalScales;
  private String incompatibilities;

  WriterSchema(int id, Schema writer, Schema reader) {
    this.id = id;
    this.writer = writer;
    this.reader = reader;
    this.datumReader = new GenericDatumReader<>(writer, reader);
    String mismatch = DecimalScales.mismatch(writer, reader);
    this.decimalScales =
        mismatch == null
            ? null
            : DecodeResult.failed(
                DecodeError.INCOMPATIBLE_SCHEMA,
                "schema id " + id + " is incompatible with the reader schema: " + mismatch);
  }

  /**
   * The failure of every record of this writer when one of its decimals has another scale than the
   * reader's at the same place, or null: Avro's resolution ignores logical types and would read the
   * writer's unscaled value at the reader's scale, 19.9900 as 1999.00.
   */
  DecodeResult decimalScales() {
    return decimalScales;
  }

  GenericDatumReader<GenericRecord> datumReader() {
    return datumReader;
  }

  DecodeResult incompatible(AvroTypeException e) {
    if (incompatibilities == null) {
      incompatibilities = describe();
    }
    String avro = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    String message =
        "schema id "
            + id
            + " is incompatible with the reader schema: "
            + (incompatibilities.isEmpty() ? avro : incompatibilities + " (" + avro + ")");
    return DecodeResult.failed(DecodeError.INCOMPATIBLE_SCHEMA, message);
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    for (Incompatibility i :
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities()) {
      if (i.getType() == SchemaIncompatibilityType.NAME_MISMATCH
          && i.getLocation().equals("/name")) {
        // Avro's resolution ignores the name of the top-level record
        continue;
      }
      Matcher field = FIELD.matcher(i.getLocation());
      String where =
          field.find()
              ? "field '" + reader.getFields().get(Integer.parseInt(field.group(1))).name() + "'"
              : i.getLocation();
      String what =
          i.getType() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE
              ? "the writer lacks it and the reader gives no default"
              : i.getMessage();
      parts.add(where + ": " + what);
    }
    return String.join("; ", parts);
  }
}
