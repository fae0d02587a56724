package io.splitflow.tools.bench;

/**
 * One MERGE of a batch into a gold table of a given size, beside the plain Delta append of the same
 * batch: the seconds of each, the gold partitions the batch touched and the gold files the MERGE
 * rewrote, and Delta's row metrics (rows copied unchanged into rewritten files, rows updated,
 * inserted), with deletion vectors on or off.
 */
public record ScalingPoint(
    long goldRows,
    long batchRows,
    double updateShare,
    boolean deletionVectors,
    double mergeSeconds,
    double appendSeconds,
    long partitionsTouched,
    long filesRewritten,
    long rowsCopied,
    long rowsUpdated,
    long rowsInserted) {

  public double mergeOverAppend() {
    return appendSeconds <= 0 ? 0 : mergeSeconds / appendSeconds;
  }

  /** Rows Delta copied unchanged per row the MERGE changed (updated or inserted). */
  public double copiedPerChanged() {
    long changed = rowsUpdated + rowsInserted;
    return changed == 0 ? 0 : (double) rowsCopied / changed;
  }
}
