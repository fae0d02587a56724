package io.splitflow.deserialize.decode;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629) without NUL bytes.
 *
 * <p>Jackson's own checks are looser: it accepts overlong forms (so {@code C0 80} sneaks a NUL into
 * a string) and code points past U+10FFFF, lets surrogates through in values it skips, and silently
 * reads UTF-16 and UTF-32 input, which shows up here as NUL bytes.
 */
final class Utf8 {

  private Utf8() {}

  /** Returns what is wrong with the bytes, or null if they are well-formed. */
  static String problem(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i];
      if (b > 0) {
        i++;
        continue;
      }
      int length = sequenceLength(bytes, i);
      if (length == 0) {
        return b == 0
            ? "NUL byte at offset " + i + " (the value must be UTF-8 JSON)"
            : String.format("invalid UTF-8 sequence at offset %d (byte 0x%02x)", i, b & 0xff);
      }
      i += length;
    }
    return null;
  }

  /**
   * The length of the well-formed multi-byte sequence starting at {@code start}, or 0 if there is
   * none.
   */
  private static int sequenceLength(byte[] bytes, int start) {
    int lead = bytes[start] & 0xff;
    int length;
    // the range of the second byte is what rules out overlong forms, surrogates and code points
    // past U+10FFFF
    int low = 0x80;
    int high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) {
        low = 0xa0;
      } else if (lead == 0xed) {
        high = 0x9f;
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) {
        low = 0x90;
      } else if (lead == 0xf4) {
        high = 0x8f;
      }
    } else {
      return 0;
    }
    if (start + length > bytes.length) {
      return 0;
    }
    int second = bytes[start + 1] & 0xff;
    if (second < low || second > high) {
      return 0;
    }
    for (int i = start + 2; i < start + length; i++) {
      if ((bytes[i] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }
}
