package io.splitflow.tools.bench;

/** The names of what a bench run measures, as they appear in bench.json, bench.md and the chart. */
public final class Stages {
  public static final String L1_CONSUMER = "L1 KafkaConsumer";
  public static final String L2_DECODE_1 = "L2 decode, 1 thread";
  public static final String L2_DECODE_2 = "L2 decode, 2 threads";
  public static final String L3_APPEND_RAW = "L3 Delta append, raw schema";
  public static final String L3_APPEND_BRONZE = "L3 Delta append, bronze schema";
  public static final String INGEST = "ingest";
  public static final String DESERIALIZE = "deserialize";
  public static final String MERGE_LARGE = "merge, one large batch";
  public static final String MERGE_SMALL = "merge, 10k-record batches";
  public static final String SPLIT = "split: the three in sequence";
  public static final String MONOLITH = "monolith";

  private Stages() {}
}
