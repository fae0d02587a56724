package io.splitflow.common.config;

/**
 * A Protobuf dataset's schema: a descriptor set file (resolved against the config's directory) and
 * the fully qualified message name in it.
 */
public record ProtobufSettings(String descriptorFile, String message) {}
