package io.splitflow.common.job;

/** The three jobs; the id names checkpoints, transaction app ids and log lines. */
public enum JobName {
  INGEST("ingest"),
  DESERIALIZE("deserialize"),
  MERGE("merge");

  private final String id;

  JobName(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
