package io.splitflow.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU this JVM's JIT compiler threads have used, from Linux's per-thread accounting ({@code
 * /proc/self/task/<tid>/stat}, threads named {@code C1 CompilerThre…} and {@code C2
 * CompilerThre…}). A fresh code path costs compilation the first times it runs: a short run of
 * small batches pays more of it per batch than a long-running job does. HotSpot's own compilation
 * time ({@code CompilationMXBean}) is elapsed time, which on a busy two-core machine counts the
 * time a compiler thread waited for a core too. A compiler thread HotSpot retires when idle (only
 * with more than one per tier) takes its CPU with it, so on large machines this is a lower bound.
 */
public final class JitCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** Linux reports {@code /proc} times in USER_HZ ticks, 100 a second on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JitCpu() {}

  /** CPU nanoseconds of the compiler threads so far, or -1 where {@code /proc} does not say. */
  public static long nanos() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        ticks += compilerTicks(task);
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }

  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
      return compilerTicks(stat);
    } catch (IOException e) {
      return 0; // the thread ended between the listing and the read
    }
  }

  /**
   * utime + stime of one {@code stat} line when its thread is a compiler thread, else 0. The name
   * sits in parentheses and may hold spaces; the fields after it are space-separated, utime and
   * stime the 12th and 13th of them.
   */
  static long compilerTicks(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = stat.substring(open + 1, close);
    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    String[] fields = stat.substring(close + 2).split(" ");
    return fields.length > 12 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
  }
}
