package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README, compiled and run as written: its leading imports stay imports, the rest becomes
 * the body of a main method. The printed values are checked against the chapter and the data.
 */
class ReadmeExamplesTest {
  static final Path README = Paths.get("..", "README.md");
  static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  /** The README's Java blocks for the core library, in order. */
  static List<String> snippets() throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
    while (m.find()) {
      // The Spark block needs a SparkSession: the spark module's build covers it.
      if (!m.group(1).startsWith("// spark module")) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Compiles snippet as class name's main method and returns what running it prints. */
  static String run(String snippet, String name, Path dir) throws Exception {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n", -1)) {
      (body.length() == 0 && (line.startsWith("import ") || line.isBlank()) ? imports : body).append(line).append('\n');
    }
    String source = imports + "public final class " + name + " {\n  public static void main(String[] args) "
        + "throws Exception {\n" + body + "  }\n}\n";
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-d", dir.toString(),
        "-cp", Paths.get("target", "classes").toString(), "-Xlint:none", file.toString());
    assertEquals(0, status, "README snippet does not compile:\n" + source + diagnostics);
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getLoader())) {
      Method main = loader.loadClass(name).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(stdout);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static ClassLoader getLoader() {
    return ReadmeExamplesTest.class.getClassLoader();
  }

  @Test
  void everyJavaBlockCompilesAndRuns(@TempDir Path dir) throws Exception {
    List<String> snippets = snippets();
    assertEquals(2, snippets.size(), "the README's Java blocks");

    String quickStart = run(snippets.get(0), "QuickStart", dir);
    assertTrue(quickStart.contains("after 39 iterations, converged=true"), quickStart);
    assertTrue(quickStart.contains("MixtureModel{binomial(n=10), weights=[0.326"), quickStart);
    // The chapter's expected counts after the first E-step, (6.10): 6.6744913, 10.5237552, 2.8017535.
    assertTrue(quickStart.contains("N = [6.674491"), quickStart);
    assertTrue(quickStart.contains(", 10.523755") && quickStart.contains(", 2.801753"), quickStart);

    String families = run(snippets.get(1), "Families", dir);
    // Two clusters of counts, near 0.9 and 8: two Poisson components, and BIC picks two.
    assertTrue(families.startsWith("MixtureModel{poisson, weights=[") && families.contains("lambda=[0."),
        families);
    assertTrue(families.contains("; best K by BIC: 2"), families);
  }
}
