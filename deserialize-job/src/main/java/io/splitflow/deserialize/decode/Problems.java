package io.splitflow.deserialize.decode;

/**
 * The problems found in one record. Decoding goes on after a problem so that a dead-lettered record
 * says everything that is wrong with it, not only the first thing; past {@link #MAX_MESSAGES} (an
 * array of a million wrong elements) the rest are only counted, so one record cannot swamp the dead
 * letters.
 */
public final class Problems {
  static final int MAX_MESSAGES = 100;

  private DecodeError first;
  private StringBuilder messages;
  private int count;
  private ExtraFields extra;

  /** The record's unknown fields kept so far, created at the first. */
  ExtraFields extra() throws java.io.IOException {
    if (extra == null) {
      extra = new ExtraFields();
    }
    return extra;
  }

  /** The JSON object of the unknown fields kept, or null if none was. */
  String extraJson() throws java.io.IOException {
    return extra == null ? null : extra.json();
  }

  public void add(DecodeError error, String message) {
    count++;
    if (first == null) {
      first = error;
      messages = new StringBuilder(message);
    } else if (count <= MAX_MESSAGES) {
      messages.append("; ").append(message);
    }
  }

  public DecodeResult result(Object[] values) {
    if (first == null) {
      return DecodeResult.ok(values);
    }
    String more = count > MAX_MESSAGES ? "; and " + (count - MAX_MESSAGES) + " more problems" : "";
    return DecodeResult.failed(first, messages + more);
  }
}
