package io.splitflow.common.spark;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under a scheme of its own, known only to a session that was given {@code
 * fs.splitflowmarker.impl}; it remembers the {@code fs.splitflowmarker.option} of every conf it was
 * created with.
 */
public final class MarkerFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "splitflowmarker";
  static final String OPTION = "fs." + SCHEME + ".option";
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    SEEN.add(String.valueOf(conf.get(OPTION)));
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  static Set<String> seen() {
    return Set.copyOf(SEEN);
  }
}
