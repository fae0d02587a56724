package io.splitflow.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's lake directory: wiped at each run, but only if the demo made it. */
final class DemoLake {
  static final String MARKER = ".splitflow-demo";

  private DemoLake() {}

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
                + " exists and was not made by the demo; pass --lake with a new or demo directory");
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
