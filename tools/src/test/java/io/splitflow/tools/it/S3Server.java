package io.splitflow.tools.it;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server inside the test JVM: S3Proxy over an in-memory blob store, on a free
 * loopback port, with path-style buckets and AWS v4 signatures checked against one key pair.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "splitflow-it";

  /** Random per server, so that a test can look for it in what a job logged or printed. */
  final String secretKey = "it-secret-" + UUID.randomUUID();

  private final BlobStore store = new TransientNio2BlobStore();
  private final S3Proxy proxy;

  private S3Server() {
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey)
            .jettyMaxThreads(16)
            .build();
  }

  static S3Server start() throws Exception {
    S3Server server = new S3Server();
    try {
      server.proxy.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!server.proxy.getState().equals("STARTED")) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("S3Proxy did not start: " + server.proxy.getState());
        }
        Thread.sleep(20);
      }
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  void createBucket(String bucket) {
    store.createContainer(bucket);
  }

  /** The S3A options that reach this server, as a config's hadoop section holds them. */
  Map<String, String> s3aOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("fs.s3a.endpoint", endpoint());
    options.put("fs.s3a.endpoint.region", "us-east-1");
    options.put("fs.s3a.path.style.access", "true");
    options.put("fs.s3a.connection.ssl.enabled", "false");
    options.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    options.put("fs.s3a.access.key", ACCESS_KEY);
    options.put("fs.s3a.secret.key", secretKey);
    // a dead server fails a test in seconds, not after the SDK's minutes of retries
    options.put("fs.s3a.attempts.maximum", "2");
    options.put("fs.s3a.retry.limit", "2");
    return options;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop S3Proxy", e);
    } finally {
      store.close();
    }
  }
}
