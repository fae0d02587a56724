package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.trigger.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/** The deserialize-side keys of a dataset: registry, tombstones, rules, error budget. */
final class DecodeBinder {
  private static final Set<String> REGISTRY =
      Set.of(
          "url",
          "username",
          "password",
          "schemas-dir",
          "allow-insecure",
          "max-response-bytes",
          "request-timeout",
          "on-unavailable",
          "tls");
  private static final Set<String> TLS =
      Set.of(
          "trust-store",
          "trust-store-password",
          "trust-store-type",
          "key-store",
          "key-store-password",
          "key-store-type");
  private static final Set<String> TOMBSTONES = Set.of("key-format", "separator");
  private static final Set<String> PROTOBUF = Set.of("descriptor-file", "message");
  private static final Set<String> RULE = Set.of("name", "expr", "class", "action");
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private DecodeBinder() {}

  static DecodeSettings bind(
      ConfigNode dataset,
      DataFormat format,
      Optional<String> avroSchema,
      List<FieldSpec> fields,
      Path baseDir) {
    Envelope envelope = Choices.of(dataset.child("envelope"), Envelope.class, Envelope.NONE);
    if (envelope == Envelope.DEBEZIUM
        && format != DataFormat.JSON
        && format != DataFormat.AVRO_CONFLUENT) {
      throw ConfigErrors.invalid(
          dataset.child("envelope").path(),
          "debezium",
          "is supported with format json (Debezium's JSON converter) or avro-confluent"
              + " (Confluent's Avro converter) only");
    }
    return new DecodeSettings(
        Choices.of(dataset.child("unknown-fields"), UnknownFields.class, UnknownFields.IGNORE),
        Choices.of(
            dataset.child("decimal-rounding"), DecimalRounding.class, DecimalRounding.REFUSE),
        envelope,
        decimalHandling(dataset.child("decimal-handling"), envelope),
        avroSchema,
        protobuf(dataset.child("protobuf"), format, baseDir),
        registry(dataset.child("registry"), format, baseDir),
        tombstones(dataset.child("tombstones")),
        rules(dataset.child("rules")),
        ratio(dataset.child("max-dead-letter-ratio")));
  }

  /** Debezium's {@code decimal.handling.mode} for the dataset's JSON events; precise if unset. */
  private static DecimalHandling decimalHandling(ConfigNode node, Envelope envelope) {
    if (!node.isMissing() && envelope != Envelope.DEBEZIUM) {
      throw ConfigErrors.invalid(
          node.path(),
          node.string(),
          "only applies with envelope: debezium (the connector's decimal.handling.mode)");
    }
    return Choices.of(node, DecimalHandling.class, DecimalHandling.PRECISE);
  }

  private static Optional<RegistrySettings> registry(
      ConfigNode node, DataFormat format, Path baseDir) {
    if (format != DataFormat.AVRO_CONFLUENT) {
      if (!node.isMissing()) {
        throw ConfigErrors.invalid(
            node.path(),
            "{...}",
            "only applies to format avro-confluent"
                + (format == DataFormat.JSON_CONFLUENT || format == DataFormat.PROTOBUF_CONFLUENT
                    ? "; "
                        + format.configName()
                        + " decodes with the dataset's own schema and"
                        + " does not look schema ids up"
                    : ""));
      }
      return Optional.empty();
    }
    node.requireObject().allowOnly(REGISTRY);
    Optional<String> url = optional(node.child("url"));
    Optional<String> dir =
        optional(node.child("schemas-dir")).map(d -> baseDir.resolve(d).normalize().toString());
    dir.ifPresent(
        d -> {
          // else every record would be a dead letter with an unknown schema id
          if (!java.nio.file.Files.isDirectory(Path.of(d))) {
            ConfigNode schemasDir = node.child("schemas-dir");
            throw ConfigErrors.invalid(
                schemasDir.path(), schemasDir.string(), "is not a directory (" + d + ")");
          }
        });
    if (url.isPresent() == dir.isPresent()) {
      throw ConfigErrors.invalid(
          node.path(),
          url.isPresent() ? "url and schemas-dir" : "{}",
          "needs exactly one of url or schemas-dir");
    }
    url.ifPresent(
        u -> {
          if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw ConfigErrors.invalid(node.child("url").path(), u, "is not an http(s) URL");
          }
        });
    Optional<String> username = optional(node.child("username"));
    Optional<String> password = optional(node.child("password"));
    if (password.isPresent() && username.isEmpty()) {
      throw ConfigErrors.missing(node.child("username").path());
    }
    boolean plain = url.isPresent() && url.get().startsWith("http://");
    ConfigNode allowInsecure = node.child("allow-insecure");
    if (plain && username.isPresent() && !allowInsecure.bool(false)) {
      // basic auth over plain HTTP hands the password to anyone on the path
      throw ConfigErrors.invalid(
          node.child("url").path(),
          url.get(),
          "would send the registry username and password unencrypted; use an https URL, or set "
              + allowInsecure.path()
              + ": true on a network you trust");
    }
    ConfigNode tlsNode = node.child("tls");
    if (!tlsNode.isMissing() && !url.map(u -> u.startsWith("https://")).orElse(false)) {
      throw ConfigErrors.invalid(tlsNode.path(), "{...}", "only applies to an https url");
    }
    Duration timeout =
        node.child("request-timeout").isMissing()
            ? RegistrySettings.DEFAULT_REQUEST_TIMEOUT
            : positiveDuration(node.child("request-timeout"));
    return Optional.of(
        new RegistrySettings(
            url,
            username,
            password,
            dir,
            allowInsecure.bool(false),
            SizingBinder.bytes(node.child("max-response-bytes"))
                .orElse(RegistrySettings.DEFAULT_MAX_RESPONSE_BYTES),
            timeout,
            Choices.of(
                node.child("on-unavailable"),
                RegistrySettings.OnUnavailable.class,
                RegistrySettings.OnUnavailable.FAIL),
            tls(tlsNode, baseDir)));
  }

  private static Optional<RegistrySettings.Tls> tls(ConfigNode node, Path baseDir) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    node.requireObject().allowOnly(TLS);
    return Optional.of(
        new RegistrySettings.Tls(
            storeFile(node, "trust-store", baseDir),
            storePassword(node, "trust-store"),
            storeType(node.child("trust-store-type")),
            storeFile(node, "key-store", baseDir),
            storePassword(node, "key-store"),
            storeType(node.child("key-store-type"))));
  }

  /** The store's absolute path; it must exist now, as the decoders read it on every executor. */
  private static Optional<String> storeFile(ConfigNode tls, String key, Path baseDir) {
    ConfigNode node = tls.child(key);
    if (node.isMissing()) {
      return Optional.empty();
    }
    Path file = baseDir.resolve(node.string()).normalize();
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
      throw ConfigErrors.invalid(
          node.path(), node.string(), "is not a readable file (" + file + ")");
    }
    return Optional.of(file.toString());
  }

  private static Optional<String> storePassword(ConfigNode tls, String store) {
    Optional<String> password = optional(tls.child(store + "-password"));
    if (password.isPresent() && tls.child(store).isMissing()) {
      throw ConfigErrors.missing(tls.child(store).path());
    }
    return password;
  }

  private static String storeType(ConfigNode node) {
    String type = node.string(RegistrySettings.DEFAULT_STORE_TYPE);
    try {
      java.security.KeyStore.getInstance(type);
    } catch (java.security.KeyStoreException e) {
      throw ConfigErrors.invalid(
          node.path(), type, "is not a key store type this JVM reads; use PKCS12 or JKS");
    }
    return type;
  }

  private static Duration positiveDuration(ConfigNode node) {
    Duration duration = Durations.parse(node.string(), node.path());
    if (duration.isZero()) {
      throw ConfigErrors.invalid(node.path(), node.string(), "must be more than 0");
    }
    return duration;
  }

  private static Optional<ProtobufSettings> protobuf(
      ConfigNode node, DataFormat format, Path baseDir) {
    if (!format.isProtobuf()) {
      if (!node.isMissing()) {
        throw ConfigErrors.invalid(
            node.path(), "{...}", "only applies to format protobuf or protobuf-confluent");
      }
      return Optional.empty();
    }
    node.requireObject().allowOnly(PROTOBUF);
    ConfigNode file = node.child("descriptor-file");
    java.nio.file.Path descriptor = baseDir.resolve(file.string()).normalize();
    if (!java.nio.file.Files.isRegularFile(descriptor)) {
      throw ConfigErrors.invalid(file.path(), file.string(), "is not a file (" + descriptor + ")");
    }
    return Optional.of(new ProtobufSettings(descriptor.toString(), node.child("message").string()));
  }

  private static Optional<TombstoneKey> tombstones(ConfigNode node) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    node.requireObject().allowOnly(TOMBSTONES);
    ConfigNode format = node.child("key-format");
    String value = format.string();
    if (!value.equals(TombstoneKey.DELIMITED) && !value.equals(TombstoneKey.JSON)) {
      throw ConfigErrors.invalid(
          format.path(), value, "is not allowed; use one of delimited, json");
    }
    Optional<String> separator =
        Optional.ofNullable(
            node.child("separator").isMissing() ? null : node.child("separator").rawString());
    if (value.equals(TombstoneKey.DELIMITED) && separator.isEmpty()) {
      separator = Optional.of("|");
    }
    return Optional.of(new TombstoneKey(value, separator));
  }

  private static List<RuleConfig> rules(ConfigNode node) {
    List<RuleConfig> rules = new ArrayList<>();
    if (node.isMissing()) {
      return rules;
    }
    Set<String> names = new HashSet<>();
    for (ConfigNode rule : node.elements()) {
      rule.requireObject().allowOnly(RULE);
      String name = rule.child("name").string();
      if (!RULE_NAME.matcher(name).matches()) {
        throw ConfigErrors.invalid(
            rule.child("name").path(), name, "is not a rule name; use letters, digits and _");
      }
      if (!names.add(name)) {
        throw ConfigErrors.invalid(rule.child("name").path(), name, "is declared twice");
      }
      Optional<String> expr = optional(rule.child("expr"));
      Optional<String> className = optional(rule.child("class"));
      if (expr.isPresent() == className.isPresent()) {
        throw ConfigErrors.invalid(
            rule.path(), name, "needs exactly one of expr (SQL) or class (Java)");
      }
      String action = rule.child("action").string("dead-letter");
      if (!RuleConfig.ACTIONS.contains(action)) {
        throw ConfigErrors.invalid(
            rule.child("action").path(),
            action,
            "is not allowed; use one of " + String.join(", ", RuleConfig.ACTIONS));
      }
      rules.add(new RuleConfig(name, expr, className, action));
    }
    return rules;
  }

  private static OptionalDouble ratio(ConfigNode node) {
    if (node.isMissing()) {
      return OptionalDouble.empty();
    }
    String text = node.string();
    try {
      double ratio = Double.parseDouble(text);
      if (ratio > 0 && ratio <= 1) {
        return OptionalDouble.of(ratio);
      }
    } catch (NumberFormatException e) {
      // reported below with the key path
    }
    throw ConfigErrors.invalid(
        node.path(), text, "is not a share; use a number in (0, 1], e.g. 0.05");
  }

  static Optional<String> optional(ConfigNode node) {
    return node.isMissing() ? Optional.empty() : Optional.of(node.string());
  }
}
