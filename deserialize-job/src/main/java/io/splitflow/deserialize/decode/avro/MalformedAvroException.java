package io.splitflow.deserialize.decode.avro;

import java.io.IOException;

/** Bytes that cannot be the Avro encoding of a record; the message says where and why. */
final class MalformedAvroException extends IOException {

  private static final long serialVersionUID = 1L;

  MalformedAvroException(String message) {
    super(message);
  }
}
