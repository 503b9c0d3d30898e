package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.core.internal.ManifestJson;
import io.deltachain.core.internal.SnapshotFrame;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory chain survives torn tails, unfinished rewrites and format 1 journals; readers never write. */
class DirectoryStoreCrashTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> chain(Path dir) {
        return chain(dir, FsyncPolicy.always());
    }

    private DeltaChain<String> chain(Path dir, FsyncPolicy fsync) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(3)
                .store(new DirectoryChainStore(dir, Limits.defaults(), fsync, ChainStore.DEFAULT_LOCK_TIMEOUT)).build();
        for (int i = 0; i < 10; i++) {
            chain.add(state(i));
        }
        return chain;
    }

    private static String state(int i) {
        return "version " + i + " " + "x".repeat(i);
    }

    private DeltaCompressor<String> suffix() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").build();
    }

    private DeltaChain<String> reopen(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
    }

    /** A chain of 40 versions: 10 added by one chain, 30 by chains reopened one at a time. */
    private void fortyVersions(Path dir) {
        chain(dir);
        for (int i = 10; i < 40; i++) {
            reopen(dir).add(state(i));
        }
    }

    private static Path copyOf(Path dir, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static Path only(Path dir, String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(extension)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    /**
     * Under {@code never()} the last append's entry may reach the disk before its frames: a segment cut inside
     * them is a torn tail, which the reader leaves out and the next writer drops, reporting it.
     */
    @Test
    void aTornTailAtEveryByteOfAnUnforcedLastVersionIsTruncatedAndReported(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        chain(dir, FsyncPolicy.never());
        Path segment = only(dir, ".dseg");
        Path index = only(dir, ".didx");
        long segmentSize = Files.size(segment);
        DirectoryChainStore.Entry last = DirectoryChainStore.Entry.decode(Files.readAllBytes(index),
                (int) Files.size(index) - DirectoryChainStore.ENTRY);
        for (long cut = last.start(); cut < segmentSize; cut++) {
            Path copy = work.resolve("cut" + cut);
            Files.createDirectories(copy);
            for (Path f : List.of(dir.resolve("manifest.json"), segment, index)) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
            try (FileChannel ch = FileChannel.open(copy.resolve(segment.getFileName()), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            DirectoryChainStore store = new DirectoryChainStore(copy);
            assertEquals(9, store.readManifest().orElseThrow().length(), "a reader sees the whole prefix at " + cut);
            StoreRecovery recovery = store.recover();
            assertFalse(recovery.isClean(), "cut at " + cut);
            assertTrue(recovery.actions().toString().contains("versions 9 to 9"), recovery.actions().toString());
            DeltaChain<String> reopened = reopen(copy);
            assertEquals(9, reopened.length());
            assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
            reopened.add("after the cut " + cut);
            assertEquals("after the cut " + cut, reopen(copy).stateAt(9));
        }
    }

    /**
     * Under {@code always()} the segment is forced before an entry is written, so a segment shorter than a
     * whole entry says is damage, never a torn tail: the versions are reported, nothing is cut.
     */
    @Test
    void aSegmentCutUnderAcknowledgedVersionsLosesNothingSilently(@TempDir Path dir) throws IOException {
        fortyVersions(dir);
        Path segment = only(dir, ".dseg");
        Path index = only(dir, ".didx");
        long indexSize = Files.size(index);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(3000); // what `truncate -s 3000 DIR/*.dseg` does
        }
        DirectoryChainStore store = new DirectoryChainStore(dir);
        assertEquals(40, store.readManifest().orElseThrow().length(), "a reader still counts every acknowledged one");
        DeltaChain<String> chain = reopen(dir);
        SortedMap<Integer, String> damaged = chain.damagedVersions();
        int first = damaged.firstKey();
        assertTrue(first > 0 && first < 39, damaged.toString());
        assertEquals(40 - first, damaged.size(), damaged.toString());
        assertTrue(damaged.get(39).contains("shorter than its index says"), damaged.get(39));
        assertEquals(state(first - 1), chain.stateAt(first - 1));
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> chain.stateAt(39));
        assertTrue(e.getMessage().contains("shorter than its index says"), e.getMessage());
        ChainVerification verification = chain.verify();
        assertFalse(verification.ok());
        String layout = verification.problems().get(0);
        assertTrue(layout.contains("versions " + first + " to 39") && layout.contains("3000 bytes"), layout);
        io.deltachain.api.CorruptDeltaException refused = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                store::recover);
        assertTrue(refused.getMessage().contains("versions " + first + " to 39")
                && refused.getMessage().contains("recovery cut nothing"), refused.getMessage());
        assertEquals(3000, Files.size(segment));
        assertEquals(indexSize, Files.size(index));
        assertEquals(40, reopen(dir).length());
    }

    /**
     * An index cut short (`truncate -s $((16+40*25)) DIR/*.didx`, or inside an entry) under versions whose
     * frames are whole is not a torn append: more than one version's frames lie past its last entry, which one
     * in-flight append cannot leave. Verify names them; the next writer rebuilds their entries, loses nothing.
     */
    @Test
    void anIndexCutShortUnderWholeFramesIsReportedAndRebuiltNotTruncated(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir);
        for (int extra : new int[] {0, 17}) {
            Path copy = copyOf(dir, work.resolve("cut" + extra));
            Path segment = only(copy, ".dseg");
            long segmentSize = Files.size(segment);
            try (FileChannel ch = FileChannel.open(only(copy, ".didx"), StandardOpenOption.WRITE)) {
                ch.truncate(DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 25 + extra);
            }
            ChainVerification verification = reopen(copy).verify();
            assertFalse(verification.ok(), "verify must not call a cut index ok");
            assertTrue(verification.problems().toString().contains("whole frames of versions 25 to 39")
                    && verification.problems().toString().contains("the index was cut short"),
                    verification.problems().toString());
            StoreRecovery recovery = new DirectoryChainStore(copy).recover();
            assertTrue(recovery.actions().toString().contains("rebuilt the index entries of versions 25 to 39"),
                    recovery.actions().toString());
            assertEquals(segmentSize, Files.size(segment), "nothing acknowledged is cut");
            DeltaChain<String> reopened = reopen(copy);
            assertEquals(40, reopened.length());
            for (int i = 0; i < 40; i++) {
                assertEquals(state(i), reopened.stateAt(i));
            }
            reopened.add(state(40));
            assertEquals(state(40), reopen(copy).stateAt(40));
            assertTrue(reopen(copy).verify().ok(), reopen(copy).verify().problems().toString());
        }
    }

    /** With the manifest or the index unusable, every version is still read from the segment's frames alone. */
    @Test
    void everyVersionIsReadFromTheSegmentAloneWhenTheManifestOrIndexIsUnusable(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir);
        String idx = only(dir, ".didx").getFileName().toString();
        String seg = only(dir, ".dseg").getFileName().toString();
        List<String> damages = List.of("flip manifest", "empty manifest", "delete manifest", "delete index",
                "index 0", "index 10", "flip index header", "flip segment header");
        for (String damage : damages) {
            Path copy = copyOf(dir, work.resolve(damage.replace(' ', '-')));
            Path manifest = copy.resolve("manifest.json");
            switch (damage) {
                case "flip manifest" -> {
                    byte[] b = Files.readAllBytes(manifest);
                    b[10] ^= 0x01;
                    Files.write(manifest, b);
                }
                case "empty manifest" -> Files.write(manifest, new byte[0]);
                case "delete manifest" -> Files.delete(manifest);
                case "delete index" -> Files.delete(copy.resolve(idx));
                case "index 0", "index 10" -> {
                    try (FileChannel ch = FileChannel.open(copy.resolve(idx), StandardOpenOption.WRITE)) {
                        ch.truncate(damage.equals("index 0") ? 0 : 10);
                    }
                }
                default -> {
                    Path f = copy.resolve(damage.contains("index") ? idx : seg);
                    byte[] b = Files.readAllBytes(f);
                    b[5] ^= 0x01;
                    Files.write(f, b);
                }
            }
            DirectoryChainStore.SegmentScan scan = DirectoryChainStore.scanSegment(copy, Limits.defaults());
            assertEquals(40, scan.versions(), damage);
            assertEquals(null, scan.stopped(), damage);
            DeltaChain<String> read = DeltaChain.open(scan.store(), registry, StateFormats.utf8());
            for (int i = 0; i < 40; i++) {
                assertEquals(state(i), read.stateAt(i), damage + ", version " + i);
            }
        }
    }

    /** A lost index, a bad header byte or a wrong manifest length is named for what it is, with the way on. */
    @Test
    void aMissingFileABadHeaderByteAndAWrongLengthAreNamedForWhatTheyAre(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir);
        Path lost = copyOf(dir, work.resolve("lost"));
        Files.delete(only(lost, ".didx"));
        for (Runnable read : List.<Runnable>of(() -> new DirectoryChainStore(lost).readManifest(),
                () -> new DirectoryChainStore(lost).recover())) {
            io.deltachain.api.CorruptDeltaException e = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                    read::run);
            assertTrue(e.getMessage().contains(".didx is missing") && e.getMessage().contains("delta chain salvage")
                    && !e.getMessage().contains("rewritten"), e.getMessage());
        }
        Path header = copyOf(dir, work.resolve("header"));
        Path index = only(header, ".didx");
        byte[] b = Files.readAllBytes(index);
        b[5] ^= 0x01;
        Files.write(index, b);
        io.deltachain.api.CorruptDeltaException flipped = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> new DirectoryChainStore(header).readManifest());
        assertTrue(flipped.getMessage().contains("index header is damaged: byte 5 (reserved) is 0x01, not 0"),
                flipped.getMessage());
        Path copy = copyOf(dir, work.resolve("length"));
        longerManifest(copy, 50);
        io.deltachain.api.CorruptDeltaException e = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> new DirectoryChainStore(copy).readManifest());
        assertTrue(e.getMessage().contains("the manifest's length is wrong")
                && e.getMessage().contains("no whole frames of versions 40 to 49"), e.getMessage());
        assertFalse(e.getMessage().contains("run verify"), e.getMessage());
    }

    /** Writes {@code dir}'s manifest again with length {@code length}, its CRC recomputed. */
    private static void longerManifest(Path dir, int length) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        ChainManifest m = ManifestJson.read(Files.readAllBytes(manifest), "manifest", Limits.defaults());
        Files.write(manifest, ManifestJson.write(m.withLength(length)));
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /**
     * Issue 19, limit 1: a damaged last index entry (any byte of it flipped) over whole frames is not a torn
     * append: the reader counts the version and reads it from its frames, verify names the entry's damage and
     * says the next write repairs it, and recovery rebuilds the entry byte for byte.
     */
    @Test
    void aDamagedLastIndexEntryOverWholeFramesIsRebuiltNotDroppedAsATornTail(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        chain(dir); // always(): every entry forced
        byte[] good = Files.readAllBytes(only(dir, ".didx"));
        int last = good.length - DirectoryChainStore.ENTRY;
        for (int at = last; at < good.length; at++) {
            Path copy = copyOf(dir, work.resolve("flip" + at));
            byte[] bad = good.clone();
            bad[at] ^= 0x04; // at byte 4 this clears the forced flag itself
            Files.write(only(copy, ".didx"), bad);
            DirectoryChainStore store = new DirectoryChainStore(copy);
            assertEquals(10, store.readManifest().orElseThrow().length(), "flip at " + at);
            DeltaChain<String> read = reopen(copy);
            assertEquals(state(9), read.stateAt(9));
            List<String> problems = read.verify().problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("index entry of version 9 (offset " + last + ") is damaged")
                    && problems.get(0).contains("holds its whole frames") && problems.get(0).contains("not a torn append")
                    && problems.get(0).contains("the next write"), problems.get(0));
            StoreRecovery recovery = store.recover();
            assertTrue(recovery.actions().toString().contains("rebuilt the index entry of version 9"), recovery.toString());
            assertFalse(recovery.actions().toString().contains("dropping"), recovery.toString());
            assertEquals(java.util.HexFormat.of().formatHex(good),
                    java.util.HexFormat.of().formatHex(Files.readAllBytes(only(copy, ".didx"))), "flip at " + at);
            assertTrue(reopen(copy).verify().ok());
        }
        // The manifest's own last version (a chain of one: version 0, written by a rewrite) is rebuilt the same way.
        Path one = work.resolve("one");
        DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(new DirectoryChainStore(one)).build()
                .add(state(0));
        byte[] entry0 = Files.readAllBytes(only(one, ".didx"));
        byte[] bad = entry0.clone();
        bad[DirectoryChainStore.HEADER + 9] ^= 0x01;
        Files.write(only(one, ".didx"), bad);
        assertEquals(state(0), reopen(one).stateAt(0));
        assertTrue(new DirectoryChainStore(one).recover().actions().toString()
                .contains("rebuilt the index entry of version 0"));
        assertEquals(java.util.HexFormat.of().formatHex(entry0),
                java.util.HexFormat.of().formatHex(Files.readAllBytes(only(one, ".didx"))));
    }

    /** A damaged last entry whose frames are not whole either is a torn tail: dropped, and said so. */
    @Test
    void aDamagedLastEntryOverTornFramesIsStillDroppedAsATornTail(@TempDir Path dir) throws IOException {
        chain(dir, FsyncPolicy.never());
        Path index = only(dir, ".didx");
        byte[] b = Files.readAllBytes(index);
        b[b.length - 3] ^= 0x01;
        Files.write(index, b);
        Path segment = only(dir, ".dseg");
        truncate(segment, Files.size(segment) - 2);
        assertEquals(9, new DirectoryChainStore(dir).readManifest().orElseThrow().length());
        StoreRecovery recovery = new DirectoryChainStore(dir).recover();
        assertTrue(recovery.actions().toString().contains("dropping the torn or corrupt entries of versions 9 to 9"),
                recovery.toString());
        assertTrue(reopen(dir).verify().ok());
        assertEquals(9, reopen(dir).length());
    }

    /**
     * Issue 19, limit 4: a manifest whose length is above the index's whole entries, over a segment that holds
     * the missing versions' whole frames: the reader counts them from the frames, the writer rebuilds the entries
     * under its lock; without the frames the chain is refused and nothing is cut.
     */
    @Test
    void aManifestLongerThanTheIndexIsRebuiltFromWholeFramesUnderTheLock(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir);
        Path copy = copyOf(dir, work.resolve("whole"));
        longerManifest(copy, 40);
        truncate(only(copy, ".didx"), DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 25);
        DirectoryChainStore store = new DirectoryChainStore(copy);
        assertEquals(40, store.readManifest().orElseThrow().length());
        DeltaChain<String> read = reopen(copy);
        for (int i = 0; i < 40; i++) {
            assertEquals(state(i), read.stateAt(i));
        }
        String problems = read.verify().problems().toString();
        assertTrue(problems.contains("manifest.json counts 40 versions, but") && problems.contains("holds 25 whole entries")
                && problems.contains("whole frames of versions 25 to 39") && problems.contains("the next write"), problems);
        StoreRecovery recovery = store.recover();
        assertTrue(recovery.actions().toString().contains("rebuilt the index entries of versions 25 to 39"),
                recovery.toString());
        assertEquals(DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 40, Files.size(only(copy, ".didx")));
        assertTrue(reopen(copy).verify().ok(), reopen(copy).verify().problems().toString());

        Path torn = copyOf(dir, work.resolve("torn"));
        longerManifest(torn, 40);
        truncate(only(torn, ".didx"), DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 25);
        DirectoryChainStore.Entry e30 = DirectoryChainStore.Entry.decode(Files.readAllBytes(only(dir, ".didx")),
                DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 30);
        truncate(only(torn, ".dseg"), e30.start() + 5);
        for (Runnable open : List.<Runnable>of(() -> new DirectoryChainStore(torn).readManifest(),
                () -> new DirectoryChainStore(torn).recover())) {
            io.deltachain.api.CorruptDeltaException refused = assertThrows(
                    io.deltachain.api.CorruptDeltaException.class, open::run);
            assertTrue(refused.getMessage().contains("holds no whole frames of versions 30 to 39")
                    && refused.getMessage().contains("delta chain salvage"), refused.getMessage());
        }
        assertEquals(DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 25, Files.size(only(torn, ".didx")));
        assertEquals(e30.start() + 5, Files.size(only(torn, ".dseg")));
    }

    /** Rewrites {@code dir} as a build before the forced flag left it: no marker, no entry forced. */
    private static void asBeforeTheForcedFlag(Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        ManifestJson.Stored stored = ManifestJson.readStored(Files.readAllBytes(manifest), "manifest", Limits.defaults());
        assertTrue(stored.forcedFlag(), "this build marks its chains");
        Files.write(manifest, ManifestJson.write(stored.manifest(), false));
        Path index = only(dir, ".didx");
        byte[] b = Files.readAllBytes(index);
        for (int at = DirectoryChainStore.HEADER; at + DirectoryChainStore.ENTRY <= b.length; at += DirectoryChainStore.ENTRY) {
            DirectoryChainStore.Entry e = DirectoryChainStore.Entry.decode(b, at);
            DirectoryChainStore.Entry unforced = new DirectoryChainStore.Entry(e.index(), e.hasRecord(), e.hasSnapshot(),
                    false, e.rebuildFrom(), e.recordOffset(), e.recordLength(), e.snapshotOffset(), e.snapshotLength());
            System.arraycopy(unforced.encode(), 0, b, at, DirectoryChainStore.ENTRY);
        }
        Files.write(index, b);
    }

    /**
     * Issue 19, limit 5: a chain written before entries carried the forced flag has no forced entry past its
     * manifest's length. Its entries but the last count as forced, so a segment cut under them is refused, not a
     * torn tail; the first writer marks the manifest (forcedFlag, with the length of the versions it keeps).
     */
    @Test
    void aChainFromBeforeTheForcedFlagLosesNoAppendedVersionToATornTailCut(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir);
        asBeforeTheForcedFlag(dir);

        Path cut = copyOf(dir, work.resolve("cut"));
        truncate(only(cut, ".dseg"), 3000);
        long indexSize = Files.size(only(cut, ".didx"));
        io.deltachain.api.CorruptDeltaException refused = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> new DirectoryChainStore(cut).recover());
        assertTrue(refused.getMessage().contains("recovery cut nothing"), refused.getMessage());
        assertEquals(3000, Files.size(only(cut, ".dseg")));
        assertEquals(indexSize, Files.size(only(cut, ".didx")));

        Path torn = copyOf(dir, work.resolve("torn"));
        truncate(only(torn, ".dseg"), Files.size(only(torn, ".dseg")) - 1); // the last append's frames torn
        StoreRecovery dropped = new DirectoryChainStore(torn).recover();
        assertTrue(dropped.actions().toString().contains("versions 39 to 39")
                && dropped.actions().toString().contains("with length 39"), dropped.toString());
        assertEquals(39, reopen(torn).length());

        Path whole = copyOf(dir, work.resolve("whole"));
        StoreRecovery marked = new DirectoryChainStore(whole).recover();
        assertEquals(1, marked.actions().size(), marked.toString());
        assertTrue(marked.actions().get(0).contains("marked manifest.json") && marked.actions().get(0)
                .contains("with length 40"), marked.toString());
        ManifestJson.Stored after = ManifestJson.readStored(Files.readAllBytes(whole.resolve("manifest.json")),
                "manifest", Limits.defaults());
        assertTrue(after.forcedFlag());
        assertEquals(40, after.manifest().length());
        assertTrue(new DirectoryChainStore(whole).recover().isClean(), "marked once");
        DeltaChain<String> reopened = reopen(whole);
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
        reopened.add(state(40));
        assertEquals(state(40), reopen(whole).stateAt(40));
    }

    /**
     * Issue 19, limit 2: the scan of a segment alone goes on past a frame that does not read, at the next
     * version proven whole, and names the bytes it skipped and the versions lost with them.
     */
    @Test
    void scanningTheSegmentAloneResumesPastABadFrameAndReportsWhatItSkipped(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        fortyVersions(dir); // snapshots every 3
        DirectoryChainStore store = new DirectoryChainStore(dir);
        DirectoryChainStore.Span record16 = store.span(16, false);
        DirectoryChainStore.Span snapshot15 = store.span(15, true);
        DirectoryChainStore.Span record18 = store.span(18, false);
        // a flipped payload byte, a damaged header length (the frame's end cannot be trusted), a damaged snapshot
        for (String damage : List.of("record 16", "length of record 16", "snapshot 15")) {
            Path copy = copyOf(dir, work.resolve(damage.replace(' ', '-')));
            Files.delete(only(copy, ".didx"));
            Path segment = only(copy, ".dseg");
            byte[] b = Files.readAllBytes(segment);
            DirectoryChainStore.Span hit = damage.equals("snapshot 15") ? snapshot15 : record16;
            b[(int) hit.offset() + (damage.startsWith("length") ? 8 : hit.length() / 2)] ^= 0x20;
            Files.write(segment, b);
            DirectoryChainStore.SegmentScan scan = DirectoryChainStore.scanSegment(copy, Limits.defaults());
            assertEquals(40, scan.versions(), damage);
            assertEquals(null, scan.stopped(), damage);
            assertEquals(1, scan.skipped().size(), damage + ": " + scan.skipped());
            DirectoryChainStore.SkippedBytes gap = scan.skipped().get(0);
            assertEquals(hit.offset(), gap.from(), damage);
            assertTrue(gap.describe().contains(segment.toString() + " bytes " + hit.offset() + " to "), gap.describe());
            DeltaChain<String> read = DeltaChain.open(scan.store(), registry, StateFormats.utf8());
            List<Integer> lost = damage.equals("snapshot 15") ? List.of() : List.of(16, 17);
            assertEquals(lost, List.copyOf(read.damagedVersions().keySet()), damage);
            if (lost.isEmpty()) {
                assertEquals(record16.offset(), gap.to(), damage);
                assertTrue(gap.describe().contains("no version was lost"), gap.describe());
            } else {
                assertEquals(record18.offset(), gap.to(), damage);
                assertTrue(gap.describe().contains("versions 16 to 17 are lost"), gap.describe());
                DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> read.stateAt(17));
                assertTrue(e.getMessage().contains("bytes " + hit.offset()), e.getMessage());
            }
            for (int i = 0; i < 40; i++) {
                if (!lost.contains(i)) {
                    assertEquals(state(i), read.stateAt(i), damage + ", version " + i);
                }
            }
        }
    }

    /**
     * Issue 19, limit 3: salvage from frames alone keeps the chain's policy and snapshot interval: from the
     * manifest when it reads (the index lost), else the interval from where the snapshots are; each setting says
     * where it came from.
     */
    @Test
    void scanningTheSegmentAloneRecoversThePolicyAndTheSnapshotInterval(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(5)
                .policy(ChainPolicy.rebaseAfter(100)).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < 23; i++) {
            chain.add(state(i));
        }
        Path noIndex = copyOf(dir, work.resolve("no-index"));
        Files.delete(only(noIndex, ".didx"));
        DirectoryChainStore.SegmentScan fromManifest = DirectoryChainStore.scanSegment(noIndex, Limits.defaults());
        ChainManifest m = fromManifest.store().readManifest().orElseThrow();
        assertEquals(ChainPolicy.rebaseAfter(100), m.policy());
        assertEquals(5, m.snapshotEvery());
        assertTrue(fromManifest.settings().get(0).contains("from manifest.json"), fromManifest.settings().toString());

        Path noManifest = copyOf(dir, work.resolve("no-manifest"));
        Files.write(noManifest.resolve("manifest.json"), new byte[0]);
        DirectoryChainStore.SegmentScan inferred = DirectoryChainStore.scanSegment(noManifest, Limits.defaults());
        m = inferred.store().readManifest().orElseThrow();
        assertEquals(5, m.snapshotEvery());
        assertEquals(ChainPolicy.keepAll(), m.policy());
        String said = inferred.settings().toString();
        assertEquals("auto", m.strategyId(), "the frames name each record's strategy, not the chain's");
        assertTrue(said.contains("strategy auto: the default") && said.contains("from the last record")
                && said.contains("manifest.json is damaged (empty)") && !said.contains("KeepAll")
                && said.contains("snapshot interval 5: inferred from the snapshots at versions")
                && said.contains("policy") && said.contains("the default"), said);
    }


    /**
     * A hostile record length in one entry (its CRC recomputed) puts that entry's frames past the segment's end,
     * but the entries after it lie inside: only it and the versions that rebuild through it are reported.
     */
    @Test
    void aHostileLengthInOneEntryIsThatEntrysDamageNotATruncatedSegment(@TempDir Path dir) throws IOException {
        fortyVersions(dir); // snapshots every 3: version 16 rebuilds from 15, 17 through 16
        Path index = only(dir, ".didx");
        byte[] all = Files.readAllBytes(index);
        int at = DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 16;
        DirectoryChainStore.Entry e = DirectoryChainStore.Entry.decode(all, at);
        DirectoryChainStore.Entry hostile = new DirectoryChainStore.Entry(16, true, false, true, e.rebuildFrom(),
                e.recordOffset(), Integer.MAX_VALUE, 0, 0);
        System.arraycopy(hostile.encode(), 0, all, at, DirectoryChainStore.ENTRY);
        Files.write(index, all);
        DeltaChain<String> chain = reopen(dir);
        for (int i = 0; i < 40; i++) {
            assertEquals(state(i), chain.stateAt(i), "its frames are whole: version " + i + " reads");
        }
        List<String> problems = chain.verify().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("version 16") && problems.get(0).contains("past the end")
                && problems.get(0).contains("version 16 still reads"), problems.toString());
    }

    @Test
    void aFlippedByteInAnIndexEntryIsReportedAsThatEntrysDamage(@TempDir Path dir) throws IOException {
        chain(dir); // snapshots at 0, 3, 6, 9
        for (int entry : new int[] {0, 4}) {
            Path index = only(dir, ".didx");
            byte[] good = Files.readAllBytes(index);
            byte[] bad = good.clone();
            bad[DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * entry + 14] ^= 0x01;
            Files.write(index, bad);
            List<String> problems = DeltaChain.verify(new DirectoryChainStore(dir), registry, Limits.defaults())
                    .problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("index entry of version " + entry)
                    && problems.get(0).contains("CRC32C mismatch")
                    && problems.get(0).contains("version " + entry + " still reads"), problems.toString());
            assertFalse(problems.toString().contains("missing"), problems.toString());
            DeltaChain<String> chain = reopen(dir);
            assertTrue(chain.damagedVersions().isEmpty(), chain.damagedVersions().toString());
            for (int i = 0; i < 10; i++) {
                assertEquals(state(i), chain.stateAt(i), "its frames are whole: version " + i + " reads");
            }
            assertEquals(List.of(0, 3, 6, 9), List.copyOf(new DirectoryChainStore(dir).snapshotIndices()));
            Files.write(index, good);
        }
    }

    @Test
    void aHostileIndexEntryIsRefusedBeforeAnythingIsAllocated(@TempDir Path dir) throws IOException {
        chain(dir);
        Path index = only(dir, ".didx");
        byte[] all = Files.readAllBytes(index);
        int at = DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * 4;
        DirectoryChainStore.Entry e = DirectoryChainStore.Entry.decode(all, at);
        for (DirectoryChainStore.Entry hostile : List.of(
                new DirectoryChainStore.Entry(4, true, false, true, e.rebuildFrom(), e.recordOffset(), Integer.MAX_VALUE,
                        0, 0),
                new DirectoryChainStore.Entry(4, true, false, true, e.rebuildFrom(), Long.MAX_VALUE - 8, 100, 0, 0))) {
            byte[] bad = all.clone();
            System.arraycopy(hostile.encode(), 0, bad, at, DirectoryChainStore.ENTRY);
            Files.write(index, bad);
            CountingFiles files = new CountingFiles();
            DirectoryChainStore store = new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(),
                    Duration.ofSeconds(1), files);
            assertEquals(4, DeltaRecord.fromBytes(store.readRecord(4), Limits.defaults()).index(),
                    "read from its frames, which lie between the entries around it");
            assertTrue(files.largestAsked() < Files.size(only(dir, ".dseg")), "largest read: " + files.largestAsked());
            // With its frames damaged too, nothing proves where they are: refused before anything is allocated
            Path segment = only(dir, ".dseg");
            byte[] frames = Files.readAllBytes(segment);
            byte[] damaged = frames.clone();
            damaged[(int) (e.recordOffset() + e.recordLength() / 2)] ^= 1;
            Files.write(segment, damaged);
            CountingFiles again = new CountingFiles();
            DirectoryChainStore worse = new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(),
                    Duration.ofSeconds(1), again);
            io.deltachain.api.CorruptDeltaException refused = assertThrows(
                    io.deltachain.api.CorruptDeltaException.class, () -> worse.readRecord(4));
            assertTrue(refused.getMessage().contains("past its end") && refused.getMessage().contains("the record of"
                    + " version 4") || refused.getMessage().contains("index entry of version 4")
                    && refused.getMessage().contains("holds no whole frames of it"), refused.getMessage());
            assertTrue(again.largestAsked() < Files.size(segment), "largest read: " + again.largestAsked());
            Files.write(segment, frames);
        }
        Files.write(index, all);
    }

    /**
     * An index cut inside its last entry, whose version's frames are whole: a writer writes an entry at once, so
     * a part of one is an entry cut short after its version was written (or acknowledged). Readers count the
     * version from its frames and verify names the fault; recovery rebuilds the entry and says so. Cut at the
     * entry's boundary, nothing tells the index from an append cut off between its two writes, never
     * acknowledged: dropped, and said.
     */
    @Test
    void aTornIndexEntryIsRolledForwardFromItsWholeFramesAtEveryByte(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        chain(dir);
        Path index = only(dir, ".didx");
        long size = Files.size(index);
        for (long cut = size - DirectoryChainStore.ENTRY; cut < size; cut++) {
            Path copy = work.resolve("cut" + cut);
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            try (FileChannel ch = FileChannel.open(copy.resolve(index.getFileName()), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            boolean boundary = cut == size - DirectoryChainStore.ENTRY;
            int expected = boundary ? 9 : 10;
            ChainVerification before = DeltaChain.verify(new DirectoryChainStore(copy), registry, Limits.defaults());
            assertEquals(boundary, before.ok(), before.problems().toString());
            // at the boundary the verify at rest notes the whole version no entry counts, and how to keep it
            assertEquals(boundary ? 1 : 0, before.notes().size(), before.notes().toString());
            if (boundary) {
                assertTrue(before.notes().get(0).contains("whole frames of version 9 past the index's last entry")
                        && before.notes().get(0).contains("salvage --from-frames"), before.notes().get(0));
            }
            if (!boundary) {
                assertTrue(before.problems().toString().contains("into the entry of version 9"),
                        before.problems().toString());
                assertEquals(state(9), reopen(copy).stateAt(9), "a reader reads it from its frames");
            }
            StoreRecovery recovery = new DirectoryChainStore(copy).recover();
            assertFalse(recovery.isClean());
            assertTrue(recovery.actions().toString().contains(boundary ? "truncated" : "rebuilt the index entry of version 9"),
                    recovery.actions().toString());
            if (boundary) {
                assertTrue(recovery.actions().toString().contains("the whole frames of version 9"),
                        recovery.actions().toString());
            }
            DeltaChain<String> reopened = reopen(copy);
            assertEquals(expected, reopened.length());
            assertEquals(state(expected - 1), reopened.current().orElseThrow());
            assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
            assertEquals(List.of(), reopened.verify().notes());
        }
    }

    @Test
    void aRewriteThatWasNeverCommittedIsDiscardedByTheNextWriterOnly(@TempDir Path dir) throws IOException {
        chain(dir);
        Files.writeString(dir.resolve("000000000099.dseg"), "half-written");
        Files.writeString(dir.resolve("manifest.json.tmp"), "");
        DeltaChain<String> reopened = reopen(dir);
        assertEquals(10, reopened.length());
        assertTrue(Files.exists(dir.resolve("000000000099.dseg")), "a reader never deletes");
        reopened.add("next");
        assertFalse(Files.exists(dir.resolve("000000000099.dseg")));
        assertFalse(Files.exists(dir.resolve("manifest.json.tmp")));
        assertTrue(reopen(dir).verify().ok());
    }

    @Test
    void aFlippedByteAnywhereIsFoundByVerify(@TempDir Path dir) throws IOException {
        chain(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().equals("lock")).toList();
        }
        for (Path f : files) {
            byte[] good = Files.readAllBytes(f);
            for (int at = 0; at < good.length; at++) {
                byte[] bad = good.clone();
                bad[at] ^= 0x10;
                Files.write(f, bad);
                boolean found;
                try {
                    DirectoryChainStore store = new DirectoryChainStore(dir);
                    // A flip in the last index entry too: verify names it (its frames rebuild it), nothing is hidden.
                    found = !DeltaChain.verify(store, registry, Limits.defaults()).ok();
                } catch (RuntimeException e) {
                    found = true;
                }
                assertTrue(found, "flip at " + f.getFileName() + ":" + at);
            }
            Files.write(f, good);
        }
    }

    /** Writes {@code chain}'s versions as store format 1 did, optionally with a committed, unfinished rebaseline. */
    private static void writeFormat1(Path dir, DeltaChain<String> chain, boolean unfinishedRebase) throws IOException {
        ChainManifest m = new ChainManifest(1, "suffix", "utf8-text", chain.compressor().codec().id(),
                chain.compressor().level(), ChainPolicy.keepAll(), 3, chain.length(), 0, 0);
        Fixtures.writeFormat1(dir, chain, new String(ManifestJson.write(m), java.nio.charset.StandardCharsets.UTF_8));
        if (unfinishedRebase) {
            Path ready = Files.createDirectories(dir.resolve("replace.ready/snapshots"));
            Files.write(ready.resolve("000000000.dlts"), SnapshotFrame.write(chain.current().orElseThrow()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Files.write(dir.resolve("replace.ready/manifest.json"), ManifestJson.write(new ChainManifest(1, "suffix",
                    "utf8-text", m.codecId(), m.codecLevel(), ChainPolicy.keepAll(), 3, 1, 1, 0)));
            Files.writeString(dir.resolve("replace.ready/snapshots.list"), "0\n");
        }
    }

    @Test
    void aFormat1ChainIsReadAsItIsAndUpgradedByTheFirstWrite(@TempDir Path dir) throws IOException {
        DeltaChain<String> memory = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(3).build();
        for (int i = 0; i < 10; i++) {
            memory.add(state(i));
        }
        writeFormat1(dir, memory, false);
        DeltaChain<String> v1 = reopen(dir);
        assertEquals(state(4), v1.stateAt(4));
        assertTrue(v1.verify().ok(), v1.verify().problems().toString());
        assertTrue(Files.exists(dir.resolve("records")), "reading never upgrades");
        v1.add("upgraded");
        assertFalse(Files.exists(dir.resolve("records")));
        DeltaChain<String> v2 = reopen(dir);
        assertEquals(11, v2.length());
        assertEquals(state(7), v2.stateAt(7));
        assertEquals(DirectoryChainStore.FORMAT, new DirectoryChainStore(dir).readManifest().orElseThrow().formatVersion());
        assertTrue(v2.verify().ok(), v2.verify().problems().toString());
    }

    @Test
    void aFormat1CommittedReplaceIsReadThroughAndFinishedByTheUpgrade(@TempDir Path dir) throws IOException {
        DeltaChain<String> memory = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(3).build();
        for (int i = 0; i < 10; i++) {
            memory.add(state(i));
        }
        writeFormat1(dir, memory, true);
        DeltaChain<String> v1 = reopen(dir);
        assertEquals(1, v1.length());
        assertEquals(state(9), v1.current().orElseThrow());
        assertTrue(v1.verify().ok(), v1.verify().problems().toString());
        StoreRecovery recovery = new DirectoryChainStore(dir).recover();
        assertTrue(recovery.actions().toString().contains("upgraded"), recovery.toString());
        assertFalse(Files.exists(dir.resolve("replace.ready")));
        DeltaChain<String> v2 = reopen(dir);
        assertEquals(1, v2.length());
        assertEquals(1, v2.metrics().rebaselines());
        assertEquals(state(9), v2.current().orElseThrow());
    }

    @Test
    void readersDuringRewritesSeeAWholeChainOrAreToldToReopen(@TempDir Path dir) throws Exception {
        DeltaChain<String> writer = chain(dir);
        DirectoryChainStore readerStore = new DirectoryChainStore(dir);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    ChainManifest m = readerStore.readManifest().orElseThrow();
                    readerStore.snapshotIndices();
                    assertTrue(m.length() >= 1);
                } catch (ChainStoreException e) {
                    if (!e.getMessage().contains("reopen")) {
                        failure.set(e);
                    }
                } catch (RuntimeException | AssertionError e) {
                    failure.set(e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 40; i++) {
            writer.rebaseline();
            writer.add("more " + i);
        }
        reader.join();
        assertEquals(null, failure.get());
        DeltaChain<String> reopened = reopen(dir);
        assertEquals("more 39", reopened.current().orElseThrow());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
    }

    @Test
    void aChainWhoseRewriteFailedRefusesFurtherWrites() {
        InMemoryChainStore memory = new InMemoryChainStore();
        ChainStore failing = new ChainStore() {
            @Override
            public Optional<ChainManifest> readManifest() {
                return memory.readManifest();
            }

            @Override
            public byte[] readRecord(int index) {
                return memory.readRecord(index);
            }

            @Override
            public byte[] readSnapshot(int index) {
                return memory.readSnapshot(index);
            }

            @Override
            public SortedSet<Integer> snapshotIndices() {
                return memory.snapshotIndices();
            }

            @Override
            public long storedBytes() {
                return memory.storedBytes();
            }

            @Override
            public Writer lock(Duration timeout) {
                Writer w = memory.lock(timeout);
                return new Writer() {
                    @Override
                    public StoreRecovery recovery() {
                        return w.recovery();
                    }

                    @Override
                    public Optional<ChainManifest> manifest() {
                        return w.manifest();
                    }

                    @Override
                    public ChainManifest create(ChainManifest manifest) {
                        return w.create(manifest);
                    }

                    @Override
                    public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
                        return w.append(next, recordWire, snapshotOrNull);
                    }

                    @Override
                    public ChainManifest replace(ChainManifest m, SortedMap<Integer, byte[]> s,
                                                 SortedMap<Integer, byte[]> r) {
                        throw new ChainStoreException("disk full");
                    }

                    @Override
                    public void close() {
                        w.close();
                    }
                };
            }
        };
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(failing).build();
        ChainStoreException first = assertThrows(ChainStoreException.class, () -> chain.add("first"));
        assertTrue(first.getMessage().contains("reopen"), first.getMessage());
        ChainStoreException then = assertThrows(ChainStoreException.class, () -> chain.add("second"));
        assertTrue(then.getMessage().contains("disk full"), then.getMessage());
    }

    @Test
    void rebaseMergeAndClearLeaveOneGenerationBehind(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = chain(dir);
        chain.rebaseline();
        chain.add("after");
        chain.clear();
        chain.add("again");
        only(dir, ".dseg");
        only(dir, ".didx");
        assertEquals("again", reopen(dir).current().orElseThrow());
    }
}
