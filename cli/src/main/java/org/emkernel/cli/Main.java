package org.emkernel.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code emkernel} command: {@code demo}, {@code fit} and {@code sample}. Exit codes: 0 on success, 2 for
 * a user error (bad option, bad input line, missing file, invalid model), 1 for an internal failure.
 */
@Command(name = "emkernel", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Fits finite mixtures by EM over outcome-count histograms.",
    synopsisSubcommandLabel = "(demo | fit | sample)")
public final class Main implements Runnable {
  /** Exit code of a user error. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of an internal failure. */
  public static final int EXIT_INTERNAL = 1;

  @Spec
  CommandSpec spec;

  private Main() {}

  /** Runs the tool on the process's streams and exits with its exit code. */
  public static void main(String[] args) {
    // One-line log records on stderr (the kernel fallback warning), unless the user configured logging.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "emkernel: %4$s: %5$s%6$s%n");
    }
    int code = execute(args, System.in, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs the tool with the given streams (for tests and embedding) and returns its exit code. */
  public static int execute(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
    Io io = new Io(stdin, stdout, stderr);
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand(new DemoCommand(io));
    cl.addSubcommand(new FitCommand(io));
    cl.addSubcommand(new SampleCommand(io));
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(stderr, true));
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
        stderr.println("emkernel: " + oneLine(ex.getMessage()));
        return EXIT_USAGE;
      }
      throw ex;
    });
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      stderr.flush();
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: demo, fit or sample");
  }

  static String oneLine(String message) {
    if (message == null) {
      return "error";
    }
    return message.replace('\n', ' ').replace('\r', ' ');
  }

  /** The version string, from the jar manifest when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"emkernel " + (v == null ? "(development build)" : v)};
    }
  }
}
