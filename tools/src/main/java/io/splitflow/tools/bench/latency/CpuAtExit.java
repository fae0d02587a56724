package io.splitflow.tools.bench.latency;

import io.splitflow.tools.SplitflowCli;
import io.splitflow.tools.bench.JitCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bench child's entry point: {@link SplitflowCli} as bin/splitflow runs it, that also writes its
 * process CPU time and its JIT compiler threads' (nanoseconds, space-separated; -1 for the second
 * where unknown) to the file {@code -Dsplitflow.bench.cpu-file} names when the JVM exits. A job
 * that ends by itself (available-now) is gone before its parent could ask the operating system,
 * which forgets a process's CPU once it is reaped.
 */
public final class CpuAtExit {
  public static final String CPU_FILE = "splitflow.bench.cpu-file";

  private CpuAtExit() {}

  public static void main(String[] args) {
    String file = System.getProperty(CPU_FILE);
    if (file != null) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> write(Path.of(file)), "bench-cpu-at-exit"));
    }
    SplitflowCli.main(args);
  }

  private static void write(Path file) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      try {
        Files.writeString(
            file, sun.getProcessCpuTime() + " " + JitCpu.nanos(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // the parent reports the CPU as unknown; nothing else to do in a shutdown hook
        System.err.println("bench: could not write the CPU time to " + file + ": " + e);
      }
    }
  }
}
