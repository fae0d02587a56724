package io.splitflow.merge.gold;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.MergeSpec;
import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Gold's layouts. SCD1: one row per key, a delete kept as a row with {@code _deleted = true}. SCD2:
 * one row per version, valid from its first sequence value until the next version's; {@code
 * _versions} lists every record folded into the row, so late data can split it exactly.
 */
public final class GoldSchemas {
  public static final String VALID_FROM = "_valid_from";
  public static final String VALID_TO = "_valid_to";
  public static final String IS_CURRENT = "_is_current";
  public static final String VERSIONS = "_versions";

  private GoldSchemas() {}

  public static StructType of(MergeSpec spec) {
    return spec.mode() == MergeMode.SCD2 ? scd2(spec) : scd1(spec);
  }

  public static StructType scd1(MergeSpec spec) {
    return SparkTypes.struct(spec.fields())
        .add(TableSchemas.ROW_HASH, DataTypes.StringType)
        .add(TableSchemas.SEQUENCE, sequence(spec))
        .add(TableSchemas.DELETED, DataTypes.BooleanType)
        .add(TableSchemas.UPDATED_AT, DataTypes.TimestampType);
  }

  public static StructType scd2(MergeSpec spec) {
    return SparkTypes.struct(spec.fields())
        .add(TableSchemas.ROW_HASH, DataTypes.StringType)
        .add(TableSchemas.SEQUENCE, sequence(spec))
        .add(VALID_FROM, validityType(spec))
        .add(VALID_TO, validityType(spec))
        .add(IS_CURRENT, DataTypes.BooleanType)
        .add(TableSchemas.DELETED, DataTypes.BooleanType)
        .add(VERSIONS, DataTypes.createArrayType(folded(spec)))
        .add(TableSchemas.UPDATED_AT, DataTypes.TimestampType);
  }

  public static StructType sequence(MergeSpec spec) {
    return TableSchemas.sequence(spec.sequenceFields());
  }

  /** One record folded into an SCD2 row: its sequence and the columns it may change in place. */
  public static StructType folded(MergeSpec spec) {
    StructType element = new StructType().add(TableSchemas.SEQUENCE, sequence(spec));
    for (String column : spec.untrackedColumns()) {
      element = element.add(column, SparkTypes.of(spec.field(column).type()));
    }
    return element;
  }

  /** {@code _valid_from} and {@code _valid_to} hold values of the first sequence column. */
  public static DataType validityType(MergeSpec spec) {
    return SparkTypes.of(spec.sequenceFields().get(0).type());
  }

  /** Gold's columns, bookkeeping included, minus {@code _updated_at} (when, not what). */
  public static String[] contentColumns(StructType gold) {
    return Arrays.stream(gold.fieldNames())
        .filter(c -> !c.equals(TableSchemas.UPDATED_AT))
        .toArray(String[]::new);
  }
}
