package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.SchemaGrowth;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GrowthLimitsTest {

  private static GrowthLimits.Candidate candidate(String name, long records) {
    return new GrowthLimits.Candidate(new FieldSpec(name, FieldType.STRING, false), records);
  }

  private static List<String> names(List<FieldSpec> fields) {
    return fields.stream().map(FieldSpec::name).toList();
  }

  @Test
  void theFieldsMostRecordsCarryTakeTheBatchsPlacesInCandidateOrder() {
    SchemaGrowth growth = new SchemaGrowth(2, 100, 128, Optional.empty(), 1);

    GrowthLimits.Decision decision =
        GrowthLimits.decide(
            List.of(candidate("a", 1), candidate("b", 7), candidate("c", 3), candidate("d", 3)),
            0,
            growth);

    assertThat(names(decision.accepted())).containsExactly("b", "c");
    assertThat(decision.refused())
        .containsOnlyKeys("a", "d")
        .containsEntry(
            "a", "the batch already adds schema-growth.max-new-columns-per-batch (2) columns");
  }

  @Test
  void theTotalLimitCountsBronzesExistingColumns() {
    SchemaGrowth growth = new SchemaGrowth(50, 10, 128, Optional.empty(), 1);

    GrowthLimits.Decision decision =
        GrowthLimits.decide(List.of(candidate("a", 5), candidate("b", 4)), 9, growth);

    assertThat(names(decision.accepted())).containsExactly("a");
    assertThat(decision.refused())
        .containsExactly(
            java.util.Map.entry(
                "b",
                "bronze would have more than schema-growth.max-columns (10) columns beyond the"
                    + " declared fields"));
    assertThat(GrowthLimits.decide(List.of(candidate("a", 5)), 10, growth).accepted()).isEmpty();
  }

  @Test
  void perFieldLimitsComeBeforeTheRoomAndDoNotTakeIt() {
    SchemaGrowth growth = new SchemaGrowth(1, 100, 5, Optional.of(Pattern.compile("[a-z]+")), 2);

    GrowthLimits.Decision decision =
        GrowthLimits.decide(
            List.of(
                candidate("toolong", 9),
                candidate("Upper", 9),
                candidate("rare", 1),
                candidate("ok", 2)),
            0,
            growth);

    assertThat(names(decision.accepted())).containsExactly("ok");
    assertThat(decision.refused().keySet()).containsExactly("toolong", "Upper", "rare");
    assertThat(decision.refused().get("toolong")).contains("max-name-length is 5");
    assertThat(decision.refused().get("Upper")).contains("schema-growth.allow ([a-z]+)");
    assertThat(decision.refused().get("rare")).contains("schema-growth.min-records is 2");
  }

  @Test
  void keepOnlyRefusesAcceptedFieldsThatNoKeptRecordCarries() {
    GrowthLimits.Decision decision =
        GrowthLimits.decide(
                List.of(candidate("a", 2), candidate("b", 1), candidate("c", 1)),
                0,
                new SchemaGrowth(2, 100, 128, Optional.empty(), 1))
            .keepOnly(Set.of("a"));

    assertThat(names(decision.accepted())).containsExactly("a");
    assertThat(decision.refused()).containsOnlyKeys("b", "c");
  }
}
