package io.deltachain.strategy.text.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed single-file unified diff as GNU {@code diff -u}, {@code git diff} (with its
 * {@code diff --git}, {@code index}, mode lines and {@code -U0} hunks) and Python's
 * {@code difflib.unified_diff} write it. Text before the first {@code ---} header is ignored, as GNU
 * patch ignores it; a second file, a binary patch or a hunk whose lines do not add up to its header
 * is refused with the patch line it is on.
 */
public final class UnifiedPatch {
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*", Pattern.DOTALL);
    static final String WHAT = "unified diff";

    private final byte[] patch;
    private final String oldLabel;
    private final String newLabel;
    private final List<Hunk> hunks;

    private UnifiedPatch(byte[] patch, String oldLabel, String newLabel, List<Hunk> hunks) {
        this.patch = patch;
        this.oldLabel = oldLabel;
        this.newLabel = newLabel;
        this.hunks = hunks;
    }

    /** One hunk: header numbers and its lines, each a kind (' ', '-', '+') and a byte range of the patch. */
    public static final class Hunk {
        final int number;
        final int patchLine;
        final String header;
        final int oldStart;
        final int oldCount;
        final int newStart;
        final int newCount;
        final byte[] kinds;
        final int[] from;
        final int[] to;

        Hunk(int number, int patchLine, String header, int[] counts, byte[] kinds, int[] from, int[] to) {
            this.number = number;
            this.patchLine = patchLine;
            this.header = header;
            this.oldStart = counts[0];
            this.oldCount = counts[1];
            this.newStart = counts[2];
            this.newCount = counts[3];
            this.kinds = kinds;
            this.from = from;
            this.to = to;
        }

        /** @return where the old lines start, 0-based (an empty old range starts after its line) */
        int oldIndex() {
            return oldCount == 0 ? oldStart : oldStart - 1;
        }

        /** @return its header line, e.g. {@code @@ -3,4 +3,5 @@} */
        public String header() {
            return header;
        }
    }

    /** @return the hunks, in order */
    public List<Hunk> hunks() {
        return hunks;
    }

    /** @return the patch bytes the hunks' ranges refer to */
    byte[] bytes() {
        return patch;
    }

    /** @return the name after {@code ---}, empty when the patch has no header */
    public String oldLabel() {
        return oldLabel;
    }

    /** @return the name after {@code +++}, empty when the patch has no header */
    public String newLabel() {
        return newLabel;
    }

    /**
     * @param patch the patch bytes, possibly from another tool or corrupt
     * @return the parsed patch; an empty patch has no hunks
     * @throws CorruptDeltaException when it is malformed, naming the patch line
     * @throws UnsupportedDeltaOperationException when it touches more than one file
     */
    public static UnifiedPatch parse(byte[] patch) {
        Lines lines = Lines.split(patch);
        int n = lines.count();
        List<Hunk> hunks = new ArrayList<>();
        String oldLabel = "";
        String newLabel = "";
        List<String> files = new ArrayList<>();
        boolean diffLineOpen = false; // a "diff ..." line whose ---/+++ pair has not come yet
        int i = 0;
        while (i < n) {
            String text = head(patch, lines, i);
            if (text.startsWith("diff ")) {
                files.add((text.startsWith("diff --git ") ? text.substring(11) : text.substring(5)).strip());
                diffLineOpen = true;
                i++;
            } else if (text.startsWith("--- ") && i + 1 < n && head(patch, lines, i + 1).startsWith("+++ ")) {
                oldLabel = label(text.substring(4));
                newLabel = label(head(patch, lines, i + 1).substring(4));
                if (!diffLineOpen) {
                    files.add(oldLabel + " " + newLabel);
                }
                diffLineOpen = false;
                i += 2;
            } else if (text.startsWith("@@ ")) {
                if (files.isEmpty()) {
                    throw new CorruptDeltaException(WHAT + ": patch line " + (i + 1) + " starts a hunk before any"
                            + " ---/+++ header");
                }
                i = hunk(patch, lines, i, hunks);
            } else if (text.startsWith("GIT binary patch") || (text.startsWith("Binary files ") && text.contains(" differ"))) {
                throw new UnsupportedDeltaOperationException(WHAT + ": patch line " + (i + 1)
                        + " is a binary patch, which the text strategy cannot apply; use bsdiff for binary files");
            } else {
                i++; // preamble, git's index/mode lines, trailing text: ignored as GNU patch does
            }
            if (files.size() > 1) {
                throw new UnsupportedDeltaOperationException(WHAT + ": the patch touches " + files.size()
                        + " or more files (" + String.join("; ", files) + "), and this applies a patch of one file;"
                        + " split it per file (e.g. with splitdiff) or apply it with patch -p1 or git apply");
            }
        }
        if (hunks.isEmpty() && !files.isEmpty() && n > 0 && !diffLineOpen) {
            throw new CorruptDeltaException(WHAT + ": a ---/+++ header with no @@ hunk after it");
        }
        if (hunks.isEmpty() && files.isEmpty() && hasText(patch)) {
            throw new CorruptDeltaException(WHAT + ": no ---/+++ header and no @@ hunk found: this is not a unified"
                    + " diff (an empty patch changes nothing)");
        }
        return new UnifiedPatch(patch, oldLabel, newLabel, List.copyOf(hunks));
    }

    private static boolean hasText(byte[] patch) {
        for (byte b : patch) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return true;
            }
        }
        return false;
    }

    /** The label without a tab and timestamp after it (diff -u and difflib write one). */
    private static String label(String raw) {
        int tab = raw.indexOf('\t');
        return (tab >= 0 ? raw.substring(0, tab) : raw).strip();
    }

    /** A line's first bytes as text, for header matching (never more than a header needs). */
    private static String head(byte[] patch, Lines lines, int i) {
        int from = lines.start(i);
        int to = Math.min(lines.end(i), from + 4096);
        return new String(patch, from, to - from, StandardCharsets.UTF_8);
    }

    private static int hunk(byte[] patch, Lines lines, int at, List<Hunk> hunks) {
        String header = head(patch, lines, at).stripTrailing();
        Matcher m = HUNK.matcher(header);
        if (!m.matches()) {
            throw new CorruptDeltaException(WHAT + ": patch line " + (at + 1) + " is not a hunk header of the form"
                    + " @@ -l,s +l,s @@: " + shorten(header));
        }
        int number = hunks.size() + 1;
        int[] counts = {number(m.group(1), at), m.group(2) == null ? 1 : number(m.group(2), at),
                number(m.group(3), at), m.group(4) == null ? 1 : number(m.group(4), at)};
        if ((counts[0] == 0 && counts[1] > 0) || (counts[2] == 0 && counts[3] > 0)) {
            throw new CorruptDeltaException(WHAT + ": hunk " + number + " (" + header + ", patch line " + (at + 1)
                    + ") has lines but starts at line 0; lines count from 1");
        }
        int oldLeft = counts[1];
        int newLeft = counts[3];
        int capacity = oldLeft + newLeft;
        if (Math.max(oldLeft, newLeft) > lines.count() - at - 1) {
            throw new CorruptDeltaException(WHAT + ": hunk " + number + " (" + header + ", patch line " + (at + 1)
                    + ") promises " + Math.max(oldLeft, newLeft) + " lines, but the patch has only " + (lines.count() - at - 1) + " after it");
        }
        byte[] kinds = new byte[capacity];
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        int k = 0;
        int i = at + 1;
        int n = lines.count();
        while (oldLeft > 0 || newLeft > 0) {
            if (i >= n) {
                throw ends(number, header, at, oldLeft, newLeft, "at the end of the patch");
            }
            int start = lines.start(i);
            int end = lines.end(i);
            byte kind = patch[start];
            boolean blank = kind == '\n' || (kind == '\r' && end - start == 2 && patch[start + 1] == '\n');
            if (blank) {
                // An empty context line whose space an editor or mailer stripped: GNU patch reads it so too.
                kind = ' ';
                start--;
            } else if (kind == '\\') {
                i++;
                continue; // a marker after a line we already took is handled below
            }
            if (kind == ' ' ? oldLeft == 0 || newLeft == 0 : kind == '-' ? oldLeft == 0 : kind != '+' || newLeft == 0) {
                throw ends(number, header, at, oldLeft, newLeft, "at patch line " + (i + 1) + " ("
                        + shorten(head(patch, lines, i).stripTrailing()) + ")");
            }
            if (kind != '+') {
                oldLeft--;
            }
            if (kind != '-') {
                newLeft--;
            }
            kinds[k] = kind;
            from[k] = start + 1;
            to[k] = end;
            k++;
            i++;
            if (i < n && patch[lines.start(i)] == '\\') {
                noNewline(patch, lines, i, to, k - 1, number);
                i++;
            }
        }
        if (i < n && patch[lines.start(i)] == '\\') {
            noNewline(patch, lines, i, to, k - 1, number);
            i++;
        }
        // context lines take one slot of the old + new capacity: trim, so the hunk ends at its last line
        Hunk h = new Hunk(number, at + 1, header, counts, Arrays.copyOf(kinds, k), Arrays.copyOf(from, k),
                Arrays.copyOf(to, k));
        if (!hunks.isEmpty()) {
            Hunk prev = hunks.get(hunks.size() - 1);
            if (h.oldIndex() < prev.oldIndex() + prev.oldCount) {
                throw new CorruptDeltaException(WHAT + ": hunk " + number + " (" + header + ") starts at old line "
                        + h.oldStart + ", inside or before hunk " + prev.number + " (" + prev.header + ")");
            }
        }
        hunks.add(h);
        return i;
    }

    /** "\ No newline at end of file": the line before it ends without its '\n'. */
    private static void noNewline(byte[] patch, Lines lines, int i, int[] to, int line, int number) {
        if (line < 0) {
            throw new CorruptDeltaException(WHAT + ": patch line " + (i + 1) + " says \"no newline\" before any line of"
                    + " hunk " + number);
        }
        if (to[line] > 0 && patch[to[line] - 1] == '\n') {
            to[line]--;
        }
    }

    private static CorruptDeltaException ends(int number, String header, int at, int oldLeft, int newLeft, String where) {
        return new CorruptDeltaException(WHAT + ": hunk " + number + " (" + header + ", patch line " + (at + 1)
                + ") ends " + where + " with " + oldLeft + " old and " + newLeft + " new lines still to come;"
                + " the patch is truncated or its header counts are wrong");
    }

    private static int number(String digits, int at) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new CorruptDeltaException(WHAT + ": patch line " + (at + 1) + " has a line number too large: " + digits, e);
        }
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
