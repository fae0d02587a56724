package io.splitflow.common.job;

/**
 * Marks a failure that restarting the query cannot fix (a fail rule, an exhausted error budget,
 * data Kafka no longer holds): {@code --restart-on-failure} does not retry it.
 */
public interface PermanentFailure {}
