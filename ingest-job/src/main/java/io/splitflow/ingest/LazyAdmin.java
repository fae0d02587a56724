package io.splitflow.ingest;

import io.splitflow.common.config.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka admin client made on first use with the job's client options (security included), kept
 * for the query's life and closed with it.
 */
final class LazyAdmin implements AutoCloseable {
  private final KafkaSettings kafka;
  private Admin admin;

  LazyAdmin(KafkaSettings kafka) {
    this.kafka = kafka;
  }

  synchronized Admin get() {
    if (admin == null) {
      Map<String, Object> props = new HashMap<>(kafka.options());
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      // consumer-only options (isolation.level, ...) would only draw warnings from the admin
      props.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
      admin = Admin.create(props);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
