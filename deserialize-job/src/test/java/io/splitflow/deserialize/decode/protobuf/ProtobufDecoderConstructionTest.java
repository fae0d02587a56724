package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.FIELDS;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.READING;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.commonFile;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.fullReading;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.fullReadingValues;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.readingFile;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.readingSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.TimestampProto;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is checked when the decoder is built, on the driver, before any record is read. */
class ProtobufDecoderConstructionTest {

  @TempDir Path dir;

  @Test
  void resolvesImportsWhateverTheOrderOfTheFilesInTheSet() {
    FileDescriptorSet reversed =
        FileDescriptorSet.newBuilder()
            .addFile(readingFile())
            .addFile(commonFile())
            .addFile(TimestampProto.getDescriptor().toProto())
            .build();

    ProtobufRecordDecoder decoder =
        new ProtobufRecordDecoder(ProtoFixtures.write(dir, reversed), READING, FIELDS);

    assertThat(decoder.decode(fullReading().build().toByteArray()).values())
        .containsExactly(fullReadingValues());
  }

  @Test
  void usesTheBundledTimestampWhenTheSetLacksIt() {
    FileDescriptorSet withoutImports =
        FileDescriptorSet.newBuilder().addFile(commonFile()).addFile(readingFile()).build();

    ProtobufRecordDecoder decoder =
        new ProtobufRecordDecoder(ProtoFixtures.write(dir, withoutImports), READING, FIELDS);

    assertThat(decoder.decode(fullReading().build().toByteArray()).values())
        .containsExactly(fullReadingValues());
  }

  @Test
  void findsNestedMessages() {
    List<FieldSpec> fields = List.of(new FieldSpec("lat", FieldType.DOUBLE, true));

    ProtobufRecordDecoder decoder = decoder("sensors.Location.Point", fields);

    // field 1 (lat), fixed64 1.5
    byte[] point = {0x09, 0, 0, 0, 0, 0, 0, (byte) 0xf8, 0x3f};
    assertThat(decoder.decode(point).values()).containsExactly(1.5);
  }

  @Test
  void fieldNotInTheMessageIsRefused() {
    assertRefused(
        READING,
        List.of(new FieldSpec("temperature", FieldType.DOUBLE, false)),
        "field 'temperature': message sensors.Reading has no field named temperature");
  }

  @Test
  void fieldOfAnotherTypeIsRefused() {
    assertRefused(
        READING,
        List.of(new FieldSpec("sensor_id", FieldType.DOUBLE, false)),
        "field 'sensor_id': protobuf type string cannot be a double");
    assertRefused(
        READING,
        List.of(new FieldSpec("seq", FieldType.INT, false)),
        "field 'seq': protobuf type int64 cannot be an int");
    assertRefused(
        READING,
        List.of(new FieldSpec("value", FieldType.FLOAT, false)),
        "field 'value': protobuf type double cannot be a float");
  }

  @Test
  void temporalFieldsSayWhatTheyComeFrom() {
    assertRefused(
        READING,
        List.of(new FieldSpec("seq", FieldType.TIMESTAMP, false)),
        "field 'seq': protobuf type int64 cannot be a timestamp (a timestamp comes from a"
            + " google.protobuf.Timestamp)");
    assertRefused(
        READING,
        List.of(new FieldSpec("n", FieldType.DATE, false)),
        "field 'n': protobuf type int32 cannot be a date (a date comes from a string holding"
            + " yyyy-MM-dd)");
  }

  @Test
  void repeatedEnumAndOtherMessageFieldsAreRefusedAsScalars() {
    assertRefused(
        READING,
        List.of(new FieldSpec("tags", FieldType.STRING, false)),
        "field 'tags': protobuf type repeated string cannot be a string");
    assertRefused(
        READING,
        List.of(new FieldSpec("status", FieldType.INT, false)),
        "field 'status': protobuf type enum sensors.Status cannot be an int");
    assertRefused(
        READING,
        List.of(new FieldSpec("location", FieldType.TIMESTAMP, false)),
        "field 'location': protobuf type sensors.Location cannot be a timestamp (a timestamp"
            + " comes from a google.protobuf.Timestamp)");
  }

  @Test
  void nestedTypesThatDoNotFitAreRefusedNamingTheirPathAndBothTypes() {
    assertOrderRefused(
        "items",
        "array<struct<sku: string, price: float>>",
        "field 'items[].price': protobuf type double cannot be a float");
    assertOrderRefused(
        "customer",
        "struct<address: struct<zip: string>>",
        "field 'customer.address.zip': message shop.Order.Customer.Address has no field named"
            + " zip");
    assertOrderRefused(
        "stock",
        "array<int>",
        "field 'stock': protobuf type map<string, int32> cannot be an array<int>");
    assertOrderRefused(
        "lines",
        "map<string, string>",
        "field 'lines[]': protobuf type shop.Order.Item cannot be a string");
    assertOrderRefused(
        "items",
        "struct<sku: string>",
        "field 'items': protobuf type repeated shop.Order.Item cannot be a struct<sku: string>");
    assertOrderRefused(
        "id", "struct<id: long>", "field 'id': protobuf type int64 cannot be a struct<id: long>");
    assertOrderRefused(
        "coupon",
        "long",
        "field 'coupon': protobuf type google.protobuf.StringValue cannot be a long");
    assertOrderRefused(
        "id",
        "decimal(20,0)",
        "field 'id': protobuf type int64 cannot be a decimal(20,0) (a decimal comes from a uint64"
            + " or fixed64, as decimal(20,0) or wider)");
    assertOrderRefused(
        "big",
        "decimal(19,0)",
        "field 'big': protobuf type uint64 cannot be a decimal(19,0) (a decimal comes from a"
            + " uint64 or fixed64, as decimal(20,0) or wider)");
  }

  @Test
  void wellKnownTypesCanAlsoBeReadAsTheStructsTheyAre() {
    String file = ProtoFixtures.write(dir, OrderFixtures.orderSet());
    List<FieldSpec> fields =
        List.of(
            OrderFixtures.spec("placed_at", "struct<seconds: long, nanos: int>"),
            OrderFixtures.spec("coupon", "struct<value: string>"));
    com.google.protobuf.DynamicMessage.Builder order = OrderFixtures.builder(OrderFixtures.order());
    OrderFixtures.set(
        order,
        "placed_at",
        com.google.protobuf.Timestamp.newBuilder().setSeconds(5).setNanos(6).build());

    assertThat(
            new ProtobufRecordDecoder(file, OrderFixtures.ORDER, fields)
                .decode(order.build().toByteArray())
                .values())
        .containsExactly(org.apache.spark.sql.RowFactory.create(5L, 6), null);
  }

  private void assertOrderRefused(String field, String type, String error) {
    String file = ProtoFixtures.write(dir, OrderFixtures.orderSet());
    assertThatThrownBy(
            () ->
                new ProtobufRecordDecoder(
                    file, OrderFixtures.ORDER, List.of(OrderFixtures.spec(field, type))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(error);
  }

  @Test
  void messageNotInTheSetIsRefusedWithTheMessagesItHas() {
    String file = ProtoFixtures.write(dir, readingSet());

    assertThatThrownBy(() -> new ProtobufRecordDecoder(file, "sensors.Readings", FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "message sensors.Readings is not in "
                + file
                + "; its messages: google.protobuf.Timestamp, sensors.Location,"
                + " sensors.Location.Point, sensors.Reading");
  }

  @Test
  void importMissingFromTheSetIsRefused() {
    String file =
        ProtoFixtures.write(dir, FileDescriptorSet.newBuilder().addFile(readingFile()).build());

    assertThatThrownBy(() -> new ProtobufRecordDecoder(file, READING, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file
                + " lacks sensors/common.proto, imported by sensors/reading.proto; write the set"
                + " with protoc --include_imports");
  }

  @Test
  void fileThatIsNotADescriptorSetIsRefused() {
    // field 1 (file), length 5, then nothing
    String file = ProtoFixtures.write(dir, new byte[] {0x0a, 0x05});

    assertThatThrownBy(() -> new ProtobufRecordDecoder(file, READING, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            file
                + " is not a protobuf descriptor set: While parsing a protocol message, the input"
                + " ended unexpectedly");
  }

  @Test
  void missingFileIsRefused() {
    String file = dir.resolve("nowhere.desc").toString();

    assertThatThrownBy(() -> new ProtobufRecordDecoder(file, READING, FIELDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "protobuf descriptor set "
                + file
                + " cannot be read: java.nio.file.NoSuchFileException: "
                + file);
  }

  private ProtobufRecordDecoder decoder(String message, List<FieldSpec> fields) {
    return new ProtobufRecordDecoder(ProtoFixtures.write(dir, readingSet()), message, fields);
  }

  private void assertRefused(String message, List<FieldSpec> fields, String error) {
    assertThatThrownBy(() -> decoder(message, fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(error);
  }
}
