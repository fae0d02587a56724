package io.splitflow.deserialize.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.deserialize.decode.BatchDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One deserialize batch, from raw rows to what bronze and the dead-letter table receive, with the
 * counts. Decoding runs once (the decoded batch is persisted); deletes skip the rules, since they
 * carry only their key.
 */
public final class BatchProcessor {
  private final List<FieldSpec> fields;
  private final BatchDecoder decoder;
  private final RuleStage rules;
  private final String jobVersion;

  public BatchProcessor(
      List<FieldSpec> fields, BatchDecoder decoder, RuleStage rules, String jobVersion) {
    this.fields = List.copyOf(fields);
    this.decoder = decoder;
    this.rules = rules;
    this.jobVersion = jobVersion;
  }

  /** The outputs of one batch; close it after writing to release the cached data. */
  public final class Processed implements AutoCloseable {
    private final Dataset<Row> decoded;
    private final Dataset<Row> bronze;
    private final Dataset<Row> deadLetters;
    private final BatchCounts counts;

    private Processed(
        Dataset<Row> decoded, Dataset<Row> bronze, Dataset<Row> deadLetters, BatchCounts counts) {
      this.decoded = decoded;
      this.bronze = bronze;
      this.deadLetters = deadLetters;
      this.counts = counts;
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

    @Override
    public void close() {
      rules.release();
      decoded.unpersist();
    }
  }

  public Processed process(Dataset<Row> raw) {
    Dataset<Row> decoded = decoder.decode(raw).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> byReason = new HashMap<>();
      long input = 0;
      long deletes = 0;
      long decodedRecords = 0;
      for (Row row :
          decoded
              .groupBy(BatchDecoder.errorClass(), col(decodedDeleted()))
              .count()
              .collectAsList()) {
        long count = row.getLong(2);
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
      BatchCounts counts =
          new BatchCounts(
              input,
              bronzeRows,
              deletes,
              decodeFailures + validated.deadLettered(),
              byReason,
              validated.dropped(),
              validated.warned());
      Dataset<Row> bronze = BatchDecoder.toBronze(validated.kept().unionByName(removals), fields);
      Dataset<Row> deadLetters = decoder.failures(decoded, jobVersion);
      if (validated.deadLetters() != null) {
        deadLetters = deadLetters.unionByName(validated.deadLetters());
      }
      return new Processed(decoded, bronze, deadLetters, counts);
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
