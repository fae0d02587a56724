#!/usr/bin/env bash
# Runs the three splitflow jobs on a Spark cluster, one after the other, each until it has
# drained its input (--trigger available-now): ingest, then deserialize, then merge.
# ClusterSubmitIT runs this file as it is against a standalone cluster in CI.
#
#   SPARK_MASTER  the cluster, e.g. spark://spark-master:7077 or yarn (required)
#   CONFIG        the splitflow YAML config, a path the driver can read (required)
#   DATASET       the dataset to run (default sensor_readings)
#   JAR_DIR       the directory holding the three splitflow-*-job-<version>-all.jar (default .)
#   SPLITFLOW_VERSION  the version in the jar names (default 0.1.0-SNAPSHOT)
#   PACKAGES      Maven coordinates for spark-submit --packages (default none), e.g. for a lake on
#                 s3a:// the S3A file system at the cluster's own Hadoop version (a Spark 4.2
#                 distribution has Hadoop 3.5.0; see README "Object storage"):
#                   PACKAGES=org.apache.hadoop:hadoop-aws:3.5.0
#                 and with lake.log-store: dynamodb also Delta's DynamoDB log store:
#                   PACKAGES=org.apache.hadoop:hadoop-aws:3.5.0,io.delta:delta-storage-s3-dynamodb:4.4.0,com.amazonaws:aws-java-sdk-dynamodb:1.12.797
#
# Arguments go to each job as they are, e.g. --set kafka.bootstrap-servers=broker:9092.
# The driver runs where this script runs (client mode); see README "With spark-submit".
set -euo pipefail

: "${SPARK_MASTER:?set SPARK_MASTER to the cluster, e.g. spark://spark-master:7077}"
: "${CONFIG:?set CONFIG to the splitflow YAML config}"
DATASET=${DATASET:-sensor_readings}
JAR_DIR=${JAR_DIR:-.}
VERSION=${SPLITFLOW_VERSION:-0.1.0-SNAPSHOT}
packages=()
if [ -n "${PACKAGES:-}" ]; then
  packages=(--packages "$PACKAGES")
fi

spark-submit --master "$SPARK_MASTER" --deploy-mode client ${packages[@]+"${packages[@]}"} --class io.splitflow.ingest.IngestJob \
  "$JAR_DIR/splitflow-ingest-job-$VERSION-all.jar" \
  --config "$CONFIG" --dataset "$DATASET" --trigger available-now "$@"

spark-submit --master "$SPARK_MASTER" --deploy-mode client ${packages[@]+"${packages[@]}"} --class io.splitflow.deserialize.DeserializeJob \
  "$JAR_DIR/splitflow-deserialize-job-$VERSION-all.jar" \
  --config "$CONFIG" --dataset "$DATASET" --trigger available-now "$@"

spark-submit --master "$SPARK_MASTER" --deploy-mode client ${packages[@]+"${packages[@]}"} --class io.splitflow.merge.MergeJob \
  "$JAR_DIR/splitflow-merge-job-$VERSION-all.jar" \
  --config "$CONFIG" --dataset "$DATASET" --trigger available-now "$@"
