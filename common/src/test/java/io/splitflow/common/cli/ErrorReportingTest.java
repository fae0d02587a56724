package io.splitflow.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorReportingTest {

  @Command(name = "some-job")
  static final class SomeJob implements Runnable {
    @Option(names = "--set")
    String set;

    @Override
    public void run() {}
  }

  @Test
  void badArgumentsAreOneLineWithTheHintOnIt() {
    StringWriter err = new StringWriter();
    CommandLine cli = ErrorReporting.configure(new CommandLine(new SomeJob()));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("--set");

    assertThat(code).isEqualTo(ErrorReporting.BAD_CONFIG);
    assertThat(err.toString().lines())
        .containsExactly(
            "some-job: Missing required parameter for option '--set' (<set>)"
                + " (run 'some-job --help' for the options)");
  }
}
