package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySchemaRegistryTest {

  @TempDir Path dir;

  @Test
  void readsIdDotAvsc() throws IOException, UnknownSchemaException {
    Files.writeString(dir.resolve("7.avsc"), READING.toString());

    assertThat(new DirectorySchemaRegistry(dir.toString()).schema(7)).isEqualTo(READING);
  }

  @Test
  void missingFileIsAnUnknownId() {
    assertThatThrownBy(() -> new DirectorySchemaRegistry(dir.toString()).schema(8))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage("schema id 8 is not in schema directory " + dir);
  }

  @Test
  void fileThatIsNotAnAvroSchemaIsRefused() throws IOException {
    Files.writeString(
        dir.resolve("9.avsc"),
        "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"x\", \"type\": \"Other\"}]}");

    assertThatThrownBy(() -> new DirectorySchemaRegistry(dir.toString()).schema(9))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 9: "
                + dir.resolve("9.avsc")
                + " is not an Avro schema: Undefined schema: Other");
  }

  @Test
  void fileNamingAnUndefinedTypeIsRefused() throws IOException {
    Files.writeString(dir.resolve("10.avsc"), "\"Other\"");

    assertThatThrownBy(() -> new DirectorySchemaRegistry(dir.toString()).schema(10))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage(
            "schema id 10: "
                + dir.resolve("10.avsc")
                + " is not an Avro schema: it names a type it does not define");
  }
}
