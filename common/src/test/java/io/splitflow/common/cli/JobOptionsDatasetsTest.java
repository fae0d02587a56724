package io.splitflow.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.OnDatasetFailure;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobOptionsDatasetsTest {
  private static final String CONFIG =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: /tmp/lake }
      datasets:
        zebra:
          topic: z
          trigger: interval=1m
          fields: [{ name: id, type: string, required: true }]
          merge: { keys: id, sequence-by: id }
        apple:
          topic: a
          fields: [{ name: id, type: string, required: true }]
          merge: { keys: id, sequence-by: id }
        mango:
          topic: m
          fields: [{ name: id, type: string, required: true }]
          merge: { keys: id, sequence-by: id }
      """;

  @TempDir Path dir;

  private List<JobContext> contexts(String... args) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG);
    JobOptions options = new JobOptions();
    new CommandLine(options).parseArgs(withConfig(config, args));
    return options.contexts(JobName.DESERIALIZE, Map.of());
  }

  private static String[] withConfig(Path config, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }

  private static List<String> names(List<JobContext> contexts) {
    return contexts.stream().map(c -> c.dataset().name()).toList();
  }

  @Test
  void repeatedDatasetOptionRunsThoseDatasetsInTheOrderGiven() throws Exception {
    assertThat(names(contexts("--dataset", "mango", "--dataset", "zebra")))
        .containsExactly("mango", "zebra");
  }

  @Test
  void allDatasetsRunsEveryDatasetByNameEachWithItsOwnTriggerAndCheckpoint() throws Exception {
    List<JobContext> contexts = contexts("--all-datasets");

    assertThat(names(contexts)).containsExactly("apple", "mango", "zebra");
    assertThat(contexts.get(2).trigger()).isInstanceOf(TriggerSpec.Interval.class);
    assertThat(contexts.get(0).trigger()).isInstanceOf(TriggerSpec.AvailableNow.class);
    assertThat(contexts.stream().map(JobContext::checkpoint).distinct()).hasSize(3);
    assertThat(contexts.stream().map(c -> c.txnAppId("q")).distinct()).hasSize(3);
  }

  @Test
  void triggerOptionAppliesToEveryDataset() throws Exception {
    assertThat(contexts("--all-datasets", "--trigger", "once"))
        .allSatisfy(c -> assertThat(c.trigger()).isInstanceOf(TriggerSpec.Once.class));
  }

  @Test
  void datasetAndAllDatasetsExcludeEachOther() {
    assertThatThrownBy(() -> contexts("--all-datasets", "--dataset", "apple"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--dataset and --all-datasets exclude each other; give one");
  }

  @Test
  void aDatasetGivenTwiceOrUnknownIsAConfigErrorNamingIt() {
    assertThatThrownBy(() -> contexts("--dataset", "apple", "--dataset", "apple"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--dataset: 'apple' is given twice");
    assertThatThrownBy(() -> contexts("--dataset", "apple", "--dataset", "kiwi"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--dataset: 'kiwi' is not a dataset of this config; known:");
  }

  @Test
  void neitherOptionIsAMissingOption() {
    assertThatThrownBy(this::contexts)
        .isInstanceOf(ConfigException.class)
        .hasMessage("Missing required option: '--dataset=NAME' or '--all-datasets'");
  }

  @Test
  void aOneDatasetCommandRefusesSeveral() throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG);
    JobOptions options = new JobOptions();
    new CommandLine(options)
        .parseArgs("--config", config.toString(), "--dataset", "apple", "--dataset", "mango");

    assertThatThrownBy(() -> options.context(JobName.DESERIALIZE, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--dataset: this command runs one dataset; give --dataset NAME once");
  }

  @Test
  void onDatasetFailureDefaultsToIsolateAndTakesStopAll() throws Exception {
    assertThat(contexts("--all-datasets").get(0).config().onDatasetFailure())
        .isEqualTo(OnDatasetFailure.ISOLATE);
    assertThat(
            contexts("--all-datasets", "--set", "on-dataset-failure=stop-all")
                .get(0)
                .config()
                .onDatasetFailure())
        .isEqualTo(OnDatasetFailure.STOP_ALL);
    assertThatThrownBy(() -> contexts("--all-datasets", "--set", "on-dataset-failure=ignore"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("on-dataset-failure")
        .hasMessageContaining("use one of isolate, stop-all");
  }
}
