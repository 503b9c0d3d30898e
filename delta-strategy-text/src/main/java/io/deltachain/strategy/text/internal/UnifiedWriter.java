package io.deltachain.strategy.text.internal;

import java.nio.charset.StandardCharsets;

/**
 * Writes a unified diff as GNU {@code diff -u} does: {@code ---}/{@code +++} headers, hunks of the
 * changes with {@code context} lines around them (two changes closer than twice that share a hunk),
 * ranges as {@code start,count} with {@code ,1} left out and an empty range starting at the line
 * before it, removed lines before added ones, every line written byte for byte with its own
 * terminator, and {@code \ No newline at end of file} after a last line that has none. Identical
 * texts give an empty patch.
 */
public final class UnifiedWriter {
    private static final byte[] NO_NEWLINE = "\n\\ No newline at end of file\n".getBytes(StandardCharsets.US_ASCII);

    private UnifiedWriter() {
    }

    /**
     * @param a the old text
     * @param b the new text
     * @param edits the diff of the two
     * @param context lines of context around each change
     * @param oldLabel the name after {@code ---}
     * @param newLabel the name after {@code +++}
     * @return the patch
     */
    public static byte[] write(Lines a, Lines b, EditScript edits, int context, String oldLabel, String newLabel) {
        if (edits.count() == 0) {
            return new byte[0];
        }
        ByteSink out = new ByteSink(256);
        out.ascii("--- ").put(quoted(oldLabel).getBytes(StandardCharsets.UTF_8)).put('\n');
        out.ascii("+++ ").put(quoted(newLabel).getBytes(StandardCharsets.UTF_8)).put('\n');
        hunks(out, a, b, edits, context);
        return out.toArray();
    }

    /**
     * @param a the old text
     * @param b the new text
     * @param edits the diff of the two
     * @param context lines of context around each change
     * @return the hunks alone, without the {@code ---}/{@code +++} lines; empty for identical texts
     */
    public static byte[] hunks(Lines a, Lines b, EditScript edits, int context) {
        ByteSink out = new ByteSink(256);
        hunks(out, a, b, edits, context);
        return out.toArray();
    }

    private static void hunks(ByteSink out, Lines a, Lines b, EditScript edits, int context) {
        int first = 0;
        while (first < edits.count()) {
            int last = first;
            while (last + 1 < edits.count() && edits.beginA(last + 1) - edits.endA(last) <= 2L * context) {
                last++;
            }
            hunk(out, a, b, edits, first, last, context);
            first = last + 1;
        }
    }

    private static void hunk(ByteSink out, Lines a, Lines b, EditScript edits, int first, int last, int context) {
        int startA = Math.max(0, edits.beginA(first) - context);
        int lead = edits.beginA(first) - startA;
        int startB = edits.beginB(first) - lead;
        int endA = (int) Math.min(a.count(), (long) edits.endA(last) + context);
        int trail = endA - edits.endA(last);
        int endB = edits.endB(last) + trail;
        out.ascii("@@ -").ascii(range(startA, endA - startA)).ascii(" +").ascii(range(startB, endB - startB))
                .ascii(" @@\n");
        int pos = startA;
        for (int e = first; e <= last; e++) {
            for (int i = pos; i < edits.beginA(e); i++) {
                line(out, ' ', a, i);
            }
            for (int i = edits.beginA(e); i < edits.endA(e); i++) {
                line(out, '-', a, i);
            }
            for (int i = edits.beginB(e); i < edits.endB(e); i++) {
                line(out, '+', b, i);
            }
            pos = edits.endA(e);
        }
        for (int i = pos; i < endA; i++) {
            line(out, ' ', a, i);
        }
    }

    /** GNU's ranges: "start,count", "start" alone when count is 1, the line before when count is 0. */
    static String range(int start, int count) {
        if (count == 1) {
            return Integer.toString(start + 1);
        }
        return (count == 0 ? start : start + 1) + "," + count;
    }

    static void line(ByteSink out, char prefix, Lines lines, int i) {
        out.put(prefix).put(lines.text(), lines.start(i), lines.end(i));
        if (!lines.terminated(i)) {
            out.put(NO_NEWLINE);
        }
    }

    /**
     * A file name as {@code diff -u} writes it: as given, or, when it holds a space, a tab, a quote, a
     * backslash or another control character, in double quotes with C escapes ({@code "a/my file"}),
     * which GNU patch and git read back as one name.
     */
    static String quoted(String name) {
        boolean plain = name.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\' || c < 0x20 || c == 0x7f);
        if (plain) {
            return name;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\%03o", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
