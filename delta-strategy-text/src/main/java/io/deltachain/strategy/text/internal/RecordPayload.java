package io.deltachain.strategy.text.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code text} record payload (docs/FORMAT.md): hunks without context, since a record's base hash
 * already pins the base. Version 1:
 *
 * <pre>
 * "DLTTXT" | version u8 = 1 | flags u8 (bit 0: the diff is not minimal; bit 1: hunks hold pieces)
 * | base lines | base bytes | hunk count | per hunk: unchanged lines before it | old lines removed | added
 * added, without bit 1: byte count | bytes
 * added, with bit 1:    piece count | per piece: (n << 1) | 0, then n bytes      (literal lines)
 *                                               (n << 1) | 1, then a base line  (n lines of the base)
 * </pre>
 *
 * Numbers are unsigned LEB128 (at most five bytes, no redundant zero byte). Hunks are in order and
 * each replaces or adds something. Copy pieces let a block that moved or repeats cost a few bytes
 * instead of its text; the writer sets bit 1 only when it uses one. Decoding validates every number
 * before it is used.
 */
public final class RecordPayload {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'T', 'X', 'T'};
    private static final int VERSION = 1;
    private static final int FLAG_NOT_MINIMAL = 1;
    private static final int FLAG_PIECES = 2;
    private static final String WHAT = "text payload";
    /** Summaries name at most this many line ranges: a record stores them, and delta show renders every hunk. */
    static final int MAX_RANGES = 8;
    /** A run of added lines found in the base is copied from it when it is at least this many bytes. */
    static final int MIN_COPY_BYTES = 24;
    /** The most positions of one line tried as the start of a copy. */
    private static final int MAX_CANDIDATES = 16;
    /** How far past a common line the copy finder looks for a rarer one to anchor on. */
    private static final int ANCHOR_LOOKAHEAD = 8;
    /** A literal piece's length is shifted left by one in the piece header, so it stays below this. */
    private static final int MAX_PIECE = Integer.MAX_VALUE >> 1;

    private final byte[] data;
    private final boolean minimal;
    private final int baseLines;
    private final long baseBytes;
    private final int[] skip;
    private final int[] removed;
    /** Hunk h's pieces are [firstPiece[h], firstPiece[h + 1]). */
    private final int[] firstPiece;
    /** A piece: copy of base lines [from, to) when copy is set, else bytes [from, to) of data. */
    private final boolean[] copy;
    private final int[] from;
    private final int[] to;

    private RecordPayload(byte[] data, boolean minimal, int baseLines, long baseBytes, int[] skip, int[] removed,
                          int[] firstPiece, boolean[] copy, int[] from, int[] to) {
        this.data = data;
        this.minimal = minimal;
        this.baseLines = baseLines;
        this.baseBytes = baseBytes;
        this.skip = skip;
        this.removed = removed;
        this.firstPiece = firstPiece;
        this.copy = copy;
        this.from = from;
        this.to = to;
    }

    /**
     * @param d a diff
     * @return its payload: each hunk's added lines as literal bytes, or, where a run of them is in the
     *     old text, as a copy of it
     */
    public static byte[] encode(TextDiff d) {
        EditScript edits = d.edits();
        CopyFinder finder = new CopyFinder(d);
        List<Hunk> hunks = new ArrayList<>(edits.count());
        int prevEnd = 0;
        for (int i = 0; i < edits.count(); i++) {
            hunks.add(new Hunk(edits.beginA(i) - prevEnd, edits.endA(i) - edits.beginA(i),
                    finder.pieces(edits.beginB(i), edits.endB(i))));
            prevEnd = edits.endA(i);
        }
        return write(edits.minimal(), d.a().count(), d.a().text().length, hunks);
    }

    /** A hunk to write: its skip and removed line counts and its added pieces. */
    private record Hunk(int skip, int removed, List<Segment> pieces) {
    }

    /** Writes pieces when any hunk copies from the base, else the plain layout (each hunk's bytes). */
    private static byte[] write(boolean minimal, int baseLines, long baseBytes, List<Hunk> hunks) {
        boolean pieces = false;
        long largest = 0;
        for (Hunk h : hunks) {
            long literal = 0;
            for (Segment s : h.pieces()) {
                pieces |= s.data == null;
                literal += s.data == null ? 0 : s.to - s.from;
                largest = Math.max(largest, s.data == null ? s.to - s.from : literal);
            }
        }
        if (pieces && largest > MAX_PIECE) {
            // Only compose meets this (the diff copies nothing out of a text this large): re-diff instead.
            throw new UnsupportedDeltaOperationException(WHAT + ": a composed hunk of " + largest + " bytes or lines"
                    + " next to a copy does not fit a piece; diff the end states instead");
        }
        ByteSink out = new ByteSink(64);
        out.put(MAGIC).put(VERSION).put((minimal ? 0 : FLAG_NOT_MINIMAL) | (pieces ? FLAG_PIECES : 0));
        out.number(baseLines).number(baseBytes).number(hunks.size());
        for (Hunk h : hunks) {
            out.number(h.skip()).number(h.removed());
            if (pieces) {
                List<Segment> merged = merge(h.pieces());
                out.number(merged.size());
                for (Segment s : merged) {
                    if (s.data == null) {
                        out.number(((long) (s.to - s.from) << 1) | 1).number(s.from);
                    } else {
                        out.number((long) (s.to - s.from) << 1).put(s.data, s.from, s.to);
                    }
                }
            } else {
                long bytes = 0;
                for (Segment s : h.pieces()) {
                    bytes += s.to - s.from;
                }
                out.number(bytes);
                for (Segment s : h.pieces()) {
                    out.put(s.data, s.from, s.to);
                }
            }
        }
        return out.toArray();
    }

    /** Adjacent literals become one, and so do copies of adjacent base lines. */
    private static List<Segment> merge(List<Segment> pieces) {
        List<Segment> out = new ArrayList<>(pieces.size());
        ByteSink literal = null;
        for (Segment s : pieces) {
            if (s.data != null) {
                literal = literal == null ? new ByteSink(s.to - s.from) : literal;
                literal.put(s.data, s.from, s.to);
                continue;
            }
            if (literal != null) {
                byte[] bytes = literal.toArray();
                out.add(Segment.literal(bytes, 0, bytes.length));
                literal = null;
            }
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.data == null && last.to == s.from) {
                out.set(out.size() - 1, Segment.copy(last.from, s.to));
            } else {
                out.add(s);
            }
        }
        if (literal != null) {
            byte[] bytes = literal.toArray();
            out.add(Segment.literal(bytes, 0, bytes.length));
        }
        return out;
    }

    /**
     * Finds the runs of a hunk's added lines that the old text has, anywhere: an index of the old
     * text's line positions by id, built on first need (only lines of the old text can be copied, and
     * an id below {@code distinctA} says a line is one).
     */
    private static final class CopyFinder {
        private final TextDiff d;
        private int[] head;
        private int[] next;
        private int[] count;

        CopyFinder(TextDiff d) {
            this.d = d;
        }

        private void index() {
            if (head != null) {
                return;
            }
            int[] idsA = d.idsA();
            head = new int[d.distinctA()];
            count = new int[d.distinctA()];
            next = new int[idsA.length];
            Arrays.fill(head, -1);
            for (int i = idsA.length - 1; i >= 0; i--) { // lists in ascending position
                next[i] = head[idsA[i]];
                head[idsA[i]] = i;
                count[idsA[i]]++;
            }
        }

        /** Added lines [beginB, endB) as literal bytes of b and copies of a's lines. */
        List<Segment> pieces(int beginB, int endB) {
            Lines b = d.b();
            List<Segment> pieces = new ArrayList<>(2);
            int literalFrom = beginB;
            int j = beginB;
            // A piece's length must fit its header: texts past that size are written without copies.
            boolean copies = (long) d.a().text().length + b.text().length <= MAX_PIECE;
            while (copies && j < endB) {
                long found = longestRun(j, endB);
                int at = (int) (found >>> 32);
                int length = (int) found;
                if (length > 0 && b.start(j + length) - b.start(j) >= MIN_COPY_BYTES) {
                    if (literalFrom < j) {
                        pieces.add(Segment.literal(b.text(), b.start(literalFrom), b.start(j)));
                    }
                    pieces.add(Segment.copy(at, at + length));
                    j += length;
                    literalFrom = j;
                } else {
                    j++;
                }
            }
            if (literalFrom < endB) {
                pieces.add(Segment.literal(b.text(), b.start(literalFrom), b.end(endB - 1)));
            }
            return pieces;
        }

        /** The longest run of b's lines from j (before endB) that a has: position << 32 | length. */
        private long longestRun(int j, int endB) {
            int[] idsB = d.idsB();
            if (idsB[j] >= d.distinctA()) {
                return 0;
            }
            index();
            // Anchor on the first line of the next few whose positions are few (a "/**" has hundreds).
            int offset = 0;
            for (int k = 0; k < ANCHOR_LOOKAHEAD && j + k < endB; k++) {
                int id = idsB[j + k];
                if (id >= d.distinctA()) {
                    break;
                }
                if (count[id] <= MAX_CANDIDATES) {
                    offset = k;
                    break;
                }
            }
            int bestAt = 0;
            int bestLength = 0;
            int tried = 0;
            for (int p = head[idsB[j + offset]]; p >= 0 && tried < MAX_CANDIDATES; p = next[p], tried++) {
                int start = p - offset;
                if (start < 0) {
                    continue;
                }
                int length = run(start, j, endB);
                if (length > bestLength) {
                    bestAt = start;
                    bestLength = length;
                }
            }
            return ((long) bestAt << 32) | bestLength;
        }

        private int run(int at, int j, int endB) {
            int[] idsA = d.idsA();
            int[] idsB = d.idsB();
            int n = 0;
            while (at + n < idsA.length && j + n < endB && idsA[at + n] == idsB[j + n]) {
                n++;
            }
            return n;
        }
    }

    /**
     * @param payload a payload, possibly corrupt
     * @return it, validated
     * @throws CorruptDeltaException when it is malformed
     */
    public static RecordPayload decode(byte[] payload) {
        if (payload.length < MAGIC.length + 2) {
            throw new CorruptDeltaException(WHAT + ": " + payload.length + " bytes is too short for the header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload[i] != MAGIC[i]) {
                throw new CorruptDeltaException(WHAT + ": bad magic (not DLTTXT); this is not a text record payload");
            }
        }
        ByteSource in = new ByteSource(payload, MAGIC.length, WHAT);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new CorruptDeltaException(WHAT + ": version " + version + " is not known (this library reads 1)");
        }
        int flags = in.u8("flags");
        if ((flags & ~(FLAG_NOT_MINIMAL | FLAG_PIECES)) != 0) {
            throw new CorruptDeltaException(WHAT + ": unknown flags 0x" + Integer.toHexString(flags));
        }
        boolean pieces = (flags & FLAG_PIECES) != 0;
        int baseLines = in.count("base line count");
        long baseBytes = in.count("base byte count");
        if (baseLines > baseBytes) {
            throw new CorruptDeltaException(WHAT + ": a base of " + baseBytes + " bytes cannot have " + baseLines + " lines");
        }
        int hunks = in.count("hunk count");
        // Every hunk takes at least three bytes, so a huge count in a short payload fails here, before any allocation.
        if (hunks > (payload.length - in.position()) / 3) {
            throw new CorruptDeltaException(WHAT + ": " + hunks + " hunks cannot fit in " + payload.length + " bytes");
        }
        int[] skip = new int[hunks];
        int[] removed = new int[hunks];
        int[] firstPiece = new int[hunks + 1];
        IntList kinds = new IntList(hunks);
        IntList froms = new IntList(hunks);
        IntList tos = new IntList(hunks);
        long line = 0;
        for (int h = 0; h < hunks; h++) {
            String hunk = "hunk " + (h + 1);
            skip[h] = in.count("skip of " + hunk);
            removed[h] = in.count("removed line count of " + hunk);
            if (h > 0 && skip[h] == 0) {
                throw new CorruptDeltaException(WHAT + ": " + hunk + " touches hunk " + h + " (they should be one hunk)");
            }
            line += (long) skip[h] + removed[h];
            if (line > baseLines) {
                throw new CorruptDeltaException(WHAT + ": " + hunk + " ends at line " + line + ", past the base's "
                        + baseLines + " lines");
            }
            firstPiece[h] = kinds.size();
            if (pieces) {
                int count = in.count("piece count of " + hunk);
                if (count > payload.length - in.position()) {
                    throw new CorruptDeltaException(WHAT + ": " + count + " pieces of " + hunk + " cannot fit in "
                            + payload.length + " bytes");
                }
                for (int p = 0; p < count; p++) {
                    String piece = "piece " + (p + 1) + " of " + hunk;
                    int header = in.count("header of " + piece);
                    int length = header >>> 1;
                    if (length == 0) {
                        throw new CorruptDeltaException(WHAT + ": " + piece + " is empty");
                    }
                    if ((header & 1) == 1) {
                        int start = in.count("base line of " + piece);
                        if ((long) start + length > baseLines) {
                            throw new CorruptDeltaException(WHAT + ": " + piece + " copies base lines " + (start + 1)
                                    + " to " + ((long) start + length) + ", past the base's " + baseLines + " lines");
                        }
                        kinds.add(1);
                        froms.add(start);
                        tos.add(start + length);
                    } else {
                        int at = in.take(length, "bytes of " + piece);
                        if (payload[at + length - 1] != '\n' && (p < count - 1 || line < baseLines)) {
                            throw unterminated(hunk);
                        }
                        kinds.add(0);
                        froms.add(at);
                        tos.add(at + length);
                    }
                }
            } else {
                int added = in.count("added byte count of " + hunk);
                int at = in.take(added, "added bytes of " + hunk);
                if (added > 0) {
                    if (payload[at + added - 1] != '\n' && line < baseLines) {
                        throw unterminated(hunk);
                    }
                    kinds.add(0);
                    froms.add(at);
                    tos.add(at + added);
                }
            }
            if (removed[h] == 0 && kinds.size() == firstPiece[h]) {
                throw new CorruptDeltaException(WHAT + ": " + hunk + " changes nothing");
            }
        }
        firstPiece[hunks] = kinds.size();
        if (!in.atEnd()) {
            throw new CorruptDeltaException(WHAT + ": " + (payload.length - in.position()) + " bytes after the last hunk");
        }
        boolean[] copy = new boolean[kinds.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = kinds.get(i) == 1;
        }
        return new RecordPayload(payload, (flags & FLAG_NOT_MINIMAL) == 0, baseLines, baseBytes, skip, removed,
                firstPiece, copy, froms.toArray(), tos.toArray());
    }

    private static CorruptDeltaException unterminated(String hunk) {
        return new CorruptDeltaException(WHAT + ": " + hunk + " adds a last line without a line end, but the text goes"
                + " on after it (only the text's last line may lack one)");
    }

    /** @return whether the diff that made it was minimal */
    public boolean minimal() {
        return minimal;
    }

    /** @return the number of hunks */
    public int hunks() {
        return skip.length;
    }

    /** The base's lines, checked against the header and the copies. */
    private Lines baseLines(byte[] base) {
        Lines lines = Lines.split(base);
        if (lines.count() != baseLines || base.length != baseBytes) {
            throw new StateMismatchException(WHAT + ": made from a base of " + baseLines + " lines and " + baseBytes
                    + " bytes, not this one of " + lines.count() + " lines and " + base.length + " bytes");
        }
        if (baseLines > 0 && !lines.terminated(baseLines - 1)) {
            // The base's last line has no line end: a copy of it must end the text.
            int line = 0;
            for (int h = 0; h < skip.length; h++) {
                line += skip[h] + removed[h];
                for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
                    if (copy[p] && to[p] == baseLines && (p < firstPiece[h + 1] - 1 || line < baseLines)) {
                        throw new CorruptDeltaException(WHAT + ": hunk " + (h + 1) + " copies the base's last line,"
                                + " which has no line end, but the text goes on after it");
                    }
                }
            }
        }
        return lines;
    }

    /**
     * @param base the base text (must be the one the payload was made from)
     * @param limits bounds on the result: its size, and what the expansion ratio allows for this payload
     *     and the base, checked before anything is allocated
     * @return the target text
     * @throws StateMismatchException when the base has another line or byte count than the payload's
     */
    public byte[] apply(byte[] base, Limits limits) {
        Lines lines = baseLines(base);
        long size = base.length;
        int line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            size -= lines.start(line + removed[h]) - lines.start(line);
            for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
                size += copy[p] ? lines.start(to[p]) - lines.start(from[p]) : to[p] - from[p];
            }
            line += removed[h];
        }
        limits.checkStateSize(size, "the text a " + WHAT + " produces");
        // Copy pieces repeat base lines for a few bytes each: bounded by the payload and base, like any patch.
        limits.checkExpansion(size, data.length, base.length, "the text a " + WHAT);
        byte[] out = new byte[(int) size];
        int pos = 0;
        int copied = 0; // base offset copied so far
        line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            int at = lines.start(line);
            System.arraycopy(base, copied, out, pos, at - copied);
            pos += at - copied;
            for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
                int start = copy[p] ? lines.start(from[p]) : from[p];
                int length = copy[p] ? lines.start(to[p]) - start : to[p] - from[p];
                System.arraycopy(copy[p] ? base : data, start, out, pos, length);
                pos += length;
            }
            line += removed[h];
            copied = lines.start(line);
        }
        System.arraycopy(base, copied, out, pos, base.length - copied);
        return out;
    }

    /** @return the lines hunk h adds */
    private long addedLines(int h) {
        long n = 0;
        for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
            n += copy[p] ? to[p] - from[p] : lineCount(from[p], to[p]);
        }
        return n;
    }

    /** @return added lines, removed lines and the changed ranges of the base */
    public PatchSummary summary() {
        long added = 0;
        long gone = 0;
        List<int[]> ranges = new ArrayList<>();
        int line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            added += addedLines(h);
            gone += removed[h];
            ranges.add(new int[] {line, line + removed[h]});
            line += removed[h];
        }
        return PatchSummary.of(added, gone, describeRanges(ranges));
    }

    /**
     * The hunks as a unified diff shows them with no context, from the payload alone: each
     * {@code @@ -a,n +b,m @@} header says how many base lines it removes (their text is in the base,
     * not in the record) and is followed by the lines it adds, {@code +} first; lines copied from the
     * base are named, not shown ({@code +… 12 lines copied from base lines 40-51}).
     *
     * @return the rendering, UTF-8; empty when nothing changes
     */
    public byte[] describe() {
        ByteSink out = new ByteSink(64 + data.length);
        notMinimal(out);
        int line = 0;
        long shift = 0; // lines of the target minus lines of the base before the current hunk
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            int added = (int) addedLines(h);
            out.ascii("@@ -").ascii(UnifiedWriter.range(line, removed[h])).ascii(" +")
                    .ascii(UnifiedWriter.range((int) (line + shift), added)).ascii(" @@");
            if (removed[h] > 0) {
                out.ascii(" " + removed[h] + (removed[h] == 1 ? " line" : " lines") + " removed");
            }
            out.put('\n');
            for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
                if (copy[p]) {
                    int n = to[p] - from[p];
                    out.put('+').put(0xE2).put(0x80).put(0xA6) // "…"
                            .ascii(" " + n + (n == 1 ? " line" : " lines") + " copied from base "
                                    + (n == 1 ? "line " + (from[p] + 1) : "lines " + (from[p] + 1) + "-" + to[p]) + "\n");
                    continue;
                }
                Lines lines = Lines.split(Arrays.copyOfRange(data, from[p], to[p]));
                for (int i = 0; i < lines.count(); i++) {
                    UnifiedWriter.line(out, '+', lines, i);
                }
            }
            line += removed[h];
            shift += added - removed[h];
        }
        return out.toArray();
    }

    /**
     * The hunks of the unified diff this payload makes of {@code base}: removed lines and
     * {@code context} lines around each change from the base, added lines from the payload, as
     * {@link UnifiedWriter#hunks} writes them (no {@code ---}/{@code +++} lines).
     *
     * @param base the base text (must be the one the payload was made from)
     * @param context lines of context
     * @param limits bounds on the target, which is rebuilt
     * @return the hunks; empty when nothing changes
     * @throws StateMismatchException when the base has another line or byte count than the payload's
     */
    public byte[] describe(byte[] base, int context, Limits limits) {
        Lines a = Lines.split(base);
        Lines b = Lines.split(apply(base, limits));
        EditScript edits = new EditScript();
        int line = 0;
        int shift = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            int added = (int) addedLines(h);
            edits.add(line, line + removed[h], line + shift, line + shift + added);
            line += removed[h];
            shift += added - removed[h];
        }
        if ((long) a.count() + shift != b.count()) {
            // the hunks' line counts and the text they make disagree (e.g. an added line without its end
            // joined to the next): the payload is damaged, and its hunks cannot be shown against the text
            throw new CorruptDeltaException("text payload: its hunks add up to " + ((long) a.count() + shift)
                    + " lines, but applying it gives " + b.count() + "; the payload is damaged");
        }
        ByteSink out = new ByteSink(64);
        notMinimal(out);
        byte[] note = out.toArray();
        byte[] hunks = UnifiedWriter.hunks(a, b, edits, context);
        if (note.length == 0) {
            return hunks;
        }
        byte[] both = Arrays.copyOf(note, note.length + hunks.length);
        System.arraycopy(hunks, 0, both, note.length, hunks.length);
        return both;
    }

    /** The line a rendering starts with when the diff is not minimal (flag bit 0): it says so, as the record does. */
    private void notMinimal(ByteSink out) {
        if (!minimal) {
            out.ascii("# not minimal: the diff ran out of its work budget and replaced some regions whole"
                    + " (exact, but larger than the shortest diff)\n");
        }
    }

    private long lineCount(int start, int end) {
        long n = 0;
        for (int i = start; i < end; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return start < end && data[end - 1] != '\n' ? n + 1 : n;
    }

    /** 1-based ranges of base lines ("lines 3-5", "line 7", "after line 9"), joined to at most {@link #MAX_RANGES}. */
    static List<String> describeRanges(List<int[]> ranges) {
        List<int[]> joined = ranges;
        if (ranges.size() > MAX_RANGES) {
            // Join across the smallest gaps first, so the ranges still cover every changed line.
            int[] gaps = new int[ranges.size() - 1];
            for (int i = 1; i < ranges.size(); i++) {
                gaps[i - 1] = ranges.get(i)[0] - ranges.get(i - 1)[1];
            }
            int[] sorted = gaps.clone();
            Arrays.sort(sorted);
            int joins = ranges.size() - MAX_RANGES;
            int threshold = sorted[joins - 1];
            int belowThreshold = 0;
            for (int g : gaps) {
                if (g < threshold) {
                    belowThreshold++;
                }
            }
            int equalJoins = joins - belowThreshold;
            joined = new ArrayList<>();
            joined.add(ranges.get(0).clone());
            for (int i = 1; i < ranges.size(); i++) {
                int g = gaps[i - 1];
                boolean join = g < threshold || (g == threshold && equalJoins-- > 0);
                if (join) {
                    joined.get(joined.size() - 1)[1] = ranges.get(i)[1];
                } else {
                    joined.add(ranges.get(i).clone());
                }
            }
        }
        List<String> keys = new ArrayList<>(joined.size());
        for (int[] r : joined) {
            if (r[1] == r[0]) {
                keys.add("after line " + r[0]);
            } else if (r[1] == r[0] + 1) {
                keys.add("line " + (r[0] + 1));
            } else {
                keys.add("lines " + (r[0] + 1) + "-" + r[1]);
            }
        }
        return keys;
    }

    /**
     * Exactly the payload from A to C, given this one from A to B and {@code second} from B to C: the
     * lines of B are followed back to A's lines or to this payload's added bytes.
     *
     * @param second the payload from B to C
     * @return the payload from A to C (flagged non-minimal when either was; hunks may be longer than a fresh diff's)
     * @throws StateMismatchException when {@code second} was not made from this payload's target
     */
    public byte[] compose(RecordPayload second) {
        // B as segments: copies of A's lines (data == null) or lines this payload adds.
        List<Segment> b = new ArrayList<>();
        int line = 0;
        for (int h = 0; h < skip.length; h++) {
            if (skip[h] > 0) {
                b.add(Segment.copy(line, line + skip[h]));
            }
            line += skip[h];
            for (int p = firstPiece[h]; p < firstPiece[h + 1]; p++) {
                b.add(copy[p] ? Segment.copy(from[p], to[p]) : Segment.literal(data, from[p], to[p]));
            }
            line += removed[h];
        }
        if (line < baseLines) {
            b.add(Segment.copy(line, baseLines));
        }
        long[] bStarts = new long[b.size() + 1];
        for (int i = 0; i < b.size(); i++) {
            bStarts[i + 1] = bStarts[i] + b.get(i).lines();
        }
        long bLines = bStarts[b.size()];
        if (bLines != second.baseLines) {
            throw new StateMismatchException(WHAT + ": cannot compose: the first payload yields " + bLines
                    + " lines, the second was made from " + second.baseLines);
        }
        // C as segments: B's lines that the second payload keeps or copies, and the bytes it adds.
        List<Segment> c = new ArrayList<>();
        SegmentCursor cursor = new SegmentCursor(b);
        for (int h = 0; h < second.skip.length; h++) {
            cursor.take(second.skip[h], c);
            cursor.take(second.removed[h], null);
            for (int p = second.firstPiece[h]; p < second.firstPiece[h + 1]; p++) {
                if (second.copy[p]) {
                    linesOf(b, bStarts, second.from[p], second.to[p], c);
                } else {
                    c.add(Segment.literal(second.data, second.from[p], second.to[p]));
                }
            }
        }
        cursor.take(Integer.MAX_VALUE, c);
        // Back to hunks on A: A copies in increasing order are kept, the A lines between them removed; the
        // rest (literals, and copies of A that moved) are added.
        List<Hunk> hunks = new ArrayList<>();
        List<Segment> pending = new ArrayList<>();
        int aPos = 0;
        int prevEnd = 0;
        for (Segment s : c) {
            if (s.data != null || s.from < aPos) {
                pending.add(s);
                continue;
            }
            if (s.from > aPos || !pending.isEmpty()) {
                hunks.add(new Hunk(aPos - prevEnd, s.from - aPos, pending));
                pending = new ArrayList<>();
                prevEnd = s.from;
            }
            aPos = s.to;
        }
        if (aPos < baseLines || !pending.isEmpty()) {
            hunks.add(new Hunk(aPos - prevEnd, baseLines - aPos, pending));
        }
        return write(minimal && second.minimal, baseLines, baseBytes, hunks);
    }

    /** Adds B's lines [start, end) to {@code out}, as the segments (or parts of segments) that hold them. */
    private static void linesOf(List<Segment> b, long[] bStarts, int start, int end, List<Segment> out) {
        int i = Arrays.binarySearch(bStarts, start);
        i = i >= 0 ? i : -i - 2;
        long at = start;
        while (at < end) {
            Segment s = b.get(i);
            int inFrom = (int) (at - bStarts[i]);
            int inTo = (int) (Math.min(end, bStarts[i + 1]) - bStarts[i]);
            out.add(s.slice(inFrom, inTo));
            at = bStarts[i] + inTo;
            i++;
        }
    }

    /** A run of B or C: A's lines [from, to) when data is null, else bytes [from, to) of data (whole lines). */
    private static final class Segment {
        final byte[] data;
        final int from;
        final int to;
        private int lineCount = -1;

        private Segment(byte[] data, int from, int to) {
            this.data = data;
            this.from = from;
            this.to = to;
        }

        static Segment copy(int from, int to) {
            return new Segment(null, from, to);
        }

        static Segment literal(byte[] data, int from, int to) {
            return new Segment(data, from, to);
        }

        int lines() {
            if (data == null) {
                return to - from;
            }
            if (lineCount < 0) {
                int n = 0;
                for (int i = from; i < to; i++) {
                    if (data[i] == '\n' || i == to - 1) {
                        n++;
                    }
                }
                lineCount = n;
            }
            return lineCount;
        }

        /** The first {@code n} lines and the rest, n strictly inside. */
        Segment[] splitAt(int n) {
            if (data == null) {
                return new Segment[] {copy(from, from + n), copy(from + n, to)};
            }
            int at = offsetOfLine(n);
            return new Segment[] {literal(data, from, at), literal(data, at, to)};
        }

        /** Lines [first, last) of this segment. */
        Segment slice(int first, int last) {
            if (first == 0 && last == lines()) {
                return this;
            }
            if (data == null) {
                return copy(from + first, from + last);
            }
            return literal(data, offsetOfLine(first), offsetOfLine(last));
        }

        private int offsetOfLine(int n) {
            int seen = 0;
            int i = from;
            while (seen < n && i < to) {
                if (data[i++] == '\n') {
                    seen++;
                }
            }
            return seen < n ? to : i;
        }
    }

    /** Walks B's segments a number of lines at a time, keeping or dropping what it passes. */
    private static final class SegmentCursor {
        private final List<Segment> segments;
        private int index;
        private Segment current;

        SegmentCursor(List<Segment> segments) {
            this.segments = segments;
            this.current = segments.isEmpty() ? null : segments.get(0);
        }

        void take(int lines, List<Segment> keep) {
            int left = lines;
            while (left > 0 && current != null) {
                int n = current.lines();
                if (n <= left) {
                    if (keep != null) {
                        keep.add(current);
                    }
                    left -= n;
                    index++;
                    current = index < segments.size() ? segments.get(index) : null;
                } else {
                    Segment[] parts = current.splitAt(left);
                    if (keep != null) {
                        keep.add(parts[0]);
                    }
                    current = parts[1];
                    left = 0;
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values;
        private int size;

        IntList(int capacity) {
            values = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
