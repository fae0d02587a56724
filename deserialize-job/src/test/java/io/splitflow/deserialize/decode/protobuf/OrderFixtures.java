package io.splitflow.deserialize.decode.protobuf;

import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_BYTES;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_DOUBLE;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_ENUM;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT64;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT32;
import static com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type.TYPE_UINT64;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.field;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.message;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.util.List;

/**
 * {@code shop/order.proto}, built the way protoc would: a message with nested messages, repeated
 * fields, maps with string and other keys, an enum, a oneof, wrappers, timestamps and itself.
 *
 * <pre>
 * enum Status { PENDING = 0; PAID = 1; SHIPPED = 2; }
 * message Order {
 *   int64 id = 1;
 *   Customer customer = 2;
 *   repeated Item items = 3;
 *   map&lt;string, int32&gt; stock = 4;
 *   map&lt;int64, string&gt; notes = 5;
 *   map&lt;uint32, Item&gt; lines = 6;
 *   Status status = 7;
 *   google.protobuf.Timestamp placed_at = 8;
 *   google.protobuf.StringValue coupon = 9;
 *   google.protobuf.Int64Value points = 10;
 *   bytes photo = 11;
 *   oneof payment { string card = 12; int64 voucher = 13; }
 *   repeated google.protobuf.Timestamp scans = 14;
 *   uint64 big = 15;
 *   repeated string tags = 16;
 *   Order parent = 17;
 *   message Customer { int64 id = 1; string name = 2; Address address = 3;
 *     message Address { string city = 1; } }
 *   message Item { string sku = 1; uint32 qty = 2; double price = 3; }
 * }
 * message Refund { int64 id = 1; string reason = 2; }
 * </pre>
 */
final class OrderFixtures {

  static final String ORDER = "shop.Order";

  static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          spec("customer", "struct<id: long, name: string, address: struct<city: string>>"),
          spec("items", "array<struct<sku: string, qty: long, price: double>>"),
          spec("stock", "map<string, int>"),
          spec("notes", "map<string, string>"),
          spec("lines", "map<string, struct<sku: string, qty: long>>"),
          spec("status", "string"),
          spec("placed_at", "timestamp"),
          spec("coupon", "string"),
          spec("points", "long"),
          spec("photo", "binary"),
          spec("card", "string"),
          spec("voucher", "long"),
          spec("scans", "array<timestamp>"),
          spec("big", "decimal(20,0)"),
          spec("tags", "array<string>"),
          spec("parent", "struct<id: long, parent: struct<id: long>>"));

  private OrderFixtures() {}

  static FieldSpec spec(String name, String type) {
    return new FieldSpec(name, FieldType.parse(type), false);
  }

  static FileDescriptorProto orderFile() {
    return FileDescriptorProto.newBuilder()
        .setName("shop/order.proto")
        .setPackage("shop")
        .setSyntax("proto3")
        .addDependency("google/protobuf/timestamp.proto")
        .addDependency("google/protobuf/wrappers.proto")
        .addEnumType(
            EnumDescriptorProto.newBuilder()
                .setName("Status")
                .addValue(value("PENDING", 0))
                .addValue(value("PAID", 1))
                .addValue(value("SHIPPED", 2)))
        .addMessageType(
            DescriptorProto.newBuilder()
                .setName("Order")
                .addField(field("id", 1, TYPE_INT64))
                .addField(message("customer", 2, ".shop.Order.Customer"))
                .addField(repeated(message("items", 3, ".shop.Order.Item")))
                .addField(repeated(message("stock", 4, ".shop.Order.StockEntry")))
                .addField(repeated(message("notes", 5, ".shop.Order.NotesEntry")))
                .addField(repeated(message("lines", 6, ".shop.Order.LinesEntry")))
                .addField(field("status", 7, TYPE_ENUM).setTypeName(".shop.Status"))
                .addField(message("placed_at", 8, ".google.protobuf.Timestamp"))
                .addField(message("coupon", 9, ".google.protobuf.StringValue"))
                .addField(message("points", 10, ".google.protobuf.Int64Value"))
                .addField(field("photo", 11, TYPE_BYTES))
                .addField(field("card", 12, TYPE_STRING).setOneofIndex(0))
                .addField(field("voucher", 13, TYPE_INT64).setOneofIndex(0))
                .addField(repeated(message("scans", 14, ".google.protobuf.Timestamp")))
                .addField(field("big", 15, TYPE_UINT64))
                .addField(repeated(field("tags", 16, TYPE_STRING)))
                .addField(message("parent", 17, ".shop.Order"))
                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("payment"))
                .addNestedType(
                    DescriptorProto.newBuilder()
                        .setName("Customer")
                        .addField(field("id", 1, TYPE_INT64))
                        .addField(field("name", 2, TYPE_STRING))
                        .addField(message("address", 3, ".shop.Order.Customer.Address"))
                        .addNestedType(
                            DescriptorProto.newBuilder()
                                .setName("Address")
                                .addField(field("city", 1, TYPE_STRING))))
                .addNestedType(
                    DescriptorProto.newBuilder()
                        .setName("Item")
                        .addField(field("sku", 1, TYPE_STRING))
                        .addField(field("qty", 2, TYPE_UINT32))
                        .addField(field("price", 3, TYPE_DOUBLE)))
                .addNestedType(entry("StockEntry", field("key", 1, TYPE_STRING), TYPE_INT32))
                .addNestedType(entry("NotesEntry", field("key", 1, TYPE_INT64), TYPE_STRING))
                .addNestedType(
                    entry(
                        "LinesEntry",
                        field("key", 1, TYPE_UINT32),
                        message("value", 2, ".shop.Order.Item"))))
        .addMessageType(
            DescriptorProto.newBuilder()
                .setName("Refund")
                .addField(field("id", 1, TYPE_INT64))
                .addField(field("reason", 2, TYPE_STRING)))
        .build();
  }

  static FileDescriptorSet orderSet() {
    return FileDescriptorSet.newBuilder()
        .addFile(TimestampProto.getDescriptor().toProto())
        .addFile(WrappersProto.getDescriptor().toProto())
        .addFile(orderFile())
        .build();
  }

  static FileDescriptor file() {
    try {
      return FileDescriptor.buildFrom(
          orderFile(),
          new FileDescriptor[] {TimestampProto.getDescriptor(), WrappersProto.getDescriptor()});
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Descriptor order() {
    return file().findMessageTypeByName("Order");
  }

  static DynamicMessage.Builder builder(Descriptor type) {
    return DynamicMessage.newBuilder(type);
  }

  /** Sets {@code field} of {@code builder}; adds to it if it repeats. */
  static DynamicMessage.Builder set(DynamicMessage.Builder builder, String field, Object value) {
    var descriptor = builder.getDescriptorForType().findFieldByName(field);
    return descriptor.isRepeated()
        ? builder.addRepeatedField(descriptor, value)
        : builder.setField(descriptor, value);
  }

  /** A map entry message of {@code map} with a key and a value. */
  static DynamicMessage entry(Descriptor order, String map, Object key, Object value) {
    Descriptor entry = order.findFieldByName(map).getMessageType();
    return DynamicMessage.newBuilder(entry)
        .setField(entry.findFieldByName("key"), key)
        .setField(entry.findFieldByName("value"), value)
        .build();
  }

  private static EnumValueDescriptorProto.Builder value(String name, int number) {
    return EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number);
  }

  private static FieldDescriptorProto.Builder repeated(FieldDescriptorProto.Builder field) {
    return field.setLabel(Label.LABEL_REPEATED);
  }

  private static DescriptorProto.Builder entry(
      String name, FieldDescriptorProto.Builder key, Type value) {
    return entry(name, key, field("value", 2, value));
  }

  private static DescriptorProto.Builder entry(
      String name, FieldDescriptorProto.Builder key, FieldDescriptorProto.Builder value) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .addField(key)
        .addField(value);
  }
}
