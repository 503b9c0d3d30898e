package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.core.DirectoryChainStore.Entry;
import io.deltachain.core.internal.ManifestJson;
import io.deltachain.core.internal.Sha256;
import io.deltachain.core.internal.SnapshotDelta;
import io.deltachain.core.internal.RecordFrame;
import io.deltachain.core.internal.SnapshotFrame;
import io.deltachain.core.internal.WireReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The frames of one directory store segment read without its index (docs/FORMAT.md, "Directory chain
 * store"): each version's record in the wire format, then its snapshot frame if it has one. Finding a
 * frame checks its magic, its lengths against the segment's end and the limits and its CRC32C; a walk
 * also checks that the records name consecutive versions and that each one's base hash is the target
 * hash of the version before. Used by recovery (to rebuild index entries the index lacks), by readers
 * (to count the versions recovery would rebuild) and by {@link DirectoryChainStore#scanSegment}. Reads
 * only.
 */
final class SegmentFrames {
    static final byte[] RECORD_MAGIC = {'D', 'L', 'T', 'R'};
    static final byte[] SNAPSHOT_MAGIC = {'D', 'L', 'T', 'S'};
    /** How much of the segment a search for the next frame reads at a time. */
    private static final int SEARCH_CHUNK = 1 << 16;

    private final StoreFiles files;
    private final Limits limits;
    private final Path segment;
    private final long size;

    SegmentFrames(StoreFiles files, Limits limits, Path segment, long size) {
        this.files = files;
        this.limits = limits;
        this.segment = segment;
        this.size = size;
    }

    Path segment() {
        return segment;
    }

    long size() {
        return size;
    }

    /**
     * @return the whole frame at {@code at} if it starts with {@code magic} and its lengths say it ends inside
     *     the segment and within the limits (its CRC is checked by whoever parses it), else null
     */
    byte[] frameAt(long at, byte[] magic) throws IOException {
        if (at < 0 || size - at < 9) {
            return null;
        }
        byte[] head = files.read(segment, at, (int) Math.min(10, size - at));
        long length;
        if (magic == RECORD_MAGIC && RecordFrame.matches(head)) {
            length = RecordFrame.length(head); // a record frame (store format 4)
            if (length < 0) {
                return null;
            }
        } else if (size - at < 14 || head.length < 10 || !Arrays.equals(head, 0, 4, magic, 0, 4)) {
            return null;
        } else if (magic == RECORD_MAGIC) {
            long first = new WireReader(head, 6, 10, "frame").i32("length") & 0xffffffffL;
            if (size - at < 14 + first) {
                return null;
            }
            byte[] p = files.read(segment, at + 10 + first, 4);
            length = 18 + first + (p.length < 4 ? Long.MAX_VALUE / 2 : new WireReader(p, 0, 4, "frame").i32("length")
                    & 0xffffffffL);
        } else {
            length = 14 + (new WireReader(head, 6, 10, "frame").i32("length") & 0xffffffffL);
        }
        if (length > size - at || length > Integer.MAX_VALUE - 8) {
            return null;
        }
        try {
            limits.checkStateSize(length, "a frame in " + segment);
        } catch (DeltaException e) {
            return null;
        }
        byte[] b = files.read(segment, at, (int) length);
        return b.length == length ? b : null;
    }

    /** A record frame that reads but whose base hash is in the record before it: its version, target hash, length. */
    record Unlinked(int index, byte[] target, int length) {
    }

    /** @return the record frame at {@code at} when it reads (CRC32C, lengths) but its base hash is not known */
    private Unlinked unlinkedAt(long at) throws IOException {
        byte[] frame = frameAt(at, RECORD_MAGIC);
        if (frame == null || !RecordFrame.matches(frame)) {
            return null;
        }
        try {
            return new Unlinked(RecordFrame.indexOf(frame, limits), RecordFrame.targetHash(frame, limits), frame.length);
        } catch (DeltaException e) {
            return null;
        }
    }

    /** A record that reads and the length of the frame that holds it. */
    record Framed(DeltaRecord record, int length) {
    }

    /** @return the record at {@code at} if a whole one reads there (CRC32C, lengths, limits), else null */
    DeltaRecord recordAt(long at) throws IOException {
        Framed f = framedAt(at, before -> null);
        return f == null ? null : f.record();
    }

    /**
     * @param targetOf the target hash of a version's record, for a record frame that takes its base hash from the
     *     record before it; null when not known (such a frame then does not read)
     * @return the record at {@code at} and its frame's length if a whole one reads there, else null
     */
    Framed framedAt(long at, java.util.function.IntFunction<byte[]> targetOf) throws IOException {
        byte[] wire = frameAt(at, RECORD_MAGIC);
        try {
            return wire == null ? null : new Framed(RecordFrame.readEither(wire, limits, targetOf), wire.length);
        } catch (DeltaException e) {
            return null;
        }
    }

    /** A snapshot frame that reads: where it ends and the state it holds. */
    record Snapshot(long at, int length, byte[] state, int version, SnapshotFrame.Contents contents) {
        long end() {
            return at + length;
        }

        /** @return the state's hash, null for a delta frame's (its state needs its base's) */
        byte[] hash() {
            return state == null ? null : Sha256.of(state);
        }

        /**
         * @param bases the state of an earlier snapshot by version, null when it is not known
         * @return the state's hash, a delta frame's through its base; null when that is not known or does not apply
         */
        byte[] hash(java.util.function.IntFunction<byte[]> bases) {
            if (state != null) {
                return Sha256.of(state);
            }
            byte[] base = bases.apply(contents.base());
            try {
                return base == null ? null : Sha256.of(SnapshotDelta.apply(base, contents.delta(), contents.length(),
                        "snapshot frame at offset " + at));
            } catch (DeltaException e) {
                return null;
            }
        }

        /** @return whether it may be the snapshot of version {@code v}: it names v, or names none (format 2) */
        boolean mayBe(int v) {
            return version < 0 || version == v;
        }
    }

    /**
     * @return the snapshot frame at {@code at} if a whole one reads there, else null; {@code fault} (when not
     *     null) receives why a frame that starts there does not read
     */
    Snapshot snapshotAt(long at, StringBuilder fault) throws IOException {
        return snapshotAt(at, fault, -1);
    }

    /**
     * {@link #snapshotAt(long, StringBuilder)}, refusing (as a fault) a frame that names another version than
     * {@code version} (none is checked when it is negative).
     */
    Snapshot snapshotAt(long at, StringBuilder fault, int version) throws IOException {
        Snapshot s = snapshotAt0(at, fault);
        if (s != null && version >= 0 && !s.mayBe(version)) {
            if (fault != null) {
                fault.append(segment).append(" at offset ").append(at).append(": the snapshot frame holds the state of"
                        + " version ").append(s.version()).append(", not of version ").append(version);
            }
            return null;
        }
        return s;
    }

    private Snapshot snapshotAt0(long at, StringBuilder fault) throws IOException {
        byte[] framed = frameAt(at, SNAPSHOT_MAGIC);
        if (framed == null) {
            return null;
        }
        try {
            SnapshotFrame.Contents c = SnapshotFrame.read(framed, limits, segment + " at offset " + at,
                    DirectoryChainStore.CODECS);
            return new Snapshot(at, framed.length, c.state(), c.version(), c); // a delta's state is null: not decoded
        } catch (DeltaException e) {
            if (fault != null) {
                fault.append(e.getMessage());
            }
            return null;
        }
    }

    /**
     * @return whether the bytes at {@code at} may be the start of a snapshot frame that the segment's end cut
     *     short: its magic (or as much of it as there is room for) with no whole frame after it
     */
    private boolean tornSnapshot(long at) throws IOException {
        if (at >= size) {
            return false;
        }
        byte[] b = files.read(segment, at, (int) Math.min(14, size - at));
        int n = Math.min(4, b.length);
        if (!Arrays.equals(b, 0, n, SNAPSHOT_MAGIC, 0, n)) {
            return false;
        }
        if (b.length < 10) {
            return true;
        }
        long length = 14 + (new WireReader(b, 6, 10, "frame").i32("length") & 0xffffffffL);
        return length > size - at;
    }

    /**
     * Whole versions found by walking the frames from an offset.
     *
     * @param entries the versions found, as index entries (flags record, snapshot when one followed, forced;
     *     rebuild-from carried from the version before or the version's own snapshot)
     * @param end where the walk stopped: the segment's end, or the first frame that does not read or follow
     * @param hash the target hash of the last version found (or of the version before the walk)
     * @param last the last record read, null when none was
     * @param stopped why the walk stopped before the segment's end, null when it read to it
     */
    record Walk(List<Entry> entries, long end, byte[] hash, DeltaRecord last, String stopped) {
    }

    /**
     * Walks whole versions from {@code at}: each a record that reads and names version {@code next} (then the
     * next), whose base hash is {@code hash} (the version before's target hash; unchecked for the first when
     * null), then its snapshot frame if one follows and reads. A record whose snapshot frame follows but does
     * not read ends the walk before it, unless {@code recordAlone}: then the version is kept without the
     * snapshot (its record rebuilds it) and the walk stops at the snapshot.
     */
    Walk walk(long at, int next, byte[] hash, int rebuildFrom, boolean recordAlone) throws IOException {
        return walk(at, next, hash, rebuildFrom, recordAlone, Integer.MAX_VALUE);
    }

    /** {@link #walk(long, int, byte[], int, boolean)}, stopping after {@code max} versions. */
    Walk walk(long at, int next, byte[] hash, int rebuildFrom, boolean recordAlone, int max) throws IOException {
        List<Entry> found = new ArrayList<>();
        DeltaRecord last = null;
        String stopped = null;
        while (at < size && found.size() < max) {
            byte[] wire = frameAt(at, RECORD_MAGIC);
            DeltaRecord record;
            try {
                byte[] before = hash;
                int previous = next - 1;
                record = wire == null ? null : RecordFrame.readEither(wire, limits, v -> v == previous ? before : null);
            } catch (DeltaException e) {
                stopped = e.getMessage();
                break;
            }
            if (record == null || record.index() != next || hash != null && !Arrays.equals(hash, record.baseHash())) {
                stopped = record == null ? "no whole record frame" : record.index() != next ? "a record of version "
                        + record.index() + " where version " + next + "'s was expected" : "the record of version " + next
                        + " does not follow version " + (next - 1) + " (base hash)";
                break;
            }
            long snapshotAt = at + wire.length;
            StringBuilder fault = new StringBuilder();
            Snapshot snapshot = snapshotAt(snapshotAt, fault, next);
            if (snapshot == null && fault.length() == 0 && tornSnapshot(snapshotAt)) {
                stopped = "the snapshot frame at offset " + snapshotAt + " is cut short by the segment's end";
                break; // the version's snapshot was torn: it is not whole, whatever recordAlone says
            }
            if (snapshot == null && fault.length() > 0) {
                if (!recordAlone) {
                    stopped = fault.toString();
                    break;
                }
                found.add(new Entry(next, true, false, true, rebuildFrom, at, wire.length, 0, 0));
                last = record;
                hash = record.targetHash();
                at = snapshotAt;
                stopped = fault.toString();
                break;
            }
            rebuildFrom = snapshot != null ? next : rebuildFrom;
            found.add(new Entry(next, true, snapshot != null, true, rebuildFrom, at, wire.length,
                    snapshot == null ? 0 : snapshotAt, snapshot == null ? 0 : snapshot.length()));
            at = snapshot == null ? snapshotAt : snapshot.end();
            last = record;
            hash = record.targetHash();
            next++;
        }
        return new Walk(found, at, hash, last, stopped);
    }

    /**
     * Where a walk can go on after frames that do not read, found by searching forward for the next frame
     * whose magic, lengths and CRC32C hold (a byte at a time: a damaged length cannot be trusted to say where
     * the next frame starts).
     *
     * @param at where the version found starts
     * @param entry its entry
     * @param record its record, null when only its snapshot was found
     * @param hash its target hash
     */
    record Resume(long at, Entry entry, DeltaRecord record, byte[] hash) {
    }

    /**
     * @param from where the frames that do not read start
     * @param lastFound the last version read before them
     * @param hash its target hash
     * @param rebuildFrom where its rebuild starts
     * @return the first version after {@code from} that is proven whole: the record of version
     *     {@code lastFound + 1} whose base hash is {@code hash} (nothing lost), or a snapshot frame whose
     *     version its record before it (target hash) or the record after it (base hash) proves, of a later
     *     version (the versions between are lost); null when none is
     */
    Resume resume(long from, int lastFound, byte[] hash, int rebuildFrom, java.util.function.IntFunction<byte[]> bases)
            throws IOException {
        for (long p = nextMagic(from + 1); p >= 0; p = nextMagic(p + 1)) {
            Framed framed = framedAt(p, v -> v == lastFound ? hash : null);
            DeltaRecord r = framed == null ? null : framed.record();
            Unlinked u = r == null ? unlinkedAt(p) : null;
            if (u != null && u.index() > lastFound) { // its base hash is in a lost record: its snapshot may prove it
                Snapshot s = snapshotAt(p + u.length(), null, u.index());
                if (s != null && Arrays.equals(s.hash(bases), u.target())) {
                    return new Resume(p, new Entry(u.index(), true, true, true, u.index(), p, u.length(),
                            p + u.length(), s.length()), null, u.target());
                }
                continue;
            }
            if (r != null && r.index() > lastFound) {
                long wireEnd = p + framed.length();
                Snapshot s = snapshotAt(wireEnd, null, r.index());
                if (r.index() == lastFound + 1 && Arrays.equals(hash, r.baseHash())) {
                    return new Resume(p, new Entry(r.index(), true, s != null, true, s != null ? r.index() : rebuildFrom, p,
                            framed.length(), s == null ? 0 : wireEnd, s == null ? 0 : s.length()), r, r.targetHash());
                }
                if (s != null && Arrays.equals(s.hash(bases), r.targetHash())) {
                    return new Resume(p, new Entry(r.index(), true, true, true, r.index(), p, framed.length(),
                            wireEnd, s.length()), r, r.targetHash());
                }
                continue;
            }
            Snapshot s = r == null ? snapshotAt(p, null) : null;
            DeltaRecord after = s == null ? null : recordAt(s.end());
            byte[] sHash = after != null && after.index() - 1 > lastFound && s.mayBe(after.index() - 1) ? s.hash(bases)
                    : null;
            if (sHash != null && Arrays.equals(after.baseHash(), sHash)) {
                return new Resume(p, new Entry(after.index() - 1, false, true, true, after.index() - 1, p, 0, p,
                        s.length()), null, sHash);
            }
        }
        return null;
    }

    /**
     * @return the state of found version {@code v}'s snapshot (a delta frame's through its bases, at most
     *     {@link SnapshotFrame#MAX_DEPTH} deep), null when it has none or it does not read
     */
    byte[] stateOf(SortedMap<Integer, Entry> entries, int v, int hops) {
        try {
            return resolvedState(entries, v, hops);
        } catch (IOException | java.io.UncheckedIOException | DeltaException ex) {
            return null;
        }
    }

    /**
     * @return the state of found version {@code v}'s snapshot: its frame's, or a delta frame's applied to its
     *     base's, read the same way ({@code hops} so far, at most {@link SnapshotFrame#MAX_DEPTH} deltas)
     * @throws CorruptDeltaException when it has no snapshot or one of the frames does not read
     */
    byte[] resolvedState(SortedMap<Integer, Entry> entries, int v, int hops) throws IOException {
        Entry e = entries.get(v);
        if (e == null || !e.hasSnapshot()) {
            throw new CorruptDeltaException(segment + " holds no snapshot of version " + v + " that reads");
        }
        byte[] framed = files.read(segment, e.snapshotOffset(), e.snapshotLength());
        SnapshotFrame.Contents c = SnapshotFrame.read(framed, limits, segment + " at offset " + e.snapshotOffset(),
                DirectoryChainStore.CODECS, v);
        if (c.isDelta() && hops >= SnapshotFrame.MAX_DEPTH) {
            throw new CorruptDeltaException(segment + ": the snapshot of version " + v + " is more than "
                    + SnapshotFrame.MAX_DEPTH + " deltas from a whole snapshot");
        }
        return SnapshotFrame.resolve(c, base -> {
            try {
                return resolvedState(entries, base, hops + 1);
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }, segment + ", the snapshot of version " + v);
    }

    /** @return the offset of the next record or snapshot magic at or after {@code from}, -1 when none is */
    private long nextMagic(long from) throws IOException {
        for (long at = from; at <= size - 4; at += SEARCH_CHUNK - 3) {
            byte[] b = files.read(segment, at, (int) Math.min(SEARCH_CHUNK, size - at));
            for (int i = 0; i + 4 <= b.length; i++) {
                if (b[i] == 'D' && b[i + 1] == 'L' && b[i + 2] == 'T' && (b[i + 3] == 'R' || b[i + 3] == 'S' || b[i + 3] == 'C')) {
                    return at + i;
                }
            }
            if (b.length < SEARCH_CHUNK) {
                break;
            }
        }
        return -1;
    }

    /**
     * Reads the versions of the segment at {@code segment} by its frames alone (docs/FORMAT.md, "Reading the
     * segment alone"): version 0's snapshot frame after the header, then walks; where frames do not read it
     * {@link #resume}s at the next version that is proven whole, so one bad frame costs only the versions that
     * cannot be rebuilt without it. The settings come from {@code manifest} when it reads, else from the
     * records (strategy, codec) and the snapshots' positions (the interval), else the defaults.
     */
    static DirectoryChainStore.SegmentScan scan(StoreFiles files, Limits limits, Path segment,
                                                ManifestJson.Stored manifest, String manifestFault) throws IOException {
        SegmentFrames frames = new SegmentFrames(files, limits, segment, files.size(segment));
        long header = DirectoryChainStore.HEADER;
        StringBuilder fault = new StringBuilder();
        Snapshot first = frames.snapshotAt(header, fault, -1);
        if (first == null) {
            throw new CorruptDeltaException(segment + ": no snapshot frame of the chain's first version at offset "
                    + header + (fault.length() > 0 ? " (" + fault + ")" : ""));
        }
        // The first version: the one its frame names (0 unless retention dropped the versions before it), or 0 for
        // a frame of store format 2, which names none
        int f = Math.max(0, first.version());
        TreeMap<Integer, Entry> entries = new TreeMap<>();
        entries.put(f, new Entry(f, false, true, true, f, header, 0, header, first.length()));
        List<DirectoryChainStore.SkippedBytes> skipped = new ArrayList<>();
        TreeMap<Integer, String> lost = new TreeMap<>();
        DeltaRecord head = null;
        String stopped = null;
        long at = first.end();
        byte[] hash = first.hash();
        int next = f + 1;
        int rebuildFrom = f;
        while (true) {
            Walk w = frames.walk(at, next, hash, rebuildFrom, true);
            for (Entry e : w.entries()) {
                entries.put(e.index(), e);
            }
            head = w.last() != null ? w.last() : head;
            if (w.stopped() == null) {
                break;
            }
            int lastFound = entries.lastKey();
            Entry lastEntry = entries.get(lastFound);
            Resume r = frames.resume(w.end(), lastFound, w.hash(), lastEntry.rebuildFrom(),
                    b -> frames.stateOf(entries, b, 0));
            if (r == null) {
                stopped = "offset " + w.end() + ": " + w.stopped();
                break;
            }
            DirectoryChainStore.SkippedBytes gap = new DirectoryChainStore.SkippedBytes(segment, w.end(), r.at(),
                    w.stopped(), lastFound + 1, r.entry().index() - 1);
            skipped.add(gap);
            for (int v = lastFound + 1; v < r.entry().index(); v++) {
                lost.put(v, gap.describe());
            }
            entries.put(r.entry().index(), r.entry());
            head = r.record() != null ? r.record() : head;
            hash = r.hash();
            next = r.entry().index() + 1;
            rebuildFrom = r.entry().rebuildFrom();
            at = r.entry().end();
        }
        if (head == null) {
            throw new CorruptDeltaException(segment + " holds version " + f + "'s snapshot but no record after it"
                    + (stopped == null ? "" : " (" + stopped + ")") + ", so its state format is unknown");
        }
        int versions = entries.lastKey() + 1;
        List<String> settings = new ArrayList<>();
        ChainManifest m = settings(manifest, manifestFault, head, entries, lost.keySet(), versions, settings);
        FramesStore store = new FramesStore(frames, m, entries, lost);
        return new DirectoryChainStore.SegmentScan(store, segment, versions - entries.firstKey(), stopped, skipped,
                settings);
    }

    /**
     * @return the manifest of the chain the frames hold: the settings of {@code stored} when it reads and holds
     *     the records' state format, else the records' strategy and codec, the interval the snapshots' positions
     *     show and the default policy; {@code said} receives one line per setting naming where it came from
     */
    private static ChainManifest settings(ManifestJson.Stored stored, String manifestFault, DeltaRecord head,
                                          SortedMap<Integer, Entry> entries, java.util.Set<Integer> lost, int versions,
                                          List<String> said) {
        ChainManifest m = stored == null ? null : stored.manifest();
        if (m != null && m.stateFormatId().equals(head.stateFormatId())) {
            String policy = m.policy() instanceof ChainPolicy.RebaseAfter r ? "rebase after " + r.maxLength()
                    : m.policy() instanceof ChainPolicy.MergeAfter g ? "merge after " + g.maxLength()
                    : "snapshot (keep every version)";
            said.add("strategy " + m.strategyId() + ", codec " + m.codecId() + ":" + m.codecLevel() + ", policy "
                    + policy + ", snapshot interval " + m.snapshotEvery() + ": from " + DirectoryChainStore.MANIFEST
                    + " (its CRC holds)");
            return new ChainManifest(DirectoryChainStore.FORMAT, m.strategyId(), m.stateFormatId(), m.codecId(),
                    m.codecLevel(), m.policy(), m.snapshotEvery(), versions, m.rebaselines(), m.optimisations())
                    .withFirst(entries.firstKey());
        }
        String why = m != null ? DirectoryChainStore.MANIFEST + " holds " + m.stateFormatId() + " states, the records "
                + head.stateFormatId() : manifestFault;
        // Each record names the strategy that made it, which under auto (the default) differs from version to
        // version: the chain's own setting is not in the frames, and auto is what reproduces any of them.
        said.add("strategy " + DeltaCompressor.AUTO + ": the default (the frames name only the strategy each record"
                + " was made with, " + head.strategyId() + " for the last); codec " + head.codecId() + ":"
                + head.codecLevel() + ": from the last record (" + why + ")");
        int every = DeltaChain.DEFAULT_SNAPSHOT_EVERY;
        List<Integer> snapshots = new ArrayList<>();
        int gcd = 0;
        for (Entry e : entries.values()) {
            if (e.hasSnapshot() && e.index() > entries.firstKey()) {
                snapshots.add(e.index());
                gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(e.index())).intValue();
            }
        }
        boolean consistent = gcd > 0;
        for (int v = gcd; consistent && v < versions; v += gcd) {
            Entry e = entries.get(v);
            consistent = lost.contains(v) || e != null && (e.hasSnapshot() || snapshotDamaged(e, entries));
        }
        if (consistent) {
            every = gcd;
            said.add("snapshot interval " + every + ": inferred from the snapshots at versions "
                    + (snapshots.size() <= 4 ? snapshots.toString() : snapshots.subList(0, 3) + " ... " + snapshots.get(
                    snapshots.size() - 1)));
        } else {
            said.add("snapshot interval " + every + ": the default (" + (snapshots.isEmpty()
                    ? "no version after 0 has a snapshot among the " + versions + " found"
                    : "the snapshots at versions " + snapshots + " follow no one interval") + ")");
        }
        said.add("policy snapshot (keep every version): the default (the frames do not record the policy)");
        return new ChainManifest(DirectoryChainStore.FORMAT, DeltaCompressor.AUTO, head.stateFormatId(), head.codecId(),
                head.codecLevel(), ChainPolicy.keepAll(), every, versions, 0, 0).withFirst(entries.firstKey());
    }

    /** @return whether the walk kept {@code e} without the snapshot frame that follows its record (it does not read) */
    private static boolean snapshotDamaged(Entry e, SortedMap<Integer, Entry> entries) {
        Entry after = entries.get(e.index() + 1);
        return after == null || after.start() != e.end();
    }

    /**
     * The versions a scan found, read from the segment as their entries say: a chain that reads and cannot be
     * written. Reading a version the scan lost fails with the bytes that were skipped; every state is
     * hash-checked as any read is.
     */
    private static final class FramesStore implements ChainStore {
        private final SegmentFrames frames;
        private final ChainManifest manifest;
        private final SortedMap<Integer, Entry> entries;
        private final SortedMap<Integer, String> lost;

        FramesStore(SegmentFrames frames, ChainManifest manifest, SortedMap<Integer, Entry> entries,
                    SortedMap<Integer, String> lost) {
            this.frames = frames;
            this.manifest = manifest;
            this.entries = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entries));
            this.lost = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(lost));
        }

        @Override
        public java.util.Optional<ChainManifest> readManifest() {
            return java.util.Optional.of(manifest);
        }

        private Entry entry(int index, boolean record) {
            Entry e = entries.get(index);
            if (e == null || (record ? !e.hasRecord() : !e.hasSnapshot())) {
                String why = lost.get(index);
                throw new CorruptDeltaException(why != null ? "version " + index + " was lost: " + why
                        : frames.segment() + " holds no " + (record ? "record" : "snapshot") + " of version " + index
                        + " that reads");
            }
            return e;
        }

        private byte[] read(long offset, int length) {
            try {
                return frames.files.read(frames.segment, offset, length);
            } catch (IOException e) {
                throw new ChainStoreException("cannot read " + frames.segment + ": " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] readRecord(int index) {
            Entry e = entry(index, true);
            return RecordFrame.wireBytes(read(e.recordOffset(), e.recordLength()), frames.limits, before -> {
                        Entry b = entries.get(before);
                        return b == null || !b.hasRecord() ? null
                                : RecordFrame.targetHashOfEither(read(b.recordOffset(), b.recordLength()), frames.limits);
                    });
        }

        @Override
        public byte[] recordTargetHash(int index) {
            Entry e = entry(index, true);
            return RecordFrame.targetHashOfEither(read(e.recordOffset(), e.recordLength()), frames.limits);
        }

        @Override
        public byte[] readSnapshot(int index) {
            entry(index, false); // says when the version was lost
            try {
                return frames.resolvedState(entries, index, 0);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new ChainStoreException("cannot read " + frames.segment + ": " + e.getMessage(), e);
            }
        }

        @Override
        public java.util.SortedSet<Integer> snapshotIndices() {
            java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
            entries.forEach((i, e) -> {
                if (e.hasSnapshot()) {
                    out.add(i);
                }
            });
            return java.util.Collections.unmodifiableSortedSet(out);
        }

        @Override
        public String describeRecord(int index) {
            Entry e = entries.get(index);
            return "record of version " + index + " (" + frames.segment() + (e != null && e.hasRecord()
                    ? " at offset " + e.recordOffset() : ", lost") + ")";
        }

        @Override
        public long storedBytes() {
            return frames.size();
        }

        @Override
        public Writer lock(java.time.Duration timeout) {
            throw new ChainStoreException("the versions read from the frames of " + frames.segment() + " alone cannot"
                    + " be written: copy them into a new chain ('delta chain salvage')");
        }

        @Override
        public String toString() {
            return "the frames of " + frames.segment();
        }
    }
}
