package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/** What the JSON-based decoders share: one thread-safe parser factory and the malformed result. */
public final class JsonParsing {
  // static, so it never travels with a serialized decoder; JsonFactory is thread-safe
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private JsonParsing() {}

  /** A generator writing JSON text into {@code out}, from the same factory. */
  static JsonGenerator generator(java.io.Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  public static JsonParser parser(byte[] value) throws IOException {
    return FACTORY.createParser(value);
  }

  /** MALFORMED_JSON with the first line of the parser's message. */
  public static DecodeResult malformed(String detail) {
    String firstLine = detail == null ? "unreadable input" : detail.lines().findFirst().orElse("");
    return DecodeResult.failed(DecodeError.MALFORMED_JSON, "malformed JSON: " + firstLine);
  }
}
