package io.splitflow.tools.kafka;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * SCRAM-SHA-512 for the embedded broker: its client listener takes SASL_PLAINTEXT only, and the
 * users exist from the first start, written into the cluster's bootstrap metadata as {@code
 * kafka-storage format --add-scram} does. The test kit itself (topic creation, readiness checks,
 * the broker's own inter-broker clients) authenticates as an admin user with a random password.
 */
public final class KafkaScram {
  public static final String MECHANISM = "SCRAM-SHA-512";
  static final String ADMIN = "splitflow-embedded-admin";
  private static final int ITERATIONS = 4096;

  private final Map<String, String> users;

  private KafkaScram(Map<String, String> users) {
    this.users = users;
  }

  static KafkaScram of(Map<String, String> users) {
    if (users.containsKey(ADMIN)) {
      throw new IllegalArgumentException(ADMIN + " is the embedded broker's own user");
    }
    Map<String, String> all = new LinkedHashMap<>(users);
    all.put(ADMIN, UUID.randomUUID().toString());
    return new KafkaScram(all);
  }

  /**
   * The client properties (security.protocol, sasl.mechanism, sasl.jaas.config) of a user, with any
   * password: a wrong one is how a test proves the broker turns a client away.
   */
  public static Map<String, Object> clientSecurity(String user, String password) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    return props;
  }

  /** The value of {@code sasl.jaas.config} for a SCRAM user. */
  public static String jaasConfig(String user, String password) {
    return ScramLoginModule.class.getName()
        + " required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  Map<String, Object> clientSecurity(String user) {
    String password = users.get(user);
    if (password == null) {
      throw new IllegalArgumentException(
          "no SCRAM user '" + user + "' on this broker; users: " + users.keySet());
    }
    return clientSecurity(user, password);
  }

  Map<String, Object> adminSecurity() {
    return clientSecurity(ADMIN);
  }

  /** Broker properties: SASL on the client (and inter-broker) listener, the controller's plain. */
  Map<String, String> brokerConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("sasl.enabled.mechanisms", MECHANISM);
    config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    config.put(
        "listener.name.external." + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
        jaasConfig(ADMIN, users.get(ADMIN)));
    return config;
  }

  /** The default bootstrap metadata plus one credential record per user. */
  BootstrapMetadata bootstrapMetadata() {
    List<ApiMessageAndVersion> records =
        new ArrayList<>(
            BootstrapMetadata.fromVersion(MetadataVersion.latestProduction(), "splitflow")
                .records());
    try {
      ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
      users.forEach(
          (user, password) -> {
            ScramCredential credential = formatter.generateCredential(password, ITERATIONS);
            records.add(
                new ApiMessageAndVersion(
                    new UserScramCredentialRecord()
                        .setName(user)
                        .setMechanism(
                            org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512.type())
                        .setSalt(credential.salt())
                        .setStoredKey(credential.storedKey())
                        .setServerKey(credential.serverKey())
                        .setIterations(credential.iterations()),
                    (short) 0));
          });
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-512 for SCRAM", e);
    }
    return BootstrapMetadata.fromRecords(records, "splitflow SCRAM users");
  }
}
