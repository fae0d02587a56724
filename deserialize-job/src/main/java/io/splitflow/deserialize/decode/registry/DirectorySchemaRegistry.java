package io.splitflow.deserialize.decode.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * Schemas read from {@code <dir>/<id>.avsc}, for running without a registry. The directory must be
 * readable on every executor (a shared file system, or shipped with {@code --files}).
 */
public final class DirectorySchemaRegistry implements SchemaRegistry {

  private static final long serialVersionUID = 1L;

  private final String dir;

  public DirectorySchemaRegistry(String dir) {
    this.dir = Path.of(dir).toAbsolutePath().normalize().toString();
  }

  @Override
  public Schema schema(int id) throws UnknownSchemaException {
    Path file = Path.of(dir, id + ".avsc");
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UnknownSchemaException("schema id " + id + " is not in schema directory " + dir);
    } catch (IOException e) {
      throw new UnknownSchemaException("schema id " + id + ": cannot read " + file + ": " + e);
    }
    return SchemaText.parse(text, "schema id " + id + ": " + file);
  }

  @Override
  public String location() {
    return dir;
  }

  @Override
  public String toString() {
    return "schema directory " + dir;
  }
}
