package io.splitflow.deserialize.decode.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A schema registry on 127.0.0.1 that serves {@code GET /schemas/ids/{id}} as Confluent's does,
 * counts the requests, and can demand basic auth or fail a few times first.
 */
public final class RegistryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH = Pattern.compile("/schemas/ids/(-?\\d+)");

  private final HttpServer server;
  private final Map<Integer, String> bodies = new ConcurrentHashMap<>();
  private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String authorization;

  private RegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public static RegistryServer start() throws IOException {
    return new RegistryServer();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public RegistryServer register(int id, Schema schema) {
    return respond(id, JSON.createObjectNode().put("schema", schema.toString()).toString());
  }

  /** Answers {@code id} with this JSON body. */
  public RegistryServer respond(int id, String body) {
    bodies.put(id, body);
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
    Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
    Integer failure = failures.poll();
    if (authorization != null
        && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
      send(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    } else if (failure != null) {
      send(exchange, failure, "{\"error_code\":" + failure + "}");
    } else if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
      send(exchange, 405, "{}");
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
  }
}
