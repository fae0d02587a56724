package io.splitflow.deserialize.decode;

import java.util.Objects;

/**
 * The outcome of decoding one message value: either the values, in schema order (for a delete, only
 * the key fields are set), or the class of the first problem and a message listing every problem
 * found.
 */
public record DecodeResult(Object[] values, DecodeError error, String message, boolean deleted) {

  public DecodeResult {
    if ((values == null) == (error == null)) {
      throw new IllegalArgumentException("a result has either values or an error");
    }
    if (error != null) {
      Objects.requireNonNull(message, "message");
    }
  }

  public static DecodeResult ok(Object[] values) {
    return new DecodeResult(Objects.requireNonNull(values, "values"), null, null, false);
  }

  /** A delete of the key whose fields are set in {@code values} (a change event's delete). */
  public static DecodeResult delete(Object[] values) {
    return new DecodeResult(Objects.requireNonNull(values, "values"), null, null, true);
  }

  public static DecodeResult failed(DecodeError error, String message) {
    return new DecodeResult(null, Objects.requireNonNull(error, "error"), message, false);
  }

  public boolean ok() {
    return error == null;
  }
}
