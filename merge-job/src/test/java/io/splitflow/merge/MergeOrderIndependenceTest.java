package io.splitflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: gold is the same whatever order and batching the versions arrive in. Random versions
 * (updates, deletes, tombstones, re-deliveries) of many key sets are shuffled and cut into random
 * batches; batched gold must equal gold merged from all versions in one batch, and a plain-Java
 * model of the expected rows.
 *
 * <p>The merge is per key (every window, join and MERGE condition is keyed), so the key sets share
 * merge calls: the k-th batch of every key set goes into the k-th MERGE. That runs 40 independent
 * cases in five MERGEs instead of a hundred and fifty.
 */
class MergeOrderIndependenceTest {
  private static final long SEED = 20261127L;
  private static final int KEY_SETS = 40;
  private static final int KEYS_PER_SET = 3;
  private static final int MAX_BATCHES = 4;

  @TempDir Path dir;

  /** One generated record: what the fixture row holds, kept for the Java model. */
  record Version(
      String id, Double value, long seq, long offset, boolean deleted, boolean tombstone) {
    Map<String, Object> values() {
      Map<String, Object> values = new HashMap<>();
      values.put("id", id);
      if (!tombstone) {
        values.put("seq", BronzeFixtures.seq(seq));
      }
      if (value != null) {
        values.put("value", value);
      }
      return values;
    }
  }

  private final List<Version> all = new ArrayList<>();
  private final List<List<Version>> batches = new ArrayList<>();

  private void generate(Random random) {
    for (int b = 0; b < MAX_BATCHES; b++) {
      batches.add(new ArrayList<>());
    }
    long offset = 0;
    for (int set = 0; set < KEY_SETS; set++) {
      List<Version> versions = new ArrayList<>();
      for (int k = 0; k < KEYS_PER_SET; k++) {
        String id = "s" + set + "k" + k;
        int count = 2 + random.nextInt(5);
        for (int v = 0; v < count; v++) {
          long seq = 1 + random.nextInt(60); // ties happen: the offset breaks them
          int kind = random.nextInt(10);
          Version version =
              kind == 0
                  ? new Version(id, null, seq, offset++, true, true)
                  : kind == 1
                      ? new Version(id, null, seq, offset++, true, false)
                      : new Version(
                          id, (double) (1 + random.nextInt(3)), seq, offset++, false, false);
          versions.add(version);
          if (random.nextInt(4) == 0) {
            versions.add(version); // re-delivered: the same record, the same offset
          }
        }
      }
      all.addAll(versions);
      Collections.shuffle(versions, random);
      int parts = 1 + random.nextInt(MAX_BATCHES);
      List<Integer> cuts = new ArrayList<>();
      for (int p = 1; p < parts; p++) {
        cuts.add(random.nextInt(versions.size() + 1));
      }
      Collections.sort(cuts);
      cuts.add(versions.size());
      int from = 0;
      for (int p = 0; p < cuts.size(); p++) {
        batches.get(p).addAll(versions.subList(from, cuts.get(p)));
        from = cuts.get(p);
      }
    }
  }

  private static BronzeFixtures fixtures(List<Version> versions) {
    BronzeFixtures fixtures = new BronzeFixtures();
    for (Version v : versions) {
      fixtures.row(v.values(), v.offset(), v.seq(), v.deleted());
    }
    return fixtures;
  }

  private MergeHarness run(MergeMode mode, String name, List<List<Version>> calls) {
    MergeHarness harness =
        new MergeHarness(SparkTestSession.get(), dir.resolve(name), MergeHarness.spec(mode));
    for (List<Version> call : calls) {
      harness.merge(fixtures(call));
    }
    return harness;
  }

  private static List<String> content(MergeHarness harness) {
    return harness.goldRows().stream()
        .map(
            r -> {
              List<Object> values = new ArrayList<>();
              for (String field : r.schema().fieldNames()) {
                if (!field.equals(TableSchemas.UPDATED_AT)) {
                  values.add(r.getAs(field));
                }
              }
              return values.toString();
            })
        .toList();
  }

  /** Each key's distinct versions in (seq, offset) order. */
  private Map<String, List<Version>> versionsByKey() {
    return new LinkedHashSet<>(all)
        .stream()
            .sorted(Comparator.comparingLong(Version::seq).thenComparingLong(Version::offset))
            .collect(Collectors.groupingBy(Version::id, TreeMap::new, Collectors.toList()));
  }

  @Test
  void scd1GoldIsTheNewestVersionPerKeyWhateverTheBatching() {
    generate(new Random(SEED));
    MergeHarness batched = run(MergeMode.SCD1, "batched", batches);
    MergeHarness together = run(MergeMode.SCD1, "together", List.of(all));

    assertThat(content(batched)).as("seed %d", SEED).isEqualTo(content(together));
    List<String> expected = new ArrayList<>();
    versionsByKey()
        .forEach(
            (id, versions) -> {
              Version newest = versions.get(versions.size() - 1);
              if (!newest.deleted()) {
                expected.add(id + "=" + newest.value());
              }
            });
    List<String> visible =
        batched.goldRows().stream()
            .filter(r -> !r.<Boolean>getAs(TableSchemas.DELETED))
            .map(r -> r.getAs("id") + "=" + r.getAs("value"))
            .toList();
    assertThat(visible).as("seed %d", SEED).isEqualTo(expected);
  }

  @Test
  void scd2HistoryIsTheSameWhateverTheBatching() {
    generate(new Random(SEED + 1));
    MergeHarness batched = run(MergeMode.SCD2, "batched", batches);
    MergeHarness together = run(MergeMode.SCD2, "together", List.of(all));

    assertThat(content(batched)).as("seed %d", SEED + 1).isEqualTo(content(together));
    assertThat(HistoryRows.describe(batched.goldRows()))
        .as("seed %d", SEED + 1)
        .isEqualTo(expectedHistory());
  }

  /** The SCD2 rules in plain Java: runs of equal (value, deleted), each valid until the next. */
  private List<String> expectedHistory() {
    List<String> rows = new ArrayList<>();
    versionsByKey()
        .forEach(
            (id, versions) -> {
              List<List<Version>> runs = new ArrayList<>();
              for (Version v : versions) {
                List<Version> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                Version previous = last == null ? null : last.get(last.size() - 1);
                if (previous != null
                    && previous.deleted() == v.deleted()
                    && java.util.Objects.equals(previous.value(), v.value())) {
                  last.add(v);
                } else {
                  runs.add(new ArrayList<>(List.of(v)));
                }
              }
              for (int i = 0; i < runs.size(); i++) {
                List<Version> run = runs.get(i);
                boolean lastRun = i == runs.size() - 1;
                boolean deleted = run.get(0).deleted();
                String to = lastRun ? "" : Long.toString(runs.get(i + 1).get(0).seq());
                rows.add(
                    id
                        + " value="
                        + run.get(run.size() - 1).value()
                        + " ["
                        + run.get(0).seq()
                        + ","
                        + to
                        + ")"
                        + (lastRun && !deleted ? " current" : "")
                        + (deleted ? " deleted" : ""));
              }
            });
    return rows;
  }
}
