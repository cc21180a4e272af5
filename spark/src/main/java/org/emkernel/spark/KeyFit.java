package org.emkernel.spark;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emkernel.EmFitter;
import org.emkernel.Family;
import org.emkernel.FitResult;
import org.emkernel.Histogram;
import org.emkernel.MixtureModel;
import org.emkernel.TrialsHistogram;

/**
 * Fits one key on an executor: its aggregated bins (outcome, or trials and successes, with counts) become the
 * core's histogram, and the core fits it. A key whose data or fit is unusable gets a row with the error.
 *
 * <p>Each bin is a struct (family, a, b, count, least count, nulls): a is the outcome or the trials, b the
 * successes; the least count and the number of null counts check a count column.
 */
final class KeyFit implements MapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final FitSettings settings;
  private final Layout layout;
  private final int keys;
  /** Column names, for messages: a, b, count and family (null when not used). */
  private final String aColumn;
  private final String bColumn;
  private final String countColumn;
  private final String familyColumn;
  private final NullPolicy nulls;
  private transient EmFitter fitter;

  KeyFit(FitSettings settings, Layout layout, int keys, String aColumn, String bColumn, String countColumn,
      String familyColumn, NullPolicy nulls) {
    this.settings = settings;
    this.layout = layout;
    this.keys = keys;
    this.aColumn = aColumn;
    this.bColumn = bColumn;
    this.countColumn = countColumn;
    this.familyColumn = familyColumn;
    this.nulls = nulls;
  }

  @Override
  public Row call(Row group) {
    Object[] out = new Object[keys + ResultColumns.FIELDS.length];
    for (int i = 0; i < keys; i++) {
      out[i] = group.get(i);
    }
    List<Row> bins = group.getList(keys);
    String familyName = settings.family;
    try {
      if (familyColumn != null) {
        familyName = familyOf(bins);
      }
      fit(out, familyName, bins);
    } catch (IllegalArgumentException e) {
      out[keys] = familyName;
      out[out.length - 1] = e.getMessage();
    }
    return RowFactory.create(out);
  }

  /** The one family the key's rows name. */
  private String familyOf(List<Row> bins) {
    String name = null;
    for (Row bin : bins) {
      String f = bin.getString(0);
      if (f == null) {
        throw new IllegalArgumentException("column '" + familyColumn + "' holds a null");
      }
      if (name != null && !name.equals(f)) {
        String first = name.compareTo(f) < 0 ? name : f;
        String second = name.compareTo(f) < 0 ? f : name;
        throw new IllegalArgumentException("column '" + familyColumn + "' holds both '" + first + "' and '"
            + second + "' for one key");
      }
      name = f;
    }
    return name;
  }

  private void fit(Object[] out, String familyName, List<Row> bins) {
    Family family = FamilyNames.parse(familyName);
    if (family == null) {
      throw new IllegalArgumentException("column '" + familyColumn + "' holds the unknown family '" + familyName
          + "' (known: " + FamilyNames.KNOWN + ")");
    }
    if (family.needsTrials() != (layout == Layout.TRIALS)) {
      throw new IllegalArgumentException("family " + familyName + (family.needsTrials()
          ? " needs trials and successes columns" : " needs a value column, not trials and successes"));
    }
    int n = bins.size();
    int[] a = new int[n];
    int[] b = new int[n];
    long[] counts = new long[n];
    int used = 0;
    String error = null;
    for (Row bin : bins) {
      String e = check(bin);
      if (e != null) {
        error = error == null || e.compareTo(error) < 0 ? e : error; // the same message for any bin order
        continue;
      }
      if (bin.get(1) == null || (layout == Layout.TRIALS && bin.get(2) == null) || bin.get(3) == null) {
        continue; // nulls skipped by policy
      }
      a[used] = (int) bin.getLong(1);
      b[used] = (int) bin.getLong(2);
      counts[used++] = ((BigDecimal) bin.get(3)).longValueExact();
    }
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    a = java.util.Arrays.copyOf(a, used);
    b = java.util.Arrays.copyOf(b, used);
    counts = java.util.Arrays.copyOf(counts, used);
    if (fitter == null) {
      fitter = settings.fitter();
    }
    FitResult result;
    MixtureModel initial = settings.initial(family);
    if (layout == Layout.TRIALS) {
      TrialsHistogram h = TrialsHistogram.ofCounts(a, b, counts);
      result = initial != null ? fitter.fit(h, initial)
          : settings.criterion != null
              ? fitter.selectComponents(h, family, settings.minComponents, settings.maxComponents,
                  settings.criterion).best()
              : fitter.fit(h, family, settings.minComponents);
    } else {
      Histogram h = Histogram.ofCounts(a, counts);
      result = initial != null ? fitter.fit(h, initial)
          : settings.criterion != null
              ? fitter.selectComponents(h, family, settings.minComponents, settings.maxComponents,
                  settings.criterion).best()
              : fitter.fit(h, family, settings.minComponents);
    }
    int i = keys;
    out[i++] = familyName;
    out[i++] = result.model().components();
    out[i++] = result.model().weights();
    out[i++] = result.model().params();
    out[i++] = result.logLikelihood();
    out[i++] = result.aic();
    out[i++] = result.bic();
    out[i++] = result.iterations();
    out[i++] = result.converged();
    out[i++] = result.observations();
    out[i] = fitter.kernelName();
  }

  /** What is wrong with one bin under the null policy, or null. */
  private String check(Row bin) {
    boolean skip = nulls == NullPolicy.SKIP;
    Object a = bin.get(1);
    String e = a == null && skip ? null : Columns.outcomeError(aColumn, a);
    if (e == null && layout == Layout.TRIALS) {
      Object b = bin.get(2);
      e = b == null && skip ? null : Columns.outcomeError(bColumn, b);
      if (e == null && a != null && b != null) {
        e = Columns.trialsError(aColumn, bColumn, (int) bin.getLong(1), (int) bin.getLong(2));
      }
    }
    if (e == null && countColumn != null) {
      if (bin.getLong(5) > 0 && !skip) {
        e = "column '" + countColumn + "' holds a null (NullPolicy.SKIP leaves such rows out)";
      } else if (!bin.isNullAt(4) && bin.getLong(4) < 0) {
        e = "column '" + countColumn + "' holds the negative count " + bin.getLong(4);
      } else if (!bin.isNullAt(3) && ((BigDecimal) bin.get(3)).compareTo(LONG_MAX) > 0) {
        e = "column '" + countColumn + "' adds up to " + bin.get(3) + " for " + aColumn + " = " + a
            + ", above the largest count " + Long.MAX_VALUE;
      }
    }
    return e;
  }
}
