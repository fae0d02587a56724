package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.job.FaultPoints;
import io.splitflow.tools.SplitflowCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A job run as bin/splitflow runs it, in a JVM of its own, so that a test can kill it (SIGKILL) or
 * ask it to stop (SIGTERM) as an operator or a scheduler would. Its output is collected line by
 * line; fault points are armed with {@code -Dsplitflow.faults}.
 */
final class JobProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private JobProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output closed: " + e + ")");
              }
            },
            "job-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code SplitflowCli args} with the test JVM's flags and class path. */
  static JobProcess start(Path workDir, String faults, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")) {
        command.add(flag);
      }
    }
    command.add("-Xmx1g");
    if (faults != null) {
      command.add("-Dsplitflow.faults=" + faults);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SplitflowCli.class.getName());
    command.addAll(args);
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return new JobProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the process prints a line containing {@code text}; fails if it exits first. */
  void awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (lines.stream().anyMatch(line -> line.contains(text))) {
        return;
      }
      if (!process.isAlive()) {
        Thread.sleep(200); // the last lines
        if (lines.stream().anyMatch(line -> line.contains(text))) {
          return;
        }
        throw new AssertionError(
            "the job exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "':\n"
                + output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line with '" + text + "' within " + timeout + ":\n" + output());
  }

  /** Waits until the job reaches an armed hanging or pausing fault point. */
  void awaitFaultPoint(String point) throws InterruptedException {
    awaitLine(FaultPoints.REACHED + " " + point, Duration.ofMinutes(3));
  }

  /** SIGKILL: no shutdown hook, no finally block runs. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return waitFor();
  }

  /**
   * SIGTERM, as schedulers and container runtimes stop a process. Sent with kill(1) rather than
   * Process#destroy, which also closes the streams this reads the job's last lines from.
   */
  void terminate() throws IOException, InterruptedException {
    int code = new ProcessBuilder("kill", "-TERM", Long.toString(pid())).start().waitFor();
    assertThat(code).as("kill -TERM " + pid()).isZero();
  }

  /** SIGSTOP: the process is frozen as a long GC pause or a suspended VM freezes a driver. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the frozen process goes on where it stopped, its clocks jumped ahead. */
  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int code = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor();
    assertThat(code).as("kill -" + name + " " + pid()).isZero();
  }

  int waitFor() throws InterruptedException {
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the job process ended").isTrue();
    return process.exitValue();
  }

  String output() {
    return String.join("\n", lines);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.MINUTES);
    }
  }
}
