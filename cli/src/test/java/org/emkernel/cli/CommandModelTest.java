package org.emkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands describe their options in code, not by picocli's annotations: reading annotations makes the JVM
 * generate a proxy class per annotation type, which was most of a command's start-up. Nothing in the commands may
 * bring them back, and each model keeps the options the help lists.
 */
class CommandModelTest {
  private static final List<Class<?>> COMMANDS =
      List.of(Main.class, FitCommand.class, SampleCommand.class, DemoCommand.class);

  @Test
  void noCommandCarriesPicocliAnnotations() {
    for (Class<?> type : COMMANDS) {
      assertPlain(type.getName(), type.getDeclaredAnnotations());
      for (Field f : type.getDeclaredFields()) {
        assertPlain(type.getSimpleName() + "." + f.getName(), f.getDeclaredAnnotations());
      }
    }
  }

  private static void assertPlain(String where, Annotation[] annotations) {
    for (Annotation a : annotations) {
      assertTrue(!a.annotationType().getName().startsWith("picocli."), where + " carries " + a);
    }
  }

  @Test
  void theModelsHoldEveryOptionWithItsHelpOptions() {
    Io io = new Io(System.in, new Stdout(System.out), System.err);
    CommandSpec fit = new FitCommand(io).spec();
    for (String name : new String[] {"--format", "--family", "--trials", "--r", "-k", "--components", "--weights",
        "--params", "--restarts", "--seed", "--max-iterations", "--tolerance", "--accelerate", "--select-k",
        "--criterion", "--json", "-h", "--help", "-V", "--version"}) {
      assertNotNull(fit.findOption(name), "fit " + name);
    }
    assertEquals(1, fit.positionalParameters().size());
    CommandSpec sample = new SampleCommand(io).spec();
    for (String name : new String[] {"--family", "--trials", "--r", "--weights", "--params", "-n", "--seed",
        "--format", "-h", "-V"}) {
      assertNotNull(sample.findOption(name), "sample " + name);
    }
    assertTrue(sample.findOption("--weights").required() && sample.findOption("-n").required());
    assertNotNull(new DemoCommand(io).spec().findOption("--help"));
  }
}
