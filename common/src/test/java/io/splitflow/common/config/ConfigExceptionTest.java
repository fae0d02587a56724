package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.job.PermanentFailure;
import io.splitflow.common.job.SplitflowException;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {
  @Test
  void aConfigErrorIsKeyedByTheKeyOrOptionItNames() {
    ConfigException invalid = ConfigErrors.invalid("kafka.starting-offsets", "soon", "is bad");
    assertThat(invalid)
        .isInstanceOf(SplitflowException.class)
        .isNotInstanceOf(PermanentFailure.class);
    assertThat(invalid.key()).isEqualTo("kafka.starting-offsets");
    assertThat(ConfigErrors.missing("datasets.d.merge.keys").key())
        .isEqualTo("datasets.d.merge.keys");
    assertThat(new ConfigException("--where: 'x' is not a condition").key()).isEqualTo("--where");
    assertThat(ConfigErrors.unreadable("/etc/x.yaml", "no such file").key()).isEqualTo("config");
  }
}
