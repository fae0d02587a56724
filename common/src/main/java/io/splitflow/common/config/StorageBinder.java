package io.splitflow.common.config;

import io.splitflow.common.table.LakePaths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the lake is stored: table and checkpoint locations (local paths or object-store URIs), the
 * {@code hadoop} file-system options and {@code lake.log-store}. Checks only what the config says:
 * nothing here touches a file system or a bucket.
 */
final class StorageBinder {
  private static final Set<String> DYNAMODB =
      Set.of("table", "region", "credentials-provider", "read-capacity", "write-capacity");

  /** The S3A option whose region the DynamoDB table defaults to, when it is set. */
  static final String S3A_REGION = "fs.s3a.endpoint.region";

  /** Schemes of object stores, whose URIs must name a bucket or container. */
  private static final Pattern OBJECT_STORE =
      Pattern.compile("(?i)^(s3a|s3|s3n|gs|abfs|abfss|wasb|wasbs)://([^/]*)");

  private StorageBinder() {}

  /** A lake root, checkpoint root or table path: local paths made absolute, URIs kept. */
  static String location(ConfigNode node) {
    String location = node.string();
    Matcher store = OBJECT_STORE.matcher(location);
    if (store.find() && store.group(2).isEmpty()) {
      String scheme = store.group(1).toLowerCase(Locale.ROOT);
      throw ConfigErrors.invalid(
          node.path(),
          location,
          "names no "
              + (scheme.startsWith("s3") || scheme.equals("gs") ? "bucket" : "container")
              + "; write "
              + scheme
              + "://"
              + switch (scheme) {
                case "abfs", "abfss" -> "<container>@<account>.dfs.core.windows.net";
                case "wasb", "wasbs" -> "<container>@<account>.blob.core.windows.net";
                default -> "<bucket>";
              }
              + "/<path>");
    }
    return LakePaths.normalizeRoot(location);
  }

  /**
   * Hadoop file-system options, given as Spark's {@code spark.hadoop.*}. An entry whose value is
   * empty (e.g. {@code ${S3_ENDPOINT:-}}) is left out, so that one file serves MinIO and AWS.
   */
  static Map<String, String> hadoop(ConfigNode node) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : node.keys()) {
      ConfigNode value = node.child(key);
      if (key.startsWith("spark.")) {
        throw ConfigErrors.invalid(
            value.path(),
            value.isBlank() ? "" : value.string(),
            key.startsWith("spark.hadoop.")
                ? "has Spark's prefix; write it as hadoop."
                    + key.substring("spark.hadoop.".length())
                : "is a Spark setting; put it under spark");
      }
      if (!value.isBlank()) {
        options.put(key, value.string());
      }
    }
    return options;
  }

  /** {@code lake.log-store} and, for dynamodb, {@code lake.dynamodb}. */
  static LogStoreSettings logStore(ConfigNode lake, Map<String, String> hadoop) {
    ConfigNode kind = lake.child("log-store");
    ConfigNode dynamodb = lake.child("dynamodb");
    String name = kind.string(LogStoreSettings.SingleWriter.NAME);
    switch (name) {
      case LogStoreSettings.SingleWriter.NAME -> {
        if (!dynamodb.isMissing()) {
          throw new ConfigException(
              dynamodb.path()
                  + ": is set but lake.log-store is single-writer; set lake.log-store: dynamodb"
                  + " or remove lake.dynamodb");
        }
        return LogStoreSettings.SINGLE_WRITER;
      }
      case LogStoreSettings.DynamoDb.NAME -> {
        return dynamoDb(dynamodb.isMissing() ? dynamodb : dynamodb.allowOnly(DYNAMODB), hadoop);
      }
      default ->
          throw ConfigErrors.invalid(
              kind.path(),
              name,
              "is not a log store; use single-writer (every writer of a table in one Spark driver)"
                  + " or dynamodb (writers on several clusters)");
    }
  }

  private static LogStoreSettings.DynamoDb dynamoDb(ConfigNode node, Map<String, String> hadoop) {
    ConfigNode region = node.child("region");
    String regionName;
    if (!region.isMissing()) {
      regionName = region.string();
    } else if (hadoop.containsKey(S3A_REGION)) {
      regionName = hadoop.get(S3A_REGION);
    } else {
      // Delta would fall back to us-east-1: writers that disagree on the region use two tables
      // and are no longer excluded from each other, so the region is never guessed
      throw new ConfigException(
          region.path()
              + ": is required with lake.log-store: dynamodb (e.g. us-east-1), unless"
              + " hadoop."
              + S3A_REGION
              + " is set; every writer of the lake must use the same table and region");
    }
    ConfigNode provider = node.child("credentials-provider");
    return new LogStoreSettings.DynamoDb(
        node.child("table").string(LogStoreSettings.DynamoDb.DEFAULT_TABLE),
        regionName,
        provider.isMissing() ? Optional.empty() : Optional.of(provider.string()),
        capacity(node.child("read-capacity")),
        capacity(node.child("write-capacity")));
  }

  private static long capacity(ConfigNode node) {
    return node.isMissing()
        ? LogStoreSettings.DynamoDb.DEFAULT_CAPACITY_UNITS
        : node.positiveLong();
  }
}
