package io.deltachain.strategy.text.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateMismatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code text} record payload (docs/FORMAT.md): hunks without context, since a record's base hash
 * already pins the base. Version 1:
 *
 * <pre>
 * "DLTTXT" | version u8 = 1 | flags u8 (bit 0: the diff is not minimal) | base lines | base bytes
 * | hunk count | per hunk: unchanged lines before it | old lines removed | added byte count | added bytes
 * </pre>
 *
 * Numbers are unsigned LEB128 (at most five bytes, no redundant zero byte). Hunks are in order and
 * each replaces or adds something. Decoding validates every number before it is used.
 */
public final class RecordPayload {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'T', 'X', 'T'};
    private static final int VERSION = 1;
    private static final int FLAG_NOT_MINIMAL = 1;
    private static final String WHAT = "text payload";
    /** Summaries name at most this many line ranges: a record stores them. */
    static final int MAX_RANGES = 32;

    private final byte[] data;
    private final boolean minimal;
    private final int baseLines;
    private final long baseBytes;
    private final int[] skip;
    private final int[] removed;
    private final int[] addFrom;
    private final int[] addTo;

    private RecordPayload(byte[] data, boolean minimal, int baseLines, long baseBytes, int[] skip, int[] removed,
                          int[] addFrom, int[] addTo) {
        this.data = data;
        this.minimal = minimal;
        this.baseLines = baseLines;
        this.baseBytes = baseBytes;
        this.skip = skip;
        this.removed = removed;
        this.addFrom = addFrom;
        this.addTo = addTo;
    }

    /**
     * @param a the old text's lines
     * @param b the new text's lines
     * @param edits the diff
     * @return the payload
     */
    public static byte[] encode(Lines a, Lines b, EditScript edits) {
        ByteSink out = new ByteSink(64);
        out.put(MAGIC).put(VERSION).put(edits.minimal() ? 0 : FLAG_NOT_MINIMAL);
        out.number(a.count()).number(a.text().length).number(edits.count());
        int prevEnd = 0;
        for (int i = 0; i < edits.count(); i++) {
            int from = edits.beginB(i) < b.count() ? b.start(edits.beginB(i)) : b.text().length;
            int to = edits.endB(i) > edits.beginB(i) ? b.end(edits.endB(i) - 1) : from;
            out.number(edits.beginA(i) - prevEnd).number(edits.endA(i) - edits.beginA(i)).number(to - from);
            out.put(b.text(), from, to);
            prevEnd = edits.endA(i);
        }
        return out.toArray();
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
        if ((flags & ~FLAG_NOT_MINIMAL) != 0) {
            throw new CorruptDeltaException(WHAT + ": unknown flags 0x" + Integer.toHexString(flags));
        }
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
        int[] addFrom = new int[hunks];
        int[] addTo = new int[hunks];
        long line = 0;
        for (int h = 0; h < hunks; h++) {
            skip[h] = in.count("skip of hunk " + (h + 1));
            removed[h] = in.count("removed line count of hunk " + (h + 1));
            int added = in.count("added byte count of hunk " + (h + 1));
            addFrom[h] = in.take(added, "added bytes of hunk " + (h + 1));
            addTo[h] = addFrom[h] + added;
            if (removed[h] == 0 && added == 0) {
                throw new CorruptDeltaException(WHAT + ": hunk " + (h + 1) + " changes nothing");
            }
            if (h > 0 && skip[h] == 0) {
                throw new CorruptDeltaException(WHAT + ": hunk " + (h + 1) + " touches hunk " + h
                        + " (they should be one hunk)");
            }
            line += (long) skip[h] + removed[h];
            if (line > baseLines) {
                throw new CorruptDeltaException(WHAT + ": hunk " + (h + 1) + " ends at line " + line + ", past the base's "
                        + baseLines + " lines");
            }
            if (added > 0 && payload[addTo[h] - 1] != '\n' && line < baseLines) {
                throw new CorruptDeltaException(WHAT + ": hunk " + (h + 1) + " adds a last line without a line end, but"
                        + " the base goes on after it (only the text's last line may lack one)");
            }
        }
        if (!in.atEnd()) {
            throw new CorruptDeltaException(WHAT + ": " + (payload.length - in.position()) + " bytes after the last hunk");
        }
        return new RecordPayload(payload, (flags & FLAG_NOT_MINIMAL) == 0, baseLines, baseBytes, skip, removed,
                addFrom, addTo);
    }

    /** @return whether the diff that made it was minimal */
    public boolean minimal() {
        return minimal;
    }

    /** @return the number of hunks */
    public int hunks() {
        return skip.length;
    }

    /**
     * @param base the base text (must be the one the payload was made from)
     * @param limits bounds on the result
     * @return the target text
     * @throws StateMismatchException when the base has another line or byte count than the payload's
     */
    public byte[] apply(byte[] base, Limits limits) {
        Lines lines = Lines.split(base);
        if (lines.count() != baseLines || base.length != baseBytes) {
            throw new StateMismatchException(WHAT + ": made from a base of " + baseLines + " lines and " + baseBytes
                    + " bytes, not this one of " + lines.count() + " lines and " + base.length + " bytes");
        }
        long size = base.length;
        int line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            size -= lines.start(line + removed[h]) - lines.start(line) - (long) (addTo[h] - addFrom[h]);
            line += removed[h];
        }
        limits.checkStateSize(size, "the text a " + WHAT + " produces");
        byte[] out = new byte[(int) size];
        int pos = 0;
        int copied = 0; // base offset copied so far
        line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            int at = lines.start(line);
            System.arraycopy(base, copied, out, pos, at - copied);
            pos += at - copied;
            System.arraycopy(data, addFrom[h], out, pos, addTo[h] - addFrom[h]);
            pos += addTo[h] - addFrom[h];
            line += removed[h];
            copied = lines.start(line);
        }
        System.arraycopy(base, copied, out, pos, base.length - copied);
        return out;
    }

    /**
     * The hunks as a unified diff shows them with no context, from the payload alone: each
     * {@code @@ -a,n +b,m @@} header says how many base lines it removes (their text is in the base,
     * not in the record) and is followed by the lines it adds, {@code +} first.
     *
     * @return the rendering, UTF-8; empty when nothing changes
     */
    public byte[] describe() {
        ByteSink out = new ByteSink(64 + data.length);
        int line = 0;
        long shift = 0; // lines of the target minus lines of the base before the current hunk
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            byte[] added = Arrays.copyOfRange(data, addFrom[h], addTo[h]);
            Lines lines = Lines.split(added);
            out.ascii("@@ -").ascii(UnifiedWriter.range(line, removed[h])).ascii(" +")
                    .ascii(UnifiedWriter.range((int) (line + shift), lines.count())).ascii(" @@");
            if (removed[h] > 0) {
                out.ascii(" " + removed[h] + (removed[h] == 1 ? " line" : " lines") + " removed");
            }
            out.put('\n');
            for (int i = 0; i < lines.count(); i++) {
                UnifiedWriter.line(out, '+', lines, i);
            }
            line += removed[h];
            shift += lines.count() - removed[h];
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
            int added = (int) lineCount(addFrom[h], addTo[h]);
            edits.add(line, line + removed[h], line + shift, line + shift + added);
            line += removed[h];
            shift += added - removed[h];
        }
        return UnifiedWriter.hunks(a, b, edits, context);
    }

    /** @return added lines, removed lines and the changed ranges of the base */
    public PatchSummary summary() {
        long added = 0;
        long gone = 0;
        List<int[]> ranges = new ArrayList<>();
        int line = 0;
        for (int h = 0; h < skip.length; h++) {
            line += skip[h];
            added += lineCount(addFrom[h], addTo[h]);
            gone += removed[h];
            ranges.add(new int[] {line, line + removed[h]});
            line += removed[h];
        }
        return PatchSummary.of(added, gone, describeRanges(ranges));
    }

    private long lineCount(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (data[i] == '\n') {
                n++;
            }
        }
        return from < to && data[to - 1] != '\n' ? n + 1 : n;
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
            if (addTo[h] > addFrom[h]) {
                b.add(Segment.literal(data, addFrom[h], addTo[h]));
            }
            line += removed[h];
        }
        if (line < baseLines) {
            b.add(Segment.copy(line, baseLines));
        }
        long bLines = 0;
        for (Segment s : b) {
            bLines += s.lines();
        }
        if (bLines != second.baseLines) {
            throw new StateMismatchException(WHAT + ": cannot compose: the first payload yields " + bLines
                    + " lines, the second was made from " + second.baseLines);
        }
        // C as segments: B's lines that the second payload keeps, and the bytes it adds.
        List<Segment> c = new ArrayList<>();
        SegmentCursor cursor = new SegmentCursor(b);
        for (int h = 0; h < second.skip.length; h++) {
            cursor.take(second.skip[h], c);
            cursor.take(second.removed[h], null);
            if (second.addTo[h] > second.addFrom[h]) {
                c.add(Segment.literal(second.data, second.addFrom[h], second.addTo[h]));
            }
        }
        cursor.take(Integer.MAX_VALUE, c);
        // Back to hunks on A: a gap between A copies is removed, literals between them are added.
        ByteSink body = new ByteSink(64);
        ByteSink pending = new ByteSink(64);
        int hunks = 0;
        int aPos = 0;
        int prevEnd = 0;
        for (Segment s : c) {
            if (s.data != null) {
                pending.put(s.data, s.from, s.to);
                continue;
            }
            if (s.from > aPos || pending.size() > 0) {
                hunks++;
                body.number(aPos - prevEnd).number(s.from - aPos).number(pending.size()).put(pending.toArray());
                pending = new ByteSink(64);
                prevEnd = s.from;
            }
            aPos = s.to;
        }
        if (aPos < baseLines || pending.size() > 0) {
            hunks++;
            body.number(aPos - prevEnd).number(baseLines - aPos).number(pending.size()).put(pending.toArray());
        }
        ByteSink out = new ByteSink(body.size() + 32);
        out.put(MAGIC).put(VERSION).put(minimal && second.minimal ? 0 : FLAG_NOT_MINIMAL);
        out.number(baseLines).number(baseBytes).number(hunks).put(body.toArray());
        return out.toArray();
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
            int seen = 0;
            int i = from;
            while (seen < n) {
                if (data[i++] == '\n') {
                    seen++;
                }
            }
            return new Segment[] {literal(data, from, i), literal(data, i, to)};
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
}
