package io.splitflow.common.config;

import java.util.Map;

/**
 * The whole configuration: one environment and its datasets. Built only by {@link ConfigLoader}.
 *
 * @param hadoop Hadoop file-system options (S3A, ABFS, GCS), applied as {@code spark.hadoop.*}
 * @param onDatasetFailure what a job running several datasets does when one fails
 */
public record SplitflowConfig(
    KafkaSettings kafka,
    LakeSettings lake,
    Map<String, String> spark,
    Map<String, DatasetConfig> datasets,
    MaintenanceSettings maintenance,
    MetricsSettings metrics,
    Map<String, String> hadoop,
    OnDatasetFailure onDatasetFailure) {

  public SplitflowConfig {
    spark = Map.copyOf(spark);
    datasets = Map.copyOf(datasets);
    hadoop = Map.copyOf(hadoop);
  }

  public SplitflowConfig(
      KafkaSettings kafka,
      LakeSettings lake,
      Map<String, String> spark,
      Map<String, DatasetConfig> datasets,
      MaintenanceSettings maintenance,
      MetricsSettings metrics) {
    this(kafka, lake, spark, datasets, maintenance, metrics, Map.of(), OnDatasetFailure.DEFAULT);
  }

  public SplitflowConfig(
      KafkaSettings kafka,
      LakeSettings lake,
      Map<String, String> spark,
      Map<String, DatasetConfig> datasets) {
    this(kafka, lake, spark, datasets, MaintenanceSettings.DEFAULT, MetricsSettings.DEFAULT);
  }

  /** As a record prints itself, with the spark and hadoop sections' secrets hidden. */
  @Override
  public String toString() {
    return "SplitflowConfig[kafka="
        + kafka
        + ", lake="
        + lake
        + ", spark="
        + masked(spark)
        + ", datasets="
        + datasets
        + ", maintenance="
        + maintenance
        + ", metrics="
        + metrics
        + ", hadoop="
        + masked(hadoop)
        + ", onDatasetFailure="
        + onDatasetFailure
        + "]";
  }

  private static Map<String, String> masked(Map<String, String> settings) {
    Map<String, String> shown = new java.util.TreeMap<>();
    settings.forEach((key, value) -> shown.put(key, Secrets.mask(key, value)));
    return shown;
  }

  public DatasetConfig dataset(String name) {
    DatasetConfig dataset = datasets.get(name);
    if (dataset == null) {
      throw new ConfigException(
          "--dataset: '"
              + name
              + "' is not a dataset of this config; known: "
              + String.join(", ", datasets.keySet().stream().sorted().toList()));
    }
    return dataset;
  }
}
