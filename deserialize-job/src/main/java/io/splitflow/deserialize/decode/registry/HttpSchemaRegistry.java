package io.splitflow.deserialize.decode.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry's REST API: {@code GET {baseUrl}/schemas/ids/{id}}, which Confluent's registry,
 * Apicurio's ccompat API and Karapace all serve, with HTTP basic auth when a username is given.
 *
 * <p>A 404 means the id is unknown. Server errors, 429 and I/O failures are retried {@link
 * #ATTEMPTS} times with doubling backoff, logged; after that the id counts as unknown too, so the
 * records become dead letters to replay rather than failing the job: a registry outage must not
 * stop the records whose schemas are already cached. The password travels to the executors with the
 * decoder, as they need it, but is never logged nor put in a message.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

  static final int ATTEMPTS = 3;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
          + "application/json";

  private final String baseUrl;
  private final String authorization;

  public HttpSchemaRegistry(String baseUrl, Optional<String> username, Optional<String> password) {
    URI uri = uri(baseUrl);
    if (uri == null
        || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("schema registry URL is not an http(s) URL: " + baseUrl);
    }
    if (uri.getRawUserInfo() != null) {
      // the URL shows up in messages and logs; credentials belong in username and password
      throw new IllegalArgumentException(
          "schema registry URL must not carry credentials; give a username and password");
    }
    if (password.isPresent() && username.isEmpty()) {
      throw new IllegalArgumentException("a schema registry password needs a username");
    }
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.authorization =
        username
            .map(
                user ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString((user + ":" + password.orElse("")).getBytes(UTF_8)))
            .orElse(null);
  }

  private static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Override
  public Schema schema(int id) throws UnknownSchemaException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id))
            .timeout(TIMEOUT)
            .header("Accept", ACCEPT)
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    String failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        long backoff = FIRST_BACKOFF.toMillis() << (attempt - 2);
        LOG.warn(
            "schema registry {}: schema id {} failed ({}); attempt {} of {} in {} ms",
            baseUrl,
            id,
            failure,
            attempt,
            ATTEMPTS,
            backoff);
        pause(id, backoff);
      }
      try {
        HttpResponse<String> response =
            Client.INSTANCE.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        int status = response.statusCode();
        if (status == 200) {
          return parse(id, response.body());
        }
        failure = "HTTP " + status;
        if (status < 500 && status != 429) {
          throw new UnknownSchemaException(refusal(id, status));
        }
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        throw interrupted(id);
      }
    }
    throw new UnknownSchemaException(
        "schema id "
            + id
            + ": the registry at "
            + baseUrl
            + " is unreachable ("
            + failure
            + " after "
            + ATTEMPTS
            + " attempts)");
  }

  private String refusal(int id, int status) {
    if (status == 404) {
      return "schema id " + id + " is not in the registry at " + baseUrl + ": HTTP 404";
    }
    String hint = status == 401 || status == 403 ? " (check the username and password)" : "";
    return "schema id " + id + ": the registry at " + baseUrl + " answered HTTP " + status + hint;
  }

  private Schema parse(int id, String body) throws UnknownSchemaException {
    String where = "schema id " + id + " in the registry at " + baseUrl;
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new UnknownSchemaException(where + ": the response is not JSON");
    }
    String type = root.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new UnknownSchemaException(where + " is a " + type + " schema, not Avro");
    }
    if (root.path("references").size() > 0) {
      throw new UnknownSchemaException(where + " uses schema references, which are not supported");
    }
    JsonNode schema = root.path("schema");
    if (!schema.isTextual()) {
      throw new UnknownSchemaException(where + ": the response has no \"schema\" string");
    }
    return SchemaText.parse(schema.textValue(), where);
  }

  private void pause(int id, long millis) throws UnknownSchemaException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw interrupted(id);
    }
  }

  private UnknownSchemaException interrupted(int id) {
    // Spark interrupts a task it cancels: keep the flag so the task still stops
    Thread.currentThread().interrupt();
    return new UnknownSchemaException(
        "schema id " + id + ": interrupted while asking the registry at " + baseUrl);
  }

  @Override
  public String location() {
    return baseUrl;
  }

  @Override
  public String toString() {
    return "schema registry " + baseUrl;
  }

  /** One client per JVM, built on first use: it owns a selector thread and a connection pool. */
  private static final class Client {
    // HTTP/1.1 avoids the h2c upgrade some proxies mishandle; redirects stay unfollowed (the
    // default), so the Authorization header never goes to another host
    static final HttpClient INSTANCE =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
  }
}
