package io.deltachain.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The text benchmark's inputs, seeded: {@code lines-100k} and {@code lines-1m}, files of distinct
 * lines of about 25 characters ({@code line 483920 of text 17}) and a copy with 1 % of the lines,
 * spread uniformly, replaced by new ones; {@code unrelated-30k}, two 30,000-line files with no line in
 * common.
 */
public final class TextPairs {
    private TextPairs() {
    }

    /**
     * @param name an input name
     * @return old and new file
     */
    public static byte[][] named(String name) {
        return switch (name) {
            case "lines-100k" -> edited(100_000, 1);
            case "lines-1m" -> edited(1_000_000, 2);
            case "unrelated-30k" -> new byte[][] {lines(30_000, "text", 3), lines(30_000, "other", 4)};
            default -> throw new IllegalArgumentException("no text input '" + name + "'");
        };
    }

    private static byte[][] edited(int count, long seed) {
        Random random = new Random(seed);
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = "line " + i + " of text " + random.nextInt(100) + "\n";
        }
        byte[] old = join(lines);
        for (int i = 0; i < count / 100; i++) {
            int at = random.nextInt(count);
            lines[at] = "changed " + at + " to " + random.nextInt(1_000_000) + "\n";
        }
        return new byte[][] {old, join(lines)};
    }

    private static byte[] lines(int count, String word, long seed) {
        Random random = new Random(seed);
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = word + " line " + i + " no " + random.nextInt(1_000_000) + "\n";
        }
        return join(lines);
    }

    private static byte[] join(String[] lines) {
        StringBuilder b = new StringBuilder(lines.length * 26);
        for (String l : lines) {
            b.append(l);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
