package io.splitflow.deserialize.batch;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The validate stage between decoding and bronze: business rules over the decoded rows. */
public interface RuleStage {
  /**
   * Applies the rules to decoded rows (raw columns + business fields). Throws if a {@code fail}
   * rule failed, before anything is written.
   */
  Outcome apply(Dataset<Row> records, String jobVersion);

  /** Releases what {@link #apply} cached. */
  void release();

  /**
   * Rows that go on to bronze, dead letters of the validate stage (dead-letter layout), and counts:
   * dead letters per failed rule, rows dropped (and per drop rule: the rows that failed it), rows
   * kept with warnings.
   */
  record Outcome(
      Dataset<Row> kept,
      Dataset<Row> deadLetters,
      long deadLettered,
      Map<String, Long> deadLettersByRule,
      long dropped,
      Map<String, Long> droppedByRule,
      long warned) {}

  RuleStage NONE =
      new RuleStage() {
        @Override
        public Outcome apply(Dataset<Row> records, String jobVersion) {
          return new Outcome(records, null, 0, Map.of(), 0, Map.of(), 0);
        }

        @Override
        public void release() {}
      };
}
