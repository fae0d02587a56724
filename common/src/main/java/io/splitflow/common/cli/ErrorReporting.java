package io.splitflow.common.cli;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.events.JobEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * One line on stderr per failure; the stack trace only with --verbose. Passwords a message embeds
 * (a JAAS line, a URL's user info) are hidden.
 */
public final class ErrorReporting {
  public static final int RUNTIME_FAILURE = 1;
  public static final int BAD_CONFIG = 2;

  private ErrorReporting() {}

  public static CommandLine configure(CommandLine commandLine) {
    String name = commandLine.getCommandName();
    return commandLine
        .setParameterExceptionHandler(
            (e, args) -> {
              // one line, as for every other failure: the hint goes on it
              e.getCommandLine()
                  .getErr()
                  .println(
                      name
                          + ": "
                          + Secrets.scrub(firstLine(e.getMessage()))
                          + " (run '"
                          + name
                          + " --help' for the options)");
              return BAD_CONFIG;
            })
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof ConfigException) {
                // found while loading the config, before any table was touched
                cmd.getErr().println(name + ": " + Secrets.scrub(e.getMessage()));
                return BAD_CONFIG;
              }
              cmd.getErr().println(name + ": failed: " + Secrets.scrub(rootMessage(e)));
              if (verbose(parsed)) {
                cmd.getErr().print(Secrets.scrub(stackTrace(e)));
              }
              return RUNTIME_FAILURE;
            });
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String stackTrace(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace, true));
    return trace.toString();
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }

  /** The innermost cause's first line: Spark wraps the real reason in several layers. */
  public static String rootMessage(Throwable error) {
    return JobEvents.rootMessage(error);
  }
}
