package io.splitflow.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A lake directory a command (the demo, the soak) owns: wiped at each run, but only if that command
 * made it, as a marker file says.
 */
public final class ScratchLake {
  private ScratchLake() {}

  /**
   * Empties {@code lake} for {@code owner} ("demo", "soak"), or refuses a directory not its own.
   */
  public static void reset(Path lake, String owner) throws IOException {
    String marker = ".splitflow-" + owner;
    if (Files.exists(lake)) {
      boolean ours = Files.exists(lake.resolve(marker));
      boolean empty;
      try (Stream<Path> entries = Files.list(lake)) {
        empty = entries.findAny().isEmpty();
      }
      if (!ours && !empty) {
        throw new IllegalStateException(
            lake.toAbsolutePath()
                + " exists and was not made by the "
                + owner
                + "; pass --lake with a new directory or one the "
                + owner
                + " made");
      }
      try (Stream<Path> walk = Files.walk(lake)) {
        walk.sorted(Comparator.reverseOrder())
            .forEach(
                path -> {
                  try {
                    Files.delete(path);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
    Files.createDirectories(lake);
    Files.createFile(lake.resolve(marker));
  }
}
