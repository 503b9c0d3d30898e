package io.deltachain.strategy.text.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.strategy.text.HunkMismatchException;
import io.deltachain.strategy.text.HunkPlacement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link UnifiedPatch} to a text. Strict: every hunk's context and removed lines must be
 * the base's lines at the hunk's own position, byte for byte. Tolerant (as GNU patch): a hunk is
 * looked for at its position shifted by the offset of the hunk before it, then ever further up and
 * down, first with all its context, then ignoring up to {@code maxFuzz} context lines at each end;
 * every placement is reported.
 */
public final class PatchApplier {
    private PatchApplier() {
    }

    /** The patched text and where each hunk went. */
    public record Result(byte[] text, List<HunkPlacement> placements) {
    }

    /**
     * @param base the text to patch
     * @param patch the parsed patch
     * @param maxFuzz -1 for strict; else the most context lines a hunk may ignore at each end
     * @param limits bounds on the result
     * @return the result
     * @throws HunkMismatchException when a hunk does not fit (strict) or fits nowhere (tolerant)
     */
    public static Result apply(byte[] base, UnifiedPatch patch, int maxFuzz, Limits limits) {
        Lines lines = Lines.split(base);
        byte[] p = patch.bytes();
        ByteSink out = new ByteSink(base.length + 64);
        List<HunkPlacement> placements = new ArrayList<>();
        int copied = 0;      // base lines already in out
        long offset = 0;     // shift found for the previous hunk
        for (UnifiedPatch.Hunk h : patch.hunks()) {
            int expected = h.oldIndex();
            int[] found = maxFuzz < 0 ? strict(lines, p, h, copied) : search(lines, p, h, copied, expected + offset, maxFuzz);
            int at = found[0];
            int fuzz = found[1];
            int lead = Math.min(fuzz, leadingContext(h));
            int trail = Math.min(fuzz, trailingContext(h));
            int start = at + lead;
            out.put(base, offsetOf(lines, copied), offsetOf(lines, start));
            int ctxSeen = 0;
            int contexts = 0;
            for (int k = 0; k < h.kinds.length; k++) {
                if (h.kinds[k] == ' ') {
                    contexts++;
                }
            }
            for (int k = 0; k < h.kinds.length; k++) {
                byte kind = h.kinds[k];
                if (kind == ' ') {
                    ctxSeen++;
                    if (ctxSeen <= lead || ctxSeen > contexts - trail) {
                        continue;
                    }
                }
                if (kind != '-') {
                    out.put(p, h.from[k], h.to[k]);
                }
            }
            copied = at + h.oldCount - trail;
            offset = (long) at - expected;
            placements.add(new HunkPlacement(h.number, expected + 1, at + 1, at - expected, fuzz));
            limits.checkStateSize((long) out.size() + (base.length - offsetOf(lines, copied)), "the patched text");
        }
        out.put(base, offsetOf(lines, copied), base.length);
        limits.checkStateSize(out.size(), "the patched text");
        return new Result(out.toArray(), List.copyOf(placements));
    }

    private static int offsetOf(Lines lines, int line) {
        return line >= lines.count() ? lines.text().length : lines.start(line);
    }

    private static int[] strict(Lines lines, byte[] p, UnifiedPatch.Hunk h, int copied) {
        int at = h.oldIndex();
        if (at < copied) {
            throw new CorruptDeltaException(UnifiedPatch.WHAT + ": hunk " + h.number + " (" + h.header
                    + ") overlaps the hunk before it");
        }
        if ((long) at + h.oldCount > lines.count()) {
            throw new HunkMismatchException(h.number, h.header, at + 1, "", "", "hunk " + h.number + " ("
                    + h.header + ") needs old lines " + (at + 1) + "-" + (at + h.oldCount) + ", but the text has only "
                    + lines.count() + " lines");
        }
        int mismatch = firstMismatch(lines, p, h, at, 0, 0);
        if (mismatch >= 0) {
            throw mismatch(lines, p, h, at, mismatch);
        }
        return new int[] {at, 0};
    }

    /** GNU patch's order: fuzz 0 at every offset nearest first, then fuzz 1, then 2. */
    private static int[] search(Lines lines, byte[] p, UnifiedPatch.Hunk h, int copied, long guess, int maxFuzz) {
        int lastStart = lines.count() - h.oldCount;
        for (int fuzz = 0; fuzz <= maxFuzz; fuzz++) {
            int lead = Math.min(fuzz, leadingContext(h));
            int trail = Math.min(fuzz, trailingContext(h));
            if (fuzz > 0 && lead == 0 && trail == 0) {
                break; // no context left to ignore
            }
            long home = Math.max(copied, Math.min(guess, lastStart));
            for (long d = 0; ; d++) {
                long down = home + d;
                long up = home - d;
                boolean any = false;
                if (down <= lastStart && down >= copied) {
                    any = true;
                    if (firstMismatch(lines, p, h, (int) down, lead, trail) < 0) {
                        return new int[] {(int) down, fuzz};
                    }
                }
                if (d > 0 && up >= copied && up <= lastStart) {
                    any = true;
                    if (firstMismatch(lines, p, h, (int) up, lead, trail) < 0) {
                        return new int[] {(int) up, fuzz};
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
        int at = (int) Math.max(0, Math.min(h.oldIndex(), Math.max(0, lastStart)));
        int mismatch = at + h.oldCount <= lines.count() ? firstMismatch(lines, p, h, at, 0, 0) : 0;
        throw new HunkMismatchException(h.number, h.header, at + Math.max(0, mismatch) + 1, "", "", "hunk " + h.number
                + " (" + h.header + ") fits nowhere in the text, at any offset with fuzz up to " + maxFuzz);
    }

    private static int leadingContext(UnifiedPatch.Hunk h) {
        int n = 0;
        while (n < h.kinds.length && h.kinds[n] == ' ') {
            n++;
        }
        return n;
    }

    private static int trailingContext(UnifiedPatch.Hunk h) {
        int n = 0;
        while (n < h.kinds.length && h.kinds[h.kinds.length - 1 - n] == ' ') {
            n++;
        }
        return n;
    }

    /** @return the index among the hunk's old lines of the first that differs at {@code at}, or -1 */
    private static int firstMismatch(Lines lines, byte[] p, UnifiedPatch.Hunk h, int at, int lead, int trail) {
        int old = 0;
        for (int k = 0; k < h.kinds.length; k++) {
            if (h.kinds[k] == '+') {
                continue;
            }
            if (old >= lead && old < h.oldCount - trail && !lines.lineEquals(at + old, p, h.from[k], h.to[k])) {
                return old;
            }
            old++;
        }
        return -1;
    }

    private static HunkMismatchException mismatch(Lines lines, byte[] p, UnifiedPatch.Hunk h, int at, int old) {
        int seen = 0;
        int k = 0;
        for (; k < h.kinds.length; k++) {
            if (h.kinds[k] != '+' && seen++ == old) {
                break;
            }
        }
        String expected = new String(p, h.from[k], h.to[k] - h.from[k], StandardCharsets.UTF_8);
        int line = at + old;
        String found = new String(lines.text(), lines.start(line), lines.end(line) - lines.start(line),
                StandardCharsets.UTF_8);
        String role = h.kinds[k] == '-' ? "removed" : "context";
        return new HunkMismatchException(h.number, h.header, line + 1, expected, found, "hunk " + h.number + " ("
                + h.header + ") does not match line " + (line + 1) + ": its " + role + " line is " + quote(expected)
                + " but the text has " + quote(found) + "; the patch was made from another version (to allow"
                + " an offset and fuzz as GNU patch does: delta apply --raw -s text --fuzz 2, or UnifiedDiff.applyTolerant)");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        String t = UnifiedPatch.shorten(s);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
