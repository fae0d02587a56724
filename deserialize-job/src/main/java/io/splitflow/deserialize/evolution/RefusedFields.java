package io.splitflow.deserialize.evolution;

import static io.splitflow.deserialize.evolution.GrowthLimits.ONLY_WITH_REFUSED;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dead-letters, as {@code UNKNOWN_FIELD}, the records that carry a new field {@code schema-growth}
 * refused as a column, naming the field and the limit; passes the others to the decoder. Without it
 * such a record would land in bronze with the field's value dropped.
 */
abstract class RefusedFields implements RecordDecoder {
  private static final long serialVersionUID = 1L;

  /** Reasons shipped to the executors for at most this many names; the rest get a general one. */
  static final int MAX_REASONS = 1_000;

  private final RecordDecoder decoder;
  private final Map<String, String> reasons;

  RefusedFields(RecordDecoder decoder, Map<String, String> refused) {
    this.decoder = decoder;
    this.reasons = new HashMap<>();
    for (Map.Entry<String, String> entry : refused.entrySet()) {
      if (reasons.size() == MAX_REASONS) {
        break;
      }
      reasons.put(entry.getKey(), entry.getValue());
    }
  }

  /** JSON: the record's new top-level scalar fields, found as discovery found them. */
  static RecordDecoder json(RecordDecoder decoder, Set<String> known, Map<String, String> refused) {
    return new Json(decoder, new JsonFieldDiscovery.Scanner(known), refused);
  }

  /** Confluent Avro: the new fields of the record's writer schema, by schema id. */
  static RecordDecoder confluent(
      RecordDecoder decoder, Map<Integer, Set<String>> refusedById, Map<String, String> refused) {
    return new Confluent(decoder, refusedById, refused);
  }

  /** The refused fields {@code value} carries, or none. */
  abstract Set<String> refusedIn(byte[] value);

  @Override
  public DecodeResult decode(byte[] value) {
    Set<String> found = value == null ? Set.of() : refusedIn(value);
    if (found.isEmpty()) {
      return decoder.decode(value);
    }
    // name a field refused for a limit of its own, rather than for riding with another
    String first = null;
    String reason = null;
    for (String name : new TreeSet<>(found)) {
      String why = reasons.get(name);
      if (first == null || reason == null || why != null && reason.equals(ONLY_WITH_REFUSED)) {
        first = name;
        reason = why;
      }
      if (reason != null && !reason.equals(ONLY_WITH_REFUSED)) {
        break;
      }
    }
    if (reason == null) {
      reason = "it is over the dataset's schema-growth limits (see the log)";
    }
    return DecodeResult.failed(
        DecodeError.UNKNOWN_FIELD,
        "new field '"
            + excerpt(first)
            + "' was not added as a column: "
            + reason
            + (found.size() > 1 ? " (and " + (found.size() - 1) + " more new field(s))" : ""));
  }

  private static String excerpt(String name) {
    return name.length() <= 64 ? name : name.substring(0, 64) + "...";
  }

  private static final class Json extends RefusedFields {
    private static final long serialVersionUID = 1L;
    private final JsonFieldDiscovery.Scanner scanner;

    Json(RecordDecoder decoder, JsonFieldDiscovery.Scanner scanner, Map<String, String> refused) {
      super(decoder, refused);
      this.scanner = scanner;
    }

    @Override
    Set<String> refusedIn(byte[] value) {
      Map<String, String> found = scanner.call(value);
      return found == null ? Set.of() : found.keySet();
    }
  }

  private static final class Confluent extends RefusedFields {
    private static final long serialVersionUID = 1L;
    private final Map<Integer, Set<String>> refusedById;

    Confluent(
        RecordDecoder decoder, Map<Integer, Set<String>> refusedById, Map<String, String> refused) {
      super(decoder, refused);
      this.refusedById = new HashMap<>(refusedById);
    }

    @Override
    Set<String> refusedIn(byte[] value) {
      if (value.length < 5 || value[0] != 0) {
        return Set.of();
      }
      int id =
          ((value[1] & 0xff) << 24)
              | ((value[2] & 0xff) << 16)
              | ((value[3] & 0xff) << 8)
              | (value[4] & 0xff);
      return refusedById.getOrDefault(id, Set.of());
    }
  }
}
