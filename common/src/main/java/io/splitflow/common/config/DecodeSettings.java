package io.splitflow.common.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** How deserialize-job turns raw values into bronze rows, and when it gives up. */
public record DecodeSettings(
    UnknownFields unknownFields,
    DecimalRounding decimalRounding,
    Envelope envelope,
    DecimalHandling decimalHandling,
    Optional<String> avroSchema,
    Optional<ProtobufSettings> protobuf,
    Optional<RegistrySettings> registry,
    Optional<TombstoneKey> tombstoneKey,
    List<RuleConfig> rules,
    OptionalDouble maxDeadLetterRatio) {

  public DecodeSettings {
    rules = List.copyOf(rules);
  }
}
