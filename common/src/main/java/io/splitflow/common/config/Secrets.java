package io.splitflow.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secret config values out of everything splitflow prints: logs, error messages and {@code
 * --print-config}. A value is secret by its key; free text (an error message, a URL, a JAAS line)
 * is scrubbed of the passwords it embeds.
 */
public final class Secrets {
  /** What a secret value is shown as; Kafka's own config logging writes the same. */
  public static final String HIDDEN = "[hidden]";

  /** Key suffixes that name a secret whatever their prefix, e.g. {@code ssl.keystore.password}. */
  private static final String[] SECRET_SUFFIXES = {
    "password",
    "sasl.jaas.config",
    "user.info",
    "userinfo",
    "ssl.keystore.key",
    "api.key",
    "apikey",
    // cloud file systems: fs.s3a.access.key (also per bucket), fs.s3a.encryption.key (SSE-C),
    // fs.gs.auth.service.account.private.key
    "access.key",
    "encryption.key",
    "private.key",
    // ABFS customer-provided encryption: fs.azure.encryption.encoded.client-provided-key
    "provided.key"
  };

  /** Words that make any key secret: {@code client-secret}, {@code audit.token}. */
  private static final String[] SECRET_WORDS = {"secret", "token", "credential"};

  /**
   * Key parts that make a key secret: ABFS's {@code fs.azure.account.key.<account>...} holds a
   * storage account key, {@code fs.azure.sas.<container>.<account>...} a SAS token.
   */
  private static final String[] SECRET_PARTS = {"fs.azure.account.key.", "fs.azure.sas."};

  /**
   * Suffixes of keys that hold a class name or a file path although they name credentials: {@code
   * fs.s3a.aws.credentials.provider}, {@code hadoop.security.credential.provider.path}.
   */
  private static final String[] SHOWN_SUFFIXES = {
    "credentials.provider", "credential.provider.path"
  };

  /** {@code password="x"}, {@code password='x'} or {@code password=x} in a JAAS line or a query. */
  private static final Pattern ASSIGNED =
      Pattern.compile(
          "(?i)([\\w.-]*(?:password|secret|token|credential)[\\w.-]*\\s*[=:]\\s*)"
              + "(\"[^\"]*\"|'[^']*'|[^\\s;,&\"'}\\]]+)");

  /**
   * The password in a URL's user info: {@code scheme://user:password@host}, up to the last
   * {@code @} of the word, since a password written raw may hold {@code @} or {@code /} (a path
   * with an {@code @} after the host is hidden too: more hidden, never less).
   */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)(\\S*)(@)");

  /**
   * Text longer than this is cut before it is scrubbed: an error message or a log line is read by
   * people, and the patterns' work grows with the text (a megabyte of one word with an {@code @} in
   * it would be scanned once per starting point).
   */
  static final int MAX_SCRUBBED = 8 * 1024;

  private Secrets() {}

  /**
   * True when a value under this key must never be shown. The key may be a full path ({@code
   * datasets.x.registry.password}) or a Kafka client option ({@code sasl.jaas.config}); case and
   * the separators {@code .}, {@code -}, {@code _} do not matter.
   */
  public static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String name = key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
    for (String suffix : SHOWN_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return false;
      }
    }
    for (String part : SECRET_PARTS) {
      if (name.contains(part) || name.endsWith(part.substring(0, part.length() - 1))) {
        return true;
      }
    }
    for (String suffix : SECRET_SUFFIXES) {
      if (name.equals(suffix) || name.endsWith("." + suffix)) {
        return true;
      }
    }
    for (String word : SECRET_WORDS) {
      if (name.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The value as it may be shown: hidden if the key is secret, else scrubbed. */
  public static String mask(String key, Object value) {
    String text = value == null ? null : String.valueOf(value);
    if (text == null || text.isEmpty()) {
      return text; // nothing to hide, and "'' is empty" stays true
    }
    return isSecret(key) ? HIDDEN : scrub(text);
  }

  /**
   * Free text with the passwords it embeds hidden: JAAS options and {@code key=value} pairs whose
   * key is secret-sounding, and the password of a URL's user info.
   */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    if (text.length() > MAX_SCRUBBED) {
      text =
          text.substring(0, MAX_SCRUBBED)
              + " ... ("
              + (text.length() - MAX_SCRUBBED)
              + " more characters cut)";
    }
    String scrubbed = replace(URL_USER_INFO.matcher(text), m -> m.group(1) + HIDDEN + m.group(3));
    return replace(ASSIGNED.matcher(scrubbed), m -> m.group(1) + quoted(m.group(2)));
  }

  /** A copy of a config tree with every secret value hidden and every other text scrubbed. */
  public static JsonNode masked(JsonNode tree) {
    return masked(tree, "");
  }

  private static JsonNode masked(JsonNode node, String path) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode copy = nodes.objectNode();
      node.fields()
          .forEachRemaining(
              field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                boolean secret = isSecret(field.getKey()) || isSecret(child);
                copy.set(
                    field.getKey(),
                    secret && !field.getValue().isNull()
                        ? nodes.textNode(HIDDEN)
                        : masked(field.getValue(), child));
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      node.forEach(element -> copy.add(masked(element, path)));
      return copy;
    }
    if (node.isTextual()) {
      return nodes.textNode(scrub(node.asText()));
    }
    return node;
  }

  private static String quoted(String value) {
    char first = value.charAt(0);
    return first == '"' || first == '\'' ? first + HIDDEN + first : HIDDEN;
  }

  private static String replace(
      Matcher matcher, java.util.function.Function<Matcher, String> replacement) {
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
