package io.splitflow.deserialize.decode.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry's REST API: {@code GET {baseUrl}/schemas/ids/{id}}, which Confluent's registry,
 * Apicurio's ccompat API and Karapace all serve, with HTTP basic auth when a username is given, and
 * the TLS stores of its {@link HttpRegistryOptions}.
 *
 * <p>Each request has one deadline, from connecting to the body's last byte, and a body cap, so a
 * registry that trickles or floods cannot stall or exhaust a task. A 404 means the id is unknown.
 * 401 and 403 stop the job ({@code registry.unauthorized}): every id would fail alike. Server
 * errors, 429, I/O failures and missed deadlines are retried {@link #ATTEMPTS} times with doubling
 * backoff, logged; after that the registry is unavailable, which fails the batch (to be run again
 * by a restart) or, with {@code on-unavailable: dead-letter}, makes the id unknown, so the records
 * become dead letters to replay. The password travels to the executors with the decoder, as they
 * need it, but is never logged nor put in a message.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

  static final int ATTEMPTS = 3;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
          + "application/json";

  private final String baseUrl;
  private final String authorization;
  private final HttpRegistryOptions options;

  /** A registry with the default limits, failing the batch when it is unavailable. */
  public HttpSchemaRegistry(String baseUrl, Optional<String> username, Optional<String> password) {
    this(baseUrl, username, password, HttpRegistryOptions.DEFAULT);
  }

  /**
   * IllegalArgumentException for a URL or credentials that cannot work; the TLS stores are read
   * here, so one that cannot be read stops the job on the driver ({@code registry.tls}).
   */
  public HttpSchemaRegistry(
      String baseUrl,
      Optional<String> username,
      Optional<String> password,
      HttpRegistryOptions options) {
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
    this.options = Objects.requireNonNull(options, "options");
    RegistryClients.forStores(options.tls());
  }

  /** The registry of a dataset's {@code registry:} settings, which must have a URL. */
  public static HttpSchemaRegistry of(RegistrySettings settings) {
    return new HttpSchemaRegistry(
        settings.url().orElseThrow(),
        settings.username(),
        settings.password(),
        HttpRegistryOptions.of(settings));
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
      HttpResponse<byte[]> response;
      try {
        response = send(id, request.build());
      } catch (CappedBody.TooLarge e) {
        throw new UnknownSchemaException(
            RegistryErrors.tooLarge(baseUrl, id, options.maxResponseBytes()));
      } catch (TimeoutException e) {
        failure = RegistryErrors.deadline(options.requestTimeout());
        continue;
      } catch (SSLException e) {
        failure = RegistryErrors.tls(e);
        continue;
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        return parse(id, new String(response.body(), UTF_8));
      }
      if (status == 401 || status == 403) {
        throw RegistryErrors.unauthorized(baseUrl, id, status);
      }
      if (status == 404) {
        throw new UnknownSchemaException(RegistryErrors.notRegistered(baseUrl, id));
      }
      if (status < 500 && status != 429) {
        throw new UnknownSchemaException(RegistryErrors.refused(baseUrl, id, status));
      }
      failure = "HTTP " + status;
    }
    if (options.onUnavailable() == RegistrySettings.OnUnavailable.FAIL) {
      throw RegistryErrors.unavailable(baseUrl, id, failure, ATTEMPTS);
    }
    throw new UnknownSchemaException(RegistryErrors.unreachable(baseUrl, id, failure, ATTEMPTS));
  }

  /**
   * One exchange under one deadline: headers and body must all arrive within the request timeout,
   * the body within the cap; else the connection is dropped.
   */
  private HttpResponse<byte[]> send(int id, HttpRequest request)
      throws IOException, TimeoutException {
    AtomicReference<CappedBody> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        RegistryClients.forStores(options.tls())
            .sendAsync(
                request,
                info -> {
                  CappedBody subscriber = CappedBody.forResponse(info, options.maxResponseBytes());
                  body.set(subscriber);
                  return subscriber;
                });
    try {
      return exchange.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    } catch (TimeoutException e) {
      abandon(exchange, body.get());
      throw e;
    } catch (InterruptedException e) {
      abandon(exchange, body.get());
      // Spark interrupts a task it cancels: keep the flag so the task still stops
      Thread.currentThread().interrupt();
      throw RegistryErrors.interrupted(baseUrl, id);
    }
  }

  private static void abandon(CompletableFuture<?> exchange, CappedBody body) {
    exchange.cancel(true);
    if (body != null) {
      body.cancel();
    }
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

  private void pause(int id, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // Spark interrupts a task it cancels: keep the flag so the task still stops
      Thread.currentThread().interrupt();
      throw RegistryErrors.interrupted(baseUrl, id);
    }
  }

  @Override
  public String location() {
    return baseUrl;
  }

  @Override
  public String toString() {
    return "schema registry " + baseUrl;
  }
}
