package io.deltachain.cli.internal;

import java.util.Locale;

/** Parses sizes such as {@code 512M}, {@code 2G}, {@code 1048576}. */
public final class Sizes {
    private Sizes() {
    }

    /**
     * @param text a number of bytes with an optional K, M or G suffix (powers of 1024)
     * @return the bytes
     * @throws IllegalArgumentException when the text is not a size
     */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0) {
                throw new IllegalArgumentException("a size must be positive: " + text);
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 512M or 2G)");
        }
    }
}
