package io.splitflow.tools.bench.ceiling;

/**
 * Decodes one payload into the dataset's five fields, in {@link #FIELDS} order, with typed dates
 * and times. Keeps reusable state, so each thread has its own.
 */
public interface ReadingDecoder {
  String[] FIELDS = {"sensor_id", "reading_date", "value", "unit", "event_time"};
  int SENSOR_ID = 0;
  int READING_DATE = 1;
  int VALUE = 2;
  int UNIT = 3;
  int EVENT_TIME = 4;

  /** The five values, or null when the payload cannot be decoded; never throws for bad bytes. */
  Object[] decode(byte[] payload);
}
