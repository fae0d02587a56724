package io.splitflow.tools.generate.orders;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
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
import com.google.protobuf.Timestamp;
import com.google.protobuf.TimestampProto;
import io.splitflow.tools.generate.orders.Orders.Address;
import io.splitflow.tools.generate.orders.Orders.Item;
import io.splitflow.tools.generate.orders.Orders.Order;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders as Protocol Buffers: the message of conf/schemas/order.proto built here (the machine
 * has no protoc; conf/schemas/order.desc is this descriptor set, kept equal to it by a test), and
 * orders written with it in Confluent's framing. Protobuf has no decimal: prices and totals are
 * their plain text; a repeated field or a map is never null, and a map value never is.
 */
public final class OrderProtos {
  public static final String MESSAGE = "splitflow.demo.Order";
  private static final FileDescriptor FILE = build();
  private static final Descriptor ORDER = FILE.findMessageTypeByName("Order");

  private OrderProtos() {}

  /** The descriptor set, as {@code protoc --descriptor_set_out} writes it for order.proto. */
  public static byte[] descriptorSet() {
    return FileDescriptorSet.newBuilder().addFile(FILE.toProto()).build().toByteArray();
  }

  /** The order as a Confluent Protobuf producer frames it: magic byte, id, message index [0]. */
  public static byte[] confluent(int schemaId, Order order) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    out.write(0); // the message indexes of the file's first message: [0], written as one 0
    out.writeBytes(message(order).toByteArray());
    return out.toByteArray();
  }

  /** The order as gold holds it when it came through protobuf (see the class comment). */
  public static Order asStored(Order order) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (order.attributes() != null) {
      order.attributes().forEach((k, v) -> attributes.put(k, v == null ? "" : v));
    }
    return new Order(
        order.id(),
        order.updatedAt(),
        order.status(),
        order.customer(),
        order.items(),
        order.tags() == null ? List.of() : order.tags(),
        attributes,
        order.total());
  }

  static DynamicMessage message(Order order) {
    DynamicMessage.Builder o = DynamicMessage.newBuilder(ORDER);
    set(o, "order_id", order.id());
    set(
        o,
        "updated_at",
        Timestamp.newBuilder()
            .setSeconds(order.updatedAt().getEpochSecond())
            .setNanos(order.updatedAt().getNano())
            .build());
    set(o, "status", order.status());
    Descriptor customerType = ORDER.findNestedTypeByName("Customer");
    DynamicMessage.Builder customer = DynamicMessage.newBuilder(customerType);
    set(customer, "id", order.customer().id());
    set(customer, "name", order.customer().name());
    Address address = order.customer().address();
    if (address != null) {
      DynamicMessage.Builder a = DynamicMessage.newBuilder(ORDER.findNestedTypeByName("Address"));
      set(a, "street", address.street());
      set(a, "city", address.city());
      set(a, "country", address.country());
      set(customer, "address", a.build());
    }
    set(o, "customer", customer.build());
    Descriptor itemType = ORDER.findNestedTypeByName("Item");
    for (Item item : order.items()) {
      DynamicMessage.Builder i = DynamicMessage.newBuilder(itemType);
      set(i, "sku", item.sku());
      set(i, "qty", item.qty());
      set(i, "price", item.price().toPlainString());
      o.addRepeatedField(ORDER.findFieldByName("items"), i.build());
    }
    if (order.tags() != null) {
      order.tags().forEach(tag -> o.addRepeatedField(ORDER.findFieldByName("tags"), tag));
    }
    if (order.attributes() != null) {
      Descriptor entryType = ORDER.findNestedTypeByName("AttributesEntry");
      order
          .attributes()
          .forEach(
              (k, v) -> {
                DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
                set(entry, "key", k);
                set(entry, "value", v == null ? "" : v);
                o.addRepeatedField(ORDER.findFieldByName("attributes"), entry.build());
              });
    }
    set(o, "total", order.total().toPlainString());
    return o.build();
  }

  private static void set(DynamicMessage.Builder builder, String field, Object value) {
    if (value != null) {
      builder.setField(builder.getDescriptorForType().findFieldByName(field), value);
    }
  }

  private static FileDescriptor build() {
    DescriptorProto address =
        DescriptorProto.newBuilder()
            .setName("Address")
            .addField(optional("street", 1, Type.TYPE_STRING, 0))
            .addField(optional("city", 2, Type.TYPE_STRING, 1))
            .addField(optional("country", 3, Type.TYPE_STRING, 2))
            .addAllOneofDecl(synthetic("street", "city", "country"))
            .build();
    DescriptorProto customer =
        DescriptorProto.newBuilder()
            .setName("Customer")
            .addField(field("id", 1, Type.TYPE_INT64))
            .addField(optional("name", 2, Type.TYPE_STRING, 0))
            .addField(message("address", 3, ".splitflow.demo.Order.Address"))
            .addAllOneofDecl(synthetic("name"))
            .build();
    DescriptorProto item =
        DescriptorProto.newBuilder()
            .setName("Item")
            .addField(field("sku", 1, Type.TYPE_STRING))
            .addField(optional("qty", 2, Type.TYPE_INT32, 0))
            .addField(field("price", 3, Type.TYPE_STRING))
            .addAllOneofDecl(synthetic("qty"))
            .build();
    DescriptorProto attributesEntry =
        DescriptorProto.newBuilder()
            .setName("AttributesEntry")
            .addField(field("key", 1, Type.TYPE_STRING))
            .addField(field("value", 2, Type.TYPE_STRING))
            .setOptions(MessageOptions.newBuilder().setMapEntry(true))
            .build();
    DescriptorProto order =
        DescriptorProto.newBuilder()
            .setName("Order")
            .addField(field("order_id", 1, Type.TYPE_INT64))
            .addField(message("updated_at", 2, ".google.protobuf.Timestamp"))
            .addField(field("status", 3, Type.TYPE_STRING))
            .addField(message("customer", 4, ".splitflow.demo.Order.Customer"))
            .addField(repeated(message("items", 5, ".splitflow.demo.Order.Item")))
            .addField(repeated(field("tags", 6, Type.TYPE_STRING)))
            .addField(repeated(message("attributes", 7, ".splitflow.demo.Order.AttributesEntry")))
            .addField(field("total", 8, Type.TYPE_STRING))
            .addNestedType(customer)
            .addNestedType(address)
            .addNestedType(item)
            .addNestedType(attributesEntry)
            .build();
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("order.proto")
            .setPackage("splitflow.demo")
            .setSyntax("proto3")
            .addDependency("google/protobuf/timestamp.proto")
            .addMessageType(order)
            .build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[] {TimestampProto.getDescriptor()});
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FieldDescriptorProto field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL)
        .setJsonName(name)
        .build();
  }

  /** A proto3 {@code optional} field: in the synthetic oneof {@code _name}, the index-th. */
  private static FieldDescriptorProto optional(String name, int number, Type type, int index) {
    return field(name, number, type).toBuilder()
        .setProto3Optional(true)
        .setOneofIndex(index)
        .build();
  }

  private static FieldDescriptorProto message(String name, int number, String typeName) {
    return field(name, number, Type.TYPE_MESSAGE).toBuilder().setTypeName(typeName).build();
  }

  private static FieldDescriptorProto repeated(FieldDescriptorProto field) {
    return field.toBuilder().setLabel(Label.LABEL_REPEATED).build();
  }

  private static List<OneofDescriptorProto> synthetic(String... names) {
    List<OneofDescriptorProto> oneofs = new ArrayList<>();
    for (String name : names) {
      oneofs.add(OneofDescriptorProto.newBuilder().setName("_" + name).build());
    }
    return oneofs;
  }
}
