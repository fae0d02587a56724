package io.splitflow.tools.demo;

import java.nio.file.Path;

/** What one demo run does: how many readings, into which lake, from which config. */
public record DemoSettings(long records, int partitions, Path config, Path lake) {}
