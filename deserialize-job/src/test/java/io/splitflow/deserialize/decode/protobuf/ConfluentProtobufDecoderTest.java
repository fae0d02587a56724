package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.builder;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.set;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.spec;
import static io.splitflow.deserialize.decode.protobuf.ProtobufRecordDecoderTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Confluent Protobuf wire format: header, message indexes picking a type in the configured
 * message's file, and hostile headers, which are dead letters and never exceptions.
 */
class ConfluentProtobufDecoderTest {

  private static final FileDescriptor FILE = OrderFixtures.file();
  private static final Descriptor ORDER = FILE.findMessageTypeByName("Order");
  private static final Descriptor REFUND = FILE.findMessageTypeByName("Refund");
  private static final List<FieldSpec> FIELDS = List.of(spec("id", "long"));

  @TempDir Path dir;
  private String setFile;
  private ConfluentProtobufDecoder decoder;

  @BeforeEach
  void writeDescriptorSet() {
    setFile = ProtoFixtures.write(dir, OrderFixtures.orderSet());
    decoder = new ConfluentProtobufDecoder(setFile, "shop.Refund", FIELDS);
  }

  /** Magic byte, schema id 7, the index bytes as given, then the message. */
  private static byte[] framed(int[] indexBytes, Descriptor type, long id) {
    byte[] message = set(builder(type), "id", id).build().toByteArray();
    byte[] value = new byte[5 + indexBytes.length + message.length];
    value[4] = 7;
    for (int i = 0; i < indexBytes.length; i++) {
      value[5 + i] = (byte) indexBytes[i];
    }
    System.arraycopy(message, 0, value, 5 + indexBytes.length, message.length);
    return value;
  }

  @Test
  void messageIndexesPickTheTypeInTheConfiguredMessagesFile() {
    Descriptor customer = ORDER.findNestedTypeByName("Customer");

    // a single 0 byte stands for [0]; else a count and the indexes, all zigzag varints
    assertThat(decoder.decode(framed(new int[] {0}, ORDER, 1)).values()).containsExactly(1L);
    assertThat(decoder.decode(framed(new int[] {2, 0}, ORDER, 2)).values()).containsExactly(2L);
    assertThat(decoder.decode(framed(new int[] {2, 2}, REFUND, 3)).values()).containsExactly(3L);
    assertThat(decoder.decode(framed(new int[] {4, 0, 0}, customer, 4)).values())
        .containsExactly(4L);
  }

  @Test
  void aTypeTheFieldsDoNotFitIsAnIncompatibleSchema() {
    // [0, 1]: shop.Order.Item, which has no id
    byte[] value = framed(new int[] {4, 0, 2}, ORDER, 5);

    assertFailure(
        decoder.decode(value),
        DecodeError.INCOMPATIBLE_SCHEMA,
        "message type shop.Order.Item does not fit the dataset: field 'id': message"
            + " shop.Order.Item has no field named id");
  }

  @Test
  void indexesThatNameNoMessageAreMalformed() {
    assertFailure(
        decoder.decode(framed(new int[] {2, 10}, ORDER, 1)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message index [5] names no message; shop/order.proto has 2"
            + " top-level messages");
    assertFailure(
        decoder.decode(framed(new int[] {6, 0, 18, 0}, ORDER, 1)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message index [0, 9, ...] names no message; shop.Order has 5"
            + " nested messages");
    assertFailure(
        decoder.decode(framed(new int[] {2, 1}, ORDER, 1)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message index [-1] names no message; shop/order.proto has 2"
            + " top-level messages");
    // Order.Customer.Address nests nothing
    assertFailure(
        decoder.decode(framed(new int[] {6, 0, 0, 4}, ORDER, 1)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message index [0, 0, 2] names no message; shop.Order.Customer has"
            + " 1 nested message");
    assertFailure(
        decoder.decode(framed(new int[] {8, 0, 0, 0, 0}, ORDER, 1)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message index [0, 0, 0, 0] names no message;"
            + " shop.Order.Customer.Address has 0 nested messages");
  }

  @Test
  void hostileHeadersAreDeadLettersNamingTheProblem() {
    assertFailure(
        decoder.decode(new byte[] {0, 0, 0, 0, 7}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: the message indexes end early, at byte 5 of the value");
    assertFailure(
        decoder.decode(new byte[] {0, 0, 0, 0, 7, 6, 0}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: the message indexes end early, at byte 7 of the value");
    assertFailure(
        decoder.decode(new byte[] {0, 0, 0, 0, 7, 1, 0}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message-index count -1 is out of range; use 0 to 100");
    // zigzag 2,000,000,000: a count no message nests to
    assertFailure(
        decoder.decode(
            new byte[] {0, 0, 0, 0, 7, (byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: message-index count 2000000000 is out of range; use 0 to 100");
    byte[] endless = {0, 0, 0, 0, 7, -1, -1, -1, -1, -1, -1, 0};
    assertFailure(
        decoder.decode(endless),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: the message-index count at byte 5 is longer than 5 bytes");
    assertFailure(
        decoder.decode(new byte[] {0, 0, 0, 0, 7, 2, -1, -1, -1, -1, 0x7f}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: the message-index index at byte 6 is longer than 5 bytes");
  }

  @Test
  void badMagicByteAndShortHeaderAreTheFramesDeadLetters() {
    assertFailure(
        decoder.decode(new byte[] {8, 1}),
        DecodeError.BAD_MAGIC_BYTE,
        "expected magic byte 0, found 0x08");
    assertFailure(
        decoder.decode(new byte[] {0, 0, 1}),
        DecodeError.TRUNCATED,
        "payload of 3 bytes is shorter than the 5-byte header");
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  @Test
  void aBodyThatIsNotTheMessageIsMalformed() {
    byte[] value = {0, 0, 0, 0, 7, 0, 0x0f, 0x01};

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: Protocol message tag had invalid wire type.");
  }

  @Test
  void theConfiguredMessageMustFitWhenTheDecoderIsBuilt() {
    assertThatThrownBy(
            () ->
                new ConfluentProtobufDecoder(setFile, "shop.Refund", List.of(spec("qty", "long"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'qty': message shop.Refund has no field named qty");
  }

  @Test
  void decodesAfterSerializationWithoutTheDescriptorFile() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(decoder);
    }
    Files.delete(Path.of(setFile));
    ConfluentProtobufDecoder shipped;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (ConfluentProtobufDecoder) in.readObject();
    }

    assertThat(shipped.decode(framed(new int[] {2, 2}, REFUND, 9)).values()).containsExactly(9L);
  }

  @Test
  void neverThrowsOnCorruptedHeadersOrBodies() {
    byte[] full = framed(new int[] {4, 0, 0}, ORDER.findNestedTypeByName("Customer"), 42);
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      byte[] value = Arrays.copyOf(full, random.nextInt(full.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && value.length > 0; flips--) {
        value[random.nextInt(value.length)] = (byte) random.nextInt(256);
      }
      if (value.length > 0 && random.nextInt(10) > 0) {
        value[0] = 0;
      }
      DecodeResult result = decoder.decode(value);
      assertThat(result.ok() || result.message() != null).isTrue();
    }
  }
}
