package io.splitflow.common.config;

import java.util.Optional;

/**
 * Where Confluent-framed records' writer schemas come from: a schema-registry REST API ({@code GET
 * /schemas/ids/{id}}, with optional basic auth) or, offline, a directory of {@code <id>.avsc}
 * files.
 */
public record RegistrySettings(
    Optional<String> url,
    Optional<String> username,
    Optional<String> password,
    Optional<String> schemasDir) {

  @Override
  public String toString() {
    // never print the password
    return "RegistrySettings[url="
        + url.orElse("-")
        + ", username="
        + username.orElse("-")
        + ", schemasDir="
        + schemasDir.orElse("-")
        + "]";
  }
}
