package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.Ratio;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as people read them in bench.md and on the terminal. */
public final class Figures {
  public static final String NONE = "—";
  private static final double MIB = 1024.0 * 1024;
  private static final double GIB = MIB * 1024;

  private Figures() {}

  /** A count with thousands separators: {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A rate rounded to whole records with thousands separators. */
  public static String rate(double perSecond) {
    return Double.isFinite(perSecond) ? String.format(Locale.US, "%,.0f", perSecond) : NONE;
  }

  /** Two or three significant digits, none after the point from 100 up: 0.053, 1.50, 12.3, 412. */
  public static String decimal(double x) {
    if (!Double.isFinite(x)) {
      return NONE;
    }
    double a = Math.abs(x);
    if (a == 0) {
      return "0";
    } else if (a >= 100) {
      return String.format(Locale.US, "%,.0f", x);
    } else if (a >= 10) {
      return String.format(Locale.US, "%.1f", x);
    } else if (a >= 1) {
      return String.format(Locale.US, "%.2f", x);
    }
    return new BigDecimal(x).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  static String mib(double bytes) {
    double m = bytes / MIB;
    return String.format(Locale.US, m < 10 ? "%.1f" : "%,.0f", m);
  }

  static String gib(double bytes) {
    return decimal(bytes / GIB) + " GiB";
  }

  /** A share as a whole percentage, or with two significant digits below one percent. */
  static String percent(double share) {
    double p = share * 100;
    return (p == 0 || Math.abs(p) >= 1 ? String.format(Locale.US, "%.0f", p) : decimal(p)) + "%";
  }

  /** {@code low–high}, or one figure when both read the same. */
  static String range(String low, String high) {
    return low.equals(high) ? low : low + "–" + high;
  }

  static String target(Ratio.Target t) {
    // a bound is a number someone chose, e.g. 0.5: shown as written, not rounded
    String bound = BigDecimal.valueOf(t.bound()).stripTrailingZeros().toPlainString();
    return (t.atLeast() ? "≥ " : "≤ ") + bound;
  }

  /** A value from the machine, versions or settings maps; {@code *_bytes} keys read in GiB. */
  static String setting(String key, Object value) {
    if (value instanceof Number n && (key.endsWith("_bytes") || key.endsWith("-bytes"))) {
      return key.substring(0, key.length() - "_bytes".length()) + " " + gib(n.doubleValue());
    }
    String shown;
    if (value instanceof Long || value instanceof Integer) {
      shown = count(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      shown = decimal(((Number) value).doubleValue());
    } else {
      shown = String.valueOf(value);
    }
    return key + " " + shown;
  }
}
