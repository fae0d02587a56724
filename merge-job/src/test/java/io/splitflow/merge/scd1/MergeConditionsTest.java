package io.splitflow.merge.scd1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MergeConditionsTest {
  @Test
  void sameKeyComparesEveryKeyColumnQuoted() {
    assertThat(MergeConditions.sameKey(List.of("sensor_id", "reading_date")))
        .isEqualTo("t.`sensor_id` = s.`sensor_id` AND t.`reading_date` = s.`reading_date`");
  }

  @Test
  void onlyAStrictlyNewerSequenceUpdates() {
    assertThat(MergeConditions.newerThanGold()).isEqualTo("s._sequence > t._sequence");
  }

  @Test
  void sameContentComparesHashAndDeletedState() {
    assertThat(MergeConditions.newerWithSameContent())
        .isEqualTo(
            "s._sequence > t._sequence AND s._row_hash = t._row_hash"
                + " AND s._deleted = coalesce(t._deleted, false)");
  }

  @Test
  void scd2RowsAreIdentifiedByKeyAndFirstVersion() {
    assertThat(MergeConditions.sameVersion(List.of("id")))
        .isEqualTo("t.`id` = s.`id` AND t._sequence = s._sequence");
  }
}
