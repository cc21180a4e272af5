package org.emkernel.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code emkernel} command: {@code demo}, {@code fit} and {@code sample}. Exit codes: 0 on success, 2 for
 * a user error (bad option or option value, bad input line, missing file, invalid model), 1 for a failure to
 * read or write, out of memory or an internal error. Every error is one line on stderr starting with
 * {@code emkernel: }, its text from data, file names and options escaped; nothing goes to stdout then.
 */
public final class Main implements Runnable {
  /** Exit code of a user error. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of a failure to read or write, of running out of memory, or of an internal error. */
  public static final int EXIT_INTERNAL = 1;
  /** Exit code when standard output is closed early, as for a process ended by SIGPIPE. */
  public static final int EXIT_BROKEN_PIPE = 141;

  /** The model {@link #spec()} built. */
  private CommandSpec spec;

  private Main() {}

  /** Runs the tool on the process's streams and exits with its exit code. */
  public static void main(String[] args) {
    // One-line log records on stderr (the kernel fallback warning), unless the user configured logging.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "emkernel: %4$s: %5$s%6$s%n");
    }
    InputStream stdin = StdStreams.closedAtStart(0) ? StdStreams.closedInput()
        : new FileInputStream(FileDescriptor.in);
    // Raw, unsynchronised stdout: the commands buffer themselves, and a closed pipe surfaces as an IOException.
    OutputStream stdout = StdStreams.closedAtStart(1) ? StdStreams.closedOutput()
        : new FileOutputStream(FileDescriptor.out);
    int code = execute(args, stdin, stdout, System.err);
    System.exit(code);
  }

  /** Runs the tool with the given streams (for tests and embedding) and returns its exit code. */
  public static int execute(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
    Stdout out = new Stdout(stdout);
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli builds its command model by reflection, which is most of a start-up.
      return version(out, stderr);
    }
    Io io = new Io(stdin, out, stderr);
    boolean debug = List.of(args).contains("--debug");
    int code;
    try {
      CommandLine cl = new CommandLine(new Main().spec());
      // picocli builds a command's model by reflection when it is added: when the line starts with a command's
      // name, only that command can run, so only it is added (any other first word needs them all: help, errors
      // and suggestions name every command).
      String only = args.length > 0 ? args[0] : "";
      boolean one = only.equals("demo") || only.equals("fit") || only.equals("sample");
      if (!one || only.equals("demo")) {
        cl.addSubcommand(new DemoCommand(io).spec());
      }
      if (!one || only.equals("fit")) {
        cl.addSubcommand(new FitCommand(io).spec());
      }
      if (!one || only.equals("sample")) {
        cl.addSubcommand(new SampleCommand(io).spec());
      }
      PrintWriter help = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
      cl.setOut(help);
      cl.setErr(new PrintWriter(stderr, true));
      cl.setParameterExceptionHandler((ex, arguments) -> {
        stderr.println("emkernel: " + parameterMessage(ex));
        return EXIT_USAGE;
      });
      cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, stderr, debug));
      code = cl.execute(args);
      help.flush();
    } catch (Throwable t) {
      code = failure(t, stderr, debug);
    }
    if (code == 0 && out.failure() != null) {
      // Help or version text that could not be written (picocli's writer keeps such failures to itself).
      code = failure(new Stdout.OutputFailure(out.failure()), stderr, debug);
    }
    stderr.flush();
    return code;
  }

  /** Prints the version line as picocli's --version does, and returns the exit code. */
  private static int version(Stdout out, PrintStream stderr) {
    try {
      // String.concat, not +: a + here would bootstrap invokedynamic string concatenation, a visible part of a
      // start-up this short.
      out.write(versionLine().concat(System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // Stdout keeps the failure; it is reported below.
    }
    if (out.failure() != null) {
      int code = failure(new Stdout.OutputFailure(out.failure()), stderr, false);
      stderr.flush();
      return code;
    }
    return 0;
  }

  /** "emkernel " and the version from the jar manifest when packaged. */
  static String versionLine() {
    String v = Main.class.getPackage().getImplementationVersion();
    return "emkernel ".concat(v == null ? "(development build)" : v);
  }

  /** Reports a failure during a command as one line and returns the exit code. */
  private static int failure(Throwable ex, PrintStream stderr, boolean debug) {
    if (ex instanceof UserError || ex instanceof IllegalArgumentException && fromEmkernel(ex)) {
      stderr.println("emkernel: " + Text.line(ex.getMessage()));
      return EXIT_USAGE;
    }
    if (ex instanceof Stdout.OutputFailure) {
      IOException e = (IOException) ex;
      if (Stdout.brokenPipe(e)) {
        // The reader went away (sample | head): stop quietly, as a process ended by SIGPIPE would.
        return EXIT_BROKEN_PIPE;
      }
      stderr.println("emkernel: cannot write standard output: " + Text.line(e.getMessage()));
    } else if (ex instanceof InputFailure || ex instanceof IOException) {
      stderr.println("emkernel: " + Text.line(ex.getMessage()));
    } else if (ex instanceof OutOfMemoryError) {
      stderr.println("emkernel: out of memory (" + Text.line(ex.getMessage())
          + "): give the JVM more memory with EMKERNEL_JAVA_OPTS=-Xmx..., or ask for less");
    } else {
      stderr.println("emkernel: internal error: " + Text.line(String.valueOf(ex))
          + (debug ? "" : " (--debug prints the stack trace)"));
    }
    if (debug) {
      ex.printStackTrace(stderr);
    }
    return EXIT_INTERNAL;
  }

  /**
   * Whether an IllegalArgumentException was thrown by emkernel's own checks (a user error the library names)
   * rather than inside the JDK, whose messages ("bound must be greater than origin") mean a bug here.
   */
  static boolean fromEmkernel(Throwable ex) {
    StackTraceElement[] trace = ex.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("org.emkernel.");
  }

  /** picocli's message for a bad option or option value, as one line with a pointer to the help. */
  static String parameterMessage(CommandLine.ParameterException ex) {
    StringBuilder sb = new StringBuilder();
    for (String part : String.valueOf(ex.getMessage()).split("\\R")) {
      if (!part.isBlank()) {
        sb.append(sb.length() == 0 ? "" : "; ").append(part.strip());
      }
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      List<String> suggestions = ((CommandLine.UnmatchedArgumentException) ex).getSuggestions();
      if (!suggestions.isEmpty()) {
        sb.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
      }
    }
    String name = ex.getCommandLine() == null ? "emkernel" : ex.getCommandLine().getCommandSpec().qualifiedName();
    return Text.line(sb + "; see '" + name + " --help'");
  }

  /**
   * The top command's model, built here rather than read from annotations (as {@link FitCommand}'s is): the name,
   * the version, --debug (inherited by the commands) and -h/-V.
   */
  private CommandSpec spec() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(this);
    s.name("emkernel");
    s.versionProvider(new Version());
    s.usageMessage().description("Fits finite mixtures by EM over outcome-count histograms.")
        .synopsisSubcommandLabel("(demo | fit | sample)");
    s.addOption(OptionSpec.builder("--debug").type(boolean.class).scopeType(ScopeType.INHERIT)
        .description("On an internal error or out of memory, print the stack trace after the error line.").build());
    standardHelpOptions(s);
    this.spec = s;
    return s;
  }

  /** An option of one name taking a value, for the commands' models. */
  static OptionSpec.Builder option(String name, String label, Class<?> type, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(type).description(description);
  }

  /** -h/--help and -V/--version, as picocli's standard help options give them (without reading annotations). */
  static void standardHelpOptions(CommandSpec s) {
    s.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.")
        .build());
    s.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: demo, fit or sample");
  }

  /** The version string, from the jar manifest when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }
  }
}
