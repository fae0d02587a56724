package io.splitflow.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decode benchmarks, called directly, decode what they are meant to and fail the rest. */
class DecodeBenchmarkTest {
  private static final DecodeBenchmark BENCH = new DecodeBenchmark();

  @BeforeAll
  static void setUp() {
    BENCH.setUp();
  }

  @Test
  void inputsAreTheGeneratorsReadingsWithAboutOnePercentMalformed() {
    List<Message> messages = SensorData.json();
    assertThat(messages).hasSize(SensorData.MESSAGES);
    assertThat(messages.stream().filter(m -> m.kind() == MessageKind.MALFORMED).count())
        .isBetween(50L, 150L);
    assertThat(messages).allMatch(m -> m.kind() == MessageKind.MALFORMED || m.kind().decodes());
  }

  @Test
  void jsonDecoderAcceptsEveryReadingAndRejectsEveryMalformedValue() {
    assertThat(mismatches(SensorData.json(), BENCH::json)).isEmpty();
  }

  @Test
  void confluentAvroDecoderAcceptsEveryReadingAndRejectsEveryMalformedValue() {
    assertThat(mismatches(SensorData.confluentAvro(), BENCH::confluentAvro)).isEmpty();
  }

  @Test
  void jacksonBaselineParsesEveryReadingIntoAnObjectOfItsFiveFields() {
    for (Message message : SensorData.json()) {
      Object tree = BENCH.jacksonReadTree();
      if (message.kind().decodes()) {
        assertThat(tree).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) tree).size()).as(message.toString()).isEqualTo(5);
      }
    }
  }

  /** The messages whose result is not what their kind says, one cycle of the benchmark. */
  private static List<String> mismatches(List<Message> messages, Supplier<DecodeResult> bench) {
    List<String> wrong = new ArrayList<>();
    for (Message message : messages) {
      DecodeResult result = bench.get();
      if (result.ok() != message.kind().decodes()) {
        wrong.add(message.kind() + " gave " + (result.ok() ? "values" : result.message()));
      }
    }
    return wrong;
  }
}
