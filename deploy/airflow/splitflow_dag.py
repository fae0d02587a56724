"""splitflow on Airflow: ingest >> deserialize >> merge, each a spark-submit with --trigger available-now.

Each task drains what its input holds and stops, so the chain needs no sensors: deserialize reads
what ingest committed, merge what deserialize committed. One run at a time (max_active_runs=1),
because two runs would share the jobs' checkpoints (the second would stop at once on the
checkpoint lock). A failed task is retried on the same checkpoint; Structured Streaming resumes
from the last committed batch.

Needs apache-airflow-providers-apache-spark and a Spark connection (default spark_default) whose
host is the master (yarn, spark://host:7077, k8s://..., local[*]). Airflow Variables, all optional:
  splitflow_jar_dir    directory with the three *-all.jar (default /opt/splitflow/jars)
  splitflow_version    the jars' version (default 0.1.0-SNAPSHOT)
  splitflow_config     the YAML config, readable where the driver runs (default /opt/splitflow/conf/splitflow.yaml)
Trigger a run for another dataset with the dataset param.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR_DIR = "{{ var.value.get('splitflow_jar_dir', '/opt/splitflow/jars') }}"
VERSION = "{{ var.value.get('splitflow_version', '0.1.0-SNAPSHOT') }}"
CONFIG = "{{ var.value.get('splitflow_config', '/opt/splitflow/conf/splitflow.yaml') }}"
CONN_ID = "spark_default"

# Spark settings for every job; the jobs set the Delta extension and catalog themselves.
SPARK_CONF = {
    "spark.sql.shuffle.partitions": "16",
    "spark.sql.streaming.metricsEnabled": "true",
}

# (task id and module prefix, main class), in pipeline order
JOBS = [
    ("ingest", "io.splitflow.ingest.IngestJob"),
    ("deserialize", "io.splitflow.deserialize.DeserializeJob"),
    ("merge", "io.splitflow.merge.MergeJob"),
]


def job_task(job, main_class):
    return SparkSubmitOperator(
        task_id=job,
        conn_id=CONN_ID,
        name="splitflow-" + job + "-{{ params.dataset }}",
        application=JAR_DIR + "/splitflow-" + job + "-job-" + VERSION + "-all.jar",
        java_class=main_class,
        application_args=[
            "--config", CONFIG,
            "--dataset", "{{ params.dataset }}",
            "--trigger", "available-now",
        ],
        conf=SPARK_CONF,
        driver_memory="2g",
        executor_memory="4g",
    )


with DAG(
    dag_id="splitflow",
    description="Kafka -> raw -> bronze -> gold, three Spark jobs with --trigger available-now",
    schedule=timedelta(minutes=15),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    params={"dataset": "sensor_readings"},
    default_args={
        "owner": "splitflow",
        "retries": 3,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(hours=2),
    },
    tags=["splitflow"],
) as dag:
    ingest, deserialize, merge = (job_task(job, main_class) for job, main_class in JOBS)
    ingest >> deserialize >> merge
