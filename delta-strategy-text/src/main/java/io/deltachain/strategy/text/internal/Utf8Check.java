package io.deltachain.strategy.text.internal;

import io.deltachain.api.InvalidStateException;

/** Strict UTF-8 validation of bytes states, so that {@code text} declines binary files clearly. */
public final class Utf8Check {
    private Utf8Check() {
    }

    /**
     * @param bytes the bytes
     * @param role "base" or "target", for the message
     * @throws InvalidStateException naming the first invalid byte
     */
    public static void require(byte[] bytes, String role) {
        int bad = firstInvalid(bytes);
        if (bad >= 0) {
            throw new InvalidStateException("strategy 'text' works on UTF-8 text, and the " + role
                    + " is not valid UTF-8 (byte offset " + bad + "); use bsdiff for binary files");
        }
    }

    /** @return the offset of the first byte that is not part of well-formed UTF-8, or -1 */
    static int firstInvalid(byte[] s) {
        int i = 0;
        int n = s.length;
        while (i < n) {
            int b = s[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= n) {
                return i;
            }
            int cp = b & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = s[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
