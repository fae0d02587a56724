package io.splitflow.deserialize.decode.debezium;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Change events as Debezium's Postgres connector writes them for a {@code public.readings} table
 * (primary key {@code id}), with the JSON converter's schema wrapper or without it. Dates and
 * timestamps are in the connector's default encoding: days, and microseconds since the epoch.
 */
final class DebeziumEvents {

  static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.INT, true),
          new FieldSpec("sensor_id", FieldType.STRING, true),
          new FieldSpec("reading_date", FieldType.DATE, true),
          new FieldSpec("read_at", FieldType.TIMESTAMP, false),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("active", FieldType.BOOLEAN, false),
          new FieldSpec("source_ts_ms", FieldType.LONG, true),
          new FieldSpec("source_lsn", FieldType.LONG, true));

  static final LocalDate DATE = LocalDate.of(2026, 11, 27);
  static final Instant READ_AT = Instant.parse("2026-11-27T08:15:30.123456Z");
  static final long TS_MS = 1_795_767_330_500L;
  static final long LSN = 24_023_928L;

  /** The row of {@link #AFTER}, filled from its event's source. */
  static final Object[] ROW = {1, "s-1", DATE, READ_AT, 21.5, true, TS_MS, LSN};

  static final String AFTER =
      "{'id':1,'sensor_id':'s-1','reading_date':20784,'read_at':1795767330123456,"
          + "'value':21.5,'active':true,'note':'roof'}";

  static final String BEFORE =
      "{'id':1,'sensor_id':'s-1','reading_date':20784,'read_at':1795767330000000,"
          + "'value':20.0,'active':true,'note':null}";

  static final String SOURCE =
      "{'version':'2.7.3.Final','connector':'postgresql','name':'plant','ts_ms':1795767330500,"
          + "'snapshot':'false','db':'plant','sequence':'[\\'24023880\\',\\'24023928\\']',"
          + "'schema':'public','table':'readings','txId':742,'lsn':24023928,'xmin':null}";

  private static final String ROW_SCHEMA =
      "{'type':'struct','fields':[{'type':'int32','optional':false,'field':'id'},"
          + "{'type':'string','optional':false,'field':'sensor_id'},"
          + "{'type':'int32','optional':false,'name':'io.debezium.time.Date','version':1,"
          + "'field':'reading_date'},"
          + "{'type':'int64','optional':true,'name':'io.debezium.time.MicroTimestamp',"
          + "'version':1,'field':'read_at'},"
          + "{'type':'double','optional':true,'field':'value'},"
          + "{'type':'boolean','optional':true,'field':'active'},"
          + "{'type':'string','optional':true,'field':'note'}],"
          + "'optional':true,'name':'plant.public.readings.Value','field':'%s'}";

  private static final String SCHEMA =
      "{'type':'struct','fields':["
          + ROW_SCHEMA.formatted("before")
          + ","
          + ROW_SCHEMA.formatted("after")
          + ",{'type':'struct','fields':[{'type':'string','optional':false,'field':'version'},"
          + "{'type':'int64','optional':false,'field':'ts_ms'},"
          + "{'type':'int64','optional':true,'field':'lsn'}],'optional':false,"
          + "'name':'io.debezium.connector.postgresql.Source','field':'source'},"
          + "{'type':'string','optional':false,'field':'op'},"
          + "{'type':'int64','optional':true,'field':'ts_ms'}],'optional':false,"
          + "'name':'plant.public.readings.Envelope','version':2}";

  private DebeziumEvents() {}

  static DebeziumJsonDecoder decoder() {
    return new DebeziumJsonDecoder(FIELDS, List.of("id"), UnknownFieldPolicy.IGNORE);
  }

  /** A bare event: {@code before} and {@code after} as JSON written with single quotes, or null. */
  static String event(String op, String before, String after) {
    return "{'before':"
        + before
        + ",'after':"
        + after
        + ",'source':"
        + SOURCE
        + ",'transaction':null,'op':'"
        + op
        + "','ts_ms':1795767330912}";
  }

  /** The same event as the JSON converter writes it with {@code schemas.enable=true}. */
  static String wrapped(String op, String before, String after) {
    return "{'schema':" + SCHEMA + ",'payload':" + event(op, before, after) + "}";
  }

  /** Bytes of JSON written with single quotes (a backslash before one escapes it in the JSON). */
  static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(UTF_8);
  }
}
