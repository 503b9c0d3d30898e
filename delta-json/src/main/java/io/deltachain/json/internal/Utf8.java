package io.deltachain.json.internal;

import io.deltachain.api.CorruptDeltaException;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
    private Utf8() {
    }

    /**
     * @param s a string
     * @return the index of its first lone surrogate, or -1 when it is valid Unicode
     */
    static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Refuses bytes that are not well-formed UTF-8, and NUL bytes (never valid in JSON text; refusing
     * them also keeps Jackson from guessing a UTF-16 or UTF-32 encoding).
     *
     * @param b the bytes
     * @throws CorruptDeltaException naming the byte offset of the first bad sequence
     */
    static void validate(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                throw new CorruptDeltaException("NUL byte at byte offset " + i + "; not valid in JSON text");
            }
            c &= 0xFF;
            int start = i;
            if (c >= 0xC2 && c <= 0xDF) {
                need(b, i, 1);
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need(b, i, 2);
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
                    throw invalid(start, c == 0xE0 ? "overlong encoding" : "encoded UTF-16 surrogate");
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need(b, i, 3);
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
                    throw invalid(start, c == 0xF0 ? "overlong encoding" : "code point above U+10FFFF");
                }
                i += 4;
            } else {
                throw invalid(start, String.format("byte 0x%02x cannot start a sequence", c));
            }
        }
    }

    private static void need(byte[] b, int i, int continuation) {
        for (int k = 1; k <= continuation; k++) {
            if (i + k >= b.length) {
                throw invalid(i, "truncated sequence at the end of the input");
            }
            if ((b[i + k] & 0xC0) != 0x80) {
                throw invalid(i, String.format("byte 0x%02x at offset %d is not a continuation byte",
                        b[i + k] & 0xFF, i + k));
            }
        }
    }

    private static CorruptDeltaException invalid(int offset, String why) {
        return new CorruptDeltaException("invalid UTF-8 at byte offset " + offset + ": " + why);
    }
}
