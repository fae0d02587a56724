package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.RowFactory;

/**
 * The readers of messages, repeated fields, maps, enums and the well-known types, giving the values
 * Spark's encoder takes: a {@code Row} per struct, a {@code List} per array, a {@code TreeMap} per
 * map.
 */
final class NestedReaders {

  private NestedReaders() {}

  /**
   * A message as a struct of the fields the dataset names. A field with presence that is unset is
   * null (a {@code MISSING_FIELD} problem if the type says {@code not null}); a plain proto3 scalar
   * reads as its default, and a repeated or map field as empty.
   */
  record StructReader(FieldDescriptor[] fields, ProtoReader[] readers, boolean[] required)
      implements ProtoReader {
    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      Message message = (Message) raw;
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        FieldDescriptor field = fields[i];
        if (!field.hasPresence() || message.hasField(field)) {
          values[i] =
              readers[i].read(message.getField(field), path.field(field.getName()), problems);
        } else if (required[i]) {
          problems.add(
              DecodeError.MISSING_FIELD,
              "required field '" + path.field(field.getName()) + "' is missing");
        }
      }
      return RowFactory.create(values);
    }
  }

  /** A repeated field as a list; protobuf has no null element. */
  record ArrayReader(ProtoReader element) implements ProtoReader {
    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      List<?> elements = (List<?>) raw;
      List<Object> values = new ArrayList<>(elements.size());
      for (int i = 0; i < elements.size(); i++) {
        values.add(element.read(elements.get(i), path.index(i), problems));
      }
      return values;
    }
  }

  /**
   * A map field as string keys to values. A key that is not a string is written as its decimal text
   * (unsigned types unsigned) or {@code true}/{@code false}; when a key comes twice the last entry
   * wins, as protobuf says. An entry without a value has the value type's default, as in protobuf,
   * so a map value is never null.
   */
  record MapReader(FieldDescriptor key, FieldDescriptor value, ProtoReader values)
      implements ProtoReader {
    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      // sorted: the same map sent in another order is the same stored value (see ValueReader)
      Map<String, Object> entries = new TreeMap<>();
      for (Object element : (List<?>) raw) {
        Message entry = (Message) element;
        String text = keyText(entry.getField(key));
        entries.put(text, values.read(entry.getField(value), path.key(text), problems));
      }
      return entries;
    }

    private String keyText(Object key) {
      return switch (this.key.getType()) {
        case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
        case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
        default -> key.toString();
      };
    }
  }

  /**
   * An enum as its value's name. A number the enum does not declare (a proto3 enum is open, so a
   * newer writer may send one) is its decimal text, so nothing is lost; a proto2 enum keeps such a
   * number out of the field, which then reads as unset.
   */
  enum EnumReader implements ProtoReader {
    NAME;

    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      EnumValueDescriptor value = (EnumValueDescriptor) raw;
      // protobuf-java makes up a descriptor with index -1 for an undeclared number
      return value.getIndex() < 0 ? Integer.toString(value.getNumber()) : value.getName();
    }
  }

  /** A wrapper ({@code google.protobuf.Int64Value}, ...) as the scalar it wraps. */
  record WrapperReader(FieldDescriptor value, ProtoReader scalar) implements ProtoReader {
    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      return scalar.read(((Message) raw).getField(value), path, problems);
    }
  }

  /** A {@code google.protobuf.Timestamp}, within its own documented range. */
  static final class TimestampReader implements ProtoReader {
    // 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private final FieldDescriptor seconds;
    private final FieldDescriptor nanos;

    TimestampReader(Descriptor timestamp) {
      this.seconds = timestamp.findFieldByName("seconds");
      this.nanos = timestamp.findFieldByName("nanos");
    }

    @Override
    public Object read(Object raw, ValuePath path, Problems problems) {
      Message timestamp = (Message) raw;
      long secs = (Long) timestamp.getField(seconds);
      int nano = (Integer) timestamp.getField(nanos);
      if (secs < MIN_SECONDS || secs > MAX_SECONDS || nano < 0 || nano > 999_999_999) {
        problems.add(
            DecodeError.OUT_OF_RANGE,
            "field '"
                + path
                + "': Timestamp seconds="
                + secs
                + " nanos="
                + nano
                + " is out of range (0001-01-01 to 9999-12-31, nanos 0 to 999999999)");
        return null;
      }
      return Instant.ofEpochSecond(secs, nano);
    }
  }
}
