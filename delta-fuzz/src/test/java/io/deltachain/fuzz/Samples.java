package io.deltachain.fuzz;

import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fixed states to fuzz against, as canonical bytes per state format: a base, and newer versions a
 * strategy diffs it to for the seeds (small edits, an insertion, a rewrite, an empty state).
 */
final class Samples {
    private static final String JSON_OLD = "{\"id\":7,\"name\":\"order\",\"lines\":[{\"sku\":\"a\",\"qty\":1},"
            + "{\"sku\":\"b\",\"qty\":2},{\"sku\":\"c\",\"qty\":3}],\"tags\":{\"x\":[1,2,3],\"y\":null},\"note\":\"~/a\"}";
    private static final List<String> JSON_NEW = List.of(
            "{\"id\":8,\"name\":\"order\",\"lines\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"c\",\"qty\":4}],"
                    + "\"tags\":{\"x\":[1,3],\"z\":true},\"note\":\"~/a\"}",
            "{\"id\":7,\"name\":\"order\",\"lines\":[{\"sku\":\"c\",\"qty\":3},{\"sku\":\"a\",\"qty\":1},"
                    + "{\"sku\":\"b\",\"qty\":2},{\"sku\":\"d\",\"qty\":5}],\"tags\":{\"x\":[1,2,3],\"y\":null},\"note\":\"~/a\"}",
            "{}",
            "{\"id\":7,\"name\":\"\\u00e9\\ud83d\\ude00\",\"big\":12345678901234567890.5e10}");

    private static final String TEXT_OLD = text(40, 1);
    private static final List<String> TEXT_NEW = List.of(
            TEXT_OLD.replace("line 7 ", "line seven ").replace("line 30 ", ""),
            "header\r\n" + TEXT_OLD + "no newline at the end",
            "",
            text(40, 2));

    private static final byte[] BYTES_OLD = binary(3000, 1);
    private static final List<byte[]> BYTES_NEW = List.of(edited(BYTES_OLD), binary(3000, 2), new byte[0],
            TEXT_OLD.getBytes(StandardCharsets.UTF_8));

    private Samples() {
    }

    /** @return the base's canonical bytes for a format id, or null for a format without samples */
    static byte[] base(String formatId) {
        return switch (kind(formatId)) {
            case "json" -> JSON_OLD.getBytes(StandardCharsets.UTF_8);
            case "text" -> TEXT_OLD.getBytes(StandardCharsets.UTF_8);
            case "bytes" -> BYTES_OLD.clone();
            default -> null;
        };
    }

    /** @return the size of the largest base, what any target's input is applied to at most */
    static int largestBase() {
        return Math.max(base("bytes").length, Math.max(base("utf8-text").length, base("json-map").length));
    }

    /** @return newer versions' canonical bytes for a format id */
    static List<byte[]> newer(String formatId) {
        List<byte[]> out = new ArrayList<>();
        switch (kind(formatId)) {
            case "json" -> JSON_NEW.forEach(s -> out.add(s.getBytes(StandardCharsets.UTF_8)));
            case "text" -> TEXT_NEW.forEach(s -> out.add(s.getBytes(StandardCharsets.UTF_8)));
            case "bytes" -> BYTES_NEW.forEach(b -> out.add(b.clone()));
            default -> {
            }
        }
        return out;
    }

    private static String kind(String formatId) {
        Map<String, String> known = Map.of(StateFormats.BYTES_ID, "bytes", "utf8-text", "text", "json-map", "json",
                "json-node", "json");
        return known.getOrDefault(formatId, "");
    }

    private static String text(int lines, int seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("line ").append(i).append(" of text ").append(r.nextInt(1000)).append('\n');
        }
        return b.toString();
    }

    private static byte[] binary(int size, int seed) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 97 < 60 ? i % 13 : r.nextInt(256)); // runs and noise, as executables have
        }
        return b;
    }

    private static byte[] edited(byte[] old) {
        byte[] b = new byte[old.length + 100];
        System.arraycopy(old, 0, b, 0, 1000);
        for (int i = 1000; i < 1100; i++) {
            b[i] = (byte) (i * 31);
        }
        System.arraycopy(old, 1000, b, 1100, old.length - 1000);
        b[2500] ^= 0x55;
        return b;
    }
}
