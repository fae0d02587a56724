package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.SchemaGrowth;
import io.splitflow.common.schema.FieldSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a batch's new fields become columns under the dataset's {@code schema-growth}, and why
 * each of the others does not. The decision depends only on the candidates and on how many columns
 * bronze had before the batch, so a re-run batch decides the same.
 *
 * <p>Name length, the allow pattern and the minimum number of records are checked per field. Of the
 * fields that pass, those carried by the most records (then by name) take the batch's and the
 * table's remaining room.
 */
final class GrowthLimits {
  /** Why an accepted field is refused after all by {@link Decision#keepOnly}. */
  static final String ONLY_WITH_REFUSED =
      "every record carrying it also carries a field that was refused";

  private GrowthLimits() {}

  /** A new field and how many records of the batch carry it. */
  record Candidate(FieldSpec field, long records) {}

  /**
   * @param accepted the fields that become columns, in the candidates' order
   * @param refused the others, by name, with the limit each failed, in the candidates' order
   */
  record Decision(List<FieldSpec> accepted, Map<String, String> refused) {
    Decision {
      accepted = List.copyOf(accepted);
      refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /**
     * This decision without the accepted fields {@code keep} lacks: a field that only records
     * refused for another field carry would make an empty column.
     */
    Decision keepOnly(Set<String> keep) {
      List<FieldSpec> kept = new ArrayList<>();
      Map<String, String> refusedToo = new LinkedHashMap<>(refused);
      for (FieldSpec field : accepted) {
        if (keep.contains(field.name())) {
          kept.add(field);
        } else {
          refusedToo.put(field.name(), ONLY_WITH_REFUSED);
        }
      }
      return new Decision(kept, refusedToo);
    }
  }

  static Decision decide(List<Candidate> candidates, int existingExtras, SchemaGrowth growth) {
    Map<String, String> refused = new LinkedHashMap<>();
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate candidate : candidates) {
      String reason = fieldReason(candidate, growth);
      if (reason == null) {
        eligible.add(candidate);
      } else {
        refused.put(candidate.field().name(), reason);
      }
    }
    int room =
        Math.max(0, Math.min(growth.maxNewColumnsPerBatch(), growth.maxColumns() - existingExtras));
    List<Candidate> ranked = new ArrayList<>(eligible);
    ranked.sort(
        Comparator.comparingLong(Candidate::records)
            .reversed()
            .thenComparing(c -> c.field().name()));
    Set<String> taken = new HashSet<>();
    for (Candidate candidate : ranked) {
      if (taken.size() < room) {
        taken.add(candidate.field().name());
      } else {
        refused.put(candidate.field().name(), roomReason(existingExtras, growth));
      }
    }
    List<FieldSpec> accepted = new ArrayList<>();
    for (Candidate candidate : eligible) {
      if (taken.contains(candidate.field().name())) {
        accepted.add(candidate.field());
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      String reason = refused.get(candidate.field().name());
      if (reason != null) {
        ordered.put(candidate.field().name(), reason);
      }
    }
    return new Decision(accepted, ordered);
  }

  private static String fieldReason(Candidate candidate, SchemaGrowth growth) {
    String name = candidate.field().name();
    if (name.length() > growth.maxNameLength()) {
      return "its name has "
          + name.length()
          + " characters; schema-growth.max-name-length is "
          + growth.maxNameLength();
    }
    if (growth.allow().isPresent() && !growth.allow().get().matcher(name).matches()) {
      return "its name does not match schema-growth.allow (" + growth.allow().get() + ")";
    }
    if (candidate.records() < growth.minRecords()) {
      return candidate.records()
          + " record(s) of the batch carry it; schema-growth.min-records is "
          + growth.minRecords();
    }
    return null;
  }

  private static String roomReason(int existingExtras, SchemaGrowth growth) {
    if (existingExtras + growth.maxNewColumnsPerBatch() > growth.maxColumns()) {
      return "bronze would have more than schema-growth.max-columns ("
          + growth.maxColumns()
          + ") columns beyond the declared fields";
    }
    return "the batch already adds schema-growth.max-new-columns-per-batch ("
        + growth.maxNewColumnsPerBatch()
        + ") columns";
  }
}
