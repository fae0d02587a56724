package io.splitflow.tools.demo;

import io.splitflow.tools.generate.GeneratorSettings;
import java.nio.file.Path;

/** What one demo run does: how many readings, into which lake, from which config. */
public record DemoSettings(GeneratorSettings generator, int partitions, Path config, Path lake) {}
