package io.splitflow.tools.bench.ceiling;

import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * L2: how fast this JVM decodes the payloads into typed rows with no Spark in the way, on one
 * thread or several. Each thread takes a contiguous slice of the list and a decoder of its own.
 * Records are all payloads, decoded or not; the details count the failures.
 *
 * <p>Before the measured part, one thread decodes up to {@link #WARM_UP_PAYLOADS}: 2M decodes in a
 * cold JVM cost a third more CPU than warm ones (200k of warm-up left a quarter more), and a
 * ceiling should be the steady state.
 */
public final class DecodeCeiling {
  static final int WARM_UP_PAYLOADS = 1_000_000;

  private DecodeCeiling() {}

  public static Measurement measure(
      Meter meter, List<byte[]> payloads, DecodeFormat format, int threads) throws Exception {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    byte[][] values = payloads.toArray(new byte[0][]);
    int warmUp = Math.min(values.length, WARM_UP_PAYLOADS);
    decodeSlice(values, 0, warmUp, format.newDecoder());
    return meter.measure(
        stageName(threads),
        () -> {
          Tally tally = decodeAll(values, format, threads);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("format", format.label());
          details.put("threads", threads);
          details.put("warm-up payloads", warmUp);
          details.put("decoded", tally.decoded());
          details.put("failures", tally.failures());
          details.put("non-null values", tally.nonNullValues());
          return new Meter.Outcome(values.length, details);
        });
  }

  static String stageName(int threads) {
    return switch (threads) {
      case 1 -> Stages.L2_DECODE_1;
      case 2 -> Stages.L2_DECODE_2;
      default -> "L2 decode, " + threads + " threads";
    };
  }

  /**
   * Non-null values are summed so that the rows are used: a loop whose results go nowhere invites
   * the JIT to drop work.
   */
  record Tally(long decoded, long failures, long nonNullValues) {
    Tally plus(Tally other) {
      return new Tally(
          decoded + other.decoded, failures + other.failures, nonNullValues + other.nonNullValues);
    }
  }

  private static Tally decodeAll(byte[][] payloads, DecodeFormat format, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Tally>> slices = new ArrayList<>();
      int size = payloads.length;
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) size * t / threads);
        int to = (int) ((long) size * (t + 1) / threads);
        slices.add(pool.submit(() -> decodeSlice(payloads, from, to, format.newDecoder())));
      }
      Tally total = new Tally(0, 0, 0);
      for (Future<Tally> slice : slices) {
        total = total.plus(slice.get());
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Tally decodeSlice(byte[][] payloads, int from, int to, ReadingDecoder decoder) {
    long decoded = 0;
    long failures = 0;
    long nonNull = 0;
    for (int i = from; i < to; i++) {
      Object[] row = decoder.decode(payloads[i]);
      if (row == null) {
        failures++;
        continue;
      }
      decoded++;
      for (Object value : row) {
        if (value != null) {
          nonNull++;
        }
      }
    }
    return new Tally(decoded, failures, nonNull);
  }
}
