package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryTest {

  // the cache is per JVM and keyed by location: every test gets its own
  private final CountingRegistry delegate = new CountingRegistry();

  @Test
  void foundSchemaIsFetchedOncePerJvm() throws UnknownSchemaException {
    for (int i = 0; i < 1_000; i++) {
      // a fresh instance per lookup, as every Spark task deserializes its own
      assertThat(new CachingSchemaRegistry(delegate).schema(1)).isEqualTo(READING);
    }

    assertThat(delegate.calls.get()).isEqualTo(1);
  }

  @Test
  void missIsRememberedWithItsMessage() {
    CachingSchemaRegistry registry = new CachingSchemaRegistry(delegate);

    for (int i = 0; i < 1_000; i++) {
      assertThatThrownBy(() -> registry.schema(42))
          .isInstanceOf(UnknownSchemaException.class)
          .hasMessage("schema id 42 is not in " + delegate.location());
    }
    assertThat(delegate.calls.get()).isEqualTo(1);
  }

  @Test
  void missIsAskedAgainOnceItExpires() {
    CachingSchemaRegistry registry = new CachingSchemaRegistry(delegate, Duration.ZERO);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> registry.schema(42)).isInstanceOf(UnknownSchemaException.class);
    }
    assertThat(delegate.calls.get()).isEqualTo(3);
  }

  @Test
  void registriesAtOtherLocationsDoNotShareTheCache() throws UnknownSchemaException {
    CountingRegistry other = new CountingRegistry();

    new CachingSchemaRegistry(delegate).schema(1);
    new CachingSchemaRegistry(other).schema(1);

    assertThat(delegate.calls.get()).isEqualTo(1);
    assertThat(other.calls.get()).isEqualTo(1);
  }

  /** Has id 1 only, at a location of its own. */
  private static final class CountingRegistry implements SchemaRegistry {
    private static final long serialVersionUID = 1L;
    final AtomicInteger calls = new AtomicInteger();
    private final String location = "test:" + UUID.randomUUID();

    @Override
    public Schema schema(int id) throws UnknownSchemaException {
      calls.incrementAndGet();
      if (id != 1) {
        throw new UnknownSchemaException("schema id " + id + " is not in " + location);
      }
      return READING;
    }

    @Override
    public String location() {
      return location;
    }
  }
}
