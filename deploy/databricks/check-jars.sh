#!/usr/bin/env bash
# Checks what the shaded job jars hold: with -Pdatabricks, none of what the Databricks runtime
# already ships (Delta, Spark's Kafka connector, kafka-clients); without it, all of it.
#   deploy/databricks/check-jars.sh databricks   # after mvn -Pdatabricks -DskipTests package
#   deploy/databricks/check-jars.sh default      # after mvn package
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

profile="${1:?usage: check-jars.sh databricks|default}"
# what the runtime provides, as paths inside a jar
provided=(io/delta/ org/apache/spark/sql/delta/ org/apache/spark/sql/kafka010/ org/apache/kafka/ io/unitycatalog/)
status=0

for job in ingest deserialize merge; do
  jars=("$job-job"/target/splitflow-"$job"-job-*-all.jar)
  jar="${jars[0]}"
  if [ ! -f "$jar" ]; then
    echo "check-jars: $jar not found; build it first (mvn -B -DskipTests package${profile/default/})" >&2
    exit 1
  fi
  listing="$(unzip -Z1 "$jar")"
  main="io/splitflow/$job/$(tr '[:lower:]' '[:upper:]' <<<"${job:0:1}")${job:1}Job.class"
  if ! grep -qx "$main" <<<"$listing"; then
    echo "check-jars: $jar lacks its main class $main" >&2
    status=1
  fi
  for prefix in "${provided[@]}"; do
    count="$(grep -c "^$prefix" <<<"$listing" || true)"
    # ingest is the only job with the Kafka connector; every job has Delta
    case "$prefix" in org/apache/spark/sql/kafka010/ | org/apache/kafka/) expected_default=$([ "$job" = ingest ] && echo yes || echo no) ;; *) expected_default=yes ;; esac
    if [ "$profile" = databricks ] && [ "$count" -gt 0 ]; then
      echo "check-jars: $jar holds $count entries under $prefix, which Databricks provides" >&2
      status=1
    elif [ "$profile" = default ] && [ "$expected_default" = yes ] && [ "$count" -eq 0 ]; then
      echo "check-jars: $jar holds nothing under $prefix; plain Spark needs it in the jar" >&2
      status=1
    fi
  done
  echo "check-jars: $profile $jar $(stat -c %s "$jar") bytes"
done
exit "$status"
