package io.splitflow.deserialize.decode.registry;

import io.splitflow.common.job.PermanentException;
import java.time.Duration;

/** The one place that words what a schema registry did wrong: the id, the URL, what to change. */
final class RegistryErrors {

  static final String UNAUTHORIZED = "registry.unauthorized";
  static final String TLS = "registry.tls";

  private RegistryErrors() {}

  /** 401 or 403: every id would fail alike, and no restart brings other credentials. */
  static PermanentException unauthorized(String url, int id, int status) {
    return new PermanentException(
        UNAUTHORIZED,
        "the schema registry at "
            + url
            + " refused schema id "
            + id
            + " with HTTP "
            + status
            + (status == 401 ? " (unauthorized)" : " (forbidden)")
            + ": check the dataset's registry.username and registry.password"
            + (status == 403 ? " and that this user may read schemas" : "")
            + "; the job stops rather than dead-letter every record");
  }

  static String notRegistered(String url, int id) {
    return "schema id " + id + " is not in the registry at " + url + ": HTTP 404";
  }

  static String refused(String url, int id, int status) {
    return "schema id " + id + ": the registry at " + url + " answered HTTP " + status;
  }

  static String tooLarge(String url, int id, long cap) {
    return "schema id "
        + id
        + ": the registry at "
        + url
        + " sent a response of more than "
        + cap
        + " bytes (registry.max-response-bytes); raise it if the schema is that large";
  }

  /** What one attempt that got no answer in time failed with. */
  static String deadline(Duration timeout) {
    return "no complete answer within " + millis(timeout) + " (registry.request-timeout)";
  }

  /** What one attempt that failed the TLS handshake failed with. */
  static String tls(Exception e) {
    return "TLS handshake failed, "
        + e.getMessage()
        + "; check that registry.tls.trust-store holds the registry's certificate or CA"
        + " (and registry.tls.key-store the client certificate it may demand)";
  }

  static String unreachable(String url, int id, String failure, int attempts) {
    return "schema id "
        + id
        + ": the registry at "
        + url
        + " is unreachable ("
        + failure
        + " after "
        + attempts
        + " attempts)";
  }

  /** {@code on-unavailable: fail}: the batch fails, for a restart to run it again. */
  static RegistryUnavailableException unavailable(
      String url, int id, String failure, int attempts) {
    return new RegistryUnavailableException(
        unreachable(url, id, failure, attempts)
            + "; the batch fails without writing and its records are decoded once the registry"
            + " is back (run with --restart-on-failure, or set registry.on-unavailable:"
            + " dead-letter to dead-letter them instead)");
  }

  static RegistryUnavailableException interrupted(String url, int id) {
    return new RegistryUnavailableException(
        "schema id " + id + ": interrupted while asking the registry at " + url);
  }

  static PermanentException unreadableStore(String key, String path, Exception e) {
    return new PermanentException(
        TLS,
        key
            + " "
            + path
            + " cannot be read ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + "); it must be readable at this path where the decoder runs, on the driver and"
            + " every executor (shared storage, the image, or --files)",
        e);
  }

  private static String millis(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
