package io.splitflow.deserialize.decode.protobuf;

import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_BOOL;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_DOUBLE;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_ENUM;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_FIXED64;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_FLOAT;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT64;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_MESSAGE;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_SFIXED64;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_SINT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT64;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TimestampProto;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Descriptor sets built the way protoc writes them, without protoc: {@code sensors.Reading}, in
 * {@code sensors/reading.proto}, which imports Google's timestamp and a {@code
 * sensors/common.proto} of its own.
 */
final class ProtoFixtures {

  static final String READING = "sensors.Reading";
  static final Instant READ_AT = Instant.parse("2026-11-27T08:15:30.123456789Z");

  /** The dataset: every supported type, by the names of the message's fields. */
  static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("sensor_id", FieldType.STRING, true),
          new FieldSpec("reading_date", FieldType.DATE, true),
          new FieldSpec("read_at", FieldType.TIMESTAMP, false),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("ratio", FieldType.FLOAT, false),
          new FieldSpec("n", FieldType.INT, false),
          new FieldSpec("seq", FieldType.LONG, false),
          new FieldSpec("active", FieldType.BOOLEAN, false),
          new FieldSpec("note", FieldType.STRING, false),
          new FieldSpec("count", FieldType.INT, false),
          new FieldSpec("big", FieldType.LONG, false),
          new FieldSpec("delta", FieldType.INT, false),
          new FieldSpec("wide", FieldType.LONG, false),
          new FieldSpec("total", FieldType.LONG, false),
          new FieldSpec("checksum", FieldType.LONG, false));

  private ProtoFixtures() {}

  static FileDescriptorProto commonFile() {
    return FileDescriptorProto.newBuilder()
        .setName("sensors/common.proto")
        .setPackage("sensors")
        .setSyntax("proto3")
        .addEnumType(
            EnumDescriptorProto.newBuilder()
                .setName("Status")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("UNKNOWN").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("OK").setNumber(1)))
        .addMessageType(
            DescriptorProto.newBuilder()
                .setName("Location")
                .addField(field("site", 1, TYPE_STRING))
                .addNestedType(
                    DescriptorProto.newBuilder()
                        .setName("Point")
                        .addField(field("lat", 1, TYPE_DOUBLE))
                        .addField(field("lon", 2, TYPE_DOUBLE))))
        .build();
  }

  static FileDescriptorProto readingFile() {
    return FileDescriptorProto.newBuilder()
        .setName("sensors/reading.proto")
        .setPackage("sensors")
        .setSyntax("proto3")
        .addDependency("google/protobuf/timestamp.proto")
        .addDependency("sensors/common.proto")
        .addMessageType(
            DescriptorProto.newBuilder()
                .setName("Reading")
                .addField(field("sensor_id", 1, TYPE_STRING))
                .addField(field("reading_date", 2, TYPE_STRING))
                .addField(message("read_at", 3, ".google.protobuf.Timestamp"))
                .addField(field("value", 4, TYPE_DOUBLE))
                .addField(field("ratio", 5, TYPE_FLOAT))
                .addField(field("n", 6, TYPE_INT32))
                .addField(field("seq", 7, TYPE_INT64))
                .addField(field("active", 8, TYPE_BOOL))
                .addField(field("note", 9, TYPE_STRING).setProto3Optional(true).setOneofIndex(0))
                .addField(field("count", 10, TYPE_UINT32))
                .addField(field("big", 11, TYPE_UINT64))
                .addField(field("delta", 12, TYPE_SINT32))
                .addField(field("wide", 13, TYPE_INT32))
                .addField(field("total", 14, TYPE_SFIXED64))
                .addField(field("checksum", 15, TYPE_FIXED64))
                .addField(field("tags", 16, TYPE_STRING).setLabel(Label.LABEL_REPEATED))
                .addField(field("status", 17, TYPE_ENUM).setTypeName(".sensors.Status"))
                .addField(message("location", 18, ".sensors.Location"))
                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("_note")))
        .build();
  }

  /** The set protoc --include_imports writes for reading.proto, dependencies first. */
  static FileDescriptorSet readingSet() {
    return FileDescriptorSet.newBuilder()
        .addFile(TimestampProto.getDescriptor().toProto())
        .addFile(commonFile())
        .addFile(readingFile())
        .build();
  }

  static String write(Path dir, FileDescriptorSet set) {
    return write(dir, set.toByteArray());
  }

  static String write(Path dir, byte[] bytes) {
    try {
      Path file = Files.createTempFile(dir, "set", ".desc");
      Files.write(file, bytes);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** sensors.Reading built here, for writing messages. */
  static Descriptor reading() {
    try {
      FileDescriptor common = FileDescriptor.buildFrom(commonFile(), new FileDescriptor[0]);
      return FileDescriptor.buildFrom(
              readingFile(), new FileDescriptor[] {TimestampProto.getDescriptor(), common})
          .findMessageTypeByName("Reading");
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A reading with every field set. */
  static DynamicMessage.Builder fullReading() {
    Descriptor reading = reading();
    return DynamicMessage.newBuilder(reading)
        .setField(reading.findFieldByName("sensor_id"), "s-1")
        .setField(reading.findFieldByName("reading_date"), "2026-11-27")
        .setField(
            reading.findFieldByName("read_at"),
            Timestamp.newBuilder()
                .setSeconds(READ_AT.getEpochSecond())
                .setNanos(READ_AT.getNano())
                .build())
        .setField(reading.findFieldByName("value"), 21.5)
        .setField(reading.findFieldByName("ratio"), 0.25f)
        .setField(reading.findFieldByName("n"), -7)
        .setField(reading.findFieldByName("seq"), 9_876_543_210L)
        .setField(reading.findFieldByName("active"), true)
        .setField(reading.findFieldByName("note"), "calibrated")
        .setField(reading.findFieldByName("count"), 42)
        .setField(reading.findFieldByName("big"), 1L << 40)
        .setField(reading.findFieldByName("delta"), -3)
        .setField(reading.findFieldByName("wide"), 5)
        .setField(reading.findFieldByName("total"), -1L)
        .setField(reading.findFieldByName("checksum"), 77L)
        .addRepeatedField(reading.findFieldByName("tags"), "roof");
  }

  static Object[] fullReadingValues() {
    return new Object[] {
      "s-1",
      LocalDate.of(2026, 11, 27),
      READ_AT,
      21.5,
      0.25f,
      -7,
      9_876_543_210L,
      true,
      "calibrated",
      42,
      1L << 40,
      -3,
      5L,
      -1L,
      77L
    };
  }

  static DynamicMessage.Builder minimalReading() {
    Descriptor reading = reading();
    return DynamicMessage.newBuilder(reading)
        .setField(reading.findFieldByName("sensor_id"), "s-1")
        .setField(reading.findFieldByName("reading_date"), "2026-11-27");
  }

  static DynamicMessage.Builder with(DynamicMessage.Builder builder, String field, Object value) {
    return builder.setField(builder.getDescriptorForType().findFieldByName(field), value);
  }

  static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL);
  }

  static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
    return field(name, number, TYPE_MESSAGE).setTypeName(typeName);
  }
}
