package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroNestedTypesTest.ORDER;
import static io.splitflow.deserialize.decode.avro.AvroNestedTypesTest.ORDER_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroNestedTypesTest.normalized;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.deserialize.decode.DecodeResult;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * Random orders, written by Avro's own GenericDatumWriter, decode to the values computed here
 * independently of the decoder: with Avro's own conversions for decimals, dates and local
 * timestamps, and its own union resolution for the branch of a union.
 */
class AvroNestedValuesPropertyTest {

  private static final int CASES = 200;
  private static final long MIN_MICROS = -62_167_219_200_000_000L; // 0000-01-01
  private static final long END_MICROS = 253_402_300_800_000_000L; // 10000-01-01

  private final Random random = new Random(20_261_207);

  @Test
  void randomNestedValuesDecodeToWhatAvrosOwnConversionsGive() {
    AvroRecordDecoder decoder = new AvroRecordDecoder(ORDER.toString(), ORDER_FIELDS);
    for (int i = 0; i < CASES; i++) {
      GenericRecord order = (GenericRecord) datum(ORDER);
      DecodeResult result = decoder.decode(plain(order));

      assertThat(result.ok()).as("case %d: %s gave %s", i, order, result.message()).isTrue();
      for (int f = 0; f < ORDER_FIELDS.size(); f++) {
        Schema.Field field = ORDER.getField(ORDER_FIELDS.get(f).name());
        assertThat(normalized(result.values()[f]))
            .as("case %d, field %s of %s", i, field.name(), order)
            .isEqualTo(normalized(expected(field.schema(), order.get(field.pos()))));
      }
    }
  }

  private Object datum(Schema schema) {
    LogicalTypes.Decimal decimal =
        schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
    return switch (schema.getType()) {
      case UNION -> datum(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
      case NULL -> null;
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        schema.getFields().forEach(f -> record.put(f.pos(), datum(f.schema())));
        yield record;
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          items.add(datum(schema.getElementType()));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new HashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          entries.put(string(), datum(schema.getValueType()));
        }
        yield entries;
      }
      case ENUM ->
          new GenericData.EnumSymbol(
              schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case FIXED -> {
        if (decimal == null) {
          byte[] bytes = new byte[schema.getFixedSize()];
          random.nextBytes(bytes);
          yield new GenericData.Fixed(schema, bytes);
        }
        yield AvroNestedTypesTest.fixed(schema, unscaled(decimal));
      }
      case BYTES -> {
        byte[] bytes =
            decimal == null ? new byte[random.nextInt(5)] : unscaled(decimal).toByteArray();
        if (decimal == null) {
          random.nextBytes(bytes);
        }
        yield ByteBuffer.wrap(bytes);
      }
      case STRING -> string();
      case INT ->
          schema.getLogicalType() == null
              ? random.nextInt()
              : (int) (random.nextInt(3_652_059) - 719_528); // 0000-01-01 to 9999-12-31
      case LONG ->
          schema.getLogicalType() == null
              ? random.nextLong()
              : MIN_MICROS + Math.floorMod(random.nextLong(), END_MICROS - MIN_MICROS);
      case FLOAT -> random.nextFloat() * 1e6f - 5e5f;
      case DOUBLE -> random.nextGaussian() * 1e9;
      case BOOLEAN -> random.nextBoolean();
    };
  }

  /** A number of up to the precision's digits, of either sign. */
  private BigInteger unscaled(LogicalTypes.Decimal decimal) {
    BigInteger bound = BigInteger.TEN.pow(random.nextInt(decimal.getPrecision()) + 1);
    BigInteger n = new BigInteger(bound.bitLength() + 8, random).mod(bound);
    return random.nextBoolean() ? n.negate() : n;
  }

  /** Up to 6 code points, some outside the BMP (a surrogate pair in Java). */
  private String string() {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(7); n > 0; n--) {
      int kind = random.nextInt(4);
      s.appendCodePoint(
          kind == 0 ? 0x1F600 + random.nextInt(50) : kind == 1 ? 0xE9 : 'a' + random.nextInt(26));
    }
    return s.toString();
  }

  /** The Spark value of a datum, as Spark's from_avro documents it, by Avro's conversions. */
  private static Object expected(Schema schema, Object datum) {
    if (datum == null) {
      return null;
    }
    return switch (schema.getType()) {
      case UNION -> {
        List<Schema> branches = AvroFieldMapping.nonNull(schema);
        Schema branch = schema.getTypes().get(GenericData.get().resolveUnion(schema, datum));
        if (AvroFieldMapping.widens(schema)) {
          Number n = (Number) datum;
          yield branches.stream().anyMatch(b -> b.getType() == Schema.Type.INT)
              ? (Object) n.longValue()
              : (Object) n.doubleValue();
        }
        if (branches.size() == 1) {
          yield expected(branch, datum);
        }
        Object[] members = new Object[branches.size()];
        members[branches.indexOf(branch)] = expected(branch, datum);
        yield RowFactory.create(members);
      }
      case RECORD -> {
        GenericRecord record = (GenericRecord) datum;
        yield RowFactory.create(
            schema.getFields().stream()
                .map(f -> expected(f.schema(), record.get(f.name())))
                .toArray());
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        ((List<?>) datum).forEach(item -> items.add(expected(schema.getElementType(), item)));
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new TreeMap<>();
        ((Map<?, ?>) datum)
            .forEach((k, v) -> entries.put(k.toString(), expected(schema.getValueType(), v)));
        yield entries;
      }
      case ENUM, STRING -> datum.toString();
      case FIXED ->
          schema.getLogicalType() == null
              ? ((GenericData.Fixed) datum).bytes()
              : new Conversions.DecimalConversion()
                  .fromFixed((GenericData.Fixed) datum, schema, schema.getLogicalType());
      case BYTES -> {
        ByteBuffer bytes = ((ByteBuffer) datum).duplicate();
        if (schema.getLogicalType() != null) {
          yield new Conversions.DecimalConversion()
              .fromBytes(bytes, schema, schema.getLogicalType());
        }
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        yield out;
      }
      case INT ->
          schema.getLogicalType() == null
              ? datum
              : new TimeConversions.DateConversion()
                  .fromInt((Integer) datum, schema, schema.getLogicalType());
      case LONG ->
          schema.getLogicalType() == null
              ? datum
              : new TimeConversions.LocalTimestampMicrosConversion()
                  .fromLong((Long) datum, schema, schema.getLogicalType());
      case FLOAT, DOUBLE, BOOLEAN -> datum;
      case NULL -> null;
    };
  }
}
