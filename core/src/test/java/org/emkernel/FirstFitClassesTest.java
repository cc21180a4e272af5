package org.emkernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a fresh JVM each class the first fit loads costs a fraction of a millisecond, more than the fit's own work on
 * small data. A first Poisson fit from a given start (as {@link #main} makes it) must not load the classes kept
 * off its path: the other families (the verifier loads a subclass Family's code returns as its own type), the
 * initialisation, the accelerator, centring, the cancellation helper, the vector kernel and the sampler.
 */
class FirstFitClassesTest {
  /** Classes a plain first fit has no use for; each was loaded by it at some point. */
  static final List<String> KEPT_OFF = List.of("org.emkernel.Binomial", "org.emkernel.NegativeBinomial",
      "org.emkernel.BinomialVaryingTrials", "org.emkernel.Initialisation", "org.emkernel.Centring",
      "org.emkernel.internal.engine.Initialiser", "org.emkernel.internal.engine.Squarem",
      "org.emkernel.internal.engine.Interruption", "org.emkernel.internal.ComponentSampler$Component",
      "org.emkernel.internal.vectorization.PanamaEmKernel");

  @Test
  void aFirstPoissonFitLoadsNoneOfTheClassesKeptOffItsPath(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("classes.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
        FirstFitClassesTest.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    // The fit happened and converged: the classes below are those of a real fit.
    assertTrue(out.startsWith("converged "), out);
    Set<String> loaded = ours(log);
    assertTrue(loaded.contains("org.emkernel.EmSession") && loaded.contains("org.emkernel.Poisson"),
        "the log lists the fit's classes: " + loaded);
    for (String kept : KEPT_OFF) {
      assertFalse(loaded.contains(kept), kept + " was loaded by a first Poisson fit; all loaded: " + loaded);
    }
  }

  /** The library's classes in a class-loading log (not the tests'). */
  static Set<String> ours(Path log) throws IOException {
    Pattern line = Pattern.compile("\\] (org\\.emkernel\\.[^ ]+) source:");
    Set<String> out = new TreeSet<>();
    for (String s : Files.readAllLines(log)) {
      Matcher m = line.matcher(s);
      if (m.find() && !m.group(1).equals(FirstFitClassesTest.class.getName())) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The child JVM: a user's first Poisson fit, from the family to the result. */
  public static void main(String[] args) {
    MixtureModel start = MixtureModel.of(Family.poisson(), new double[] {0.5, 0.5}, new double[] {1, 6});
    int[] observations = new int[2000];
    for (int i = 0; i < observations.length; i++) {
      observations[i] = i % 2 == 0 ? i % 5 : 4 + i % 7;
    }
    FitResult fit = EmFitter.builder().build().fit(Histogram.of(observations), start);
    System.out.println((fit.converged() ? "converged " : "not converged ") + fit.logLikelihood());
  }
}
