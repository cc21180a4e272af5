package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a named module: an application module that requires {@code org.emkernel} compiles against the
 * exported API alone and fits on the module path: the vector kernel is there when the application adds
 * {@code jdk.incubator.vector}; without it the fit runs on the scalar kernel, with the fallback warning.
 */
class ModulePathTest {
  /** core's compiled classes: an exploded module (module-info.class at its root). */
  static final Path LIBRARY = Paths.get("target", "classes");

  static final String APP_MODULE = "module app { requires org.emkernel; }\n";

  static final String APP_MAIN = String.join("\n",
      "package app;",
      "import org.emkernel.*;",
      "public final class Main {",
      "  public static void main(String[] args) {",
      "    int[] heads = {6, 5, 4, 2, 2, 6, 5, 5, 4, 2, 5, 2, 4, 4, 6, 4, 5, 6, 3, 3};",
      "    MixtureModel start = MixtureModel.of(Family.binomial(10), new double[] {0.25, 0.5, 0.25},",
      "        new double[] {0.4, 0.5, 0.65});",
      "    FitResult fit = EmFitter.builder().maxIterations(1).build().fit(Histogram.of(heads), start);",
      "    String vector;",
      "    try {",
      "      vector = EmFitter.builder().kernel(KernelChoice.VECTOR).build().kernelName();",
      "    } catch (RuntimeException e) {",
      "      vector = \"unavailable\";",
      "    }",
      "    System.out.println(vector + \" \" + fit.model().weight(0) + \" \" + fit.model().param(0));",
      "  }",
      "}",
      "");

  static Path apps;

  @BeforeAll
  static void compileApplication(@TempDir Path dir) throws IOException {
    assertTrue(Files.isRegularFile(LIBRARY.resolve("module-info.class")), "core is compiled as a module");
    apps = dir;
    String errors = compile(dir.resolve("app"), APP_MAIN);
    assertEquals("", errors, "the application compiles against the exported API");
  }

  /** Compiles the module app (module-info and app.Main) into dir/classes; returns the compiler's errors. */
  static String compile(Path dir, String main) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), APP_MODULE);
    Files.writeString(src.resolve("app").resolve("Main.java"), main);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = javac.run(null, out, out, "-d", dir.resolve("classes").toString(),
        "--module-path", LIBRARY.toString(), "-Xlint:none",
        src.resolve("module-info.java").toString(), src.resolve("app").resolve("Main.java").toString());
    return status == 0 ? "" : out.toString(StandardCharsets.UTF_8);
  }

  /** Runs app.Main on the module path with the extra JVM options; returns exit code, stdout and stderr. */
  static String[] run(String... options) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("--module-path",
        LIBRARY + System.getProperty("path.separator") + apps.resolve("app").resolve("classes"), "-m", "app/app.Main"));
    Process p = new ProcessBuilder(cmd).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the application finishes");
    drain.join();
    return new String[] {Integer.toString(p.exitValue()), out.trim(), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void withTheVectorModuleTheVectorKernelRuns() throws Exception {
    String[] r = run("--add-modules", "jdk.incubator.vector");
    assertEquals("0", r[0], r[2]);
    String[] fields = r[1].split(" ");
    assertEquals("vector", fields[0], r[1]);
    // The chapter's first iteration: weights (0.3337246, …), biases (0.3536485, …).
    assertEquals(0.3337246, Double.parseDouble(fields[1]), 1e-7);
    assertEquals(0.3536485, Double.parseDouble(fields[2]), 1e-7);
    assertFalse(r[2].contains("falls back"), r[2]);
  }

  @Test
  void withoutTheVectorModuleTheScalarKernelRunsAndSaysHowToTurnItOn() throws Exception {
    String[] r = run();
    assertEquals("0", r[0], r[2]);
    String[] fields = r[1].split(" ");
    assertEquals("unavailable", fields[0], r[1]);
    assertEquals(0.3337246, Double.parseDouble(fields[1]), 1e-7);
    assertEquals(0.3536485, Double.parseDouble(fields[2]), 1e-7);
    assertTrue(r[2].contains("--add-modules jdk.incubator.vector"), r[2]);
  }

  @Test
  void internalPackagesAreNotExported(@TempDir Path dir) throws IOException {
    String main = "package app;\npublic final class Main {\n  public static void main(String[] args) {\n"
        + "    System.out.println(org.emkernel.internal.vectorization.KernelProvider.vectorAvailable());\n  }\n}\n";
    String errors = compile(dir, main);
    assertTrue(errors.contains("org.emkernel.internal.vectorization") && errors.contains("not visible"), errors);
  }
}
