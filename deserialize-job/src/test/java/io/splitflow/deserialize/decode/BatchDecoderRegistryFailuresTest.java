package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.job.PermanentException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * What the decode UDF does with a failure that concerns every record alike (the registry refused
 * the credentials, or is down): it fails the batch instead of dead-lettering the records.
 */
class BatchDecoderRegistryFailuresTest {

  @Test
  void splitflowFailureFailsTheBatch() {
    PermanentException refused = new PermanentException("registry.unauthorized", "HTTP 401");
    RecordDecoder decoder =
        value -> {
          throw refused;
        };

    assertThatThrownBy(() -> BatchDecoder.decodeOne(decoder, null, null, new byte[] {0}))
        .isSameAs(refused);
  }

  @Test
  void otherRuntimeFailureIsStillOneDeadLetter() {
    RecordDecoder decoder =
        value -> {
          throw new IllegalStateException("decoder bug");
        };

    Row row = BatchDecoder.decodeOne(decoder, null, null, new byte[] {0});

    assertThat(row.getString(2)).isEqualTo(DecodeError.DECODER_FAILURE.name());
    assertThat(row.getString(3))
        .isEqualTo("could not decode: java.lang.IllegalStateException: decoder bug");
  }
}
