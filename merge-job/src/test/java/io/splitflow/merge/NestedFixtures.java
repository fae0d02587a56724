package io.splitflow.merge;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Customers with nested values for the merge tests: a struct holding a struct, an array of structs
 * with decimals, a map and binary. Gold rows are described by the JSON of their values, which shows
 * every nested value, its decimal scale and its map's stored order.
 */
public final class NestedFixtures {
  public static final FieldType CUSTOMER =
      FieldType.parse("struct<name: string, address: struct<city: string, zip: string>>");
  public static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("customer", CUSTOMER, false),
          new FieldSpec(
              "items", FieldType.parse("array<struct<sku: string, price: decimal(10,2)>>"), false),
          new FieldSpec("tags", FieldType.parse("map<string, string>"), false),
          new FieldSpec("photo", FieldType.BINARY, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));

  private NestedFixtures() {}

  public static MergeSpec spec(MergeMode mode, String... trackHistoryColumns) {
    return new MergeSpec(
        "customers",
        mode,
        FIELDS,
        List.of("id"),
        List.of("seq"),
        List.of(trackHistoryColumns),
        Optional.empty(),
        List.of(),
        false,
        true,
        false,
        MergeTuning.DEFAULT);
  }

  public static Row customer(String name, String city, String zip) {
    return RowFactory.create(name, RowFactory.create(city, zip));
  }

  /** Items as sku, price pairs: {@code items("x", "9.99", "y", "0.50")}. */
  public static List<Row> items(String... skuAndPrice) {
    List<Row> items = new ArrayList<>();
    for (int i = 0; i < skuAndPrice.length; i += 2) {
      items.add(RowFactory.create(skuAndPrice[i], new BigDecimal(skuAndPrice[i + 1])));
    }
    return items;
  }

  /** A map stored in the order its entries are given: {@code tags("b", "2", "a", "1")}. */
  public static Map<String, String> tags(String... keysAndValues) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      tags.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return tags;
  }

  /** One customer record at {@code seqSeconds}; a null argument leaves that field out. */
  public static BronzeFixtures add(
      BronzeFixtures batch,
      String id,
      Row customer,
      List<Row> items,
      Map<String, String> tags,
      byte[] photo,
      long seqSeconds,
      long offset) {
    Map<String, Object> values = new HashMap<>();
    values.put("id", id);
    values.put("customer", customer);
    values.put("items", items);
    values.put("tags", tags);
    values.put("photo", photo);
    values.put("seq", BronzeFixtures.seq(seqSeconds));
    return batch.row(values, offset, seqSeconds, false);
  }

  /** Each gold row as {@code id: customer | items | tags | photo (hex)}, ordered as stored. */
  public static List<String> describe(Dataset<Row> gold) {
    return gold.orderBy("id", "_sequence")
        .selectExpr(
            "concat_ws(' | ', id || ':', coalesce(to_json(customer), '-'),"
                + " coalesce(to_json(items), '-'), coalesce(to_json(tags), '-'),"
                + " coalesce(hex(photo), '-'))")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }
}
