package org.emkernel.cli;

/** Makes text from data, file names and options safe to print on a terminal, in one line. */
final class Text {
  private Text() {}

  /**
   * The text with every control character (C0, DEL, C1, line and paragraph separators), format character
   * (bidirectional overrides and isolates, zero-width characters, byte-order marks) and unpaired surrogate
   * written as a {@code \}{@code uXXXX} escape, so no escape sequence or reordering reaches the terminal.
   */
  static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (unsafe(cp)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        if (cp > 0xFFFF) {
          sb.append(String.format(java.util.Locale.ROOT, "\\U%08x", cp));
        } else {
          sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
        }
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i += len;
    }
    return sb == null ? s : sb.toString();
  }

  /** Whether the code point must not be printed as it is. */
  static boolean unsafe(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
        return true;
      default:
        return false;
    }
  }

  /** An error's text as the tool prints it after "emkernel: ": made safe, so always one line. */
  static String line(String message) {
    if (message == null || message.isBlank()) {
      return "error";
    }
    return safe(message.strip());
  }
}
