package io.splitflow.tools.it;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged through log4j2 while open, every logger at INFO as under Spark's default
 * profile (the tests' profile keeps Kafka and Spark at WARN and ERROR). Start it after Spark: on
 * its first log line Spark may replace log4j2's configuration.
 */
final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Map<LoggerConfig, Level> levels = new HashMap<>();
  private final Appender appender;

  private LogCapture() {
    LoggerConfig root = context.getConfiguration().getRootLogger();
    levels.put(root, root.getLevel());
    context.getConfiguration().getLoggers().values().forEach(l -> levels.put(l, l.getLevel()));
    levels.keySet().forEach(logger -> logger.setLevel(Level.INFO));
    appender =
        WriterAppender.newBuilder()
            .setName("it-log-capture")
            .setTarget(text)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build())
            .build();
    appender.start();
    root.addAppender(appender, null, null);
    context.updateLoggers();
  }

  static LogCapture start() {
    return new LogCapture();
  }

  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    levels.forEach(LoggerConfig::setLevel);
    context.updateLoggers();
    appender.stop();
  }
}
