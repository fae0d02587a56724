package io.splitflow.deserialize.decode;

import io.splitflow.common.config.DecimalRounding;
import java.io.Serializable;
import java.util.Objects;

/** The dataset's choices that shape how JSON values are read: unknown fields, decimal rounding. */
record ReadPolicy(UnknownFieldPolicy unknownFields, DecimalRounding rounding)
    implements Serializable {
  ReadPolicy {
    Objects.requireNonNull(unknownFields, "unknownFields");
    Objects.requireNonNull(rounding, "rounding");
  }
}
