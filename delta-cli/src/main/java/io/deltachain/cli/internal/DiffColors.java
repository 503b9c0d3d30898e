package io.deltachain.cli.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Colours a diff for a terminal as git does: file header lines ({@code ---}, {@code +++}) bold,
 * {@code @@} ranges cyan, removed lines red, added lines green, changed keys ({@code ~}, as
 * {@code dict} renders them) yellow. Works on bytes, so the text between the escape sequences is
 * exactly what was given; each sequence closes before the line's terminator ({@code \n} or
 * {@code \r\n}), so a colour never runs into the next line.
 */
public final class DiffColors {
    private static final byte[] BOLD = esc("1");
    private static final byte[] RED = esc("31");
    private static final byte[] GREEN = esc("32");
    private static final byte[] YELLOW = esc("33");
    private static final byte[] CYAN = esc("36");
    private static final byte[] RESET = esc("");

    private DiffColors() {
    }

    private static byte[] esc(String code) {
        return ("\u001b[" + code + "m").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param diff a unified diff, hunks alone, or a strategy's rendering of a change
     * @return the same bytes with ANSI colours around the lines that have one
     */
    public static byte[] colour(byte[] diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(diff.length + diff.length / 4 + 16);
        boolean header = true; // --- and +++ are file names only before a file's first hunk
        int start = 0;
        while (start < diff.length) {
            int end = start;
            while (end < diff.length && diff[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && diff[end - 1] == '\r' ? end - 1 : end;
            int next = end < diff.length ? end + 1 : end;
            byte[] colour = null;
            int colourEnd = contentEnd;
            byte first = diff[start];
            if (header && (startsWith(diff, start, "--- ") || startsWith(diff, start, "+++ "))) {
                colour = BOLD;
            } else if (startsWith(diff, start, "@@ ")) {
                header = false;
                colour = CYAN;
                int close = indexOf(diff, start + 3, contentEnd, "@@");
                colourEnd = close < 0 ? contentEnd : close + 2; // a section heading after the range stays plain
            } else if (first == '-') {
                colour = RED;
            } else if (first == '+') {
                colour = GREEN;
            } else if (first == '~') {
                colour = YELLOW;
            }
            if (colour == null || colourEnd == start) {
                out.write(diff, start, next - start);
            } else {
                out.writeBytes(colour);
                out.write(diff, start, colourEnd - start);
                out.writeBytes(RESET);
                out.write(diff, colourEnd, next - colourEnd);
            }
            start = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (at + prefix.length() > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int from, int to, String what) {
        for (int i = from; i + what.length() <= to; i++) {
            if (startsWith(data, i, what)) {
                return i;
            }
        }
        return -1;
    }
}
