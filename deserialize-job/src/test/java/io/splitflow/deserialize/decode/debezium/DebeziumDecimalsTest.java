package io.splitflow.deserialize.decode.debezium;

import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.event;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.DecimalHandling;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decimal columns in each of Debezium's decimal.handling.mode encodings, exact or refused. */
class DebeziumDecimalsTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          new FieldSpec("price", FieldType.decimal(10, 2), false));

  private static DecodeResult decode(DecimalHandling mode, String price) {
    return new DebeziumJsonDecoder(FIELDS, List.of("id"), UnknownFieldPolicy.IGNORE, mode)
        .decode(json(event("c", "null", "{'id':1,'price':" + price + "}")));
  }

  /** What a connector in precise mode writes: the unscaled value's bytes in base64. */
  private static String precise(String unscaled) {
    return "'" + Base64.getEncoder().encodeToString(new BigInteger(unscaled).toByteArray()) + "'";
  }

  @Test
  void preciseIsTheUnscaledValuesBytesAtTheDeclaredScale() {
    assertThat(decode(DecimalHandling.PRECISE, precise("1999")).values())
        .containsExactly(1L, new BigDecimal("19.99"));
    assertThat(decode(DecimalHandling.PRECISE, precise("-5")).values())
        .containsExactly(1L, new BigDecimal("-0.05"));
    // 2^70 does not fit 8 integer digits
    DecodeResult tooBig = decode(DecimalHandling.PRECISE, precise("1180591620717411303424"));
    assertThat(tooBig.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(tooBig.message())
        .isEqualTo("field 'price': 11805916207174113034.24 is out of range for decimal(10,2)");
    DecodeResult notBase64 = decode(DecimalHandling.PRECISE, "'19.99'");
    assertThat(notBase64.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(notBase64.message())
        .isEqualTo(
            "field 'price': expected decimal(10,2) as base64 bytes (decimal.handling.mode"
                + " precise), found string \"19.99\"");
    assertThat(decode(DecimalHandling.PRECISE, "null").values()).containsExactly(1L, null);
  }

  @Test
  void stringIsThePlainTextAndMustFitExactly() {
    assertThat(decode(DecimalHandling.STRING, "'19.99'").values())
        .containsExactly(1L, new BigDecimal("19.99"));
    assertThat(decode(DecimalHandling.STRING, "'-3'").values())
        .containsExactly(1L, new BigDecimal("-3.00"));
    assertThat(decode(DecimalHandling.STRING, "'19.999'").message())
        .isEqualTo("field 'price': 19.999 is out of range for decimal(10,2)");
    assertThat(decode(DecimalHandling.STRING, "'1e3'").message())
        .isEqualTo(
            "field 'price': expected decimal(10,2) as text (decimal.handling.mode string), found"
                + " string \"1e3\"");
  }

  @Test
  void doubleAndNumbersInAnyModeAreReadFromTheirTextNeverThroughADouble() {
    assertThat(decode(DecimalHandling.DOUBLE, "19.99").values())
        .containsExactly(1L, new BigDecimal("19.99"));
    assertThat(decode(DecimalHandling.PRECISE, "0.1").values())
        .containsExactly(1L, new BigDecimal("0.10"));
    assertThat(decode(DecimalHandling.DOUBLE, "'19.99'").error()).isEqualTo(DecodeError.WRONG_TYPE);
  }

  @Test
  void aDecimalKeyOfADeleteIsReadTheSameWay() {
    List<FieldSpec> fields = List.of(new FieldSpec("amount", FieldType.decimal(6, 1), true));
    DecodeResult delete =
        new DebeziumJsonDecoder(
                fields, List.of("amount"), UnknownFieldPolicy.IGNORE, DecimalHandling.PRECISE)
            .decode(json(event("d", "{'amount':" + precise("125") + "}", "null")));
    assertThat(delete.deleted()).isTrue();
    assertThat(delete.values()).containsExactly(new BigDecimal("12.5"));
  }
}
