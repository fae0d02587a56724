package io.splitflow.deserialize.decode.registry;

import org.apache.avro.Schema;

/** Parses the text of a registered schema, which nothing has checked before it arrives here. */
final class SchemaText {

  private SchemaText() {}

  /** The schema, or UnknownSchemaException saying {@code what} is not one and why. */
  static Schema parse(String text, String what) throws UnknownSchemaException {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Avro 1.12 throws a NullPointerException for a top-level name it does not know
      String detail =
          e instanceof NullPointerException || e.getMessage() == null
              ? "it names a type it does not define"
              : e.getMessage().lines().findFirst().orElse("");
      throw new UnknownSchemaException(what + " is not an Avro schema: " + detail);
    }
  }
}
