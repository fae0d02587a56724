package io.splitflow.tools.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One job (or any {@code splitflow} command) in a JVM of its own, as bin/splitflow starts it: the
 * bench JVM's flags (Spark's --add-opens, the log4j config, spark.master) and class path, its own
 * heap. Output goes to a log file, from which the jobs' progress lines (one JSON object per
 * micro-batch) are read back; CPU comes from the process handle while it runs, and from the file
 * {@link CpuAtExit} writes once it has exited.
 */
public final class JobChild implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROGRESS = "progress: {";
  private static final String LOG4J = "-Dlog4j2.configurationFile=";

  private final String name;
  private final Process process;
  private final Path log;
  private final Path cpuFile;

  private JobChild(String name, Process process, Path log, Path cpuFile) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.cpuFile = cpuFile;
  }

  /**
   * Starts {@code splitflow args} with {@code heap} (e.g. "1g"); output to {@code dir/name.log}.
   */
  public static JobChild start(String name, List<String> args, Path dir, String heap) {
    Path log = dir.resolve(name + ".log").toAbsolutePath();
    Path cpuFile = dir.resolve(name + ".cpu").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    boolean log4j = false;
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("-Xmx")
          || flag.startsWith("-agentlib")
          || flag.startsWith("-javaagent")
          || flag.startsWith("-D" + CpuAtExit.CPU_FILE)) {
        continue;
      }
      log4j |= flag.startsWith(LOG4J);
      command.add(flag);
    }
    if (!log4j) {
      command.add(LOG4J + "splitflow-log4j2.properties");
    }
    command.add("-Xmx" + heap);
    command.add("-D" + CpuAtExit.CPU_FILE + "=" + cpuFile);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CpuAtExit.class.getName());
    command.addAll(args);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(cpuFile);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
      return new JobChild(name, builder.start(), log, cpuFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public Path log() {
    return log;
  }

  /** CPU-seconds so far (user + system, all threads); NaN if neither source knows. */
  public double cpuSeconds() {
    if (process.isAlive()) {
      return process
          .toHandle()
          .info()
          .totalCpuDuration()
          .map(d -> d.toNanos() / 1e9)
          .orElse(Double.NaN);
    }
    return atExit(0);
  }

  /**
   * CPU-seconds the JVM's JIT compiler threads used, as the process wrote it at exit; NaN while it
   * runs or where unknown.
   */
  public double jitCpuSeconds() {
    if (process.isAlive()) {
      return Double.NaN;
    }
    double jit = atExit(1);
    return jit >= 0 ? jit : Double.NaN;
  }

  /** The {@code field}th figure of the CPU file {@link CpuAtExit} wrote, in seconds. */
  private double atExit(int field) {
    try {
      if (!Files.exists(cpuFile)) {
        return Double.NaN;
      }
      String[] figures = Files.readString(cpuFile, StandardCharsets.UTF_8).trim().split(" ");
      return figures.length > field ? Long.parseLong(figures[field]) / 1e9 : Double.NaN;
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The jobs' progress lines so far: {@code started}, {@code batch}, {@code terminated}. */
  public List<JsonNode> progress() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : lines()) {
      int at = line.indexOf(PROGRESS);
      if (at >= 0) {
        try {
          lines.add(JSON.readTree(line.substring(at + PROGRESS.length() - 1)));
        } catch (IOException e) {
          // a line cut by the log's last flush: the next read has it whole
        }
      }
    }
    return lines;
  }

  /** Micro-batches that read something, per dataset, so far. */
  public Map<String, Long> batchesPerDataset() {
    Map<String, Long> batches = new TreeMap<>();
    for (JsonNode line : progress()) {
      if (line.path("event").asText().equals("batch") && line.path("input_rows").asLong() > 0) {
        batches.merge(line.path("dataset").asText(), 1L, Long::sum);
      }
    }
    return batches;
  }

  /** Micro-batches that read something, over every dataset, so far. */
  public long batches() {
    return batchesPerDataset().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Offsets behind latest in ingest's last batch that reported it (max over partitions); -1 if
   * none.
   */
  public long lastKafkaLag() {
    long lag = -1;
    for (JsonNode line : progress()) {
      if (line.has("kafka_lag")) {
        lag = line.path("kafka_lag").path("max").asLong(-1);
      }
    }
    return lag;
  }

  /** Waits until {@code queries} streaming queries have started; fails if the child exits. */
  public void awaitStarted(int queries, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long started =
          progress().stream().filter(p -> p.path("event").asText().equals("started")).count();
      if (started >= queries) {
        return;
      }
      if (!process.isAlive()) {
        throw failure("exited (" + process.exitValue() + ") before its queries started");
      }
      if (System.nanoTime() > deadline) {
        throw failure("did not start its queries within " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  /** Fails if the child has exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw failure("exited (" + process.exitValue() + ") while the bench needed it");
    }
  }

  /** Waits for the child to end on its own: its exit code, or empty if it still runs. */
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
        ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  /** SIGTERM (the jobs stop between batches), then waits; SIGKILL after a minute. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  private IllegalStateException failure(String what) {
    List<String> all = lines();
    String tail = String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
    return new IllegalStateException(name + " " + what + "; see " + log + ":\n" + tail);
  }

  private List<String> lines() {
    try {
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
