package org.emkernel.spark;

import org.emkernel.Family;

/**
 * Families as the strings {@link Family#name()} gives ({@code binomial(n=20)}, {@code poisson},
 * {@code geometric}, {@code negbinomial(r=2.5)}, {@code binomial(varying n)}): how a family travels to the
 * executors, and what a family column holds.
 */
final class FamilyNames {
  static final String KNOWN = "binomial(n=N), poisson, geometric, negbinomial(r=R), binomial(varying n)";

  private FamilyNames() {}

  /** The family named, or null when the name is not one of the forms above. */
  static Family parse(String name) {
    if (name == null) {
      return null;
    }
    switch (name) {
      case "poisson":
        return Family.poisson();
      case "geometric":
        return Family.geometric();
      case "binomial(varying n)":
        return Family.binomialVaryingTrials();
      default:
        break;
    }
    try {
      if (name.startsWith("binomial(n=") && name.endsWith(")")) {
        return Family.binomial(Integer.parseInt(name.substring(11, name.length() - 1)));
      }
      if (name.startsWith("negbinomial(r=") && name.endsWith(")")) {
        return Family.negativeBinomial(Double.parseDouble(name.substring(14, name.length() - 1)));
      }
    } catch (IllegalArgumentException e) {
      return null; // a malformed number (NumberFormatException) or a bad n or r
    }
    return null;
  }

  /** The name of a family, checked to parse back to an equal family (so it reaches the executors unchanged). */
  static String of(Family family) {
    if (family == null) {
      throw new IllegalArgumentException("family is null");
    }
    String name = family.name();
    if (!family.equals(parse(name))) {
      throw new IllegalArgumentException("family " + name + " cannot be named for the executors");
    }
    return name;
  }
}
