package io.splitflow.deserialize.decode.registry;

import java.io.Serializable;
import org.apache.avro.Schema;

/**
 * Where the writer schemas of Confluent-framed records come from, by schema id. Serializable, as it
 * travels to the executors inside the decoder.
 */
public interface SchemaRegistry extends Serializable {

  /** The writer schema registered under {@code id}. */
  Schema schema(int id) throws UnknownSchemaException;

  /**
   * Where the schemas come from, never with credentials: a URL or a directory. Two registries at
   * the same location hold the same schemas, so caches key on it.
   */
  String location();
}
