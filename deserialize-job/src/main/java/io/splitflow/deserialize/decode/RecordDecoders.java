package io.splitflow.deserialize.decode;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.UnknownFields;

/** Picks the decoder a dataset's format needs. */
public final class RecordDecoders {
  private RecordDecoders() {}

  public static RecordDecoder forDataset(DatasetConfig dataset) {
    return switch (dataset.format()) {
      case JSON ->
          new JsonRecordDecoder(
              dataset.fields(),
              dataset.decode().unknownFields() == UnknownFields.DEAD_LETTER
                  ? UnknownFieldPolicy.DEAD_LETTER
                  : UnknownFieldPolicy.IGNORE);
      case AVRO, AVRO_CONFLUENT -> throw new UnsupportedOperationException("avro: wired below");
    };
  }

  public static TombstoneKeyDecoder tombstones(DatasetConfig dataset) {
    return new TombstoneKeyDecoder(
        dataset.decode().tombstoneKey().orElse(null), dataset.fields(), dataset.merge().keys());
  }
}
