package io.splitflow.deserialize.evolution;

/**
 * The streaming batch being planned, as its bronze append is tagged ({@code txnAppId}, {@code
 * batchId}), so a batch Spark re-runs after its bronze commit landed is planned against bronze as
 * it was before that commit: the same fields then become columns and the same records dead letters
 * as in the first run.
 */
public record BatchOrigin(String txnAppId, long batchId) {}
