package io.splitflow.tools.bench.ceiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Decodes a JSON reading with Jackson's streaming parser. It fails only where no typed row can be
 * built at all: bytes that are not one JSON object (malformed, truncated, an array, trailing
 * content), a field of the five holding an object or array, or a reading_date or event_time that is
 * neither null nor an ISO string {@link LocalDate#parse} or {@link Instant#parse} accepts. A
 * missing field is a null and other fields are skipped; strings and numbers stay as Jackson gives
 * them, since type and presence checks are the deserialize job's rules, not decoding.
 */
final class JsonReadingDecoder implements ReadingDecoder {
  // thread-safe, and creating one per parser would cost more than the parse
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public Object[] decode(byte[] payload) {
    try (JsonParser parser = FACTORY.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Object[] row = new Object[FIELDS.length];
      String name;
      while ((name = parser.nextFieldName()) != null) {
        JsonToken token = parser.nextToken();
        int field = field(name);
        if (field < 0) {
          parser.skipChildren();
        } else if (token.isStructStart()) {
          return null;
        } else {
          row[field] = value(field, parser, token);
        }
      }
      // nextFieldName stopped at the object's end; anything after it makes the payload malformed
      return parser.nextToken() == null ? row : null;
    } catch (IOException | DateTimeParseException | NotTemporal e) {
      return null;
    }
  }

  private static int field(String name) {
    return switch (name) {
      case "sensor_id" -> SENSOR_ID;
      case "reading_date" -> READING_DATE;
      case "value" -> VALUE;
      case "unit" -> UNIT;
      case "event_time" -> EVENT_TIME;
      default -> -1;
    };
  }

  private static Object value(int field, JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (field == READING_DATE || field == EVENT_TIME) {
      if (token != JsonToken.VALUE_STRING) {
        throw NotTemporal.INSTANCE;
      }
      String text = parser.getText();
      return field == READING_DATE ? LocalDate.parse(text) : Instant.parse(text);
    }
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> throw new IOException("unexpected " + token);
    };
  }

  /** A date or time that is not a string; thrown without a stack trace, as a failure is common. */
  private static final class NotTemporal extends RuntimeException {
    private static final NotTemporal INSTANCE = new NotTemporal();

    private NotTemporal() {
      super("a date or time that is not a string", null, false, false);
    }
  }
}
