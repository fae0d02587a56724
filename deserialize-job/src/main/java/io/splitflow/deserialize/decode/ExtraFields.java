package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The fields of one JSON record that the schema does not declare, with {@code unknown-fields:
 * keep}: one JSON object whose keys are the fields' paths ({@code colour}, {@code customer.vip})
 * and whose values are copied as they came. Bronze stores it as the VARIANT column {@code _extra}.
 * Created at the first unknown field of a record, as most records have none.
 */
final class ExtraFields {
  private final StringWriter text = new StringWriter();
  private final JsonGenerator out;

  ExtraFields() throws IOException {
    out = JsonParsing.generator(text);
    out.writeStartObject();
  }

  /** Copies the value the parser stands on, leaving the parser after it. */
  void copy(String path, JsonParser p) throws IOException {
    out.writeFieldName(path);
    out.copyCurrentStructureExact(p); // 2.50 stays 2.50, not a double
  }

  String json() throws IOException {
    out.writeEndObject();
    out.close();
    return text.toString();
  }
}
