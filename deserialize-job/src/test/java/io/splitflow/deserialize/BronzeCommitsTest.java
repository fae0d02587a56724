package io.splitflow.deserialize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dead-letter count a bronze commit records, read back; anyone else's metadata is unknown. */
class BronzeCommitsTest {
  @Test
  void theMarkerReadsBack() {
    assertThat(BronzeCommits.parse(BronzeCommits.marker(0))).contains(0L);
    assertThat(BronzeCommits.parse(BronzeCommits.marker(17))).contains(17L);
  }

  @Test
  void otherMetadataIsUnknown() {
    assertThat(BronzeCommits.parse("nightly backfill")).isEmpty();
    assertThat(BronzeCommits.parse("{\"dead_letters\":\"x\"}")).isEmpty();
    assertThat(BronzeCommits.parse("{\"owner\":\"ops\"}")).isEmpty();
  }
}
