package io.splitflow.tools.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. The five shares are the expected fractions of each bad or tricky kind; whatever
 * they leave over is VALID.
 */
public record GeneratorSettings(
    long records,
    int sensors,
    int days,
    LocalDate firstDay,
    double malformedShare,
    double missingFieldShare,
    double wrongTypeShare,
    double duplicateShare,
    double lateShare,
    long seed) {

  public GeneratorSettings {
    if (records < 0) {
      throw new IllegalArgumentException("records must be >= 0, got " + records);
    }
    if (sensors < 1) {
      throw new IllegalArgumentException("sensors must be >= 1, got " + sensors);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    Objects.requireNonNull(firstDay, "firstDay must not be null");
    requireShare("malformedShare", malformedShare);
    requireShare("missingFieldShare", missingFieldShare);
    requireShare("wrongTypeShare", wrongTypeShare);
    requireShare("duplicateShare", duplicateShare);
    requireShare("lateShare", lateShare);
    double sum = malformedShare + missingFieldShare + wrongTypeShare + duplicateShare + lateShare;
    // a little slack so that shares like 0.1 * 10 that sum to 1.0000000000000002 still pass
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "malformedShare + missingFieldShare + wrongTypeShare"
              + " + duplicateShare + lateShare must be <= 1, got "
              + sum);
    }
  }

  /**
   * 1,000 sensors over 3 days from 2026-11-25, 1% of each invalid kind, 2% duplicates, 2% late,
   * seed 42.
   */
  public static GeneratorSettings defaults(long records) {
    return new GeneratorSettings(
        records, 1_000, 3, LocalDate.of(2026, 11, 25), 0.01, 0.01, 0.01, 0.02, 0.02, 42L);
  }

  public GeneratorSettings withRecords(long newRecords) {
    return new GeneratorSettings(
        newRecords,
        sensors,
        days,
        firstDay,
        malformedShare,
        missingFieldShare,
        wrongTypeShare,
        duplicateShare,
        lateShare,
        seed);
  }

  public GeneratorSettings withSeed(long newSeed) {
    return new GeneratorSettings(
        records,
        sensors,
        days,
        firstDay,
        malformedShare,
        missingFieldShare,
        wrongTypeShare,
        duplicateShare,
        lateShare,
        newSeed);
  }

  public GeneratorSettings withShares(
      double malformed, double missingField, double wrongType, double duplicate, double late) {
    return new GeneratorSettings(
        records,
        sensors,
        days,
        firstDay,
        malformed,
        missingField,
        wrongType,
        duplicate,
        late,
        seed);
  }

  /** The share of messages that start out as VALID (before the early fallbacks to VALID). */
  public double validShare() {
    return 1.0 - malformedShare - missingFieldShare - wrongTypeShare - duplicateShare - lateShare;
  }

  private static void requireShare(String name, double share) {
    // written as a negation so NaN fails too
    if (!(share >= 0.0 && share <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + share);
    }
  }
}
