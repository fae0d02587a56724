package io.splitflow.tools.bench;

/**
 * One tuning knob tried in a run: the stage it applies to, the setting, and that stage's records
 * per CPU-second and wall seconds with it.
 */
public record Tuning(
    String stage, String knob, String setting, double recordsPerCpuSecond, double wallSeconds) {}
