package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Random nested types, random values of them written by Jackson's own generator, decoded: every
 * value comes back as the Spark value the test computes from what it wrote (structs as rows, arrays
 * as lists, maps with sorted keys, exact decimals, binary, the three temporal types).
 */
class JsonNestedValuesPropertyTest {
  private static final int CASES = 200;
  private static final FieldType.Scalar[] SCALARS = FieldType.Scalar.values();

  @Test
  void randomNestedValuesWrittenByJacksonDecodeToTheValuesWritten() throws Exception {
    Random random = new Random(20261207);
    for (int c = 0; c < CASES; c++) {
      FieldType type = type(random, 0);
      List<FieldSpec> fields = List.of(new FieldSpec("f", type, false));
      Object value = value(random, type, 0);
      StringWriter text = new StringWriter();
      try (JsonGenerator out = new ObjectMapper().getFactory().createGenerator(text)) {
        out.writeStartObject();
        out.writeFieldName("f");
        write(out, type, value);
        out.writeEndObject();
      }

      DecodeResult result =
          new JsonRecordDecoder(fields, UnknownFieldPolicy.DEAD_LETTER)
              .decode(text.toString().getBytes(StandardCharsets.UTF_8));

      assertThat(result.message()).as("case %d: %s %s", c, type.typeName(), text).isNull();
      assertThat(plain(result.values()[0]))
          .as("case %d: %s %s", c, type.typeName(), text)
          .isEqualTo(plain(expected(type, value)));
    }
  }

  private static FieldType type(Random random, int depth) {
    int pick = random.nextInt(depth >= 3 ? 6 : 10);
    if (pick < 5) {
      return SCALARS[random.nextInt(SCALARS.length)];
    }
    return switch (pick) {
      case 5 -> decimal(random);
      case 6, 7 -> {
        List<FieldSpec> fields = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          fields.add(new FieldSpec("f" + i, type(random, depth + 1), false));
        }
        yield FieldType.struct(fields);
      }
      case 8 -> FieldType.array(type(random, depth + 1));
      default -> FieldType.map(type(random, depth + 1));
    };
  }

  private static FieldType.Decimal decimal(Random random) {
    int precision = 1 + random.nextInt(38);
    return FieldType.decimal(precision, random.nextInt(precision + 1));
  }

  /** A value of {@code type} in the test's own model: lists for structs and arrays, maps. */
  private static Object value(Random random, FieldType type, int depth) {
    if (random.nextInt(8) == 0) {
      return null;
    }
    if (type instanceof FieldType.Decimal d) {
      // up to p digits, s of them after the point
      BigInteger unscaled = new BigInteger(Math.max(1, d.precision() * 3), random);
      while (unscaled.toString().length() > d.precision()) {
        unscaled = unscaled.divide(BigInteger.TEN);
      }
      BigDecimal number = new BigDecimal(unscaled, d.scale());
      return random.nextBoolean() ? number : number.negate();
    }
    if (type instanceof FieldType.Struct s) {
      List<Object> values = new ArrayList<>();
      s.fields().forEach(f -> values.add(value(random, f.type(), depth + 1)));
      return values;
    }
    if (type instanceof FieldType.Array a) {
      List<Object> values = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        values.add(value(random, a.element(), depth + 1));
      }
      return values;
    }
    if (type instanceof FieldType.Map m) {
      Map<String, Object> values = new LinkedHashMap<>(); // written in this, random, order
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        values.put("k" + random.nextInt(1000) + "é", value(random, m.value(), depth + 1));
      }
      return values;
    }
    return switch (type.scalar()) {
      case STRING -> "s" + random.nextInt() + (random.nextBoolean() ? " ünï \"q\" 李" : "");
      case INT -> random.nextInt();
      case LONG -> random.nextLong(); // beyond 2^53 as often as not
      case FLOAT -> random.nextFloat() * 1e6f - 5e5f;
      case DOUBLE -> random.nextDouble() * 1e12 - 5e11;
      case BOOLEAN -> random.nextBoolean();
      case SHORT -> (short) random.nextInt(1 << 16);
      case BYTE -> (byte) random.nextInt(1 << 8);
      case BINARY -> {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        yield bytes;
      }
      case DATE -> LocalDate.ofEpochDay(random.nextInt(2_932_896) - 719_528);
      case TIMESTAMP ->
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1000) * 1000L);
      case TIMESTAMP_NTZ ->
          LocalDateTime.ofEpochSecond(
              random.nextInt(2_000_000_000), random.nextInt(1000) * 1000, ZoneOffset.UTC);
    };
  }

  private static void write(JsonGenerator out, FieldType type, Object value) throws Exception {
    if (value == null) {
      out.writeNull();
    } else if (type instanceof FieldType.Decimal) {
      out.writeNumber((BigDecimal) value);
    } else if (type instanceof FieldType.Struct s) {
      out.writeStartObject();
      List<?> values = (List<?>) value;
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null || i % 2 == 0) { // an absent key is null too
          out.writeFieldName(s.fields().get(i).name());
          write(out, s.fields().get(i).type(), values.get(i));
        }
      }
      out.writeEndObject();
    } else if (type instanceof FieldType.Array a) {
      out.writeStartArray();
      for (Object element : (List<?>) value) {
        write(out, a.element(), element);
      }
      out.writeEndArray();
    } else if (type instanceof FieldType.Map m) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        out.writeFieldName((String) entry.getKey());
        write(out, m.value(), entry.getValue());
      }
      out.writeEndObject();
    } else {
      switch (type.scalar()) {
        case STRING -> out.writeString((String) value);
        case INT -> out.writeNumber((Integer) value);
        case LONG -> out.writeNumber((Long) value);
        case FLOAT -> out.writeNumber((Float) value);
        case DOUBLE -> out.writeNumber((Double) value);
        case BOOLEAN -> out.writeBoolean((Boolean) value);
        case SHORT -> out.writeNumber((Short) value);
        case BYTE -> out.writeNumber((Byte) value);
        case BINARY -> out.writeBinary((byte[]) value); // base64, padded
        case DATE, TIMESTAMP -> out.writeString(value.toString());
        case TIMESTAMP_NTZ ->
            out.writeString(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    (LocalDateTime) value));
      }
    }
  }

  /** The Spark value of {@code value}, computed from the model, not by the decoder's code. */
  private static Object expected(FieldType type, Object value) {
    if (value == null) {
      return null;
    }
    if (type instanceof FieldType.Decimal d) {
      return ((BigDecimal) value).setScale(d.scale());
    }
    if (type instanceof FieldType.Struct s) {
      List<?> values = (List<?>) value;
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        fields.add(expected(s.fields().get(i).type(), values.get(i)));
      }
      return new StructValue(fields);
    }
    if (type instanceof FieldType.Array a) {
      List<Object> elements = new ArrayList<>();
      ((List<?>) value).forEach(e -> elements.add(expected(a.element(), e)));
      return elements;
    }
    if (type instanceof FieldType.Map m) {
      Map<String, Object> entries = new TreeMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> entries.put((String) k, expected(m.value(), v)));
      return entries;
    }
    return value;
  }

  /** A struct's values, told apart from an array's list. */
  private record StructValue(List<Object> values) {}

  /** Values compared by content: rows as StructValue, byte[] as hex, maps in their order. */
  private static Object plain(Object value) {
    if (value instanceof Row row) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(plain(row.get(i)));
      }
      return new StructValue(values);
    }
    if (value instanceof StructValue struct) {
      List<Object> values = new ArrayList<>();
      struct.values().forEach(v -> values.add(plain(v)));
      return new StructValue(values);
    }
    if (value instanceof List<?> list) {
      List<Object> values = new ArrayList<>();
      list.forEach(v -> values.add(plain(v)));
      return values;
    }
    if (value instanceof Map<?, ?> map) {
      List<Object> entries = new ArrayList<>(); // the order counts: keys must come sorted
      map.forEach((k, v) -> entries.add(List.of(k, String.valueOf(plain(v)))));
      return entries;
    }
    if (value instanceof byte[] bytes) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    return value;
  }
}
