package io.splitflow.tools.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The soak's lake directory: wiped at each run, but only if a soak made it. */
final class SoakLake {
  static final String MARKER = ".splitflow-soak";

  private SoakLake() {}

  static void reset(Path lake) throws IOException {
    if (Files.exists(lake)) {
      boolean ours = Files.exists(lake.resolve(MARKER));
      boolean empty;
      try (Stream<Path> entries = Files.list(lake)) {
        empty = entries.findAny().isEmpty();
      }
      if (!ours && !empty) {
        throw new IllegalStateException(
            lake.toAbsolutePath()
                + " exists and was not made by a soak; pass --lake with a new or soak directory");
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
    Files.createFile(lake.resolve(MARKER));
  }
}
