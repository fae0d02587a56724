package io.splitflow.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.bench.Stages;
import io.splitflow.tools.bench.report.BenchChart.Panel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @TempDir Path dir;

  @Test
  void eachJobStandsBesideItsCeilingAndTheSplitBesideTheMonolith() {
    List<Panel> panels = BenchChart.panels(BenchSummary.of(BenchFixtures.result()));

    assertThat(panels)
        .containsExactly(
            new Panel(
                "ingest",
                "ingest",
                Optional.of(200_000.0),
                "L1 KafkaConsumer",
                Optional.of(400_000.0)),
            new Panel(
                "deserialize",
                "deserialize",
                Optional.of(160_000.0),
                "L2 decode, 1 thread",
                Optional.of(200_000.0)),
            new Panel(
                "merge, one large batch",
                "merge",
                Optional.of(40_000.0),
                "L3 append, bronze schema",
                Optional.of(80_000.0)),
            new Panel(
                "split vs monolith",
                "split",
                Optional.of(32_000.0),
                "monolith",
                Optional.of(40_000.0)));
  }

  @Test
  void stagesNotMeasuredHaveNoBarAndPairsNotMeasuredNoPanel() {
    BenchSummary summary =
        BenchSummary.of(
            BenchFixtures.result(
                3, Set.of(Stages.MONOLITH, Stages.MERGE_LARGE, Stages.L3_APPEND_BRONZE)));

    List<Panel> panels = BenchChart.panels(summary);

    assertThat(panels)
        .extracting(Panel::title)
        .containsExactly("ingest", "deserialize", "split vs monolith");
    assertThat(panels.get(2).job()).contains(32_000.0);
    assertThat(panels.get(2).ceiling()).isEmpty();
  }

  @Test
  void theChartIsAThousandBySixHundredPng() throws Exception {
    Path file = dir.resolve("bench.png");
    BenchChart.write(BenchSummary.of(BenchFixtures.result()), file);

    assertPng(file);
  }

  @Test
  void aChartWithMissingStagesIsStillDrawn() throws Exception {
    Path file = dir.resolve("partial.png");
    BenchSummary summary =
        BenchSummary.of(
            BenchFixtures.result(1, Set.of(Stages.MONOLITH, Stages.INGEST, Stages.L1_CONSUMER)));
    BenchChart.write(summary, file);

    assertPng(file);
  }

  static void assertPng(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(BenchChart.HEIGHT).isEqualTo(600);
  }
}
