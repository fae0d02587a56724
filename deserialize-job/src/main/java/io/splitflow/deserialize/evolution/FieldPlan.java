package io.splitflow.deserialize.evolution;

import io.splitflow.common.schema.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields one batch decodes: the declared ones, then the columns bronze already has beyond them
 * (optional, with bronze's types), then the fields found in this batch that bronze lacks, by name.
 * The last ones are {@link #added()}: bronze gains them with this batch's append.
 *
 * <p>The order is stable across a retry: bronze keeps added columns in the order they were added,
 * which is the order a first attempt gave them, so a re-run batch decodes the same fields.
 */
public record FieldPlan(List<FieldSpec> fields, List<FieldSpec> added) {

  public FieldPlan {
    fields = List.copyOf(fields);
    added = List.copyOf(added);
  }

  /** Only the declared fields: what a dataset without schema evolution decodes. */
  public static FieldPlan declared(List<FieldSpec> declared) {
    return new FieldPlan(declared, List.of());
  }

  /**
   * Declared, then {@code existing}, then those of {@code discovered} whose name no earlier field
   * has. Names compare without case, as Delta's column names do.
   */
  public static FieldPlan of(
      List<FieldSpec> declared, List<FieldSpec> existing, List<FieldSpec> discovered) {
    List<FieldSpec> fields = new ArrayList<>(declared);
    Set<String> names = new LinkedHashSet<>(lowerNames(declared));
    for (FieldSpec field : existing) {
      if (names.add(lower(field.name()))) {
        fields.add(optional(field));
      }
    }
    List<FieldSpec> added = new ArrayList<>();
    for (FieldSpec field : discovered) {
      if (names.add(lower(field.name()))) {
        fields.add(optional(field));
        added.add(optional(field));
      }
    }
    return new FieldPlan(fields, added);
  }

  /** The fields beyond the first {@code declaredCount}: bronze's extra columns and the added. */
  public List<FieldSpec> extras(int declaredCount) {
    return fields.subList(declaredCount, fields.size());
  }

  /** The names of {@code fields}, lower-cased. */
  public static Set<String> lowerNames(List<FieldSpec> fields) {
    Set<String> names = new LinkedHashSet<>();
    for (FieldSpec field : fields) {
      names.add(lower(field.name()));
    }
    return names;
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static FieldSpec optional(FieldSpec field) {
    return field.required() ? new FieldSpec(field.name(), field.type(), false) : field;
  }
}
