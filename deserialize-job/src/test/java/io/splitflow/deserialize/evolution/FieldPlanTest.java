package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which fields a batch decodes, from the declared ones, bronze's and the discovered. */
class FieldPlanTest {
  private static final FieldSpec ID = new FieldSpec("id", FieldType.STRING, true);
  private static final FieldSpec VALUE = new FieldSpec("value", FieldType.DOUBLE, false);
  private static final List<FieldSpec> DECLARED = List.of(ID, VALUE);

  private static FieldSpec optional(String name, FieldType type) {
    return new FieldSpec(name, type, false);
  }

  @Test
  void declaredThenBronzesColumnsThenTheNewOnesWhichAloneAreAdded() {
    FieldPlan plan =
        FieldPlan.of(
            DECLARED,
            List.of(optional("battery", FieldType.DOUBLE)),
            List.of(optional("firmware", FieldType.STRING), optional("rssi", FieldType.LONG)));

    assertThat(plan.fields())
        .containsExactly(
            ID,
            VALUE,
            optional("battery", FieldType.DOUBLE),
            optional("firmware", FieldType.STRING),
            optional("rssi", FieldType.LONG));
    assertThat(plan.added())
        .containsExactly(optional("firmware", FieldType.STRING), optional("rssi", FieldType.LONG));
    assertThat(plan.extras(DECLARED.size())).hasSize(3);
  }

  @Test
  void aDiscoveredNameThatAnEarlierFieldHasInAnyCaseIsNotAdded() {
    FieldPlan plan =
        FieldPlan.of(
            DECLARED,
            List.of(optional("battery", FieldType.DOUBLE)),
            List.of(optional("Value", FieldType.STRING), optional("BATTERY", FieldType.STRING)));

    assertThat(plan.fields()).extracting(FieldSpec::name).containsExactly("id", "value", "battery");
    assertThat(plan.added()).isEmpty();
  }

  @Test
  void extraColumnsAreNeverRequired() {
    FieldPlan plan =
        FieldPlan.of(DECLARED, List.of(), List.of(new FieldSpec("n", FieldType.LONG, true)));

    assertThat(plan.added()).containsExactly(optional("n", FieldType.LONG));
  }

  @Test
  void bronzeExtrasAreItsBusinessColumnsBeyondTheDeclaredOnesInBronzeOrder() {
    StructType bronze =
        TableSchemas.bronze(DECLARED)
            .add("rssi", DataTypes.LongType)
            .add("Id", DataTypes.StringType) // the declared id, in another case
            .add("tags", DataTypes.createArrayType(DataTypes.StringType)) // not a field type
            .add("_later", DataTypes.StringType) // splitflow's
            .add("day", DataTypes.DateType)
            .add("at", DataTypes.TimestampType);

    assertThat(BronzeColumns.extras(DECLARED, bronze))
        .containsExactly(
            optional("rssi", FieldType.LONG),
            optional("day", FieldType.DATE),
            optional("at", FieldType.TIMESTAMP));
  }

  @Test
  void everyFieldTypeMapsBackFromItsSparkType() {
    for (FieldType type : FieldType.Scalar.values()) {
      assertThat(SparkTypes.fieldTypeOrNull(SparkTypes.of(type))).isEqualTo(type);
    }
    assertThat(SparkTypes.fieldTypeOrNull(DataTypes.CalendarIntervalType)).isNull();
  }
}
