package io.splitflow.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bench's Kafka broker, in a JVM of its own (the {@code broker} command on this class path), so
 * that its CPU is measured apart from the jobs': the bench reads it from the child's process
 * handle.
 */
public final class BrokerChild implements AutoCloseable {
  private static final String READY = "bootstrap.servers=";
  private final Process process;
  private final String bootstrapServers;

  private BrokerChild(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  public static BrokerChild start(List<String> topics, int partitions, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.splitflow.tools.SplitflowCli");
    command.add("broker");
    for (String topic : topics) {
      command.add("--topic");
      command.add(topic);
    }
    command.add("--partitions");
    command.add(Integer.toString(partitions));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith(READY)) {
                    return line.substring(READY.length()).trim();
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String servers;
    try {
      servers = ready.get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the bench's broker did not start; see " + log, e);
    }
    if (servers == null) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the bench's broker exited before it was ready (exit "
              + process.waitFor()
              + "); see "
              + log);
    }
    // keep draining its output so the child never blocks on a full pipe
    CompletableFuture.runAsync(
        () -> {
          try {
            while (out.readLine() != null) {
              // discard
            }
          } catch (IOException e) {
            // the child is gone
          }
        });
    return new BrokerChild(process, servers);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }
}
