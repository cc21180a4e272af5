package org.emkernel.cli;

import org.emkernel.Family;

/** The families the tool fits and samples, as named on the command line. */
enum FamilyName {
  /** Binomial: fixed trials ({@code --trials N}), or varying trials with the {@code trials} format. */
  BINOMIAL,
  /** Poisson. */
  POISSON,
  /** Geometric, failures before the first success. */
  GEOMETRIC,
  /** Negative binomial with known r ({@code --r R}). */
  NEGBIN;

  /** The core family for these options; throws a {@link UserError} for a missing or misplaced option. */
  Family family(Integer trials, Double r, InputFormat format) {
    if (this != BINOMIAL && trials != null) {
      throw new UserError("--trials applies only to --family binomial");
    }
    if (this != NEGBIN && r != null) {
      throw new UserError("--r applies only to --family negbin");
    }
    if (format == InputFormat.TRIALS && this != BINOMIAL) {
      throw new UserError("the trials format needs --family binomial (with varying trials), not "
          + toString());
    }
    switch (this) {
      case BINOMIAL:
        if (format == InputFormat.TRIALS) {
          if (trials != null) {
            throw new UserError("--trials does not apply to the trials format: each line gives its trials");
          }
          return Family.binomialVaryingTrials();
        }
        if (trials == null) {
          throw new UserError("--family binomial needs --trials N (or --format trials for varying trials)");
        }
        return Family.binomial(trials);
      case POISSON:
        return Family.poisson();
      case GEOMETRIC:
        return Family.geometric();
      default:
        if (r == null) {
          throw new UserError("--family negbin needs --r R");
        }
        return Family.negativeBinomial(r);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses --family (case-insensitive), naming the choices when the name is unknown. */
  static final class Converter implements picocli.CommandLine.ITypeConverter<FamilyName> {
    @Override
    public FamilyName convert(String value) {
      for (FamilyName f : values()) {
        if (f.toString().equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "unknown family '" + value + "': expected binomial, poisson, geometric or negbin");
    }
  }
}
