package io.splitflow.common.config;

import java.util.Collection;

/** The one place that words configuration errors: key path, value found, what is allowed. */
public final class ConfigErrors {
  private ConfigErrors() {}

  public static ConfigException missing(String path) {
    return new ConfigException(path + ": is required but missing");
  }

  public static ConfigException unknownKey(String path, Collection<String> allowed) {
    return new ConfigException(path + ": unknown key; allowed here: " + String.join(", ", allowed));
  }

  public static ConfigException invalid(String path, Object found, String allowed) {
    return new ConfigException(path + ": '" + Secrets.mask(path, found) + "' " + allowed);
  }

  /** {@code found} describes the value: a quoted value, "a mapping" or "a list". */
  public static ConfigException wrongShape(String path, String expected, String found) {
    String shown = Secrets.isSecret(path) && found.startsWith("'") ? "a secret value" : found;
    return new ConfigException(path + ": expected " + expected + ", found " + shown);
  }

  public static ConfigException unsetVariable(String path, String variable) {
    return new ConfigException(
        path
            + ": environment variable "
            + variable
            + " is not set; set it or write ${"
            + variable
            + ":-default}");
  }

  public static ConfigException unreadable(String file, String why) {
    return new ConfigException("config file " + file + ": " + why);
  }
}
