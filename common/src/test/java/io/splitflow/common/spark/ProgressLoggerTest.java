package io.splitflow.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka lag of the per-batch line, from the Kafka source's metrics. */
class ProgressLoggerTest {

  @Test
  void kafkaLagIsTheSourcesOffsetsBehindLatestRounded() {
    Map<String, String> metrics =
        Map.of(
            "avgOffsetsBehindLatest", "2.5",
            "maxOffsetsBehindLatest", "4",
            "minOffsetsBehindLatest", "1");

    assertThat(ProgressLogger.kafkaLag(metrics).orElseThrow().toString())
        .isEqualTo("{\"min\":1,\"avg\":3,\"max\":4}");
  }

  @Test
  void aDeltaSourceHasNoKafkaLag() {
    assertThat(ProgressLogger.kafkaLag(Map.of("numBytesOutstanding", "0"))).isEmpty();
    assertThat(ProgressLogger.kafkaLag(null)).isEmpty();
  }
}
