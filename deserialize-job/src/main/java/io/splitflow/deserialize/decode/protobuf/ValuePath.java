package io.splitflow.deserialize.decode.protobuf;

/**
 * Where a value sits in a record, {@code items[2].price} or {@code attributes["color"]}, kept as
 * links and written out only when a message needs it, so a record without problems never builds the
 * text.
 */
final class ValuePath {
  private static final int MAX_QUOTED = 60;

  private final ValuePath parent;
  private final String name;
  private final int index;

  private ValuePath(ValuePath parent, String name, int index) {
    this.parent = parent;
    this.name = name;
    this.index = index;
  }

  static ValuePath root(String field) {
    return new ValuePath(null, field, -1);
  }

  ValuePath field(String field) {
    return new ValuePath(this, field, -1);
  }

  ValuePath index(int i) {
    return new ValuePath(this, null, i);
  }

  ValuePath key(String key) {
    return new ValuePath(this, "[\"" + excerpt(key) + "\"]", -2);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    write(text);
    return text.toString();
  }

  private void write(StringBuilder text) {
    if (parent != null) {
      parent.write(text);
    }
    if (index >= 0) {
      text.append('[').append(index).append(']');
    } else if (index == -2 || parent == null) {
      text.append(name);
    } else {
      text.append('.').append(name);
    }
  }

  /** Input text for a message, cut short so one huge value cannot swamp the dead letters. */
  static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }
}
