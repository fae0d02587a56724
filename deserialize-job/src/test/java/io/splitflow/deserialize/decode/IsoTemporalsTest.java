package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written timestamp parser must agree with the formatter on every text, accepted or not.
 */
class IsoTemporalsTest {

  private static final String ALPHABET = "0123456789-:.TZtz+ 9";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T08:15:30Z",
        "2026-11-27T08:15:30",
        "2026-11-27T08:15:30.1+01:00",
        "2026-11-27T08:15:30.123456789-05:30",
        "2026-11-27T08:15:30.1234567891Z",
        "2026-11-27T08:15:30.Z",
        "2026-11-27T08:15:30-00:00",
        "2026-11-27T08:15:30+18:00",
        "2026-11-27T08:15:30+18:01",
        "2026-11-27T08:15:30+19:00",
        "2026-11-27T08:15:30+01:60",
        "2026-11-27T08:15:30+01:00:30",
        "2026-11-27T08:15:30+0100",
        "2026-11-27T08:15:30+01",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999-18:00",
        "2024-02-29T12:00:00Z",
        "2026-02-29T12:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T23:60:00Z",
        "2026-11-27T23:59:60Z",
        "2026-11-27T08:15Z",
        "2026-11-27T08:15:30ZZ",
        "2026-11-27T08:15:30z",
        "2026-11-27T08:15:30 Z",
        "+2026-11-27T08:15:30Z",
        "2026-11-27T08:15:3Z"
      })
  void handWrittenParserAgreesWithTheFormatterOnEdgeCases(String text) {
    assertThat(IsoTemporals.timestamp(text)).isEqualTo(IsoTemporals.formattedTimestamp(text));
  }

  @Test
  void handWrittenParserAgreesWithTheFormatterOnDamagedTimestamps() {
    String[] seeds = {
      "2026-11-27T08:15:30Z",
      "2026-11-27T08:15:30.123+01:00",
      "2026-11-27T08:15:30",
      "1999-12-31T23:59:59.999999999-18:00"
    };
    Random random = new Random(11);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.insert(at, c);
          default -> text.deleteCharAt(at);
        }
      }
      Instant expected = IsoTemporals.formattedTimestamp(text.toString());

      assertThat(IsoTemporals.timestamp(text.toString())).as(text.toString()).isEqualTo(expected);
      accepted += expected == null ? 0 : 1;
    }
    // the damage must leave a fair share valid, or the comparison says little about accepted texts
    assertThat(accepted).isGreaterThan(10_000);
  }
}
