package org.emkernel;

import java.util.List;

/** Fits over a range of component counts and the best of them by one {@link Criterion} (lowest value; ties go to fewer components). */
public final class SelectionResult {
  private final Criterion criterion;
  private final List<FitResult> fits;
  private final int best;

  SelectionResult(Criterion criterion, List<FitResult> fits) {
    this.criterion = criterion;
    this.fits = List.copyOf(fits);
    int b = 0;
    for (int i = 1; i < fits.size(); i++) {
      if (fits.get(i).criterion(criterion) < fits.get(b).criterion(criterion)) {
        b = i;
      }
    }
    this.best = b;
  }

  /** {@return the criterion the best fit was chosen by} */
  public Criterion criterion() {
    return criterion;
  }

  /** {@return every fit, in ascending order of the number of components asked for (unmodifiable)} */
  public List<FitResult> fits() {
    return fits;
  }

  /** {@return the fit with the lowest criterion value} */
  public FitResult best() {
    return fits.get(best);
  }

  /** {@return the criterion's value of every fit, aligned with {@link #fits()}} */
  public double[] values() {
    double[] v = new double[fits.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = fits.get(i).criterion(criterion);
    }
    return v;
  }

  @Override
  public String toString() {
    return "SelectionResult{" + criterion + ", best K=" + best().model().components() + ", values="
        + java.util.Arrays.toString(values()) + "}";
  }
}
