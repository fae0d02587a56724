package io.splitflow.tools.bench;

import io.splitflow.common.job.JobVersion;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.spark.sql.SparkSession;

/** The machine and the versions a bench ran on, for bench.json and the README's table. */
public final class BenchEnvironment {
  private BenchEnvironment() {}

  public static Map<String, Object> machine(SparkSession spark) {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel());
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      machine.put("memory_bytes", os.getTotalMemorySize());
    }
    machine.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    machine.put(
        "java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    machine.put("spark_master", spark.sparkContext().master());
    return machine;
  }

  public static Map<String, String> versions(SparkSession spark) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("splitflow", JobVersion.current());
    versions.put("spark", spark.version());
    versions.put("delta", packageVersion("io.delta.tables.DeltaTable"));
    versions.put("kafka_clients", AppInfoParser.getVersion());
    versions.put("java", System.getProperty("java.version"));
    return versions;
  }

  private static String packageVersion(String className) {
    try {
      Package p = Class.forName(className).getPackage();
      String version = p == null ? null : p.getImplementationVersion();
      return version == null ? "unknown" : version;
    } catch (ClassNotFoundException e) {
      return "absent";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
