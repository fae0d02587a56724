package io.splitflow.tools.generate;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The generator's knobs on the command line, shared by {@code generate} and {@code demo}. */
public final class GeneratorOptions {
  @Option(
      names = "--sensors",
      defaultValue = "1000",
      description = "Distinct sensors (default ${DEFAULT-VALUE}).")
  int sensors;

  @Option(
      names = "--days",
      defaultValue = "3",
      description = "Distinct reading dates (default ${DEFAULT-VALUE}); keys = sensors x days.")
  int days;

  @Option(
      names = "--malformed",
      defaultValue = "0.01",
      description = "Share of malformed JSON (default ${DEFAULT-VALUE}).")
  double malformed;

  @Option(
      names = "--missing",
      defaultValue = "0.01",
      description = "Share lacking a required field (default ${DEFAULT-VALUE}).")
  double missing;

  @Option(
      names = "--wrong-type",
      defaultValue = "0.01",
      description = "Share with a wrong-typed field (default ${DEFAULT-VALUE}).")
  double wrongType;

  @Option(
      names = "--duplicates",
      defaultValue = "0.02",
      description = "Share of re-deliveries (default ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(
      names = "--late",
      defaultValue = "0.02",
      description = "Share of late, older updates (default ${DEFAULT-VALUE}).")
  double late;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed: the same seed gives the same messages.")
  long seed;

  /** Throws IllegalArgumentException naming the option that is out of range. */
  public GeneratorSettings settings(long records) {
    try {
      return new GeneratorSettings(
          records, sensors, days, FIRST_DAY, malformed, missing, wrongType, duplicates, late, seed);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (String[] rename : OPTION_NAMES) {
        message = message.replace(rename[0], rename[1]);
      }
      throw new IllegalArgumentException(message, e);
    }
  }

  private static final LocalDate FIRST_DAY = GeneratorSettings.defaults(0).firstDay();
  private static final String[][] OPTION_NAMES = {
    {"malformedShare", "--malformed"},
    {"missingFieldShare", "--missing"},
    {"wrongTypeShare", "--wrong-type"},
    {"duplicateShare", "--duplicates"},
    {"lateShare", "--late"},
    {"records", "--records"},
    {"sensors", "--sensors"},
    {"days", "--days"},
  };
}
