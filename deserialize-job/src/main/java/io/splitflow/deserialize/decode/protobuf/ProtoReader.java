package io.splitflow.deserialize.decode.protobuf;

import io.splitflow.deserialize.decode.Problems;

/**
 * Reads one protobuf value, as {@code DynamicMessage.getField} gives it, into the external Spark
 * value of its dataset type; a value the type cannot hold becomes a problem naming {@code path} and
 * a null. Built once per decoder by {@link ProtobufTypes}, which checked the types fit.
 */
@FunctionalInterface
interface ProtoReader {
  Object read(Object raw, ValuePath path, Problems problems);
}
