package io.splitflow.common.table;

import java.net.URI;
import java.nio.file.Path;

/** Joins lake locations: local paths are made absolute, URIs (s3a://, abfss://, file:) are kept. */
public final class LakePaths {
  private LakePaths() {}

  public static String normalizeRoot(String root) {
    if (hasScheme(root)) {
      return stripTrailingSlash(root);
    }
    return Path.of(root).toAbsolutePath().normalize().toString();
  }

  public static String join(String base, String... segments) {
    StringBuilder joined = new StringBuilder(stripTrailingSlash(base));
    for (String segment : segments) {
      joined.append('/').append(segment);
    }
    return joined.toString();
  }

  private static boolean hasScheme(String location) {
    try {
      String scheme = new URI(location).getScheme();
      // a Windows drive letter parses as a one-letter scheme
      return scheme != null && scheme.length() > 1;
    } catch (Exception e) {
      return false;
    }
  }

  private static String stripTrailingSlash(String location) {
    return location.length() > 1 && location.endsWith("/")
        ? location.substring(0, location.length() - 1)
        : location;
  }
}
