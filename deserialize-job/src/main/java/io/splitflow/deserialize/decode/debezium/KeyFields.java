package io.splitflow.deserialize.decode.debezium;

import io.splitflow.common.schema.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a change event's key fields sit among the dataset's fields, and their specs (required: a
 * delete without its key cannot be applied).
 */
record KeyFields(int[] positions, List<FieldSpec> specs) {

  static KeyFields of(List<FieldSpec> fields, List<String> keyFields) {
    int[] positions = new int[keyFields.size()];
    List<FieldSpec> specs = new ArrayList<>();
    for (int k = 0; k < keyFields.size(); k++) {
      int i = position(fields, keyFields.get(k));
      if (i < 0) {
        throw new IllegalArgumentException(
            "key field '" + keyFields.get(k) + "' is not one of the dataset's fields");
      }
      positions[k] = i;
      specs.add(new FieldSpec(fields.get(i).name(), fields.get(i).type(), true));
    }
    return new KeyFields(positions, List.copyOf(specs));
  }

  /** The index of the field called {@code name}, or -1. */
  static int position(List<FieldSpec> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (Objects.equals(fields.get(i).name(), name)) {
        return i;
      }
    }
    return -1;
  }
}
