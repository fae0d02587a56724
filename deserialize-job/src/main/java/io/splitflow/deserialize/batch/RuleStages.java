package io.splitflow.deserialize.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.RuleConfig;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.deserialize.deadletter.DeadLetters;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.rules.RuleAction;
import io.splitflow.deserialize.rules.RuleColumns;
import io.splitflow.deserialize.rules.RuleCounts;
import io.splitflow.deserialize.rules.RuleException;
import io.splitflow.deserialize.rules.RuleResult;
import io.splitflow.deserialize.rules.RuleSet;
import io.splitflow.deserialize.rules.RuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/** The validate stage from a dataset's {@code rules}, compiled (and so checked) at job start. */
public final class RuleStages {
  public static final String STAGE = "validate";

  private RuleStages() {}

  public static RuleStage forDataset(SparkSession spark, DatasetConfig dataset) {
    List<RuleConfig> configured = dataset.decode().rules();
    if (configured.isEmpty()) {
      return RuleStage.NONE;
    }
    List<RuleSpec> specs = new ArrayList<>();
    for (RuleConfig rule : configured) {
      RuleAction action =
          RuleAction.valueOf(rule.action().toUpperCase(Locale.ROOT).replace('-', '_'));
      specs.add(
          new RuleSpec(
              rule.name(), rule.expr().orElse(null), rule.className().orElse(null), action));
    }
    RuleSet rules;
    try {
      rules = RuleSet.compile(spark, specs, recordSchema(dataset));
    } catch (RuleException e) {
      throw new ConfigException("datasets." + dataset.name() + "." + e.getMessage());
    }
    List<String> deadLetterRules =
        configured.stream()
            .filter(r -> r.action().equals("dead-letter"))
            .map(RuleConfig::name)
            .toList();
    List<String> dropRules =
        configured.stream().filter(r -> r.action().equals("drop")).map(RuleConfig::name).toList();
    List<String> exampleColumns = new ArrayList<>(dataset.merge().keys());
    exampleColumns.add(BatchDecoder.RAW + ".offset");
    return new Configured(rules, deadLetterRules, dropRules, exampleColumns);
  }

  /**
   * What the rules see: the typed business fields, {@code _deleted}, the raw columns in {@code
   * _raw}.
   */
  static StructType recordSchema(DatasetConfig dataset) {
    return SparkTypes.struct(dataset.fields())
        .add(TableSchemas.DELETED, DataTypes.BooleanType)
        .add(BatchDecoder.RAW, TableSchemas.raw());
  }

  private static final class Configured implements RuleStage {
    private final RuleSet rules;
    private final List<String> deadLetterRules;
    private final List<String> dropRules;
    private final List<String> exampleColumns;
    private Dataset<Row> evaluated;

    Configured(
        RuleSet rules,
        List<String> deadLetterRules,
        List<String> dropRules,
        List<String> exampleColumns) {
      this.rules = rules;
      this.deadLetterRules = deadLetterRules;
      this.dropRules = dropRules;
      this.exampleColumns = exampleColumns;
    }

    @Override
    public Outcome apply(Dataset<Row> records, String jobVersion) {
      RuleResult result = rules.evaluate(records);
      // cached so the checks, the counts and both writes run the rules once per row
      evaluated = result.evaluated().persist(StorageLevel.MEMORY_AND_DISK());
      result.checkFailRules(exampleColumns);
      RuleCounts counts = result.computeCounts();
      Map<String, Long> byRule = failedCounts(counts, deadLetterRules);
      Dataset<Row> deadLetters =
          DeadLetters.of(
              result.deadLettered(),
              BatchDecoder.RAW + ".",
              lit(STAGE),
              lit(RuleColumns.ERROR_CLASS),
              result.deadLetterMessage(),
              col(RuleColumns.FAILED_RULES),
              jobVersion);
      return new Outcome(
          result.kept(),
          deadLetters,
          counts.deadLettered(),
          byRule,
          counts.dropped(),
          failedCounts(counts, dropRules),
          counts.warned());
    }

    private static Map<String, Long> failedCounts(RuleCounts counts, List<String> names) {
      Map<String, Long> byRule = new LinkedHashMap<>();
      for (String rule : names) {
        long failed = counts.failed(rule);
        if (failed > 0) {
          byRule.put(rule, failed);
        }
      }
      return byRule;
    }

    @Override
    public void release() {
      if (evaluated != null) {
        evaluated.unpersist();
        evaluated = null;
      }
    }
  }
}
