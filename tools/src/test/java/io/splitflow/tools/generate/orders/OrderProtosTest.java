package io.splitflow.tools.generate.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OrderProtosTest {

  @Test
  void theShippedDescriptorSetIsTheOneTheOrdersAreWrittenWith() throws Exception {
    // regenerate after changing OrderProtos (and order.proto): write descriptorSet() to the file
    assertThat(Files.readAllBytes(Path.of("..", "conf", "schemas", "order.desc")))
        .isEqualTo(OrderProtos.descriptorSet());
  }
}
