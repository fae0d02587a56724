package io.splitflow.deserialize.decode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The two outputs of decoding one batch of raw rows: typed bronze rows and dead letters. */
public record Decoded(Dataset<Row> bronze, Dataset<Row> deadLetters) {}
