package io.splitflow.deserialize.decode;

import io.splitflow.common.config.ComputedColumn;
import io.splitflow.common.schema.FieldSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A dataset's computed columns, compiled by {@link ColumnCompiler} on the driver and evaluated in
 * the decode UDF, record by record, so that a column that fails on one record costs that record
 * only. Each column is its own projection, so a failure names its column.
 *
 * <p>The analysed Catalyst expressions and their input attributes serialize; the projections built
 * from them do not, and are not thread-safe, so each executor thread builds its own, lazily.
 */
public final class ComputedColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No computed column: the decoder's values pass through. */
  public static final ComputedColumns NONE = new ComputedColumns(List.of(), List.of(), null, null);

  private final List<ComputedColumn> columns;
  private final List<Expression> expressions;
  private final Seq<Attribute> input;
  private final StructType inputType;
  private transient volatile ThreadLocal<State> state;

  ComputedColumns(
      List<ComputedColumn> columns,
      List<Expression> expressions,
      Seq<Attribute> input,
      StructType inputType) {
    this.columns = List.copyOf(columns);
    this.expressions = List.copyOf(expressions);
    this.input = input;
    this.inputType = inputType;
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** The columns as bronze fields, in the order their values follow the decoded ones. */
  public List<FieldSpec> fields() {
    return columns.stream().map(ComputedColumn::asField).toList();
  }

  /**
   * The Kafka metadata the expressions see as {@code _kafka}, from the raw columns as the decode
   * UDF receives them (the timestamp as a {@code java.sql.Timestamp} or an {@code Instant}, the
   * headers as a Scala sequence of rows).
   */
  public static Row kafka(
      byte[] key, String topic, Integer partition, Long offset, Object timestamp, Object headers) {
    return RowFactory.create(key, topic, partition, offset, timestamp, headers);
  }

  /**
   * {@code result} with the computed values placed after its {@code decodedCount} decoded values
   * (before the unknown fields a keeping decoder adds last), or the record's failure. A delete
   * computes nothing: its columns are null.
   */
  public DecodeResult fill(DecodeResult result, int decodedCount, Row kafka) {
    if (isEmpty() || !result.ok()) {
      return result;
    }
    Object[] decoded = result.values();
    Object[] values = new Object[decoded.length + columns.size()];
    System.arraycopy(decoded, 0, values, 0, decodedCount);
    System.arraycopy(
        decoded,
        decodedCount,
        values,
        decodedCount + columns.size(),
        decoded.length - decodedCount);
    if (result.deleted()) {
      return DecodeResult.delete(values);
    }
    State local = state();
    Object[] record = Arrays.copyOf(decoded, decodedCount + 1);
    record[decodedCount] = kafka;
    InternalRow row = (InternalRow) local.toCatalyst.apply(RowFactory.create(record));
    for (int i = 0; i < columns.size(); i++) {
      ComputedColumn column = columns.get(i);
      Object value;
      try {
        InternalRow out = local.projections[i].apply(row);
        value = out.isNullAt(0) ? null : local.toScala[i].apply(out.get(0, local.types[i]));
      } catch (RuntimeException e) {
        return DecodeResult.failed(
            DecodeError.COLUMN_FAILED,
            "column '" + column.name() + "': " + firstLine(String.valueOf(e.getMessage())));
      }
      if (value == null && column.required()) {
        return DecodeResult.failed(
            DecodeError.MISSING_FIELD, "computed column '" + column.name() + "' is null");
      }
      values[decodedCount + i] = value;
    }
    return DecodeResult.ok(values);
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  private State state() {
    if (state == null) {
      synchronized (this) {
        if (state == null) {
          state = ThreadLocal.withInitial(State::new);
        }
      }
    }
    return state.get();
  }

  /** One thread's projections and converters. */
  private final class State {
    final Function1<Object, Object> toCatalyst =
        CatalystTypeConverters.createToCatalystConverter(inputType);
    final UnsafeProjection[] projections = new UnsafeProjection[columns.size()];
    final DataType[] types = new DataType[columns.size()];
    final Function1<Object, Object>[] toScala;

    @SuppressWarnings("unchecked")
    State() {
      toScala = new Function1[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        Expression expression = expressions.get(i);
        projections[i] =
            UnsafeProjection$.MODULE$.create(
                CollectionConverters.asScala(List.of(expression)).toList(), input);
        types[i] = expression.dataType();
        toScala[i] = CatalystTypeConverters.createToScalaConverter(types[i]);
      }
    }
  }
}
