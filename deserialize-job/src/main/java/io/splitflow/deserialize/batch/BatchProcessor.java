package io.splitflow.deserialize.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.evolution.BatchOrigin;
import io.splitflow.deserialize.evolution.DecodePlanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One deserialize batch, from raw rows to what bronze and the dead-letter table receive, with the
 * counts. Decoding runs once (the decoded batch is persisted); deletes skip the rules, since they
 * carry only their key. The fields decoded may change from batch to batch (schema evolution): the
 * planner decides them before the batch is decoded.
 */
public final class BatchProcessor {
  private final DecodePlanner planner;
  private final RuleStage rules;
  private final String jobVersion;

  /** A processor that decodes {@code fields}, batch after batch. */
  public BatchProcessor(
      List<FieldSpec> fields, BatchDecoder decoder, RuleStage rules, String jobVersion) {
    this(DecodePlanner.fixed(fields, decoder), rules, jobVersion);
  }

  /** A processor whose planner decides each batch's fields (schema evolution). */
  public BatchProcessor(DecodePlanner planner, RuleStage rules, String jobVersion) {
    this.planner = planner;
    this.rules = rules;
    this.jobVersion = jobVersion;
  }

  /** The outputs of one batch; close it after writing to release the cached data. */
  public final class Processed implements AutoCloseable {
    private final Dataset<Row> decoded;
    private final Dataset<Row> bronze;
    private final Dataset<Row> deadLetters;
    private final BatchCounts counts;
    private final List<FieldSpec> addedColumns;

    private Processed(
        Dataset<Row> decoded,
        Dataset<Row> bronze,
        Dataset<Row> deadLetters,
        BatchCounts counts,
        List<FieldSpec> addedColumns) {
      this.decoded = decoded;
      this.bronze = bronze;
      this.deadLetters = deadLetters;
      this.counts = counts;
      this.addedColumns = addedColumns;
    }

    public Dataset<Row> bronze() {
      return bronze;
    }

    public Dataset<Row> deadLetters() {
      return deadLetters;
    }

    public BatchCounts counts() {
      return counts;
    }

    /**
     * The columns {@link #bronze()} has that the bronze table lacks: append it with Delta's schema
     * merge when this is not empty.
     */
    public List<FieldSpec> addedColumns() {
      return addedColumns;
    }

    @Override
    public void close() {
      rules.release();
      decoded.unpersist();
    }
  }

  /** Processes rows that are not a streaming batch (replay, the bench's monolith). */
  public Processed process(Dataset<Row> raw) {
    return process(raw, Optional.empty());
  }

  /**
   * Processes {@code raw}; {@code origin} names the streaming batch it is, so that a re-run plans
   * its new columns as the first run did.
   */
  public Processed process(Dataset<Row> raw, Optional<BatchOrigin> origin) {
    DecodePlanner.Plan plan = planner.plan(raw, origin);
    BatchDecoder decoder = plan.decoder();
    List<FieldSpec> fields = plan.fields().fields();
    Dataset<Row> decoded = decoder.decode(raw).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> byReason = new HashMap<>();
      long input = 0;
      long deletes = 0;
      long decodedRecords = 0;
      SourceTally sources = new SourceTally();
      for (Row row :
          decoded
              .groupBy(
                  BatchDecoder.errorClass(), col(decodedDeleted()), col("topic"), col("partition"))
              .agg(count(lit(1)), min("offset"), max("offset"))
              .collectAsList()) {
        long count = row.getLong(4);
        sources.add(row.getString(2), row.getInt(3), count, row.getLong(5), row.getLong(6));
        input += count;
        if (!row.isNullAt(0)) {
          byReason.merge(row.getString(0), count, Long::sum);
        } else if (!row.isNullAt(1) && row.getBoolean(1)) {
          deletes += count;
        } else {
          decodedRecords += count;
        }
      }
      Dataset<Row> good = decoder.decodedRows(decoded);
      Dataset<Row> removals = good.where(col(TableSchemas.DELETED));
      RuleStage.Outcome validated =
          rules.apply(good.where(not(col(TableSchemas.DELETED))), jobVersion);
      validated
          .deadLettersByRule()
          .forEach((rule, n) -> byReason.merge("rule:" + rule, n, Long::sum));
      long decodeFailures = input - decodedRecords - deletes;
      long bronzeRows = decodedRecords - validated.deadLettered() - validated.dropped() + deletes;
      Dataset<Row> bronze = BatchDecoder.toBronze(validated.kept().unionByName(removals), fields);
      Dataset<Row> deadLetters = decoder.failures(decoded, jobVersion);
      if (validated.deadLetters() != null) {
        deadLetters = deadLetters.unionByName(validated.deadLetters());
      }
      BatchCounts counts =
          new BatchCounts(
              input,
              bronzeRows,
              deletes,
              decodeFailures + validated.deadLettered(),
              byReason,
              validated.dropped(),
              validated.droppedByRule(),
              validated.warned(),
              validated.dropped() == 0
                  ? sources.ranges()
                  : sources.rangesWithDrops(bronze, deadLetters));
      return new Processed(decoded, bronze, deadLetters, counts, plan.fields().added());
    } catch (RuntimeException e) {
      rules.release();
      decoded.unpersist();
      throw e;
    }
  }

  private static String decodedDeleted() {
    return "_decoded.deleted";
  }
}
