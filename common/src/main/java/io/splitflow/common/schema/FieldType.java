package io.splitflow.common.schema;

import java.util.Locale;

/** The column types a dataset's fields may have, as written in the configuration. */
public enum FieldType {
  STRING,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  public String typeName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
