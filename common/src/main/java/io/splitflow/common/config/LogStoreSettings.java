package io.splitflow.common.config;

import java.util.Optional;

/**
 * How Delta commits to tables on S3 ({@code lake.log-store}). S3 has no put-if-absent that Delta
 * uses, so two drivers committing the same table version would overwrite each other: {@link
 * SingleWriter} (Delta's default) is safe while each table has writers in one driver only, {@link
 * DynamoDb} makes the commit conditional on a DynamoDB item and is safe across clusters. Neither
 * matters on ADLS, GCS or HDFS, whose own log stores are safe for concurrent writers.
 */
public sealed interface LogStoreSettings
    permits LogStoreSettings.SingleWriter, LogStoreSettings.DynamoDb {
  SingleWriter SINGLE_WRITER = new SingleWriter();

  /** The name written in {@code lake.log-store}. */
  String name();

  /** Delta's S3SingleDriverLogStore, chosen by Delta itself for s3a:// paths: nothing to set. */
  record SingleWriter() implements LogStoreSettings {
    public static final String NAME = "single-writer";

    @Override
    public String name() {
      return NAME;
    }
  }

  /**
   * Delta's S3DynamoDBLogStore ({@code io.delta:delta-storage-s3-dynamodb}).
   *
   * @param table the DynamoDB table every writer of the lake must share; Delta creates it if
   *     missing
   * @param region the table's AWS region
   * @param credentialsProvider an AWS SDK v1 credentials provider class; empty: Delta's default
   *     chain (environment, profile, instance or container identity)
   * @param readCapacityUnits provisioned reads of a table Delta creates
   * @param writeCapacityUnits provisioned writes of a table Delta creates
   */
  record DynamoDb(
      String table,
      String region,
      Optional<String> credentialsProvider,
      long readCapacityUnits,
      long writeCapacityUnits)
      implements LogStoreSettings {
    public static final String NAME = "dynamodb";

    /** Delta's own default, so that other Delta writers of the lake find the same table. */
    public static final String DEFAULT_TABLE = "delta_log";

    /** Delta's defaults for a table it creates. */
    public static final long DEFAULT_CAPACITY_UNITS = 5;

    @Override
    public String name() {
      return NAME;
    }
  }
}
