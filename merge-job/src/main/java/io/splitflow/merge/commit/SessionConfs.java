package io.splitflow.merge.commit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Runs a write with some session confs set, and puts back what was there afterwards. Session confs
 * are shared by every writer on the session: call this only under {@code Transactions.runOnce},
 * whose lock makes them take turns.
 */
public final class SessionConfs {
  public static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  public static final String AUTO_MERGE = "spark.databricks.delta.schema.autoMerge.enabled";
  public static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

  private SessionConfs() {}

  public static void with(SparkSession spark, Map<String, String> confs, Runnable write) {
    RuntimeConfig conf = spark.conf();
    // what the session set explicitly: getOption would give a registered conf's default, and
    // setting that back would pin it for every later write
    scala.collection.immutable.Map<String, String> set = conf.getAll();
    Map<String, Option<String>> before = new LinkedHashMap<>();
    confs.keySet().forEach(key -> before.put(key, set.get(key)));
    confs.forEach(conf::set);
    try {
      write.run();
    } finally {
      before.forEach(
          (key, value) -> {
            if (value.isDefined()) {
              conf.set(key, value.get());
            } else {
              conf.unset(key);
            }
          });
    }
  }
}
