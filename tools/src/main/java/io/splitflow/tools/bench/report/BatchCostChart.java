package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.report.BatchCostSummary.JobSummary;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * bench.png of {@code bench --batch-cost}: per job, splitflow's bar beside its reference's, fixed
 * CPU-seconds per batch on the left and CPU-seconds per million records on the right (medians).
 */
public final class BatchCostChart {
  static final String SPLITFLOW = "splitflow";
  static final String REFERENCE = "reference query";
  private static final int HEADER = 40;
  private static final Color SPLITFLOW_COLOR = new Color(0x1F77B4);
  private static final Color REFERENCE_COLOR = new Color(0xA0A0A0);

  /** One panel's bars: the jobs' labels and each side's median, null where there is none. */
  record Panel(
      String title,
      String pattern,
      List<String> jobs,
      List<Double> splitflow,
      List<Double> reference) {}

  private BatchCostChart() {}

  static List<Panel> panels(BatchCostSummary summary) {
    return List.of(
        panel(
            "fixed CPU-s per batch",
            "#,##0.###",
            summary,
            JobSummary::splitflowFixed,
            JobSummary::referenceFixed,
            JobSummary::fixedRatio),
        panel(
            "CPU-s per million records",
            "#,##0",
            summary,
            JobSummary::splitflowPerMillion,
            JobSummary::referencePerMillion,
            JobSummary::perRecordRatio));
  }

  private static Panel panel(
      String title,
      String pattern,
      BatchCostSummary summary,
      Function<JobSummary, Spread> splitflow,
      Function<JobSummary, Spread> reference,
      Function<JobSummary, Spread> ratio) {
    List<String> jobs = new ArrayList<>();
    List<Double> ours = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    for (JobSummary j : summary.jobs()) {
      double r = ratio.apply(j).median();
      jobs.add(j.job() + (Double.isFinite(r) ? " (" + Figures.decimal(r) + "×)" : ""));
      ours.add(bar(splitflow.apply(j).median()));
      theirs.add(bar(reference.apply(j).median()));
    }
    return new Panel(title, pattern, jobs, ours, theirs);
  }

  private static Double bar(double x) {
    return Double.isFinite(x) ? x : null;
  }

  public static void write(BatchCostSummary summary, Path file) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.write(render(summary), "png", file.toFile());
  }

  static BufferedImage render(BatchCostSummary summary) {
    int width = BenchChart.WIDTH;
    int height = BenchChart.HEIGHT;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "batch cost, medians over "
            + summary.runs()
            + (summary.runs() == 1 ? " run" : " runs")
            + "   (n× = splitflow over the reference query)",
        16,
        26);
    List<Panel> panels = panels(summary);
    int cell = width / panels.size();
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D area = (Graphics2D) g.create(i * cell, HEADER, cell, height - HEADER);
      chart(panels.get(i), cell, height - HEADER).paint(area, cell, height - HEADER);
      area.dispose();
    }
    g.dispose();
    return image;
  }

  private static CategoryChart chart(Panel panel, int width, int height) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(panel.title())
            .yAxisTitle("CPU-s")
            .build();
    CategoryStyler styler = chart.getStyler();
    // below the plot: inside it, the legend hides the top of the tallest bar
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLabelsVisible(true);
    styler.setYAxisDecimalPattern(panel.pattern());
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setAxisTicksMarksVisible(false);
    if (panel.jobs().isEmpty()) {
      return chart;
    }
    chart.addSeries(SPLITFLOW, panel.jobs(), panel.splitflow()).setFillColor(SPLITFLOW_COLOR);
    chart.addSeries(REFERENCE, panel.jobs(), panel.reference()).setFillColor(REFERENCE_COLOR);
    return chart;
  }
}
