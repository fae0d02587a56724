package io.splitflow.deserialize.decode.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.avro.Schema;

/**
 * A schema registry on 127.0.0.1 that serves {@code GET /schemas/ids/{id}} as Confluent's does,
 * under a path of its own, counts the requests, and can demand basic auth, fail a few times first,
 * flood or trickle a body, or serve https. Each request has a thread of its own, so a trickling
 * answer blocks no other.
 */
public final class RegistryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final HttpServer server;
  // every server a location of its own: the registry caches are per JVM and location, and a
  // later server may get an earlier one's port
  private final String prefix = "/registry-" + INSTANCES.incrementAndGet();
  private final Pattern path = Pattern.compile(Pattern.quote(prefix) + "/schemas/ids/(-?\\d+)");
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<Integer, String> bodies = new ConcurrentHashMap<>();
  private final Map<Integer, Answer> answers = new ConcurrentHashMap<>();
  private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String authorization;

  private RegistryServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public static RegistryServer start() throws IOException {
    return new RegistryServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  /** An https registry with this server certificate; it demands one of the client if asked. */
  public static RegistryServer startHttps(SSLContext context, boolean needClientCertificate)
      throws IOException {
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setNeedClientAuth(needClientCertificate);
            params.setSSLParameters(parameters);
          }
        });
    return new RegistryServer(https);
  }

  public String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  public RegistryServer register(int id, Schema schema) {
    return respond(id, JSON.createObjectNode().put("schema", schema.toString()).toString());
  }

  /** Answers {@code id} with this JSON body. */
  public RegistryServer respond(int id, String body) {
    bodies.put(id, body);
    return this;
  }

  /** Answers {@code id} with a 200 of {@code size} bytes, its length declared or chunked. */
  public RegistryServer flood(int id, int size, boolean declareLength) {
    answers.put(
        id,
        exchange -> {
          exchange.sendResponseHeaders(200, declareLength ? size : 0);
          try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < size; sent += chunk.length) {
              out.write(chunk, 0, Math.min(chunk.length, size - sent));
            }
          }
        });
    return this;
  }

  /**
   * Answers {@code id} with a 200's headers at once, then a body of one byte every 50 ms, until the
   * client goes away (or a minute passes).
   */
  public RegistryServer trickle(int id) {
    answers.put(
        id,
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write('{');
            out.flush();
            for (int i = 0; i < 1_200; i++) {
              Thread.sleep(50);
              out.write(' ');
              out.flush();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return this;
  }

  /** Answers the next {@code times} requests with {@code status}. */
  public RegistryServer failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      failures.add(status);
    }
    return this;
  }

  public RegistryServer requireBasicAuth(String username, String password) {
    authorization =
        "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(UTF_8));
    return this;
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Matcher path = this.path.matcher(exchange.getRequestURI().getPath());
    Integer failure = failures.poll();
    if (authorization != null
        && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
      send(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    } else if (failure != null) {
      send(exchange, failure, "{\"error_code\":" + failure + "}");
    } else if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
      send(exchange, 405, "{}");
    } else if (answers.containsKey(Integer.parseInt(path.group(1)))) {
      answers.get(Integer.parseInt(path.group(1))).send(exchange);
    } else if (bodies.containsKey(Integer.parseInt(path.group(1)))) {
      send(exchange, 200, bodies.get(Integer.parseInt(path.group(1))));
    } else {
      send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private interface Answer {
    void send(HttpExchange exchange) throws IOException;
  }
}
