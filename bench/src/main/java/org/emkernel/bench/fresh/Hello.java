package org.emkernel.bench.fresh;

/** A hello-world: the start-up benchmark's floor, a JVM started with the launcher's flags that does nothing. */
public final class Hello {
  private Hello() {}

  /** Prints one line. */
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
