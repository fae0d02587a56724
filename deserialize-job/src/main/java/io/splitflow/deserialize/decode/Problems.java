package io.splitflow.deserialize.decode;

/**
 * The problems found in one record. Decoding goes on after a problem so that a dead-lettered record
 * says everything that is wrong with it, not only the first thing.
 */
public final class Problems {

  private DecodeError first;
  private StringBuilder messages;

  public void add(DecodeError error, String message) {
    if (first == null) {
      first = error;
      messages = new StringBuilder(message);
    } else {
      messages.append("; ").append(message);
    }
  }

  public DecodeResult result(Object[] values) {
    return first == null
        ? DecodeResult.ok(values)
        : DecodeResult.failed(first, messages.toString());
  }
}
