package io.splitflow.microbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.tools.generate.Message;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message value decoded per operation, as the deserialize job's UDF does it, over the
 * generator's readings (1% malformed). {@link #jacksonReadTree} is the floor: Jackson parsing the
 * same JSON into a tree, with no schema, types or checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DecodeBenchmark {
  private RecordDecoder jsonDecoder;
  private RecordDecoder avroDecoder;
  private ObjectMapper mapper;
  private Cycle<Message> json;
  private Cycle<Message> jsonForTree;
  private Cycle<Message> avro;

  @Setup
  public void setUp() {
    // built from conf/local.yaml exactly as the job builds them
    jsonDecoder = RecordDecoders.forDataset(SensorData.dataset(SensorData.JSON_DATASET));
    avroDecoder = RecordDecoders.forDataset(SensorData.dataset(SensorData.AVRO_DATASET));
    mapper = new ObjectMapper();
    json = new Cycle<>(SensorData.json());
    jsonForTree = new Cycle<>(SensorData.json());
    avro = new Cycle<>(SensorData.confluentAvro());
  }

  @Benchmark
  public DecodeResult json() {
    return jsonDecoder.decode(json.next().value());
  }

  @Benchmark
  public DecodeResult confluentAvro() {
    return avroDecoder.decode(avro.next().value());
  }

  /** The tree, or the exception for a malformed value (the decoders catch theirs too). */
  @Benchmark
  public Object jacksonReadTree() {
    try {
      return mapper.readTree(jsonForTree.next().value());
    } catch (IOException e) {
      return e;
    }
  }
}
