package io.deltachain.core;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.Limits;
import io.deltachain.spi.Codec;
import io.deltachain.core.internal.Crc32c;
import io.deltachain.core.internal.ManifestJson;
import io.deltachain.core.internal.SnapshotDelta;
import io.deltachain.core.internal.RecordFrame;
import io.deltachain.core.internal.SnapshotFrame;
import io.deltachain.core.internal.WireReader;
import io.deltachain.core.internal.WireWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChainStore} in one directory, store format 4 (docs/FORMAT.md, "Directory chain store"; it reads 1 to 3):
 * <pre>
 * DIR/manifest.json        canonical JSON manifest naming the generation G, with its CRC32C
 * DIR/G.dseg               append-only segment: header, then record and snapshot frames (CRC32C each)
 * DIR/G.didx               append-only index: header, then one 40-byte CRC'd entry per version
 * DIR/lock                 the writer lock (holds the holder's pid)
 * </pre>
 * An append writes the version's frames at the segment's end, then its index entry (the commit point);
 * a rewrite writes generation G+1 whole and renames a manifest naming it over {@code manifest.json}
 * (the commit point). {@link #readManifest()} reads the manifest and the index's tail only, so opening
 * does not grow with the chain; readers never write and take no lock, and see the versions whose index
 * entries are whole. A writer ({@link #lock}) holds a cross-process file lock plus an in-process one, and
 * recovers first: it truncates a torn tail back to the last whole entry that is forced or whose frames are
 * whole (never a forced one: frames missing under a forced entry are damage, refused), removes files of
 * other generations, and upgrades a format 1 chain to format 2; what it did is
 * {@link Writer#recovery()} and a WARN log line. Appends are forced to disk as the {@link FsyncPolicy}
 * says; rewrites and recovery are forced under every policy, so that a power loss leaves a chain that
 * opens. Thread-safe.
 */
public final class DirectoryChainStore implements ChainStore {
    static final String MANIFEST = "manifest.json";
    /** The store format a rewrite writes: {@code formatVersion} of the manifest (4: snapshot deltas up to 31 deep). */
    static final int FORMAT = 4;
    /** Byte 4 of the index's and segment's headers: their layout, unchanged since store format 2. */
    static final int LAYOUT = 2;
    static final int HEADER = 16;
    static final int ENTRY = 40;
    private static final byte[] SEGMENT_MAGIC = {'D', 'L', 'T', 'G'};
    private static final byte[] INDEX_MAGIC = {'D', 'L', 'T', 'I'};
    private static final Pattern GENERATION_FILE = Pattern.compile("\\d{12}\\.(dseg|didx)(\\.tmp)?");
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryChainStore.class);
    /** How many rewrites in a row a reader's {@link #readManifest()} follows before it gives up. */
    private static final int LOAD_ATTEMPTS = 8;

    private final Path dir;
    private final Limits limits;
    private final FsyncPolicy fsync;
    private final Duration lockTimeout;
    private final StoreFiles files;
    private volatile Consumer<StoreRecovery> recoveryListener;
    /** The generation last read, so that reads after {@link #readManifest()} see the chain it described. */
    private volatile View cached;
    /**
     * The first version of each generation read ({@link ChainManifest#first()}): where its index's entries begin.
     * A generation's first never changes (only a rewrite, to a new generation, drops versions).
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, Integer> firstOf = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param dir the chain's directory; created by the first writer */
    public DirectoryChainStore(Path dir) {
        this(dir, Limits.defaults());
    }

    /**
     * @param dir the chain's directory; created by the first writer
     * @param limits bounds on what reading may allocate
     */
    public DirectoryChainStore(Path dir, Limits limits) {
        this(dir, limits, FsyncPolicy.always(), DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * @param dir the chain's directory; created by the first writer
     * @param limits bounds on what reading may allocate
     * @param fsync when writes are forced to disk ({@link FsyncPolicy#always()} makes acknowledged durable)
     * @param lockTimeout how long {@link #lock()} waits for another writer
     */
    public DirectoryChainStore(Path dir, Limits limits, FsyncPolicy fsync, Duration lockTimeout) {
        this(dir, limits, fsync, lockTimeout, StoreFiles.NIO);
    }

    DirectoryChainStore(Path dir, Limits limits, FsyncPolicy fsync, Duration lockTimeout, StoreFiles files) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fsync = Objects.requireNonNull(fsync, "fsync");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.files = Objects.requireNonNull(files, "files");
        if (lockTimeout.isNegative()) {
            throw new DeltaConfigurationException("lock timeout must not be negative, got " + lockTimeout);
        }
    }

    /**
     * Sets who hears of a recovery that did something (besides the WARN log line and
     * {@link Writer#recovery()}): a command line tells its user what it dropped or rolled forward,
     * though the writer is a {@link DeltaChain}'s, taken and released inside one append.
     *
     * @param listener called on the thread that took the lock, after recovery and before the writer is
     *     returned; null for nobody
     * @return this store
     */
    public DirectoryChainStore onRecovery(Consumer<StoreRecovery> listener) {
        this.recoveryListener = listener;
        return this;
    }

    /**
     * Sets how many bytes of decoded snapshot states this store keeps, so that a read whose snapshot is a
     * delta from others (format 3 and later) decodes only the frames it has not decoded before. The states
     * read last are kept; one larger than a quarter of the bound is not kept. The default is
     * {@value #DEFAULT_SNAPSHOT_CACHE_BYTES} bytes; 0 keeps none.
     *
     * @param bytes the bound, at least 0
     * @return this store
     */
    public DirectoryChainStore snapshotCacheBytes(long bytes) {
        if (bytes < 0) {
            throw new DeltaConfigurationException("snapshot cache bytes must not be negative, got " + bytes);
        }
        decodedSnapshots.bound(bytes);
        return this;
    }

    /** The default bound on the snapshot states a store keeps decoded: 64 MiB. */
    public static final long DEFAULT_SNAPSHOT_CACHE_BYTES = 64L << 20;

    /** @return the chain's directory */
    public Path directory() {
        return dir;
    }

    /** @return when this store forces writes to disk */
    public FsyncPolicy fsyncPolicy() {
        return fsync;
    }

    /** @return how long {@link #lock()} waits for another writer */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** The generation and the sizes of its index and segment: an append grows both, a rewrite moves the generation. */
    @Override
    public long revision() {
        long g = generation();
        if (g < 0 || cached != null && cached.v1() != null) {
            return ChainStore.super.revision();
        }
        try {
            return (g * 1_000_003L + files.size(index(g))) * 1_000_003L + files.size(segment(g));
        } catch (IOException e) { // a file gone: rewritten meanwhile (or lost), a revision of its own
            return -2 - g;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * One generation as a reader sees it. {@code length} counts whole index entries; {@code v1} is set
     * for a chain still in format 1.
     */
    private record View(ChainManifest manifest, long segmentEnd, int lastRebuildFrom, DirectoryV1 v1,
                        List<Entry> fromFrames, String fromFramesWhy) {
        View(ChainManifest manifest, long segmentEnd, int lastRebuildFrom, DirectoryV1 v1) {
            this(manifest, segmentEnd, lastRebuildFrom, v1, List.of(), null);
        }

        long generation() {
            return manifest.generation();
        }

        /** @return the entry of {@code index} rebuilt in memory from the segment's frames, null when the index has it */
        Entry fromFrames(int index) {
            int first = manifest.length() - fromFrames.size();
            return index >= first && index < manifest.length() ? fromFrames.get(index - first) : null;
        }
    }

    /** Notes that generation {@code g} holds its versions from {@code first}; forgets all but the last few. */
    private void noteFirst(long g, int first) {
        if (firstOf.size() > 8) {
            firstOf.keySet().removeIf(k -> k < g - 4);
        }
        firstOf.put(g, first);
    }

    /** @return the first version of generation {@code g}, from its manifest as last read (0 when never read) */
    private int first(long g) {
        return firstOf.getOrDefault(g, 0);
    }

    /** @return where the index entry of version {@code i} of generation {@code g} begins */
    private long slot(long g, int i) {
        return HEADER + (long) ENTRY * (i - first(g));
    }

    private Path segment(long generation) {
        return dir.resolve(generationName(generation) + ".dseg");
    }

    private Path index(long generation) {
        return dir.resolve(generationName(generation) + ".didx");
    }

    /** @return the generation in 12 digits (every read names its file: no {@code String.format} here) */
    private static String generationName(long generation) {
        String digits = Long.toString(generation);
        return digits.length() >= 12 ? digits : "000000000000".substring(digits.length()) + digits;
    }

    @Override
    public Optional<ChainManifest> readManifest() {
        Optional<View> v = load();
        cached = v.orElse(null);
        return v.map(View::manifest);
    }

    /** Reads {@code manifest.json} only, not the index: what a chain asks after every read. */
    @Override
    public long generation() {
        Path file = dir.resolve(MANIFEST);
        if (!files.exists(file)) {
            return -1;
        }
        ChainManifest m = readManifestFile(file).manifest();
        View v = cached;
        if (v != null && v.generation() != m.generation()) {
            cached = null; // rewritten: the next read reads the new head
        }
        return m.formatVersion() == 1 ? ChainStore.super.generation() : m.generation();
    }

    private View view() {
        View v = cached;
        if (v == null) {
            v = load().orElseThrow(() -> new ChainStoreException(dir + " holds no chain"));
            cached = v;
        }
        return v;
    }

    /** Reads the manifest and the index's tail: the head readers see. Writes nothing. */
    private Optional<View> load() {
        return load(1);
    }

    /**
     * @param attempt how many times the head has been read: a rewrite that deletes the generation a reader
     *     is reading sends it back to the new manifest, a few times at most before it gives up
     */
    private Optional<View> load(int attempt) {
        Path file = dir.resolve(MANIFEST);
        if (!files.exists(file)) {
            return Optional.empty();
        }
        ManifestJson.Stored stored = readManifestFile(file);
        ChainManifest m = stored.manifest();
        if (m.formatVersion() == 1) {
            return Optional.of(new View(new DirectoryV1(dir, limits, files).manifest(), 0, 0,
                    new DirectoryV1(dir, limits, files)));
        }
        try {
            long g = m.generation();
            noteFirst(g, m.first());
            checkHeader(index(g), INDEX_MAGIC, g);
            checkHeader(segment(g), SEGMENT_MAGIC, g);
            // The index's size before the segment's: an append writes its frames before its entry, so every
            // entry a reader sees then has its frames inside the segment it sees after (no race with a writer).
            long indexSize = files.size(index(g));
            Head h = head(g, stored, indexSize, files.size(segment(g)), false);
            return Optional.of(h.view(m));
        } catch (NoSuchFileException e) {
            boolean moved = files.exists(file) && ManifestJson.read(readWhole(file), file.toString(), limits).generation()
                    != m.generation();
            if (!moved) {
                throw missingFile(m.generation(), e); // the committed manifest names it: a lost file, not a race
            }
            if (attempt < LOAD_ATTEMPTS) {
                return load(attempt + 1); // a writer rewrote the chain after its manifest was read: read the new head
            }
            throw new ChainStoreException("chain " + dir + " was rewritten " + LOAD_ATTEMPTS + " times while it was"
                    + " read (" + e.getMessage() + " went missing each time); reopen it", e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the damage of a generation that the committed manifest names but whose index or segment is gone
     *     (a rewrite writes and forces both before the manifest names them, so this is a lost file, not a race)
     */
    private CorruptDeltaException missingFile(long g, NoSuchFileException e) {
        boolean segmentThere = files.exists(segment(g));
        return new CorruptDeltaException((files.exists(index(g)) ? segment(g) : index(g)) + " is missing: "
                + MANIFEST + " names generation " + g + ", whose " + (segmentThere ? "index" : "segment")
                + " is gone, so the chain cannot be read through it. " + (segmentThere
                ? "The versions are still in " + segment(g).getFileName() + ": 'delta chain salvage " + dir
                + " NEW' copies them into a new chain from its frames alone"
                : otherSegment(g) != null ? "The directory holds another generation's segment, "
                + otherSegment(g).getFileName() + ": 'delta chain salvage " + dir + " NEW' copies the versions its"
                + " frames hold into a new chain (or restore the missing files from a backup)"
                : "Restore the file from a backup; the versions it held are lost otherwise"), e);
    }

    /**
     * The head generation {@code g} holds, as readers count it and recovery keeps it (docs/FORMAT.md,
     * "Readers" and "Recovery"): the versions whose index entries count, then those the segment's frames prove
     * though the index lacks their entries, rebuilt in memory from the frames.
     *
     * @param whole the whole 40-byte slots in the index
     * @param counted how many versions, from 0, have entries that count
     * @param last the entry of version {@code counted - 1}, null when none counts
     * @param tail the whole versions the segment holds past {@code last}'s frames
     * @param fromFrames those of them that the chain holds though the index lacks their entries
     * @param why what the index lacks, when {@code fromFrames} is not empty
     */
    private record Head(int whole, int counted, Entry last, TailFrames tail, List<Entry> fromFrames, String why) {
        int length() {
            return counted + fromFrames.size();
        }

        View view(ChainManifest m) {
            Entry newest = fromFrames.isEmpty() ? last : fromFrames.get(fromFrames.size() - 1);
            return new View(m.withLength(length()), newest == null ? HEADER : newest.end(),
                    newest == null ? 0 : newest.rebuildFrom(), null, fromFrames, why);
        }
    }

    /**
     * Finds generation {@code g}'s head. Entries count from the index's end back: the last one whose CRC holds,
     * that names its version and that is forced or whose frames lie inside the segment (for the {@code writer}'s
     * recovery: whose frames' CRC32Cs hold), and every one before it; in a chain whose manifest lacks the
     * forced-flag marker (an older build's) every entry but the index's last counts as forced. Then the
     * versions the segment holds whole past the last counted one join the head when the evidence says they were
     * written: more than one of them (one in-flight append cannot leave two), a whole slot of the index for the
     * first (its entry was written, then damaged), or the manifest's {@code length}, which counts them.
     *
     * @throws CorruptDeltaException when the manifest counts versions that neither the index nor the frames hold
     */
    private Head head(long g, ManifestJson.Stored stored, long indexSize, long segmentSize, boolean writer)
            throws IOException {
        ChainManifest m = stored.manifest();
        int f = m.first();
        int whole = f + (int) ((indexSize - HEADER) / ENTRY); // the version after the last whole slot
        int partial = (int) ((indexSize - HEADER) % ENTRY);
        int counted = Math.min(whole, m.length());
        Entry last = null;
        // Read back from the index's end in pieces, as a crash can leave a long run of zeros past the last entry
        // (one entry first, then twice as many each time: a clean chain's open reads its last entry alone).
        byte[] piece = new byte[0];
        int pieceFirst = whole;
        int pieceSize = 1;
        for (int i = whole - 1; i >= m.length() && last == null; i--) {
            if (i < pieceFirst) {
                pieceFirst = Math.max(m.length(), i + 1 - pieceSize);
                pieceSize = Math.min(TAIL_PIECE, pieceSize * 2);
                piece = files.read(index(g), slot(g, pieceFirst), ENTRY * (i + 1 - pieceFirst));
            }
            int at = (i - pieceFirst) * ENTRY;
            Entry e = entryFault(piece, at, i) == null ? Entry.decode(piece, at) : null;
            // An older build's entries carry no forced flag: all but the last count as forced, since appends are
            // serialised and only the last can be one in flight when the power went.
            boolean forced = e != null && (e.forced() || !stored.forcedFlag() && i < whole - 1);
            if (e != null && (forced || e.end() <= segmentSize && (!writer || framesWhole(g, e)))) {
                counted = i + 1;
                last = e;
            }
        }
        String lastFault = null;
        if (last == null && counted > f) {
            last = entry(g, counted - 1);
            if (last == null) { // the last entry the manifest counts is damaged: its frames may still prove it
                lastFault = slotFault(g, counted - 1, segmentSize);
                counted--;
                last = counted == f ? null : entry(g, counted - 1);
                if (counted > f && last == null) {
                    throw new CorruptDeltaException(damagedEntry(g, counted - 1, slotFault(g, counted - 1, segmentSize))
                            + ", and so is the entry after it: the chain's head cannot be found. 'delta chain salvage "
                            + dir + " NEW' copies the versions the segment's frames hold into a new chain");
                }
            }
        }
        int needed = m.length() - counted;
        TailFrames tail = last != null && last.end() > segmentSize ? TailFrames.NONE : framesPast(g, last, segmentSize);
        int n = tail.entries().size();
        // A whole slot for the first of them whose entry is damaged: it was written, then damaged (an entry that
        // reads but does not count says its own frames are not whole: a torn append). A part of a slot where
        // the index ends: its entry was cut short after its frames were whole (a writer writes an entry at once).
        boolean cut = whole == counted && partial > 0;
        boolean slotted = whole > counted && entry(g, counted) == null || cut;
        // One whole version past the index with no trace of its entry is an append cut off between its two writes
        // (or one in flight, for a reader): it was never acknowledged, and readers and recovery both leave it out.
        if ((n > 1 || n == 1 && (slotted || needed > 0)) && tail.chained() && n >= needed) {
            String follows = "which follow " + (counted == f ? "the header" : "version " + (counted - 1));
            String why = needed > 0 && lastFault == null
                    ? MANIFEST + " counts " + m.length() + " versions, but " + index(g) + " holds " + whole
                    + " whole entries, and " + framesPastMessage(g, tail)
                    : n > 1 ? framesPastMessage(g, tail)
                    : cut && lastFault == null ? index(g) + " ends " + partial + " bytes into the entry of version "
                    + counted + " (an entry is " + ENTRY + " bytes), but " + segment(g) + " holds its whole frames"
                    + " (offset " + tail.entries().get(0).start() + "), " + follows + ": an entry cut short or torn"
                    : damagedEntry(g, counted, lastFault != null ? lastFault : slotFault(g, counted, segmentSize))
                    + ", but " + segment(g) + " holds its whole frames (offset " + tail.entries().get(0).start() + "), "
                    + follows + ": not a torn append";
            return new Head(whole, counted, last, tail, tail.entries(), why);
        }
        if (needed > 0) {
            throw lastFault != null && needed == 1
                    ? new CorruptDeltaException(damagedEntry(g, counted, lastFault) + ", and " + segment(g)
                    + " holds no whole frames of it after " + (counted == f ? "the header" : "version " + (counted - 1)
                    + "'s") + ": version " + counted + " cannot be read. 'delta chain salvage " + dir + " NEW' copies"
                    + " the versions before it into a new chain")
                    : fewerEntries(g, whole - f, m.length(), counted, tail);
        }
        return new Head(whole, counted, last, tail, List.of(), null);
    }

    /** @return why the whole slot of version {@code i} in generation {@code g}'s index does not count */
    private String slotFault(long g, int i, long segmentSize) throws IOException {
        byte[] b = files.read(index(g), slot(g, i), ENTRY);
        String fault = entryFault(b, 0, i);
        if (fault != null) {
            return fault;
        }
        Entry e = Entry.decode(b, 0);
        return e.end() > segmentSize ? "it says its frames end at offset " + e.end() + ", past the end of "
                + segment(g).getFileName() + " (" + segmentSize + " bytes)" : "its frames' CRC32Cs do not hold";
    }

    /**
     * @return the damage of an index with fewer whole entries than the manifest's {@code length} when the
     *     segment's frames do not make up the difference: they do not follow a version that reads, or are too few
     */
    private CorruptDeltaException fewerEntries(long g, int entries, int length, int counted, TailFrames tail) {
        String counts = MANIFEST + " counts " + length + " versions, but " + index(g) + " holds " + entries
                + " whole entries";
        int found = counted + tail.entries().size();
        return new CorruptDeltaException(found >= length
                ? counts + " and " + framesPastMessage(g, tail).replace(segment(g) + " holds ", segment(g) + " whole frames of ")
                + ", but version " + (counted - 1) + " does not read, so their hash chain cannot be checked and their"
                + " entries are not rebuilt. Nothing was truncated; 'delta chain salvage " + dir + " NEW' copies every"
                + " version that reads into a new chain"
                : counts + ", and " + segment(g) + " holds no whole frames of " + versions(found, length - 1) + " either:"
                + " the manifest's length is wrong (" + MANIFEST + " is damaged, though its CRC holds), or the index and"
                + " segment both lost data. 'delta chain salvage " + dir + " NEW' copies the versions that read into a"
                + " new chain");
    }

    /**
     * Reads {@code manifest.json}; damage is a {@link CorruptDeltaException} that says what to do. This
     * build never leaves it damaged: every rewrite forces it before and after the rename that commits it,
     * whatever the {@link FsyncPolicy}.
     */
    private ManifestJson.Stored readManifestFile(Path file) {
        try {
            return ManifestJson.readStored(readWhole(file), file.toString(), limits);
        } catch (CorruptDeltaException e) {
            throw new CorruptDeltaException(e.getMessage() + ". A power loss does not leave it so (every rewrite"
                    + " forces it, under every fsync policy): the disk damaged it, or an older build wrote it under"
                    + " FsyncPolicy.never(). The versions are still in the .dseg and .didx files beside it; restore "
                    + MANIFEST + " from a backup to read the chain again, or run 'delta chain salvage " + dir
                    + " NEW' to copy them into a new chain from the segment's frames", e);
        }
    }

    private void checkHeader(Path file, byte[] magic, long generation) throws IOException {
        byte[] h = files.read(file, 0, HEADER);
        String kind = magic == INDEX_MAGIC ? "index" : "segment";
        if (h.length < HEADER) {
            throw new CorruptDeltaException(file + ": the " + kind + " header is cut short: the file is " + h.length
                    + " bytes, a header " + HEADER + "; the file is damaged");
        }
        List<String> wrong = new ArrayList<>();
        if (!java.util.Arrays.equals(h, 0, 4, magic, 0, 4)) {
            wrong.add("bytes 0-3 (magic) are not " + new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        }
        if ((h[4] & 0xff) != LAYOUT) {
            wrong.add("byte 4 (layout version) is " + (h[4] & 0xff) + ", not " + LAYOUT);
        }
        for (int k = 5; k < 8; k++) {
            if (h[k] != 0) {
                wrong.add("byte " + k + " (reserved) is 0x" + Integer.toHexString(0x100 | h[k] & 0xff).substring(1)
                        + ", not 0");
            }
        }
        long g = new WireReader(h, 8, HEADER, file.toString()).i64("generation");
        if (g != generation) {
            wrong.add("bytes 8-15 (generation) say " + g + ", but " + MANIFEST + " names generation " + generation);
        }
        if (!wrong.isEmpty()) {
            throw new CorruptDeltaException(file + ": the " + kind + " header is damaged: " + String.join("; ", wrong)
                    + ". The frames past the header may still read: 'delta chain salvage " + dir + " NEW' copies what"
                    + " the segment holds into a new chain");
        }
    }

    private static byte[] header(byte[] magic, long generation) {
        return new WireWriter(HEADER).raw(magic).u8(LAYOUT).u8(0).u8(0).u8(0).i64(generation).toByteArray();
    }

    /**
     * Version {@code i}'s entry, rebuilt from the segment's frames when its slot in the index is damaged: the
     * versions walked from the nearest whole entry before it (from the header when none is), each a whole
     * record that names its version and starts from the one before's target hash, then its snapshot frame if
     * one follows; the last of them is {@code i}, and its frames end where the next whole entry's start (and,
     * without a snapshot of its own, that version rebuilds from where {@code i} does). Reads only the frames
     * between the two whole entries.
     *
     * @param length the versions the chain counts
     * @return the entry, or null when the frames do not prove it
     */
    private Entry rebuiltEntry(long g, int i, int length, long segmentSize) throws IOException {
        int f = first(g);
        Entry before = null;
        int j = i - 1;
        while (j >= f && (before = entry(g, j)) == null) {
            j--;
        }
        SegmentFrames frames = new SegmentFrames(files, limits, segment(g), segmentSize);
        Entry found;
        if (before == null) {
            SegmentFrames.Snapshot first = frames.snapshotAt(HEADER, null, f);
            if (first == null) {
                return null;
            }
            Entry base = new Entry(f, false, true, true, f, HEADER, 0, HEADER, first.length());
            found = i == f ? base : last(frames.walk(first.end(), f + 1, first.hash(), f, false, i - f).entries());
        } else {
            byte[] hash = targetHash(g, before);
            found = hash == null ? null
                    : last(frames.walk(before.end(), j + 1, hash, before.rebuildFrom(), false, i - j).entries());
        }
        if (found == null || found.index() != i) {
            return null;
        }
        Entry after = i + 1 < length ? entry(g, i + 1) : null;
        boolean fits = after == null || after.start() == found.end()
                && (after.hasSnapshot() || after.rebuildFrom() == found.rebuildFrom());
        return fits ? found : null;
    }

    /** {@link #rebuiltEntry}, with a failure to read the files as a {@link ChainStoreException} */
    private Entry rebuilt(long g, int i, int length, long segmentSize) {
        try {
            return rebuiltEntry(g, i, length, segmentSize);
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + segment(g) + ": " + e.getMessage(), e);
        }
    }

    private long segmentSize(View v) {
        try {
            return files.size(segment(v.generation()));
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + segment(v.generation()) + ": " + e.getMessage(), e);
        }
    }

    private static Entry last(List<Entry> entries) {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** @return the newest segment of another generation than {@code g} in the directory, null when there is none */
    private Path otherSegment(long g) {
        try {
            return files.list(dir).stream().filter(n -> GENERATION_FILE.matcher(n).matches() && n.endsWith(".dseg")
                    && !n.equals(segment(g).getFileName().toString())).sorted().reduce((a, b) -> b).map(dir::resolve)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The codecs snapshot frames of format 3 name: those the class path provides ({@link Deltas#registry()}).
     * A chain whose codec is not among them (an instance given to the compressor alone) keeps raw snapshots.
     */
    static final java.util.function.Function<String, Codec> CODECS = id -> Deltas.registry().codec(id);

    /**
     * @return the frame of the snapshot of {@code version} in a chain with manifest {@code m}: from store format 3
     *     on, naming the version, a delta from the {@code previous} snapshot (version 3, at most
     *     {@link SnapshotFrame#MAX_DEPTH} deltas from a whole one) when that is smaller, else whole (version 2),
     *     each compressed with the chain's codec when that is smaller and decodes under this store's limits; in
     *     format 2, version 1 (the state as it is)
     */
    private Written snapshotFrame(ChainManifest m, int version, byte[] state, Previous previous) {
        if (m.formatVersion() < 3) {
            return new Written(SnapshotFrame.write(state), 0);
        }
        Codec codec;
        try {
            codec = Deltas.registry().codec(m.codecId());
        } catch (io.deltachain.api.UnknownCodecException notOnTheClassPath) {
            codec = null;
        }
        byte[] whole = SnapshotFrame.write(state, version, codec, m.codecLevel(), limits);
        int deepest = m.formatVersion() == 3 ? SnapshotFrame.FORMAT_3_DEPTH : SnapshotFrame.MAX_DEPTH;
        if (previous == null || previous.depth() >= deepest || previous.version() >= version
                || state.length > DELTA_LARGEST || previous.state().length > DELTA_LARGEST) {
            return new Written(whole, 0);
        }
        byte[] delta = SnapshotFrame.writeDelta(version, previous.version(), previous.depth() + 1,
                SnapshotDelta.diff(previous.state(), state), state.length, codec, m.codecLevel(), limits);
        return delta.length < whole.length ? new Written(delta, previous.depth() + 1) : new Written(whole, 0);
    }

    /** A snapshot frame to write, and how many deltas it is from a whole snapshot (0: it is one). */
    private record Written(byte[] frame, int depth) {
    }

    /** Snapshots above this size are always written whole (a delta between them costs its search). */
    private static final int DELTA_LARGEST = 64 << 20;

    /** Frames above this size are read only when the index entries around theirs agree with their place. */
    private static final int LARGE_FRAME = 1 << 20;

    /** @return whether {@code e}'s frames start where the version before's end and end where the next one's start */
    private boolean fits(View v, Entry e) throws IOException {
        int i = e.index();
        Entry before = i > v.manifest().first() ? entry(v.generation(), i - 1) : null;
        Entry after = i + 1 < v.manifest().length() ? entry(v.generation(), i + 1) : null;
        if (v.fromFrames(i + 1) != null) {
            after = v.fromFrames(i + 1);
        }
        return (i == v.manifest().first() ? e.start() == HEADER : before == null || before.end() == e.start())
                && (after == null ? e.end() <= segmentSize(v) : after.start() == e.end());
    }

    /** Index entries read at once when looking for the last one that counts. */
    private static final int TAIL_PIECE = 4096;

    /** @return entry {@code i} of generation {@code g}, or null when it is missing, torn or damaged */
    private Entry entry(long g, int i) throws IOException {
        byte[] b = files.read(index(g), slot(g, i), ENTRY);
        return entryFault(b, 0, i) == null ? Entry.decode(b, 0) : null;
    }

    /** @return what is wrong with the entry of version {@code i} at {@code offset} of {@code b}, null if nothing */
    private static String entryFault(byte[] b, int offset, int i) {
        String fault = Entry.fault(b, offset);
        if (fault == null && Entry.decode(b, offset).index() != i) {
            return "it names version " + Entry.decode(b, offset).index();
        }
        return fault;
    }

    private String damagedEntry(long g, int i, String fault) {
        return index(g) + ": the index entry of version " + i + " (offset " + slot(g, i)
                + ") is damaged (" + fault + ")";
    }

    /**
     * @return the message for acknowledged versions {@code first} to {@code last} whose frames end past the
     *     segment's end, which is damage (a truncated segment, or data lost on disk), never a torn tail
     */
    private String shortSegment(long g, long segmentSize, int first, int last, long firstEnd) {
        return segment(g) + " is " + segmentSize + " bytes, shorter than its index says: the frames of "
                + versions(first, last) + " end past it (version " + first + "'s end at offset " + firstEnd
                + "), though the index counts them as acknowledged (forced to disk before their entries were written)."
                + " The segment was truncated or lost data: " + (first == last ? "that version is" : "those versions are")
                + " lost";
    }

    static String versions(int first, int last) {
        return first == last ? "version " + first : "versions " + first + " to " + last;
    }

    /** @return the first version before {@code head} (or {@code head}) whose frames end past {@code segmentSize} */
    private int firstPastEnd(long g, int head, long segmentSize) throws IOException {
        int first = head;
        for (int j = head - 1; j >= first(g); j--) {
            Entry p = entry(g, j);
            if (p != null && p.end() <= segmentSize) {
                break;
            }
            first = p != null ? j : first;
        }
        return first;
    }

    /** Where version {@code index}'s record or snapshot frame lies in the head's segment (for tests). */
    record Span(Path file, long offset, int length) {
    }

    Span span(int index, boolean snapshot) {
        View v = view();
        Entry e = existing(v, index);
        return snapshot ? new Span(segment(v.generation()), e.snapshotOffset(), e.snapshotLength())
                : new Span(segment(v.generation()), e.recordOffset(), e.recordLength());
    }

    @Override
    public String describeRecord(int index) {
        try {
            View v = view();
            if (v.v1() != null) {
                return "record of version " + index + " (" + v.v1().recordFile(index) + ")";
            }
            Entry e = v.fromFrames(index) != null ? v.fromFrames(index) : entry(v.generation(), index);
            e = e != null ? e : rebuiltEntry(v.generation(), index, v.manifest().length(), segmentSize(v));
            return "record of version " + index + " (" + segment(v.generation())
                    + (e != null ? " at offset " + e.recordOffset() : "; its index entry is damaged") + ")";
        } catch (IOException | RuntimeException e) {
            return "record of version " + index + " in " + this;
        }
    }

    @Override
    public byte[] readRecord(int index) {
        View v = view();
        if (v.v1() != null) {
            return v.v1().record(index);
        }
        Entry e = existing(v, index);
        if (!e.hasRecord()) {
            throw new ChainStoreException(dir + " holds no record for version " + index);
        }
        return RecordFrame.wireBytes(readSegment(v.generation(), e.recordOffset(), e.recordLength(), "the record of"
                + " version " + index), limits, before -> recordTargetHash(v, before));
    }

    @Override
    public byte[] recordTargetHash(int index) {
        View v = view();
        return v.v1() != null ? ChainStore.super.recordTargetHash(index) : recordTargetHash(v, index);
    }

    /**
     * @return the target hash the record of version {@code index} names (its frame read and CRC-checked), which a
     *     record frame of the version after takes as its base hash
     * @throws io.deltachain.api.DeltaException when it does not read
     */
    private byte[] recordTargetHash(View v, int index) {
        Entry e = existing(v, index);
        if (!e.hasRecord()) {
            throw new ChainStoreException(dir + " holds no record for version " + index);
        }
        return RecordFrame.targetHashOfEither(readSegment(v.generation(), e.recordOffset(), e.recordLength(),
                "the record of version " + index), limits);
    }

    /**
     * @return the target hash of the record of version {@code index - 1} of {@code head}, when that version has a
     *     record and no snapshot and its frame reads: a record frame of version {@code index} may take its base
     *     hash from it; else null
     */
    private byte[] recordBefore(View head, int index) {
        if (index < 2 || head.manifest().formatVersion() < 4) {
            return null;
        }
        try {
            Entry e = existing(head, index - 1);
            return e.hasSnapshot() ? null : recordTargetHash(head, index - 1);
        } catch (io.deltachain.api.DeltaException e) {
            return null;
        }
    }

    /** @return the target hash of a record's wire bytes, null when they do not read */
    private byte[] targetHashOf(byte[] wire) {
        try {
            return DeltaRecord.fromBytes(wire, limits).targetHash();
        } catch (io.deltachain.api.DeltaException e) {
            return null;
        }
    }

    /**
     * @return what the segment holds for a record the chain appends in a chain of manifest {@code m}: from
     *     store format 4 on its record frame (docs/FORMAT.md, "Record frame, version 2"), else, or when this
     *     store's limits would not read it back, its wire bytes as they are; {@code before} is the target hash of
     *     the record of the version before it, when that version has no snapshot (null otherwise): a frame whose
     *     base hash it is keeps only its first bytes
     */
    private byte[] recordFrame(ChainManifest m, byte[] wire, byte[] before) {
        if (m.formatVersion() < 4) {
            return wire;
        }
        try {
            DeltaRecord r = DeltaRecord.fromBytes(wire, limits);
            byte[] frame = RecordFrame.write(r, before);
            return frame.length < wire.length && RecordFrame.read(frame, limits, v -> before).equals(r) ? frame : wire;
        } catch (io.deltachain.api.DeltaException e) {
            return wire;
        }
    }

    @Override
    public byte[] readSnapshot(int index) {
        View v = view();
        if (v.v1() != null) {
            return v.v1().snapshot(index);
        }
        return snapshotState(v, index, 0).clone();
    }

    /**
     * The state of version {@code index}'s snapshot in {@code v}'s generation: its frame, or, for a delta frame
     * (version 3), its delta applied to its base's state, read the same way ({@code hops} so far, at most
     * {@link SnapshotFrame#MAX_DEPTH} + 1 frames in all). The last few states decoded are kept; the array
     * returned may be one of them: not to be changed.
     */
    private byte[] snapshotState(View v, int index, int hops) {
        return snapshotState(v, index, hops, -1);
    }

    /** @param depth how many deltas the snapshot is from a whole one, as the delta built on it says; -1: unchecked */
    private byte[] snapshotState(View v, int index, int hops, int depth) {
        Entry entry = existing(v, index);
        byte[] framed = snapshotFrameOf(v, entry, index);
        if (depth >= 0 && SnapshotFrame.depthOf(framed) != depth) {
            throw new CorruptDeltaException(segment(v.generation()) + " at offset " + entry.snapshotOffset() + ": the"
                    + " snapshot of version " + index + " is " + SnapshotFrame.depthOf(framed) + " deltas from a whole"
                    + " snapshot, but the delta built on it says it is " + depth + " deltas from a whole snapshot"
                    + " (a frame is damaged)");
        }
        String key = v.generation() + ":" + index + ":" + framed.length + ":" + Crc32c.of(framed, 0, framed.length);
        byte[] kept = decodedSnapshots.get(key);
        if (kept != null) {
            return kept; // the same frame, byte for byte, decoded before
        }
        SnapshotFrame.Contents c = SnapshotFrame.read(framed, limits, segment(v.generation()) + " at offset "
                + entry.snapshotOffset(), CODECS, index);
        if (c.isDelta() && hops >= SnapshotFrame.MAX_DEPTH) {
            throw new CorruptDeltaException(segment(v.generation()) + ": the snapshot of version " + index + " is a"
                    + " delta more than " + SnapshotFrame.MAX_DEPTH + " deltas from a whole snapshot (a frame is damaged)");
        }
        byte[] state = SnapshotFrame.resolve(c, base -> {
            try {
                return snapshotState(v, base, hops + 1, c.depth() - 1);
            } catch (ChainStoreException | CorruptDeltaException e) {
                throw new CorruptDeltaException("the snapshot of version " + index + " is a delta from the snapshot of"
                        + " version " + base + ", which does not read as its base: " + e.getMessage(), e);
            }
        }, segment(v.generation()) + ", the snapshot of version " + index);
        decodedSnapshots.put(key, state);
        return state;
    }

    private byte[] snapshotFrameOf(View v, Entry e, int index) {
        if (!e.hasSnapshot()) {
            throw new ChainStoreException(dir + " holds no snapshot for version " + index);
        }
        return readSegment(v.generation(), e.snapshotOffset(), e.snapshotLength(), "the snapshot of version " + index);
    }

    /** The snapshot a new one may be a delta from: its version, how many deltas it is from a whole one, its state. */
    private record Previous(int version, int depth, byte[] state) {
    }

    /** @return the newest snapshot of {@code head}, null when it does not read (the next is then whole) */
    private Previous previousSnapshot(View head) {
        int p = head.lastRebuildFrom();
        try {
            byte[] state = snapshotState(head, p, 0); // decodes and checks the frame; its depth is in its header
            return new Previous(p, SnapshotFrame.depthOf(snapshotFrameOf(head, existing(head, p), p)), state);
        } catch (io.deltachain.api.DeltaException e) {
            return null;
        }
    }

    /**
     * The last snapshot states this store decoded, by generation, version and the frame's length and CRC32C (so
     * a frame written anew is decoded anew), bounded in bytes ({@link #snapshotCacheBytes}).
     */
    private final DecodedSnapshots decodedSnapshots = new DecodedSnapshots();

    private static final class DecodedSnapshots {
        private final java.util.LinkedHashMap<String, byte[]> states = new java.util.LinkedHashMap<>(8, 0.75f, true);
        private long bound = DEFAULT_SNAPSHOT_CACHE_BYTES;
        private long held;

        synchronized byte[] get(String key) {
            return states.get(key);
        }

        synchronized void bound(long bytes) {
            bound = bytes;
            trim();
        }

        synchronized void put(String key, byte[] state) {
            if (state.length <= bound / 4) {
                byte[] before = states.put(key, state);
                held += state.length - (before == null ? 0 : before.length);
                trim();
            }
        }

        private void trim() {
            var eldest = states.values().iterator();
            while (held > bound && eldest.hasNext()) {
                held -= eldest.next().length;
                eldest.remove();
            }
        }
    }

    @Override
    public OptionalInt nearestSnapshot(int index) {
        View v = view();
        if (v.v1() != null) {
            return ChainStore.super.nearestSnapshot(index);
        }
        return index < v.manifest().first() || index >= v.manifest().length() ? OptionalInt.empty()
                : OptionalInt.of(existing(v, index).rebuildFrom());
    }

    private Entry existing(View v, int index) {
        if (index < v.manifest().first()) {
            throw new ChainStoreException(dir + " holds no version " + index + ": it holds versions from "
                    + v.manifest().first() + " on (retention dropped the ones before)");
        }
        if (index >= v.manifest().length()) {
            View fresh = load().orElse(v);
            if (index >= fresh.manifest().length() || fresh.generation() != v.generation()) {
                throw new ChainStoreException(dir + " holds no version " + index + " (it holds " + (v.manifest().first()
                        == 0 ? String.valueOf(v.manifest().length()) : "versions " + v.manifest().first() + " to "
                        + (v.manifest().length() - 1)) + ")");
            }
            v = fresh;
        }
        Entry fromFrames = v.fromFrames(index);
        if (fromFrames != null) {
            return fromFrames; // its index entry is damaged or missing; verify says so, the next writer rebuilds it
        }
        try {
            byte[] b = files.read(index(v.generation()), slot(v.generation(), index), ENTRY);
            String fault = entryFault(b, 0, index);
            if (fault != null) {
                Entry rebuilt = rebuiltEntry(v.generation(), index, v.manifest().length(), segmentSize(v));
                if (rebuilt != null) {
                    return rebuilt; // verify names the damaged entry; the frames it pointed to are whole
                }
                throw new CorruptDeltaException(damagedEntry(v.generation(), index, fault) + ", and " + segment(
                        v.generation()) + " holds no whole frames of it where the entries around it say: 'delta chain"
                        + " salvage --from-frames " + dir + " NEW' reads every version the frames still hold");
            }
            Entry e = Entry.decode(b, 0);
            if (e.end() > segmentSize(v)) { // a truncated segment, or this entry's own damage under a valid CRC
                Entry rebuilt = rebuiltEntry(v.generation(), index, v.manifest().length(), segmentSize(v));
                return rebuilt != null ? rebuilt : e; // reading e says where its frames were meant to be
            }
            if (Math.max(e.recordLength(), e.snapshotLength()) > LARGE_FRAME && !fits(v, e)) {
                // A large claim is read only once the entries around it agree: a length forged under a valid CRC
                // must not cost a read of what the segment holds after it
                Entry rebuilt = rebuiltEntry(v.generation(), index, v.manifest().length(), segmentSize(v));
                if (rebuilt == null) {
                    throw new CorruptDeltaException(damagedEntry(v.generation(), index, "its frames, " + (e.end()
                            - e.start()) + " bytes from offset " + e.start() + ", do not lie between the frames of the"
                            + " versions around it") + ": 'delta chain salvage --from-frames " + dir + " NEW' reads"
                            + " every version the frames still hold");
                }
                return rebuilt;
            }
            return e;
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + index(v.generation()) + ": " + e.getMessage(), e);
        }
    }

    private ChainStoreException rewritten(NoSuchFileException e) {
        return new ChainStoreException("chain " + dir + " was rewritten since its manifest was read (" + e.getMessage()
                + " is gone); reopen it", e);
    }

    /**
     * Reads {@code what}'s frame, refusing, before anything is allocated, an entry that points past the
     * segment's actual end (a truncated segment, or a hostile index with a valid CRC) or beyond the limits.
     */
    private byte[] readSegment(long g, long offset, int length, String what) {
        try {
            long size = files.size(segment(g));
            if (offset > size - length) {
                throw new CorruptDeltaException(segment(g) + " is " + size + " bytes, shorter than its index says: "
                        + what + " is " + length + " bytes at offset " + offset + ", past its end (the segment was"
                        + " truncated or lost data, or the index is damaged)");
            }
            // A record is bounded as a state is (its header's summary can outgrow the payload limit); both are
            // read in pieces, so the heap holds the claim once, and only when the file holds its bytes.
            limits.checkStateSize(length, what + " in " + segment(g));
            Limits.requireHeap(length, what + " in " + segment(g) + " (" + length + " bytes)");
            byte[] b = files.read(segment(g), offset, length);
            if (b.length != length) {
                throw new CorruptDeltaException(segment(g) + " is truncated at offset " + offset);
            }
            return b;
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + segment(g) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every index entry of the head; a damaged entry's version is left out ({@link #auditLayout()}
     * names it, and reading it fails), so that one flipped byte does not hide every other snapshot. Opening
     * a chain and reading a version do not call it: they ask {@link #nearestSnapshot}, which reads one entry.
     */
    @Override
    public SortedSet<Integer> snapshotIndices() {
        View v = view();
        if (v.v1() != null) {
            return Collections.unmodifiableSortedSet(v.v1().snapshotIndices());
        }
        TreeSet<Integer> out = new TreeSet<>();
        int length = v.manifest().length();
        int f = v.manifest().first();
        byte[] all = readIndex(v, length - f);
        for (int i = f; i < length; i++) {
            int at = (i - f) * ENTRY;
            Entry e = v.fromFrames(i) != null ? v.fromFrames(i) : entryFault(all, at, i) == null
                    ? Entry.decode(all, at) : rebuilt(v.generation(), i, length, segmentSize(v));
            if (e != null && e.hasSnapshot()) {
                out.add(i);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** @return the head's index entries from its first version, at most {@code entries} of them */
    private byte[] readIndex(View v, long entries) {
        try {
            return files.read(index(v.generation()), HEADER, (int) Math.min(Integer.MAX_VALUE - 8, ENTRY * entries));
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + index(v.generation()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks every index entry of the head against its CRC and the segment: that the entries tile it with
     * no gap and end inside it, and what lies in the index past the versions a reader counts. Each fault
     * names the versions it stops and why.
     */
    @Override
    public List<String> auditLayout() {
        View v = view();
        if (v.v1() != null) {
            return List.of();
        }
        long g = v.generation();
        int f = v.manifest().first();
        int length = v.manifest().length() - v.fromFrames().size(); // the versions whose entries count
        List<String> problems = new ArrayList<>();
        long segmentSize;
        long indexSize;
        byte[] all;
        try {
            // The index before the segment, as load() reads them: an entry appended meanwhile has its frames inside
            indexSize = files.size(index(g));
            segmentSize = files.size(segment(g));
            all = readIndex(v, Math.min((indexSize - HEADER) / ENTRY, v.manifest().versionsHeld()));
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        long at = HEADER;
        int pastEnd = -1;
        long pastEndAt = 0;
        // A truncated segment leaves a suffix of entries whose frames end past it; an entry past the end with
        // an entry after it whose frames lie inside is that entry's own damage (a hostile length or offset).
        int suffix = length;
        while (suffix > f && (entryFault(all, (suffix - 1 - f) * ENTRY, suffix - 1) != null
                || Entry.decode(all, (suffix - 1 - f) * ENTRY).end() > segmentSize)) {
            suffix--;
        }
        for (int i = f; i < length; i++) {
            String fault = entryFault(all, (i - f) * ENTRY, i);
            Entry e = fault == null ? Entry.decode(all, (i - f) * ENTRY) : null;
            if (e != null && i < suffix && e.end() > segmentSize) {
                fault = "it says its frames end at offset " + e.end() + ", past the end of " + segment(g) + " ("
                        + segmentSize + " bytes), though later versions' frames lie inside it";
            }
            Entry rebuilt = fault != null ? rebuilt(g, i, length, segmentSize) : null;
            if (rebuilt != null) {
                problems.add(damagedEntry(g, i, fault) + ": version " + i + " still reads, from its frames at offset "
                        + rebuilt.start() + " (whole, they follow " + (i == f ? "the header" : "version " + (i - 1) + "'s")
                        + (i + 1 < length ? " and end where version " + (i + 1) + "'s begin" : "") + "); 'delta chain"
                        + " salvage " + dir + " NEW' copies every version into a new chain with a whole index");
                at = at >= 0 && rebuilt.start() == at ? rebuilt.end() : -1;
                continue;
            }
            if (fault != null) {
                int last = i;
                while (last + 1 < length && entryFault(all, (last + 1 - f) * ENTRY, last + 1) == null
                        && Entry.decode(all, (last + 1 - f) * ENTRY).rebuildFrom() <= i) {
                    last++;
                }
                problems.add(damagedEntry(g, i, fault) + ": " + versions(i, last) + " cannot be read ("
                        + (last > i ? "the versions after it rebuild through it" : "its frames cannot be found")
                        + "); their frames may still be whole: 'delta chain salvage --from-frames " + dir + " NEW' reads"
                        + " every version from them");
                at = -1;
                continue;
            }
            if (at >= 0 && e.start() != at) {
                problems.add(index(g) + ": the entry of version " + i + " starts at " + e.start()
                        + ", not where the one before ends (" + at + ")");
            }
            at = e.end();
            if (e.end() > segmentSize && pastEnd < 0) {
                pastEnd = i;
                pastEndAt = e.end();
            }
        }
        if (pastEnd >= 0) {
            problems.add(shortSegment(g, segmentSize, pastEnd, length - 1, pastEndAt));
        }
        if (!v.fromFrames().isEmpty()) {
            int first = v.fromFrames().get(0).index();
            int newest = v.manifest().length() - 1;
            problems.add(v.fromFramesWhy() + ". " + (first == newest ? "Version " + first + " reads from its frames"
                    : versions(first, newest) + " read from their frames") + ", hash-checked; the next write (delta chain add, or DirectoryChainStore.recover())"
                    + " rebuilds the index from them. Nothing is lost");
        }
        if (length > f && pastEnd < 0 && v.fromFrames().isEmpty()) {
            try {
                Entry last = entryFault(all, (length - 1 - f) * ENTRY, length - 1) == null
                        ? Entry.decode(all, (length - 1 - f) * ENTRY) : null;
                TailFrames tail = last == null ? TailFrames.NONE : framesPast(g, last, segmentSize);
                if (tail.entries().size() > 1) {
                    problems.add(framesPastMessage(g, tail) + "; " + (tail.chained()
                            ? "the next write (delta chain add, or DirectoryChainStore.recover()) rebuilds their entries"
                            + " from the frames, hash-checked"
                            : "version " + (tail.first() - 1) + " does not read, so they cannot be hash-checked;"
                            + " run 'delta chain salvage " + dir + " NEW'"));
                }
            } catch (NoSuchFileException e) {
                throw rewritten(e);
            } catch (IOException e) {
                throw new ChainStoreException("cannot read " + segment(g) + ": " + e.getMessage(), e);
            }
        }
        int held = v.manifest().length();
        // Entries past the ones the view counts: a sound one is an append made since the view was read (a writer
        // at work), not a fault; the damaged ones, and those whose frames are not in the segment, are.
        int beyond = 0;
        long slots = f + (indexSize - HEADER) / ENTRY; // the version after the last whole slot
        try {
            for (long first = held; first < slots; first += TAIL_PIECE) { // in pieces: zeros there cost no heap
                int n = (int) Math.min(TAIL_PIECE, slots - first);
                byte[] piece = files.read(index(g), slot(g, (int) first), ENTRY * n);
                for (int k = 0; k < n; k++) {
                    int i = (int) first + k;
                    if (entryFault(piece, k * ENTRY, i) != null || Entry.decode(piece, k * ENTRY).end() > segmentSize) {
                        beyond = i - held + 1;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + index(g) + ": " + e.getMessage(), e);
        }
        if (beyond > 0) {
            problems.add(index(g) + " holds " + beyond + " entr" + (beyond == 1 ? "y" : "ies") + " past the "
                    + held + " versions a reader counts (" + versions(held, held + beyond - 1) + "), damaged or"
                    + " pointing past the end of " + segment(g) + " (" + segmentSize + " bytes): appends that were not"
                    + " forced to disk (FsyncPolicy everyRecords or never) and that a power loss cut short, a torn"
                    + " append that was never acknowledged, or damage; the next writer's recovery drops them");
        }
        return problems;
    }

    /**
     * Notes whole frames of one version past the index's last entry, chained to it: an append cut off
     * between its two writes (never acknowledged), or an index cut at an entry's boundary, which look
     * alike. Not a fault: readers do not count that version, and the next writer's recovery drops it;
     * but an owner who knows the version was acknowledged can still copy it out first. (Frames of two
     * or more versions past the index are a fault: no append writes more than one before its entry.)
     */
    @Override
    public List<String> auditNotes() {
        View v = view();
        if (v.v1() != null || !v.fromFrames().isEmpty()) {
            return List.of();
        }
        long g = v.generation();
        int length = v.manifest().length();
        try {
            long indexSize = files.size(index(g));
            long segmentSize = files.size(segment(g));
            int f = v.manifest().first();
            if (length == f || indexSize != slot(g, length)) {
                return List.of(); // a torn index entry or entries past the head: auditLayout's business
            }
            byte[] all = readIndex(v, length - f);
            Entry last = entryFault(all, (length - 1 - f) * ENTRY, length - 1) == null
                    ? Entry.decode(all, (length - 1 - f) * ENTRY) : null;
            if (last == null || last.end() > segmentSize) {
                return List.of();
            }
            TailFrames tail = framesPast(g, last, segmentSize);
            if (tail.entries().size() != 1 || !tail.chained()) {
                return List.of();
            }
            int version = tail.first();
            return List.of(segment(g) + " holds whole frames of version " + version + " past the index's last entry,"
                    + " which no reader counts: an append cut off before its index entry was written (never"
                    + " acknowledged), or " + index(g).getFileName() + " cut at an entry's boundary. The next write"
                    + " drops them; if version " + version + " was acknowledged, copy the chain with it first: 'delta"
                    + " chain salvage --from-frames " + dir + " NEW'");
        } catch (NoSuchFileException e) {
            throw rewritten(e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the bytes of the head's segment and index (format 1: its record and snapshot files) */
    @Override
    public long storedBytes() {
        Optional<View> loaded = load();
        if (loaded.isEmpty()) {
            return 0;
        }
        View v = loaded.get();
        if (v.v1() != null) {
            return v.v1().storedBytes();
        }
        return v.segmentEnd() + HEADER + (long) ENTRY * v.manifest().versionsHeld();
    }

    private byte[] readWhole(Path file) {
        return DirectoryV1.readWhole(files, limits, file);
    }

    // ---------------------------------------------------------------- writing

    /** @return the writer, recovery done, waiting at most {@link #lockTimeout()} */
    @Override
    public Writer lock() {
        return lock(lockTimeout);
    }

    @Override
    public Writer lock(Duration timeout) {
        DirectoryLock held = DirectoryLock.acquire(dir, timeout);
        try {
            return new DirWriter(held);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * Takes the writer lock, recovers the store (and upgrades a format 1 chain), and releases the lock.
     *
     * @return what recovery did
     * @throws ChainLockedException when another writer holds the lock past {@link #lockTimeout()}
     */
    public StoreRecovery recover() {
        try (Writer w = lock()) {
            return w.recovery();
        }
    }

    private final class DirWriter implements Writer {
        private final DirectoryLock held;
        private final StoreRecovery recovery;
        private View head;
        private boolean open = true;

        DirWriter(DirectoryLock held) {
            this.held = held;
            List<String> actions = new ArrayList<>();
            this.head = recoverInto(actions);
            this.recovery = new StoreRecovery(actions);
            cached = head;
            if (!actions.isEmpty()) {
                LOG.warn("recovered chain {}: {}", dir, String.join("; ", actions));
                Consumer<StoreRecovery> listener = recoveryListener;
                if (listener != null) {
                    listener.accept(recovery);
                }
            }
        }

        @Override
        public StoreRecovery recovery() {
            return recovery;
        }

        @Override
        public Optional<ChainManifest> manifest() {
            checkOpen();
            return Optional.ofNullable(head).map(View::manifest);
        }

        @Override
        public ChainManifest create(ChainManifest manifest) {
            checkOpen();
            if (head != null) {
                throw new ChainStoreException(dir + " already holds a chain");
            }
            return replace(manifest.withLength(0), new TreeMap<>(), new TreeMap<>());
        }

        @Override
        public ChainManifest append(ChainManifest next, byte[] wire, byte[] snapshotOrNull) {
            checkOpen();
            ChainStores.checkFollows(head == null ? null : head.manifest(), next, DirectoryChainStore.this);
            int index = next.length() - 1;
            byte[] recordWire = recordFrame(head.manifest(), wire, recordBefore(head, index));
            long g = head.generation();
            byte[] snapshot = snapshotOrNull == null ? null : snapshotFrame(head.manifest(), index, snapshotOrNull,
                    head.manifest().formatVersion() >= 3 && index > 0 ? previousSnapshot(head) : null).frame();
            long at = head.segmentEnd();
            boolean force = fsync.forcesAppendOf(index);
            Entry e = new Entry(index, true, snapshot != null, force, snapshot != null ? index : head.lastRebuildFrom(),
                    at, recordWire.length, snapshot == null ? 0 : at + recordWire.length,
                    snapshot == null ? 0 : snapshot.length);
            try {
                files.writeAt(segment(g), at, snapshot == null ? recordWire : concat(recordWire, snapshot));
                if (force) {
                    files.force(segment(g));
                }
                files.writeAt(index(g), slot(g, index), e.encode());
                if (force) {
                    files.force(index(g));
                }
            } catch (IOException ex) {
                open = false;
                // Undo what reached the files, so that the next writer's recovery does not roll forward a version
                // whose append was reported as failed; if even that fails, the version may yet appear whole.
                String undone = "its frames and entry were removed again";
                try {
                    files.truncate(index(g), slot(g, index));
                    files.truncate(segment(g), at);
                } catch (IOException undo) {
                    ex.addSuppressed(undo);
                    undone = "removing what was written failed too (" + undo.getMessage() + "), so the version may"
                            + " still appear when the next writer recovers the chain, if its frames are whole";
                }
                throw new ChainStoreException("cannot append version " + index + " to " + dir + ": " + ex.getMessage()
                        + "; " + undone, ex);
            }
            ChainManifest stored = head.manifest().withLength(index + 1);
            head = new View(stored, e.end(), e.rebuildFrom(), null);
            cached = head;
            return stored;
        }

        @Override
        public ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                                     SortedMap<Integer, byte[]> records) {
            checkOpen();
            long g = head == null ? 1 : head.generation() + 1;
            try {
                head = rewrite(manifest, g, snapshots, records, head == null ? List.of() : List.of(head.generation()),
                        head == null);
            } catch (IOException ex) {
                open = false;
                throw new ChainStoreException("cannot rewrite chain " + dir + ": " + ex.getMessage(), ex);
            }
            cached = head;
            return head.manifest();
        }

        private void checkOpen() {
            if (!open) {
                throw new ChainStoreException("this writer of " + dir + " is closed or failed; take the lock again");
            }
        }

        @Override
        public void close() {
            open = false;
            held.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Writes generation {@code g} whole, commits it by renaming its manifest over {@code manifest.json},
     * then deletes the generations in {@code old}. A new chain ({@code creating}) also forces the
     * directory that holds the chain's, so that the chain's own name survives a power loss.
     */
    private View rewrite(ChainManifest manifest, long g, SortedMap<Integer, byte[]> snapshots,
                         SortedMap<Integer, byte[]> records, List<Long> old, boolean creating) throws IOException {
        ChainStores.checkComplete(manifest, snapshots, records);
        int length = manifest.length();
        int first = manifest.first();
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        seg.writeBytes(header(SEGMENT_MAGIC, g));
        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        idx.writeBytes(header(INDEX_MAGIC, g));
        Entry last = null;
        Previous previous = null;
        byte[] before = null;
        for (int i = first; i < length; i++) {
            byte[] record = i == first ? null : records.get(i);
            byte[] wire = record;
            record = record == null ? null : recordFrame(manifest, record, i >= first + 2 && !snapshots.containsKey(i - 1)
                    ? before : null);
            before = wire == null ? null : targetHashOf(wire);
            Written w = snapshots.containsKey(i) ? snapshotFrame(manifest, i, snapshots.get(i), previous) : null;
            byte[] snapshot = w == null ? null : w.frame();
            if (w != null) {
                previous = new Previous(i, w.depth(), snapshots.get(i));
            }
            long at = seg.size();
            int recordLength = record == null ? 0 : record.length;
            last = new Entry(i, record != null, snapshot != null, true, snapshot != null ? i : last.rebuildFrom(), at,
                    recordLength, snapshot == null ? 0 : at + recordLength, snapshot == null ? 0 : snapshot.length);
            if (record != null) {
                seg.writeBytes(record);
            }
            if (snapshot != null) {
                seg.writeBytes(snapshot);
            }
            idx.writeBytes(last.encode());
        }
        // Forced under every policy, never() too: a rewrite is rare, and an unforced one could leave a
        // manifest.json that names files the disk never got (or is itself empty), so no chain at all.
        files.createDirectories(dir);
        Path parent = dir.toAbsolutePath().getParent();
        if (creating && parent != null) {
            files.forceDirectory(parent);
        }
        files.write(segment(g), seg.toByteArray());
        files.write(index(g), idx.toByteArray());
        files.force(segment(g));
        files.force(index(g));
        files.forceDirectory(dir);
        ChainManifest stored = new ChainManifest(FORMAT, manifest.strategyId(), manifest.stateFormatId(),
                manifest.codecId(), manifest.codecLevel(), manifest.policy(), manifest.snapshotEvery(), length,
                manifest.rebaselines(), manifest.optimisations(), g).withFirst(first);
        noteFirst(g, first);
        commitManifest(stored);
        for (long o : old) {
            files.delete(segment(o));
            files.delete(index(o));
        }
        return new View(stored, last == null ? HEADER : last.end(), last == null ? first : last.rebuildFrom(), null);
    }

    /** Writes {@code stored} as {@code manifest.json.tmp}, forces it and renames it over the manifest: a commit. */
    private void commitManifest(ChainManifest stored) throws IOException {
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        files.write(tmp, ManifestJson.write(stored));
        files.force(tmp);
        files.move(tmp, dir.resolve(MANIFEST)); // the commit point
        files.forceDirectory(dir);
    }

    /** Under the lock: makes the directory hold exactly its head, and returns that head (null for none). */
    private View recoverInto(List<String> actions) {
        try {
            Path file = dir.resolve(MANIFEST);
            if (files.exists(dir.resolve(MANIFEST + ".tmp"))) {
                files.delete(dir.resolve(MANIFEST + ".tmp"));
                actions.add("removed " + MANIFEST + ".tmp of an unfinished rewrite");
            }
            if (!files.exists(file)) {
                removeGenerationsBut(-1, actions);
                return null;
            }
            ManifestJson.Stored stored = readManifestFile(file);
            ChainManifest m = stored.manifest();
            if (m.formatVersion() == 1) {
                return upgrade(actions);
            }
            long g = m.generation();
            noteFirst(g, m.first());
            removeGenerationsBut(g, actions);
            checkHeader(index(g), INDEX_MAGIC, g);
            checkHeader(segment(g), SEGMENT_MAGIC, g);
            long indexSize = files.size(index(g));
            long segmentSize = files.size(segment(g));
            Head h = head(g, stored, indexSize, segmentSize, true);
            if (h.last() != null && h.last().end() > segmentSize) {
                int first = firstPastEnd(g, h.counted() - 1, segmentSize);
                Entry f = entry(g, first);
                throw new CorruptDeltaException(shortSegment(g, segmentSize, first, h.counted() - 1, f.end())
                        + ". That is damage, not a torn tail (which only an append in flight leaves): recovery cut"
                        + " nothing, and the chain takes no new version until it is salvaged. 'delta chain verify "
                        + dir + "' names every damaged version; 'delta chain salvage " + dir + " NEW' copies the"
                        + " versions that still read into a new chain, which takes new versions");
            }
            TailFrames tail = h.tail();
            if (h.fromFrames().isEmpty() && tail.entries().size() > 1 && !tail.chained()) {
                throw new CorruptDeltaException(framesPastMessage(g, tail) + ", but version " + (tail.first() - 1)
                        + " does not read, so their hash chain cannot be checked and their entries are not rebuilt."
                        + " Nothing was truncated; run 'delta chain salvage " + dir + " NEW' to copy what reads into"
                        + " a new chain");
            }
            List<Entry> rebuilt = h.fromFrames();
            long keptIndex = slot(g, h.counted());
            if (!rebuilt.isEmpty()) {
                files.force(segment(g)); // the frames the rebuilt entries count, before the entries (flag 4)
                ByteArrayOutputStream entries = new ByteArrayOutputStream();
                for (Entry r : rebuilt) {
                    entries.writeBytes(r.encode());
                }
                files.writeAt(index(g), keptIndex, entries.toByteArray()); // over damaged slots: never a shorter index
                int first = rebuilt.get(0).index();
                actions.add("rebuilt the index entr" + (rebuilt.size() == 1 ? "y of " : "ies of ")
                        + versions(first, h.length() - 1) + " in " + index(g).getFileName() + " from " + (rebuilt.size() == 1 ? "its"
                        : "their") + " whole frames in "
                        + segment(g).getFileName() + " (each frame's CRC32C, version and hash chain" + (first == m.first() ? ""
                        : " from version " + (first - 1)) + " checked): " + h.why());
            }
            long keptSize = keptIndex + (long) ENTRY * rebuilt.size();
            if (indexSize > keptSize) {
                files.truncate(index(g), keptSize);
                actions.add("truncated " + index(g).getFileName() + " from " + indexSize + " to " + keptSize + " bytes"
                        + (h.whole() > h.length() ? ", dropping the torn or corrupt entries of versions " + h.length()
                        + " to " + (h.whole() - 1) : ", dropping a torn entry"));
            }
            View head = h.view(m);
            long end = head.segmentEnd();
            if (segmentSize > end) {
                files.truncate(segment(g), end);
                List<Entry> dropped = h.fromFrames().isEmpty() ? h.tail().entries() : List.of();
                actions.add("truncated " + segment(g).getFileName() + " from " + segmentSize + " to " + end
                        + " bytes, dropping data no whole index entry counts" + (dropped.size() == 1
                        ? ": the whole frames of version " + dropped.get(0).index() + ", whose index entry was never"
                        + " written (an append cut off before it; or " + index(g).getFileName() + " was cut at an"
                        + " entry's boundary)" : ""));
            }
            if (!actions.isEmpty() || !stored.forcedFlag()) { // under every policy: what recovery cut must stay cut
                files.force(index(g));
                files.force(segment(g));
                files.forceDirectory(dir);
            }
            if (!stored.forcedFlag()) {
                commitManifest(head.manifest());
                actions.add("marked " + MANIFEST + " as written by a build whose index entries carry the forced flag"
                        + " (member forcedFlag), with length " + head.manifest().length() + " (was " + m.length()
                        + "): the " + (head.manifest().length() - m.length()) + " versions an older build appended,"
                        + " whose entries cannot say whether they were forced, now count as acknowledged");
            }
            return head;
        } catch (NoSuchFileException e) {
            throw missingFile(readManifestFile(dir.resolve(MANIFEST)).manifest().generation(), e);
        } catch (IOException e) {
            throw new ChainStoreException("cannot recover chain " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whole versions found in the segment past {@code last}'s frames (from the header when {@code last} is
     * null: version 0's snapshot, then records), where no index entry counts them: each a record in the wire
     * format that reads (CRC32C, lengths, limits), names the next version and whose base hash is the version
     * before's target hash, then its snapshot frame if one follows and reads ({@link SegmentFrames#walk}). It
     * stops at the first frame that is not so. {@code chained} is false when the last counted version could not
     * be read to check the first one's base hash against.
     */
    record TailFrames(List<Entry> entries, boolean chained) {
        static final TailFrames NONE = new TailFrames(List.of(), true);

        int first() {
            return entries.get(0).index();
        }

        int last() {
            return entries.get(entries.size() - 1).index();
        }
    }

    private TailFrames framesPast(long g, Entry last, long segmentSize) throws IOException {
        long at = last == null ? HEADER : last.end();
        if (at >= segmentSize) {
            return TailFrames.NONE; // what a clean chain has: nothing is read
        }
        SegmentFrames frames = new SegmentFrames(files, limits, segment(g), segmentSize);
        List<Entry> found = new ArrayList<>();
        byte[] hash;
        int f = first(g);
        if (last == null) {
            SegmentFrames.Snapshot first = frames.snapshotAt(HEADER, null, f);
            if (first == null) {
                return TailFrames.NONE;
            }
            found.add(new Entry(f, false, true, true, f, HEADER, 0, HEADER, first.length()));
            hash = first.hash();
            at = first.end();
        } else {
            hash = targetHash(g, last);
        }
        found.addAll(frames.walk(at, last == null ? f + 1 : last.index() + 1, hash, last == null ? f
                : last.rebuildFrom(), false).entries());
        return new TailFrames(found, hash != null);
    }

    /** @return the SHA-256 of the state {@code e} counts, from its record or its snapshot; null if neither reads */
    private byte[] targetHash(long g, Entry e) {
        try {
            if (e.hasRecord()) {
                return RecordFrame.targetHashOfEither(readSegment(g, e.recordOffset(), e.recordLength(), "a record"),
                        limits);
            }
            SnapshotFrame.Contents c = SnapshotFrame.read(readSegment(g, e.snapshotOffset(), e.snapshotLength(),
                    "a snapshot"), limits, segment(g).toString(), CODECS, e.index());
            return c.isDelta() ? null : io.deltachain.core.internal.Sha256.of(c.state()); // a delta's: only version 0's
        } catch (io.deltachain.api.DeltaException ex) {
            return null;
        }
    }

    private String framesPastMessage(long g, TailFrames t) {
        return segment(g) + " holds whole frames of " + versions(t.first(), t.last()) + " past the index's last entry"
                + (t.first() == first(g) ? "" : " (version " + (t.first() - 1) + ")") + ": the index was cut short";
    }

    /**
     * Bytes of a segment that {@link #scanSegment} could not read, and the versions lost with them.
     *
     * @param file the segment
     * @param from the first byte skipped
     * @param to the first byte read again (a frame that reads)
     * @param why why the first frame there does not read
     * @param firstLost the first version lost
     * @param lastLost the last version lost; below {@code firstLost} when none was (only bytes between frames)
     */
    public record SkippedBytes(Path file, long from, long to, String why, int firstLost, int lastLost) {
        /** @return one line: the file, the offsets, why and the versions lost */
        public String describe() {
            return file + " bytes " + from + " to " + (to - 1) + " do not read (" + why + "); "
                    + (lastLost < firstLost ? "no version was lost, the scan went on at offset " + to
                    : versions(firstLost, lastLost) + (firstLost == lastLost ? " is" : " are") + " lost, the scan went"
                    + " on at offset " + to + " with version " + (lastLost + 1));
        }
    }

    /**
     * What {@link #scanSegment} found: the versions in a store of their own, the segment read, what was skipped
     * and where the scan stopped, and where the chain's settings came from.
     *
     * @param store a chain of the versions found, which reads and cannot be written; a version that was lost
     *     fails to read with the bytes that were skipped
     * @param segment the segment file read
     * @param versions how many versions the chain holds (the lost ones among them)
     * @param stopped why the scan stopped before the segment's end (no frame after it reads), or null
     * @param skipped each run of bytes that did not read before a frame that does, with the versions lost
     * @param settings one line per setting (strategy and codec, snapshot interval, policy), saying whether it
     *     was read from {@code manifest.json}, inferred from the frames or defaulted
     */
    public record SegmentScan(ChainStore store, Path segment, int versions, String stopped, List<SkippedBytes> skipped,
                              List<String> settings) {
        /** Copies the lists. */
        public SegmentScan {
            skipped = List.copyOf(skipped);
            settings = List.copyOf(settings);
        }
    }

    /**
     * Reads the versions of the chain in {@code dir} from the frames of its newest segment alone (the
     * {@code .dseg} of the highest generation present), without the index, for when it or the manifest is
     * damaged or lost: version 0's snapshot frame after the 16-byte header (whose bytes are not trusted), then
     * each version's record, which names its version and carries its hashes, and its snapshot frame if one
     * follows. Every frame's CRC32C is checked, versions must be consecutive and each record's base hash must be
     * the target hash of the version before. Where a frame is not so, the scan searches forward for the next
     * frame that reads and goes on at the first version proven whole (the next record of the chain, or a
     * snapshot that its record or the next record proves): the versions between are lost, and
     * {@link SegmentScan#skipped()} names the bytes and the versions. The settings come from
     * {@code manifest.json} when it reads; else the strategy and codec from the records and the snapshot
     * interval from the snapshots' positions, where they show one. Writes nothing.
     *
     * @param dir the chain's directory
     * @param limits bounds on what reading may allocate
     * @return what was found
     * @throws CorruptDeltaException when no segment holds version 0 and a record after it
     */
    public static SegmentScan scanSegment(Path dir, Limits limits) {
        StoreFiles files = StoreFiles.NIO;
        try {
            Path segment = null;
            for (String name : files.list(dir)) {
                if (name.matches("\\d{12}\\.dseg") && (segment == null
                        || name.compareTo(segment.getFileName().toString()) > 0)) {
                    segment = dir.resolve(name);
                }
            }
            if (segment == null) {
                throw new CorruptDeltaException(dir + " holds no segment (.dseg) to read versions from");
            }
            ManifestJson.Stored manifest = null;
            String fault;
            Path file = dir.resolve(MANIFEST);
            if (!files.exists(file)) {
                fault = MANIFEST + " is missing";
            } else {
                try {
                    manifest = ManifestJson.readStored(DirectoryV1.readWhole(files, limits, file), file.toString(), limits);
                    fault = null;
                } catch (io.deltachain.api.DeltaException e) {
                    fault = e.getMessage();
                }
            }
            return SegmentFrames.scan(files, limits, segment, manifest, fault);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return whether the frames {@code e} points at end with a matching CRC32C (records and snapshots both do) */
    private boolean framesWhole(long g, Entry e) throws IOException {
        return (!e.hasRecord() || frameWhole(g, e.recordOffset(), e.recordLength()))
                && (!e.hasSnapshot() || frameWhole(g, e.snapshotOffset(), e.snapshotLength()));
    }

    private boolean frameWhole(long g, long offset, int length) throws IOException {
        if (length < 4) {
            return false;
        }
        byte[] b = files.read(segment(g), offset, length);
        return b.length == length && new WireReader(b, length - 4, length, "frame").i32("crc32c")
                == Crc32c.of(b, 0, length - 4);
    }

    private void removeGenerationsBut(long keep, List<String> actions) throws IOException {
        for (String name : files.list(dir)) {
            if (GENERATION_FILE.matcher(name).matches() && (name.endsWith(".tmp")
                    || Long.parseLong(name.substring(0, 12)) != keep)) {
                files.delete(dir.resolve(name));
                actions.add("removed " + name + ", left by an unfinished rewrite or not yet deleted");
            }
        }
    }

    /** Rewrites a format 1 chain as generation 0 of format 2, then removes the format 1 files. */
    private View upgrade(List<String> actions) throws IOException {
        DirectoryV1 v1 = new DirectoryV1(dir, limits, files);
        ChainManifest m = v1.manifest();
        TreeMap<Integer, byte[]> snapshots = new TreeMap<>();
        for (int i : v1.snapshotIndices()) {
            if (i < m.length()) {
                snapshots.put(i, v1.snapshot(i));
            }
        }
        TreeMap<Integer, byte[]> records = new TreeMap<>();
        for (int i = 1; i < m.length(); i++) {
            records.put(i, v1.record(i));
        }
        removeGenerationsBut(-1, actions);
        View head = rewrite(m, m.generation(), snapshots, records, List.of(), false); // same head: no writer sees it move
        for (String sub : new String[] {DirectoryV1.RECORDS, DirectoryV1.SNAPSHOTS, DirectoryV1.STAGING,
                DirectoryV1.READY}) {
            deleteTree(dir.resolve(sub));
        }
        actions.add("upgraded the chain from store format 1 to 2 (" + m.length() + " versions)");
        return head;
    }

    private void deleteTree(Path root) throws IOException {
        if (!files.exists(root)) {
            return;
        }
        for (String name : files.list(root)) {
            deleteTree(root.resolve(name));
        }
        files.delete(root);
    }

    @Override
    public String toString() {
        return "DirectoryChainStore[" + dir + "]";
    }

    /**
     * An index entry (docs/FORMAT.md): version u32, flags u8 (1 record, 2 snapshot, 4 forced), 3 zero bytes,
     * the version a rebuild starts from u32, record offset u64 and length u32, snapshot offset u64 and length
     * u32, CRC32C u32 of the 36 bytes before it. {@code forced}: the segment was forced to disk, with every
     * frame up to this entry's, before the entry was written, so a power loss cannot tear them: the entry and
     * every one before it are acknowledged for good, and frames of theirs that are missing are damage, never
     * a torn tail.
     */
    record Entry(int index, boolean hasRecord, boolean hasSnapshot, boolean forced, int rebuildFrom,
                 long recordOffset, int recordLength, long snapshotOffset, int snapshotLength) {
        byte[] encode() {
            return new WireWriter(ENTRY).i32(index)
                    .u8((hasRecord ? 1 : 0) | (hasSnapshot ? 2 : 0) | (forced ? 4 : 0)).u8(0).u8(0).u8(0)
                    .i32(rebuildFrom).i64(recordOffset).i32(recordLength).i64(snapshotOffset).i32(snapshotLength)
                    .toByteArrayWithCrc32c();
        }

        /** @return the entry at {@code offset}, or null when it is short, its CRC fails or a field is out of range */
        static Entry decode(byte[] b, int offset) {
            return fault(b, offset) == null ? read(b, offset) : null;
        }

        /**
         * @return what is wrong with the entry at {@code offset} ("torn: 12 of 40 bytes", "CRC32C mismatch",
         *     ...), or null when it is whole
         */
        static String fault(byte[] b, int offset) {
            if (b.length - offset < ENTRY) {
                return "torn: " + Math.max(0, b.length - offset) + " of " + ENTRY + " bytes";
            }
            if (new WireReader(b, offset + ENTRY - 4, offset + ENTRY, "index entry").i32("crc32c")
                    != Crc32c.of(b, offset, ENTRY - 4)) {
                return "CRC32C mismatch";
            }
            int flags = b[offset + 4] & 0xff;
            if ((flags & ~7) != 0 || b[offset + 5] != 0 || b[offset + 6] != 0 || b[offset + 7] != 0) {
                return "reserved bits set";
            }
            Entry e = read(b, offset);
            if (e.index() < 0 || e.recordLength() < 0 || e.snapshotLength() < 0 || e.recordOffset() < 0
                    || e.snapshotOffset() < 0 || e.rebuildFrom() < 0 || e.rebuildFrom() > e.index()
                    || e.recordOffset() > Long.MAX_VALUE - e.recordLength()
                    || e.snapshotOffset() > Long.MAX_VALUE - e.snapshotLength()) { // where its frames end overflows
                return "a field out of range";
            }
            return null;
        }

        private static Entry read(byte[] b, int offset) {
            WireReader in = new WireReader(b, offset, offset + ENTRY, "index entry");
            int index = in.i32("version");
            int flags = in.u8("flags");
            in.bytes(3, "reserved");
            return new Entry(index, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, in.i32("rebuild from"),
                    in.i64("record offset"), in.i32("record length"), in.i64("snapshot offset"),
                    in.i32("snapshot length"));
        }

        long start() {
            return hasRecord ? recordOffset : snapshotOffset;
        }

        long end() {
            return hasSnapshot ? snapshotOffset + snapshotLength : recordOffset + recordLength;
        }
    }
}
