package io.splitflow.deserialize.decode.registry;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers the schemas of another registry for the life of the JVM, and its misses briefly.
 *
 * <p>The cache is static, keyed by the delegate's location: Spark deserializes a fresh decoder for
 * every task, so a per-instance cache would ask the registry again for every task of every batch. A
 * registered id never changes its schema, so found schemas are kept for good. A miss (an unknown
 * id, or, with {@code on-unavailable: dead-letter}, a registry that stayed unreachable through its
 * retries) is kept for {@link #MISS_TTL}, so a run of records with a bad id costs one request
 * rather than one per record, yet an id registered a moment after a producer used it is found soon
 * after; the {@link #MAX_MISSES} most recently used misses are kept. What the delegate throws
 * unchecked (refused credentials, a registry unavailable under {@code on-unavailable: fail}) is not
 * a miss: it is not kept, so it never turns into dead letters. Threads that miss the same id at the
 * same moment may each ask once.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {

  public static final Duration MISS_TTL = Duration.ofSeconds(30);

  private static final long serialVersionUID = 1L;
  // garbage ids must not grow the map for ever; a forgotten miss costs one request more
  static final int MAX_MISSES = 10_000;
  private static final Map<Key, Schema> FOUND = new ConcurrentHashMap<>();
  private static final Map<Key, Miss> MISSES =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Miss> eldest) {
              return size() > MAX_MISSES;
            }
          });

  private final SchemaRegistry delegate;
  private final long missTtlNanos;

  public CachingSchemaRegistry(SchemaRegistry delegate) {
    this(delegate, MISS_TTL);
  }

  CachingSchemaRegistry(SchemaRegistry delegate, Duration missTtl) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.missTtlNanos = missTtl.toNanos();
  }

  @Override
  public Schema schema(int id) throws UnknownSchemaException {
    Key key = new Key(delegate.location(), id);
    Schema schema = FOUND.get(key);
    if (schema != null) {
      return schema;
    }
    long now = System.nanoTime();
    Miss miss = MISSES.get(key);
    if (miss != null && now - miss.at() < missTtlNanos) {
      throw new UnknownSchemaException(miss.message());
    }
    try {
      schema = delegate.schema(id);
    } catch (UnknownSchemaException e) {
      MISSES.put(key, new Miss(e.getMessage(), System.nanoTime()));
      throw e;
    }
    FOUND.put(key, schema);
    MISSES.remove(key);
    return schema;
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public String toString() {
    return "cached " + delegate;
  }

  private record Key(String location, int id) {}

  private record Miss(String message, long at) {}
}
