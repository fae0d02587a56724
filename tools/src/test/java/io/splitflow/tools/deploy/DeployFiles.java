package io.splitflow.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files and what they must agree with: the job modules' artifacts and
 * main classes, read from their poms.
 */
final class DeployFiles {
  /** Surefire runs in tools/; the deployment files live at the repository root. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The three jobs in pipeline order: the task ids the deployment files use. */
  static final List<String> JOBS = List.of("ingest", "deserialize", "merge");

  private DeployFiles() {}

  /**
   * One job module: its directory, artifact, version and the main class its jar's manifest names.
   */
  record JobModule(String job, String directory, String artifactId, String version, String main) {
    String allJar() {
      return artifactId + "-" + version + "-all.jar";
    }

    /** The jar as the build leaves it, relative to the repository root. */
    String builtJar() {
      return directory + "/target/" + allJar();
    }
  }

  static List<JobModule> jobModules() {
    List<JobModule> modules = new ArrayList<>();
    for (String job : JOBS) {
      String directory = job + "-job";
      Document pom = xml(ROOT.resolve(directory).resolve("pom.xml"));
      Element project = pom.getDocumentElement();
      Element parent = child(project, "parent");
      String main = pom.getElementsByTagName("mainClass").item(0).getTextContent().trim();
      modules.add(
          new JobModule(
              job, directory, text(project, "artifactId"), text(parent, "version"), main));
    }
    return modules;
  }

  /**
   * A YAML file as a tree, with anchors, aliases and {@code <<} merge keys resolved (SnakeYAML, the
   * parser under Jackson's YAML module; Jackson itself leaves merge keys unresolved).
   */
  static JsonNode yaml(Path file) {
    Object document = new Yaml(new LoaderOptions()).load(read(file));
    return JsonMapper.builder().build().valueToTree(document);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** The value after {@code option} in an argument list, or null. */
  static String argument(List<String> args, String option) {
    int index = args.indexOf(option);
    return index < 0 || index + 1 >= args.size() ? null : args.get(index + 1);
  }

  private static Document xml(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Element child(Element element, String name) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child && child.getTagName().equals(name)) {
        return child;
      }
    }
    throw new IllegalStateException("no <" + name + "> under <" + element.getTagName() + ">");
  }

  private static String text(Element element, String name) {
    return child(element, name).getTextContent().trim();
  }
}
