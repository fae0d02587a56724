package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.Problems;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The message fields behind a dataset's fields, matched by name and checked for a type that fits,
 * and the reading of their values. A field with presence (proto3 {@code optional}, a message, a
 * oneof member, any proto2 field) reads as null when unset; a plain proto3 scalar reads as its
 * default, as protobuf cannot tell it from one that was set to the default.
 */
final class ProtobufFields {

  static final String TIMESTAMP = "google.protobuf.Timestamp";

  // google.protobuf.Timestamp's own range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;
  private static final int MAX_QUOTED = 60;

  private final FieldSpec[] fields;
  private final FieldDescriptor[] descriptors;
  // for timestamps, the Timestamp message's own fields
  private final FieldDescriptor[] seconds;
  private final FieldDescriptor[] nanos;

  /** IllegalArgumentException naming the first dataset field the message cannot give. */
  ProtobufFields(Descriptor message, FieldSpec[] fields) {
    this.fields = fields;
    this.descriptors = new FieldDescriptor[fields.length];
    this.seconds = new FieldDescriptor[fields.length];
    this.nanos = new FieldDescriptor[fields.length];
    for (int i = 0; i < fields.length; i++) {
      FieldSpec field = fields[i];
      FieldDescriptor descriptor = message.findFieldByName(field.name());
      if (descriptor == null) {
        throw new IllegalArgumentException(
            "field '"
                + field.name()
                + "': message "
                + message.getFullName()
                + " has no field named "
                + field.name());
      }
      if (!fits(descriptor, field.type())) {
        throw new IllegalArgumentException(
            "field '"
                + field.name()
                + "': protobuf type "
                + typeName(descriptor)
                + " cannot be "
                + article(field.type().typeName())
                + field.type().typeName()
                + hint(field.type()));
      }
      descriptors[i] = descriptor;
      if (field.type() == FieldType.TIMESTAMP) {
        seconds[i] = descriptor.getMessageType().findFieldByName("seconds");
        nanos[i] = descriptor.getMessageType().findFieldByName("nanos");
      }
    }
  }

  Object[] values(Message message, Problems problems) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      FieldDescriptor descriptor = descriptors[i];
      if (descriptor.hasPresence() && !message.hasField(descriptor)) {
        if (fields[i].required()) {
          problems.add(
              DecodeError.MISSING_FIELD, "required field '" + fields[i].name() + "' is missing");
        }
      } else {
        values[i] = value(i, message.getField(descriptor), problems);
      }
    }
    return values;
  }

  private Object value(int i, Object raw, Problems problems) {
    FieldSpec field = fields[i];
    FieldDescriptor.Type type = descriptors[i].getType();
    boolean unsigned = type == FieldDescriptor.Type.UINT32 || type == FieldDescriptor.Type.FIXED32;
    boolean unsigned64 =
        type == FieldDescriptor.Type.UINT64 || type == FieldDescriptor.Type.FIXED64;
    // fits() took only the first eight scalar types, which the config loader leaves to protobuf
    return switch (field.type().scalar()) {
      case INT -> {
        int n = (Integer) raw;
        yield unsigned && n < 0
            ? outOfRange(field, Integer.toUnsignedString(n), problems)
            : Integer.valueOf(n);
      }
      case LONG -> {
        if (raw instanceof Integer n) {
          yield unsigned ? Integer.toUnsignedLong(n) : n.longValue();
        }
        long n = (Long) raw;
        yield unsigned64 && n < 0
            ? outOfRange(field, Long.toUnsignedString(n), problems)
            : Long.valueOf(n);
      }
      case DATE -> date(field, (String) raw, problems);
      case TIMESTAMP -> timestamp(i, (Message) raw, problems);
      default -> raw;
    };
  }

  private static LocalDate date(FieldSpec field, String text, Problems problems) {
    if (text.length() == 10) {
      try {
        // ISO_LOCAL_DATE is strict, and a 10-character text leaves it no room for a signed year
        return LocalDate.parse(text);
      } catch (DateTimeException e) {
        // reported below
      }
    }
    problems.add(
        DecodeError.WRONG_TYPE,
        "field '"
            + field.name()
            + "': expected an ISO-8601 date (yyyy-MM-dd), found string \""
            + excerpt(text)
            + "\"");
    return null;
  }

  private Instant timestamp(int i, Message timestamp, Problems problems) {
    long secs = (Long) timestamp.getField(seconds[i]);
    int nano = (Integer) timestamp.getField(nanos[i]);
    if (secs < MIN_SECONDS || secs > MAX_SECONDS || nano < 0 || nano > 999_999_999) {
      problems.add(
          DecodeError.OUT_OF_RANGE,
          "field '"
              + fields[i].name()
              + "': Timestamp seconds="
              + secs
              + " nanos="
              + nano
              + " is out of range (0001-01-01 to 9999-12-31, nanos 0 to 999999999)");
      return null;
    }
    return Instant.ofEpochSecond(secs, nano);
  }

  private static Object outOfRange(FieldSpec field, String number, Problems problems) {
    problems.add(
        DecodeError.OUT_OF_RANGE,
        "field '"
            + field.name()
            + "': "
            + number
            + " is out of range for "
            + field.type().typeName());
    return null;
  }

  private static boolean fits(FieldDescriptor descriptor, FieldType type) {
    if (descriptor.isRepeated()) {
      return false;
    }
    return switch (descriptor.getType()) {
      case STRING -> type == FieldType.STRING || type == FieldType.DATE;
      case INT32, SINT32, SFIXED32, UINT32, FIXED32 ->
          type == FieldType.INT || type == FieldType.LONG;
      case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> type == FieldType.LONG;
      case FLOAT -> type == FieldType.FLOAT;
      case DOUBLE -> type == FieldType.DOUBLE;
      case BOOL -> type == FieldType.BOOLEAN;
      case MESSAGE ->
          type == FieldType.TIMESTAMP
              && descriptor.getMessageType().getFullName().equals(TIMESTAMP);
      default -> false;
    };
  }

  private static String typeName(FieldDescriptor descriptor) {
    if (descriptor.isMapField()) {
      return "map";
    }
    String name =
        switch (descriptor.getType()) {
          case MESSAGE, GROUP -> descriptor.getMessageType().getFullName();
          case ENUM -> "enum " + descriptor.getEnumType().getFullName();
          default -> descriptor.getType().name().toLowerCase(Locale.ROOT);
        };
    return descriptor.isRepeated() ? "repeated " + name : name;
  }

  private static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
  }

  private static String hint(FieldType type) {
    if (type == FieldType.DATE) {
      return " (a date comes from a string holding yyyy-MM-dd)";
    }
    return type == FieldType.TIMESTAMP ? " (a timestamp comes from a " + TIMESTAMP + ")" : "";
  }

  private static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }
}
