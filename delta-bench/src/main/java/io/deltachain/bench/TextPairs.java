package io.deltachain.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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

    /**
     * The real release pair of the text benchmark: every file of the commons-lang3 3.13.0 sources jar
     * that 3.14.0's changes (added and removed files left out), as published on Maven Central (fetched
     * by {@code mvn dependency:copy} into {@code delta-bench/target/release-pair}).
     *
     * @return entry name to old and new bytes, by name
     */
    public static SortedMap<String, byte[][]> changedSourceFiles() {
        SortedMap<String, byte[]> before = entries(Pairs.read("commons-lang3-3.13.0-sources.jar"));
        SortedMap<String, byte[]> after = entries(Pairs.read("commons-lang3-3.14.0-sources.jar"));
        SortedMap<String, byte[][]> changed = new TreeMap<>();
        before.forEach((name, old) -> {
            byte[] now = after.get(name);
            if (now != null && !Arrays.equals(old, now)) {
                changed.put(name, new byte[][] {old, now});
            }
        });
        return changed;
    }

    private static SortedMap<String, byte[]> entries(byte[] jar) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
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
