package io.splitflow.deserialize.decode;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.DataFormat;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.Envelope;
import io.splitflow.common.config.ProtobufSettings;
import io.splitflow.common.config.RegistrySettings;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.avro.AvroRecordDecoder;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.debezium.DebeziumAvroDecoder;
import io.splitflow.deserialize.decode.debezium.DebeziumJsonDecoder;
import io.splitflow.deserialize.decode.protobuf.ConfluentProtobufDecoder;
import io.splitflow.deserialize.decode.protobuf.ProtobufRecordDecoder;
import io.splitflow.deserialize.decode.registry.CachingSchemaRegistry;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import io.splitflow.deserialize.decode.registry.HttpSchemaRegistry;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import java.util.List;

/** Picks the decoder a dataset's format (and envelope) needs. */
public final class RecordDecoders {
  private RecordDecoders() {}

  /** Builds the decoder on the driver; a schema that cannot work stops the job here (exit 2). */
  public static RecordDecoder forDataset(DatasetConfig dataset) {
    try {
      return build(dataset);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("datasets." + dataset.name() + ": " + e.getMessage());
    }
  }

  private static RecordDecoder build(DatasetConfig dataset) {
    if (dataset.decode().envelope() == Envelope.DEBEZIUM
        && dataset.format() == DataFormat.AVRO_CONFLUENT) {
      return new DebeziumAvroDecoder(
          dataset.decodedFields(), dataset.merge().keys(), registry(dataset));
    }
    if (dataset.decode().envelope() == Envelope.DEBEZIUM) {
      return new DebeziumJsonDecoder(
          dataset.decodedFields(),
          dataset.merge().keys(),
          unknownFields(dataset),
          dataset.decode().decimalHandling());
    }
    return switch (dataset.format()) {
      case JSON -> json(dataset, dataset.decodedFields());
      case AVRO -> new AvroRecordDecoder(avroSchema(dataset), dataset.decodedFields());
      case AVRO_CONFLUENT ->
          new ConfluentAvroDecoder(avroSchema(dataset), dataset.decodedFields(), registry(dataset));
      case JSON_CONFLUENT -> new ConfluentJsonDecoder(json(dataset, dataset.decodedFields()));
      case PROTOBUF -> {
        ProtobufSettings protobuf = dataset.decode().protobuf().orElseThrow();
        yield new ProtobufRecordDecoder(
            protobuf.descriptorFile(), protobuf.message(), dataset.decodedFields());
      }
      case PROTOBUF_CONFLUENT -> {
        ProtobufSettings protobuf = dataset.decode().protobuf().orElseThrow();
        yield new ConfluentProtobufDecoder(
            protobuf.descriptorFile(), protobuf.message(), dataset.decodedFields());
      }
    };
  }

  public static TombstoneKeyDecoder tombstones(DatasetConfig dataset) {
    return new TombstoneKeyDecoder(
        dataset.decode().tombstoneKey().orElse(null),
        dataset.decodedFields(),
        dataset.merge().keys());
  }

  /** The JSON decoder of {@code fields} with the dataset's unknown-fields and decimal rounding. */
  public static JsonRecordDecoder json(DatasetConfig dataset, List<FieldSpec> fields) {
    return new JsonRecordDecoder(
        fields, unknownFields(dataset), dataset.decode().decimalRounding());
  }

  public static UnknownFieldPolicy unknownFields(DatasetConfig dataset) {
    return switch (dataset.decode().unknownFields()) {
      case DEAD_LETTER -> UnknownFieldPolicy.DEAD_LETTER;
      case KEEP -> UnknownFieldPolicy.KEEP;
      case IGNORE -> UnknownFieldPolicy.IGNORE;
    };
  }

  private static String avroSchema(DatasetConfig dataset) {
    // the config loader requires schema.avro-file for the Avro formats
    return dataset.decode().avroSchema().orElseThrow();
  }

  /** The registry of an {@code avro-confluent} dataset, behind the JVM-wide cache. */
  public static SchemaRegistry registry(DatasetConfig dataset) {
    RegistrySettings settings = dataset.decode().registry().orElseThrow();
    SchemaRegistry source =
        settings.url().isPresent()
            ? HttpSchemaRegistry.of(settings)
            : new DirectorySchemaRegistry(settings.schemasDir().orElseThrow());
    return new CachingSchemaRegistry(source);
  }
}
