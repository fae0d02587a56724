package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.RegistrySettings.OnUnavailable;
import io.splitflow.common.job.PermanentException;
import io.splitflow.common.job.PermanentFailure;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /schemas/ids/{id}} against a registry server on 127.0.0.1. */
class HttpSchemaRegistryTest {

  private RegistryServer server;

  @BeforeEach
  void start() throws IOException {
    server = RegistryServer.start().register(1, READING);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchesARegisteredSchema() throws UnknownSchemaException {
    assertThat(anonymous().schema(1)).isEqualTo(READING);
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void acceptsAnExplicitAvroSchemaTypeAndATrailingSlash() throws UnknownSchemaException {
    server.respond(2, "{\"schemaType\":\"AVRO\",\"schema\":" + quoted(READING.toString()) + "}");

    assertThat(
            new HttpSchemaRegistry(server.url() + "/", Optional.empty(), Optional.empty())
                .schema(2))
        .isEqualTo(READING);
  }

  @Test
  void idTheRegistryDoesNotHaveIsUnknown() {
    assertThatThrownBy(() -> anonymous().schema(42))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage("schema id 42 is not in the registry at " + server.url() + ": HTTP 404");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void schemaOfAnotherTypeIsRefused() {
    server.respond(3, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

    assertThatThrownBy(() -> anonymous().schema(3))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 3 in the registry at " + server.url() + " is a PROTOBUF schema, not Avro");
  }

  @Test
  void schemaThatDoesNotParseIsRefused() {
    server.respond(4, "{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}");

    assertThatThrownBy(() -> anonymous().schema(4))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 4 in the registry at "
                + server.url()
                + " is not an Avro schema: it names a type it does not define");
  }

  @Test
  void responseThatIsNotJsonIsRefused() {
    server.respond(5, "<html>");

    assertThatThrownBy(() -> anonymous().schema(5))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 5 in the registry at " + server.url() + ": the response is not JSON");
  }

  @Test
  void basicAuthIsSentWhenAUsernameIsGiven() throws UnknownSchemaException {
    server.requireBasicAuth("splitflow", "s3cret");

    assertThat(withPassword("s3cret").schema(1)).isEqualTo(READING);
  }

  @Test
  void refusedCredentialsStopTheJobWithoutRetrying() {
    server.requireBasicAuth("splitflow", "s3cret");

    assertThatThrownBy(() -> withPassword("wrong").schema(1))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.key()).isEqualTo("registry.unauthorized"))
        .hasMessage(
            "the schema registry at "
                + server.url()
                + " refused schema id 1 with HTTP 401 (unauthorized): check the dataset's"
                + " registry.username and registry.password; the job stops rather than"
                + " dead-letter every record");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void forbiddenStopsTheJobToo() {
    server.failNext(1, 403);

    assertThatThrownBy(() -> anonymous().schema(1))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.key()).isEqualTo("registry.unauthorized"))
        .hasMessageContaining("refused schema id 1 with HTTP 403 (forbidden)")
        .hasMessageContaining("and that this user may read schemas");
  }

  @Test
  void passwordIsInNoMessage() {
    server.requireBasicAuth("splitflow", "s3cret");
    HttpSchemaRegistry registry = withPassword("wrong-s3cret");

    assertThatThrownBy(() -> registry.schema(1)).hasMessageNotContaining("s3cret");
    assertThat(registry.toString())
        .doesNotContain("s3cret")
        .isEqualTo("schema registry " + server.url());
  }

  @Test
  void serverErrorThatRecoversIsRetried() throws UnknownSchemaException {
    server.failNext(1, 503);

    assertThat(anonymous().schema(1)).isEqualTo(READING);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void serverErrorThatPersistsFailsTheBatchAfterEveryAttempt() {
    server.failNext(HttpSchemaRegistry.ATTEMPTS, 503);

    assertThatThrownBy(() -> anonymous().schema(1))
        .isInstanceOfSatisfying(
            RegistryUnavailableException.class,
            e -> assertThat(e.key()).isEqualTo("registry.unavailable"))
        .isNotInstanceOf(PermanentFailure.class)
        .hasMessage(
            "schema id 1: the registry at "
                + server.url()
                + " is unreachable (HTTP 503 after 3 attempts); the batch fails without writing"
                + " and its records are decoded once the registry is back (run with"
                + " --restart-on-failure, or set registry.on-unavailable: dead-letter to"
                + " dead-letter them instead)");
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void serverErrorThatPersistsMakesTheIdUnknownWhenOutagesDeadLetter() {
    server.failNext(HttpSchemaRegistry.ATTEMPTS, 503);

    assertThatThrownBy(() -> deadLettering(server.url()).schema(1))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 1: the registry at "
                + server.url()
                + " is unreachable (HTTP 503 after 3 attempts)");
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void registryThatIsDownMakesTheIdUnknownWhenOutagesDeadLetter() {
    String url = server.url();
    server.close();

    assertThatThrownBy(() -> deadLettering(url).schema(1))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 1: the registry at "
                + url
                + " is unreachable (ConnectException after 3 attempts)");
  }

  @Test
  void registryThatIsDownFailsTheBatch() {
    String url = server.url();
    server.close();

    assertThatThrownBy(
            () -> new HttpSchemaRegistry(url, Optional.empty(), Optional.empty()).schema(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageStartingWith(
            "schema id 1: the registry at "
                + url
                + " is unreachable (ConnectException after 3 attempts); the batch fails");
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    assertThatThrownBy(
            () ->
                new HttpSchemaRegistry(
                    "http://me:pw@127.0.0.1:1", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema registry URL must not carry credentials; give a username and password");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/registry", "http:registry", "127.0.0.1:8081"})
  void urlThatIsNotHttpIsRefused(String url) {
    assertThatThrownBy(() -> new HttpSchemaRegistry(url, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema registry URL is not an http(s) URL: " + url);
  }

  private HttpSchemaRegistry anonymous() {
    return new HttpSchemaRegistry(server.url(), Optional.empty(), Optional.empty());
  }

  private static HttpSchemaRegistry deadLettering(String url) {
    return new HttpSchemaRegistry(
        url,
        Optional.empty(),
        Optional.empty(),
        HttpRegistryOptions.DEFAULT.with(OnUnavailable.DEAD_LETTER));
  }

  private HttpSchemaRegistry withPassword(String password) {
    return new HttpSchemaRegistry(server.url(), Optional.of("splitflow"), Optional.of(password));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
