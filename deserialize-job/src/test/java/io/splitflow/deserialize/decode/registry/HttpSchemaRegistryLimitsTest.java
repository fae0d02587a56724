package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.RegistrySettings.OnUnavailable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A registry that floods or trickles its answer costs a bounded time and memory. */
@Timeout(30)
class HttpSchemaRegistryLimitsTest {

  private static final long CAP = 64 * 1024;
  private static final Duration DEADLINE = Duration.ofMillis(400);

  private RegistryServer server;

  @BeforeEach
  void start() throws IOException {
    server = RegistryServer.start().register(1, READING);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "length declared: {0}")
  @ValueSource(booleans = {true, false})
  void bodyOverTheCapIsRefusedWithoutRetrying(boolean declareLength) {
    server.flood(7, 16 * 1024 * 1024, declareLength);

    assertThatThrownBy(() -> registry(OnUnavailable.FAIL).schema(7))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 7: the registry at "
                + server.url()
                + " sent a response of more than 65536 bytes (registry.max-response-bytes);"
                + " raise it if the schema is that large");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void bodyUnderTheCapIsRead() throws UnknownSchemaException {
    assertThat(registry(OnUnavailable.FAIL).schema(1)).isEqualTo(READING);
  }

  @Test
  void tricklingBodyFailsTheBatchAtTheDeadlineOfEachAttempt() {
    server.trickle(8);
    long start = System.nanoTime();

    assertThatThrownBy(() -> registry(OnUnavailable.FAIL).schema(8))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageStartingWith(
            "schema id 8: the registry at "
                + server.url()
                + " is unreachable (no complete answer within 400 ms (registry.request-timeout)"
                + " after 3 attempts); the batch fails");
    // three deadlines and two backoffs (250 ms, 500 ms), with room for a slow machine
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void tricklingBodyIsAnUnknownIdWhenOutagesDeadLetter() {
    server.trickle(8);

    assertThatThrownBy(() -> registry(OnUnavailable.DEAD_LETTER).schema(8))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 8: the registry at "
                + server.url()
                + " is unreachable (no complete answer within 400 ms (registry.request-timeout)"
                + " after 3 attempts)");
  }

  private HttpSchemaRegistry registry(OnUnavailable mode) {
    return new HttpSchemaRegistry(
        server.url(),
        Optional.empty(),
        Optional.empty(),
        new HttpRegistryOptions(CAP, DEADLINE, mode, TlsStores.NONE));
  }
}
