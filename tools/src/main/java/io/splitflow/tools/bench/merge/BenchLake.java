package io.splitflow.tools.bench.merge;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.gold.GoldTable;
import io.splitflow.merge.metrics.MergeEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A lake under a directory holding one dataset shaped like {@code conf/local.yaml}'s
 * sensor_readings, its gold partitioned by reading date, configured from YAML as a deployment would
 * be: gold and merge events created by the merge job's own code, bronze for the plain append beside
 * each MERGE.
 */
public final class BenchLake {
  public static final String DATASET = "sensor_readings";
  public static final String PARTITION = "reading_date";

  private static final String YAML =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: "%s" }
      datasets:
        sensor_readings:
          topic: sensor_readings
          format: json
          fields:
            - { name: sensor_id,    type: string,    required: true }
            - { name: reading_date, type: date,      required: true }
            - { name: value,        type: double }
            - { name: unit,         type: string }
            - { name: event_time,   type: timestamp, required: true }
          merge:
            mode: scd1
            keys: [sensor_id, reading_date]
            sequence-by: [event_time]
            partition-by: [reading_date]
            deletion-vectors: %s
      """;

  private final SparkSession spark;
  private final Path root;
  private final DatasetConfig dataset;
  private final boolean deletionVectors;

  private BenchLake(SparkSession spark, Path root, DatasetConfig dataset, boolean dvs) {
    this.spark = spark;
    this.root = root;
    this.dataset = dataset;
    this.deletionVectors = dvs;
  }

  /**
   * The lake at {@code root} with gold and merge events created, both empty; merge events read
   * once, so the first batch does not pay for loading its state where a running job would not.
   */
  public static BenchLake create(SparkSession spark, Path root, boolean deletionVectors) {
    String yaml = YAML.formatted(root.toAbsolutePath(), deletionVectors);
    DatasetConfig dataset = ConfigLoader.parse(yaml, List.of(), Map.of()).dataset(DATASET);
    BenchLake lake = new BenchLake(spark, root, dataset, deletionVectors);
    GoldTable.ensure(spark, GoldTable.definition(dataset, lake.spec()), lake.spec());
    TableInitializer.ensure(spark, TableDefinitions.mergeEvents(dataset, MergeEvents.schema()));
    lake.events().read(spark).count();
    return lake;
  }

  public DatasetConfig dataset() {
    return dataset;
  }

  /** The spec the merge job would run with in this session. */
  public MergeSpec spec() {
    return MergeSpec.of(dataset, MergeTuning.from(spark.conf()));
  }

  public boolean deletionVectors() {
    return deletionVectors;
  }

  public TableRef gold() {
    return dataset.table(TableLayer.GOLD);
  }

  public TableRef events() {
    return dataset.table(TableLayer.MERGE_EVENTS);
  }

  /**
   * An empty bronze table, made anew so every append starts from the same table, and read once so
   * that, as in a running job, its state is loaded before the append.
   */
  public TableRef freshBronze() {
    TableRef bronze = dataset.table(TableLayer.BRONZE);
    deleteRecursively(Path.of(bronze.path()));
    TableInitializer.ensure(spark, TableDefinitions.bronze(dataset));
    bronze.read(spark).count();
    return bronze;
  }

  public long goldVersion() {
    return gold().deltaTable(spark).history(1).first().getLong(0);
  }

  /** Puts gold back as it was at {@code version}; the log only, no data is rewritten. */
  public void restoreGold(long version) {
    spark.sql("RESTORE TABLE " + gold().sqlName() + " TO VERSION AS OF " + version);
  }

  /** Removes the lake's files. */
  public void delete() {
    deleteRecursively(root);
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
