package io.splitflow.tools.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A GitHub markdown table: the first columns hold text (left), the rest figures (right). */
public final class MarkdownTable {
  private final int textColumns;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public MarkdownTable(int textColumns, String... headers) {
    this.textColumns = textColumns;
    this.headers = List.of(headers);
  }

  public MarkdownTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
    }
    rows.add(Arrays.asList(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    line(out, headers);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      rule.add(i < textColumns ? "---" : "---:");
    }
    line(out, rule);
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(c -> out.append(' ').append(escape(c)).append(" |"));
    out.append('\n');
  }

  /** Pipes would end the cell and a line break the row. */
  static String escape(String cell) {
    return cell.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }
}
