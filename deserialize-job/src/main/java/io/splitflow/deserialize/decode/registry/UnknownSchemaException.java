package io.splitflow.deserialize.decode.registry;

/**
 * A schema id the registry does not have, cannot give as an Avro schema, or could not be asked
 * about; the message says which, and becomes the dead letter's error message.
 */
public final class UnknownSchemaException extends Exception {

  private static final long serialVersionUID = 1L;

  public UnknownSchemaException(String message) {
    super(message);
  }
}
