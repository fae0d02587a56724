package io.splitflow.deserialize.evolution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.types.DataTypes.StringType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Finds the top-level fields of a batch's JSON values that no known field has, with a type for
 * each, in one pass that reads only names and value kinds (values are skipped, not decoded).
 *
 * <p>Only scalars make columns: an integral number gives {@code long}, any other number {@code
 * double}, a string {@code string} (never a date or timestamp: declare those), {@code true}/{@code
 * false} {@code boolean}. Objects, arrays and nulls say nothing about a column, so a field that is
 * only ever one of those in the batch is not added (it stays an unknown field). When a field's
 * values disagree, the kind most values have wins (ties: number, then boolean, then string);
 * numbers are {@code double} if any of them is not integral. The values of the losing kind become
 * WRONG_TYPE dead letters. The result depends only on the batch's values, so a retried batch finds
 * the same.
 */
public final class JsonFieldDiscovery {

  private JsonFieldDiscovery() {}

  /** Kinds of a JSON value that can make a column, as the scan reports them. */
  enum Kind {
    LONG,
    DOUBLE,
    BOOLEAN,
    STRING;

    static Kind of(JsonToken token) {
      return switch (token) {
        case VALUE_NUMBER_INT -> LONG;
        case VALUE_NUMBER_FLOAT -> DOUBLE;
        case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
        case VALUE_STRING -> STRING;
        default -> null;
      };
    }
  }

  /** How many values of one kind a field had in the batch. */
  record Observation(String name, Kind kind, long count) {}

  /**
   * The new fields of {@code raw}'s {@code value} column, sorted by name, all optional. {@code
   * known} names (compared without case) are never returned.
   */
  public static List<FieldSpec> discover(Dataset<Row> raw, Set<String> known) {
    return fields(candidates(raw, known));
  }

  /** The new fields of {@code raw}, sorted by name, with how many records carry each. */
  static List<GrowthLimits.Candidate> candidates(Dataset<Row> raw, Set<String> known) {
    UserDefinedFunction scan =
        functions
            .udf(new Scanner(known), DataTypes.createMapType(StringType, StringType))
            .withName("splitflow_json_fields");
    List<Row> counted =
        raw.select(explode(scan.apply(col("value"))))
            .groupBy("key", "value")
            .count()
            .collectAsList();
    List<Observation> observations = new ArrayList<>();
    for (Row row : counted) {
      observations.add(
          new Observation(row.getString(0), Kind.valueOf(row.getString(1)), row.getLong(2)));
    }
    return resolveCandidates(observations);
  }

  /**
   * The names of {@code accepted} that some record of {@code raw} carries without also carrying a
   * new field outside {@code accepted}: the records that carry one become dead letters, so a field
   * only they carry would be an empty column.
   */
  static Set<String> carriedByKeptRecords(
      Dataset<Row> raw, Set<String> known, Set<String> accepted) {
    UserDefinedFunction kept =
        functions
            .udf(
                new KeptFields(new Scanner(known), accepted), DataTypes.createArrayType(StringType))
            .withName("splitflow_json_kept_fields");
    Set<String> names = new HashSet<>();
    for (Row row : raw.select(explode(kept.apply(col("value")))).distinct().collectAsList()) {
      names.add(row.getString(0));
    }
    return names;
  }

  /** The field each observed name makes; see the class comment for how kinds are settled. */
  static List<FieldSpec> resolve(List<Observation> observations) {
    return fields(resolveCandidates(observations));
  }

  private static List<FieldSpec> fields(List<GrowthLimits.Candidate> candidates) {
    List<FieldSpec> fields = new ArrayList<>();
    candidates.forEach(candidate -> fields.add(candidate.field()));
    return fields;
  }

  private static List<GrowthLimits.Candidate> resolveCandidates(List<Observation> observations) {
    Map<String, long[]> byName = new TreeMap<>();
    for (Observation o : observations) {
      byName.computeIfAbsent(o.name(), n -> new long[Kind.values().length])[o.kind().ordinal()] +=
          o.count();
    }
    // names equal but for case would be one Delta column: the one with more values takes it
    Map<String, String> winners = new HashMap<>();
    for (Map.Entry<String, long[]> entry : byName.entrySet()) {
      String lower = FieldPlan.lower(entry.getKey());
      String rival = winners.get(lower);
      if (rival == null || total(entry.getValue()) > total(byName.get(rival))) {
        winners.put(lower, entry.getKey());
      }
    }
    List<GrowthLimits.Candidate> candidates = new ArrayList<>();
    for (String name : winners.values()) {
      long[] counts = byName.get(name);
      candidates.add(
          new GrowthLimits.Candidate(new FieldSpec(name, type(counts), false), total(counts)));
    }
    candidates.sort(Comparator.comparing(candidate -> candidate.field().name()));
    return candidates;
  }

  private static FieldType type(long[] counts) {
    long numbers = counts[Kind.LONG.ordinal()] + counts[Kind.DOUBLE.ordinal()];
    long booleans = counts[Kind.BOOLEAN.ordinal()];
    long strings = counts[Kind.STRING.ordinal()];
    if (numbers >= booleans && numbers >= strings) {
      return counts[Kind.DOUBLE.ordinal()] > 0 ? FieldType.DOUBLE : FieldType.LONG;
    }
    return booleans >= strings ? FieldType.BOOLEAN : FieldType.STRING;
  }

  private static long total(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }

  /** A record's new fields if all of them are accepted, else none. */
  private static final class KeptFields implements UDF1<byte[], String[]> {
    private static final long serialVersionUID = 1L;
    private final Scanner scanner;
    private final Set<String> accepted;

    KeptFields(Scanner scanner, Set<String> accepted) {
      this.scanner = scanner;
      this.accepted = new HashSet<>(accepted);
    }

    @Override
    public String[] call(byte[] value) {
      Map<String, String> found = scanner.call(value);
      if (found == null || !accepted.containsAll(found.keySet())) {
        return null;
      }
      return found.keySet().toArray(new String[0]);
    }
  }

  /**
   * One value's unknown top-level fields and the kind of each, or null. A value that is not one
   * well-formed JSON object counts for nothing: the decoder dead-letters it and says why.
   */
  static final class Scanner implements UDF1<byte[], Map<String, String>> {
    private static final long serialVersionUID = 1L;

    private final Set<String> known;
    private final Set<String> knownLower;
    private transient JsonFactory factory;

    Scanner(Set<String> known) {
      this.known = new HashSet<>(known);
      this.knownLower = new HashSet<>();
      for (String name : known) {
        knownLower.add(FieldPlan.lower(name));
      }
    }

    @Override
    public Map<String, String> call(byte[] value) {
      if (value == null) {
        return null;
      }
      try (JsonParser p = factory().createParser(value)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        Map<String, String> found = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
          Kind kind = Kind.of(p.nextToken());
          if (kind != null && isNew(name)) {
            if (found == null) {
              found = new HashMap<>();
            }
            // a second occurrence makes the record a DUPLICATE_FIELD dead letter anyway
            found.putIfAbsent(name, kind.name());
          }
          p.skipChildren();
        }
        return p.nextToken() == null ? found : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private boolean isNew(String name) {
      return !known.contains(name)
          && BronzeColumns.NAME.matcher(name).matches()
          && !knownLower.contains(FieldPlan.lower(name));
    }

    private JsonFactory factory() {
      if (factory == null) {
        factory = new JsonFactory();
      }
      return factory;
    }
  }
}
