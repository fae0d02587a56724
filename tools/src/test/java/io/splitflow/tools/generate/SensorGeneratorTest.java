package io.splitflow.tools.generate;

import static io.splitflow.tools.generate.GeneratedSample.N;
import static io.splitflow.tools.generate.GeneratedSample.SETTINGS;
import static io.splitflow.tools.generate.GeneratedSample.decode;
import static io.splitflow.tools.generate.GeneratedSample.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SensorGeneratorTest {

  private static GeneratedSample sample;

  @BeforeAll
  static void generate() {
    sample = GeneratedSample.of(SETTINGS);
  }

  @Test
  void sameSeedGivesSameBytesAndAnotherSeedDoesNot() {
    GeneratedSample again = GeneratedSample.of(SETTINGS);
    GeneratedSample other = GeneratedSample.of(SETTINGS.withSeed(7));

    assertThat(again.messages).isEqualTo(sample.messages); // Message.equals compares the bytes
    assertThat(other.messages).hasSize(N).isNotEqualTo(sample.messages);
  }

  @Test
  void emitsExactlyTheRequestedNumberOfRecordsAndCountsThem() {
    assertThat(sample.messages).hasSize(N);
    assertThat(sample.expectation.total()).isEqualTo(N);
    Map<MessageKind, Long> counted = new EnumMap<>(MessageKind.class);
    sample.messages.forEach(m -> counted.merge(m.kind(), 1L, Long::sum));
    for (MessageKind kind : MessageKind.values()) {
      assertThat(sample.expectation.count(kind))
          .as(kind.name())
          .isEqualTo(counted.getOrDefault(kind, 0L));
    }
    assertThat(sample.expectation.invalidRecords())
        .isEqualTo(
            counted.get(MessageKind.MALFORMED)
                + counted.get(MessageKind.MISSING_FIELD)
                + counted.get(MessageKind.WRONG_TYPE));
    assertThat(sample.expectation.validRecords() + sample.expectation.invalidRecords())
        .isEqualTo(N);
  }

  /**
   * Each kind is drawn independently with probability p, so its count is binomial: the observed
   * share has standard error sqrt(p(1-p)/N), at most 0.0034 here. Five standard errors (plus the
   * one forced-VALID first message) keep this far from flaky for any seed, yet a share mapped to
   * the wrong kind would be off by at least 0.03 and fail.
   */
  @Test
  void sharesComeOutCloseToTheSettings() {
    Map<MessageKind, Double> expected =
        Map.of(
            MessageKind.MALFORMED, SETTINGS.malformedShare(),
            MessageKind.MISSING_FIELD, SETTINGS.missingFieldShare(),
            MessageKind.WRONG_TYPE, SETTINGS.wrongTypeShare(),
            MessageKind.DUPLICATE, SETTINGS.duplicateShare(),
            MessageKind.LATE, SETTINGS.lateShare(),
            MessageKind.VALID, SETTINGS.validShare());
    expected.forEach(
        (kind, p) -> {
          double tolerance = 5 * Math.sqrt(p * (1 - p) / N) + 1.0 / N;
          double observed = (double) sample.expectation.count(kind) / N;
          assertThat(observed).as(kind.name()).isCloseTo(p, within(tolerance));
        });
  }

  @Test
  void defaultSharesComeOutCloseToo() {
    GeneratedSample defaults = GeneratedSample.of(GeneratorSettings.defaults(N));
    // 1% of 20,000 is 200 with a standard deviation of 14; 2% is 400 with 20
    assertThat(defaults.expectation.count(MessageKind.MALFORMED)).isBetween(130L, 270L);
    assertThat(defaults.expectation.count(MessageKind.MISSING_FIELD)).isBetween(130L, 270L);
    assertThat(defaults.expectation.count(MessageKind.WRONG_TYPE)).isBetween(130L, 270L);
    assertThat(defaults.expectation.count(MessageKind.DUPLICATE)).isBetween(300L, 500L);
    assertThat(defaults.expectation.count(MessageKind.LATE)).isBetween(300L, 500L);
  }

  @Test
  void validReadingsAdvanceTheirKeyLateOnesAreOlderAndDifferAndDuplicatesRepeatAValidMessage()
      throws Exception {
    Map<ReadingKey, Reading> newest = new HashMap<>();
    Set<String> validBytes = new HashSet<>();
    for (Message m : sample.messages) {
      if (!m.kind().decodes()) {
        continue;
      }
      Reading r = decode(m);
      Reading before = newest.get(r.key());
      switch (m.kind()) {
        case VALID -> {
          if (before != null) {
            assertThat(r.eventTime()).as(text(m)).isAfter(before.eventTime());
          }
          newest.put(r.key(), r);
          validBytes.add(new String(m.key()) + "\n" + text(m));
        }
        case LATE -> {
          assertThat(before).as("late reading without an earlier one: " + text(m)).isNotNull();
          assertThat(r.eventTime()).as(text(m)).isBefore(before.eventTime());
          assertThat(r.value()).as(text(m)).isNotEqualTo(before.value());
        }
        case DUPLICATE ->
            assertThat(validBytes)
                .as("a re-delivery of an earlier VALID message")
                .contains(new String(m.key()) + "\n" + text(m));
        default -> throw new AssertionError(m.kind());
      }
    }
  }

  @Test
  void duplicatesAndLateOnesWaitForAnEarlierValidReading() {
    GeneratedSample onlyRepeats =
        GeneratedSample.of(SETTINGS.withRecords(50).withShares(0, 0, 0, 0.5, 0.5));

    assertThat(onlyRepeats.messages.get(0).kind()).isEqualTo(MessageKind.VALID);
    assertThat(onlyRepeats.expectation.count(MessageKind.VALID)).isEqualTo(1);
    assertThat(onlyRepeats.expectation.latestPerKey()).hasSize(1);
  }

  @Test
  void latestPerKeyMatchesABruteForceRecomputation() throws Exception {
    Map<ReadingKey, Reading> latest = new HashMap<>();
    for (Message m : sample.messages) {
      if (m.kind().decodes()) {
        Reading r = decode(m);
        latest.merge(r.key(), r, (a, b) -> b.eventTime().isAfter(a.eventTime()) ? b : a);
      }
    }
    assertThat(sample.expectation.latestPerKey()).isEqualTo(latest);
    assertThat(sample.expectation.keys()).isEqualTo(latest.size());
    assertThat(latest.size()).isLessThanOrEqualTo(SETTINGS.sensors() * SETTINGS.days());
  }
}
