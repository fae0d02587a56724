package io.splitflow.tools.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine, started the way sbin/start-master.sh and
 * start-worker.sh start one: a Master and one Worker, each a JVM of its own running Spark's classes
 * from a SPARK_HOME that holds nothing but {@code jars/} and {@code conf/}. The worker starts
 * executors from the same SPARK_HOME, so a job finds on them only what a Spark distribution has and
 * what its own jar brings.
 */
final class ClusterStandalone implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * For JVMs that live seconds on a busy 2-core machine: C1 only and one GC thread leave the cores
   * to the work. Executors get them through spark.executor.extraJavaOptions.
   */
  static final List<String> SHORT_LIVED_JVM =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Path sparkHome;
  private final Path logs;
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final List<Process> processes = new ArrayList<>();

  private ClusterStandalone(Path sparkHome, Path logs) {
    this.sparkHome = sparkHome;
    this.logs = logs;
  }

  /** Starts the master and a worker with one core and 1 GB, and waits until the worker is in. */
  static ClusterStandalone start(Path sparkHome, Path workDir) throws Exception {
    Files.createDirectories(sparkHome.resolve("conf"));
    Files.writeString(
        sparkHome.resolve("conf").resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = stderr",
            "appender.stderr.type = Console",
            "appender.stderr.name = stderr",
            "appender.stderr.target = SYSTEM_ERR",
            "appender.stderr.layout.type = PatternLayout",
            "appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
            "logger.splitflow.name = io.splitflow",
            "logger.splitflow.level = info",
            ""));
    ClusterStandalone cluster =
        new ClusterStandalone(sparkHome, Files.createDirectories(workDir.resolve("logs")));
    try {
      cluster.spark(
          "master",
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          Integer.toString(cluster.masterPort),
          "--webui-port",
          Integer.toString(cluster.masterUiPort));
      cluster.spark(
          "worker",
          "org.apache.spark.deploy.worker.Worker",
          "--host",
          "127.0.0.1",
          "--webui-port",
          Integer.toString(freePort()),
          "--cores",
          "1",
          "--memory",
          "1g",
          "--work-dir",
          Files.createDirectories(workDir.resolve("work")).toString(),
          cluster.masterUrl());
      cluster.awaitAliveWorker(Duration.ofMinutes(2));
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /**
   * The environment bin/spark-class gives Spark's JVMs (and a worker gives the executors it
   * starts): without SPARK_SCALA_VERSION executors fail with "Cannot find any build directories".
   */
  Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME",
        sparkHome.toString(),
        "SPARK_SCALA_VERSION",
        "2.13",
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "JAVA_HOME",
        System.getProperty("java.home"));
  }

  /** The command bin/spark-class runs for {@code mainClass}: Spark's Java 17 flags, its jars. */
  List<String> javaCommand(String maxHeap, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    command.addAll(SHORT_LIVED_JVM);
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*");
    command.add(mainClass);
    return command;
  }

  /** The master's view (its web UI's JSON): workers, running and completed applications. */
  JsonNode masterState() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** The last lines of every process's log, for a failure message. */
  String logTails() {
    StringBuilder tails = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path log : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        tails.append("\n--- ").append(log.getFileName()).append(" (last 40 lines)\n");
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(line -> tails.append(line).append('\n'));
      }
    } catch (IOException e) {
      tails.append("(logs unreadable: ").append(e).append(')');
    }
    return tails.toString();
  }

  Path logs() {
    return logs;
  }

  private void spark(String name, String mainClass, String... args) throws IOException {
    List<String> command = javaCommand("512m", mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".log").toFile());
    builder.environment().putAll(environment());
    processes.add(builder.start());
  }

  private void awaitAliveWorker(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a cluster process exited (" + process.exitValue() + ")" + logTails());
        }
      }
      try {
        for (JsonNode worker : masterState().path("workers")) {
          if ("ALIVE".equals(worker.path("state").asText())) {
            return;
          }
        }
      } catch (IOException notYet) {
        last = notYet;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "no worker registered with " + masterUrl() + " within " + timeout + logTails(), last);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker first (it stops its executors), then the master. */
  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
