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

  @Test
  void theLeastRecentlyUsedMissIsForgottenFirstNotAll() {
    CachingSchemaRegistry registry = new CachingSchemaRegistry(delegate);
    assertThatThrownBy(() -> registry.schema(1_000_000)).isInstanceOf(UnknownSchemaException.class);
    assertThatThrownBy(() -> registry.schema(1_000_001)).isInstanceOf(UnknownSchemaException.class);
    // used again: now more recent than every miss below but the last
    assertThatThrownBy(() -> registry.schema(1_000_000)).isInstanceOf(UnknownSchemaException.class);
    // MAX_MISSES more: one past the capacity
    for (int id = 2; id <= CachingSchemaRegistry.MAX_MISSES; id++) {
      int missing = id;
      assertThatThrownBy(() -> registry.schema(missing)).isInstanceOf(UnknownSchemaException.class);
    }
    int asked = delegate.calls.get();

    // the map is shared with other tests' registries, whose older misses went first; then
    // 1_000_001, the least recently used of this registry's; 1_000_000 and the latest are kept
    assertThatThrownBy(() -> registry.schema(CachingSchemaRegistry.MAX_MISSES))
        .isInstanceOf(UnknownSchemaException.class);
    assertThatThrownBy(() -> registry.schema(1_000_000)).isInstanceOf(UnknownSchemaException.class);
    assertThat(delegate.calls.get()).isEqualTo(asked);
    assertThatThrownBy(() -> registry.schema(1_000_001)).isInstanceOf(UnknownSchemaException.class);
    assertThat(delegate.calls.get()).isEqualTo(asked + 1);
  }

  @Test
  void whatTheRegistryThrowsUncheckedIsNotAMiss() {
    SchemaRegistry refusing =
        new SchemaRegistry() {
          private static final long serialVersionUID = 1L;
          private final String location = "test:" + UUID.randomUUID();

          @Override
          public Schema schema(int id) {
            delegate.calls.incrementAndGet();
            throw new IllegalStateException("registry refused");
          }

          @Override
          public String location() {
            return location;
          }
        };
    CachingSchemaRegistry registry = new CachingSchemaRegistry(refusing);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> registry.schema(1)).hasMessage("registry refused");
    }
    assertThat(delegate.calls.get()).isEqualTo(3);
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
