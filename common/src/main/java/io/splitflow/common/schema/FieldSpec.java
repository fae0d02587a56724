package io.splitflow.common.schema;

import java.io.Serializable;

/** One business field of a dataset: its name, its type and whether a record may lack it. */
public record FieldSpec(String name, FieldType type, boolean required) implements Serializable {}
