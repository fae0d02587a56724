package io.splitflow.common.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The build's version, recorded in dead letters so a fix can be traced to the records it covers.
 */
public final class JobVersion implements IVersionProvider {
  private static final String VERSION = load();

  public static String current() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"splitflow " + VERSION};
  }

  private static String load() {
    try (InputStream in =
        JobVersion.class.getResourceAsStream("/io/splitflow/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
