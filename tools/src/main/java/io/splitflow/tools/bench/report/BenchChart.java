package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.Stages;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * bench.png: each job's records per CPU-second beside its ceiling, and the split pipeline beside
 * the monolith, from each stage's median run. One panel per pair, each with its own scale: a
 * KafkaConsumer handles tens of times more records per CPU-second than a MERGE, and on one shared
 * axis the MERGE bars would be a few pixels high.
 */
public final class BenchChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 600;
  static final String SPLITFLOW = "splitflow";
  static final String CEILING = "ceiling / monolith";
  private static final int HEADER = 40;
  private static final Color SPLITFLOW_COLOR = new Color(0x1F77B4);
  private static final Color CEILING_COLOR = new Color(0xA0A0A0);

  /** What a panel compares: a splitflow stage and the stage it is held against. */
  private record Category(
      String title, String job, String jobLabel, String ceiling, String ceilingLabel) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category("ingest", Stages.INGEST, "ingest", Stages.L1_CONSUMER, "L1 KafkaConsumer"),
          new Category(
              "deserialize",
              Stages.DESERIALIZE,
              "deserialize",
              Stages.L2_DECODE_1,
              "L2 decode, 1 thread"),
          new Category(
              "merge, one large batch",
              Stages.MERGE_LARGE,
              "merge",
              Stages.L3_APPEND_BRONZE,
              "L3 append, bronze schema"),
          new Category("split vs monolith", Stages.SPLIT, "split", Stages.MONOLITH, "monolith"));

  /** One panel's bars, records per CPU-second; a stage that was not measured has no bar. */
  record Panel(
      String title,
      String jobLabel,
      Optional<Double> job,
      String ceilingLabel,
      Optional<Double> ceiling) {}

  private BenchChart() {}

  /** The panels to draw, leaving out any whose two stages were both not measured. */
  static List<Panel> panels(BenchSummary summary) {
    List<Panel> panels = new ArrayList<>();
    for (Category c : CATEGORIES) {
      Optional<Double> job = perCpuSecond(summary, c.job());
      Optional<Double> ceiling = perCpuSecond(summary, c.ceiling());
      if (job.isPresent() || ceiling.isPresent()) {
        panels.add(new Panel(c.title(), c.jobLabel(), job, c.ceilingLabel(), ceiling));
      }
    }
    return panels;
  }

  private static Optional<Double> perCpuSecond(BenchSummary summary, String stage) {
    return summary.stage(stage).map(s -> s.typical().recordsPerCpuSecond());
  }

  public static void write(BenchSummary summary, Path file) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.write(render(summary), "png", file.toFile());
  }

  static BufferedImage render(BenchSummary summary) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    header(g);
    List<Panel> panels = panels(summary);
    int columns = panels.size() == 1 ? 1 : 2;
    int rows = Math.max(1, (panels.size() + 1) / 2);
    int width = WIDTH / columns;
    int height = (HEIGHT - HEADER) / rows;
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D cell =
          (Graphics2D)
              g.create((i % columns) * width, HEADER + (i / columns) * height, width, height);
      chart(panels.get(i), width, height).paint(cell, width, height);
      cell.dispose();
    }
    g.dispose();
    return image;
  }

  private static void header(Graphics2D g) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("records per CPU-second, median run   (n× = splitflow over its ceiling)", 16, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    FontMetrics metrics = g.getFontMetrics();
    // each entry: a 14 px square, 6 px, the name; 40 px between the entries
    int x =
        WIDTH - 16 - (20 + metrics.stringWidth(SPLITFLOW) + 40 + 20 + metrics.stringWidth(CEILING));
    for (String series : List.of(SPLITFLOW, CEILING)) {
      g.setColor(series.equals(SPLITFLOW) ? SPLITFLOW_COLOR : CEILING_COLOR);
      g.fillRect(x, 14, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(series, x + 20, 26);
      x += 20 + metrics.stringWidth(series) + 40;
    }
  }

  private static CategoryChart chart(Panel panel, int width, int height) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(title(panel))
            .yAxisTitle("records per CPU-s")
            .build();
    CategoryStyler styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setOverlapped(true);
    styler.setLabelsVisible(true);
    styler.setYAxisMin(0.0);
    styler.setYAxisDecimalPattern("#,###");
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setAxisTicksMarksVisible(false);
    List<String> labels = new ArrayList<>();
    panel.job().ifPresent(v -> labels.add(panel.jobLabel()));
    panel.ceiling().ifPresent(v -> labels.add(panel.ceilingLabel()));
    // With both bars, each series leaves the other's category empty; overlapped, the bars keep
    // their full width.
    panel.job().ifPresent(v -> series(chart, SPLITFLOW, labels, 0, v, SPLITFLOW_COLOR));
    panel
        .ceiling()
        .ifPresent(v -> series(chart, CEILING, labels, labels.size() - 1, v, CEILING_COLOR));
    return chart;
  }

  private static void series(
      CategoryChart chart, String name, List<String> labels, int at, double value, Color color) {
    Double[] values = new Double[labels.size()];
    values[at] = value;
    chart.addSeries(name, labels, Arrays.asList(values)).setFillColor(color);
  }

  private static String title(Panel panel) {
    if (panel.job().isPresent() && panel.ceiling().isPresent()) {
      double ratio = panel.ceiling().get() == 0 ? 0 : panel.job().get() / panel.ceiling().get();
      return panel.title() + " — " + Figures.decimal(ratio) + "×";
    }
    String missing = panel.job().isEmpty() ? panel.jobLabel() : panel.ceilingLabel();
    return panel.title() + " (" + missing + " not measured)";
  }
}
