package io.splitflow.tools.bench.batchcost;

/**
 * One measured run of a query over a backlog: the input records it read and the micro-batches it
 * ran (both counted from the query's progress), and this JVM's process CPU and wall time.
 */
public record RunCost(long records, long batches, double cpuSeconds, double wallSeconds) {}
