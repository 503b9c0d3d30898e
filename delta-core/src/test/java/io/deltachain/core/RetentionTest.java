package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.core.internal.ManifestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: retention ({@link DeltaChain#retainFrom}, {@link DeltaChain#retainLast}, {@link DeltaChain#retainAfter})
 * drops the oldest versions in one rewrite; the versions kept keep their indices, states, records and times, on
 * disk and in memory, and the chain takes appends, compaction, recovery and salvage as before.
 */
class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private static String state(int i) {
        StringBuilder s = new StringBuilder("v");
        for (int k = 0; k <= i; k++) {
            s.append(' ').append(k);
        }
        return s.toString();
    }

    private DeltaChain<String> chain(ChainStore store, int versions) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(registry).strategy("suffix").codec("gzip")
                .clock(new Fixtures.Minutes(T0)).build()).snapshotEvery(8).store(store).build();
        for (int i = 0; i < versions; i++) {
            chain.add(state(i));
        }
        return chain;
    }

    private DeltaChain<String> reopen(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
    }

    private static void assertHolds(DeltaChain<String> chain, int first, int length) {
        assertEquals(first, chain.firstIndex(), chain.toString());
        assertEquals(length, chain.length(), chain.toString());
        assertEquals(length - first, chain.versionsHeld());
        for (int i = first; i < length; i++) {
            assertEquals(state(i), chain.stateAt(i), "version " + i);
        }
        for (int i : new int[] {0, first - 1}) {
            VersionNotFoundException e = assertThrows(VersionNotFoundException.class, () -> chain.stateAt(i));
            assertTrue(e.getMessage().contains("dropped by retention") && e.getMessage().contains("versions " + first
                    + " to " + (length - 1)), e.getMessage());
        }
        assertEquals(state(first), chain.base().orElseThrow());
        assertTrue(chain.deltaAt(first).isEmpty(), "the first version has no record");
        assertEquals(length - first, chain.metrics().length());
        ChainVerification v = chain.verify();
        assertTrue(v.ok(), v.toString());
        assertEquals(length - first, v.versionsChecked());
    }

    @Test
    void theLastVersionsKeepTheirIndicesStatesRecordsAndTimesOnDiskAndInMemory(@TempDir Path dir) {
        DeltaChain<String> chain = chain(new DirectoryChainStore(dir), 100);
        List<DeltaRecord> records = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            records.add(chain.deltaAt(i).orElseThrow());
        }
        long before = new DirectoryChainStore(dir).storedBytes();
        assertEquals(70, chain.retainLast(30));
        assertHolds(chain, 70, 100);
        DeltaChain<String> reopened = reopen(dir);
        assertHolds(reopened, 70, 100);
        for (int i = 71; i < 100; i++) {
            assertEquals(records.get(i - 1), reopened.deltaAt(i).orElseThrow(), "version " + i + "'s record as it was");
        }
        assertTrue(new DirectoryChainStore(dir).storedBytes() < before / 2, new DirectoryChainStore(dir).storedBytes()
                + " of " + before);
        assertEquals(new TreeSet<>(List.of(70, 72, 80, 88, 96)), new DirectoryChainStore(dir).snapshotIndices());
        ChainManifest m = new DirectoryChainStore(dir).readManifest().orElseThrow();
        assertEquals(70, m.first());
        assertEquals(ChainManifest.CURRENT_VERSION, m.formatVersion(), "older builds refuse it rather than misread it");
        assertEquals(0, chain.retainLast(30), "nothing more to drop");
        assertEquals(0, chain.retainFrom(50), "before the first: a no-op");

        assertEquals(100, reopened.add(state(100)), "the next index follows the newest");
        assertEquals(101, chain.add(state(101)), "a chain that retained sees the other's append and goes on");
        assertHolds(reopen(dir), 70, 102);
        assertEquals(new TreeSet<>(List.of(70, 72, 80, 88, 96)), new DirectoryChainStore(dir).snapshotIndices());
        assertEquals(state(101), reopen(dir).current().orElseThrow());
    }

    @Test
    void inMemoryTheSame() {
        DeltaChain<String> chain = chain(new InMemoryChainStore(), 40);
        assertEquals(25, chain.retainFrom(25));
        assertHolds(chain, 25, 40);
        assertEquals(40, chain.add(state(40)));
        assertHolds(chain, 25, 41);
        assertHolds(DeltaChain.open(chain.store(), registry, StateFormats.utf8()), 25, 41);
    }

    @Test
    void aRetainedChainRetainsAgainCompactsAndRebaselines(@TempDir Path dir) {
        DeltaChain<String> chain = chain(new DirectoryChainStore(dir), 60);
        chain.retainFrom(13);
        assertEquals(20, chain.retainFrom(33));
        assertHolds(reopen(dir), 33, 60);
        DeltaCompressor<String> into = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("none").codec("identity").build();
        DeltaChain<String> compacted = chain.compact(into);
        assertHolds(compacted, 33, 60);
        DeltaChain<String> reopened = reopen(dir);
        assertHolds(reopened, 33, 60);
        assertEquals("none", reopened.deltaAt(40).orElseThrow().strategyId());
        assertEquals("identity", new DirectoryChainStore(dir).readManifest().orElseThrow().codecId());
        assertEquals(33, new DirectoryChainStore(dir).readManifest().orElseThrow().first());
        reopened.rebaseline();
        DeltaChain<String> rebased = reopen(dir);
        assertEquals(0, rebased.firstIndex(), "a rebaseline numbers the newest version 0, as always");
        assertEquals(1, rebased.length());
        assertEquals(state(59), rebased.stateAt(0));
        assertEquals(ChainManifest.FROM_ZERO_VERSION, new DirectoryChainStore(dir).readManifest().orElseThrow()
                .formatVersion(), "a chain from 0 again is written as builds before retention read it");
    }

    @Test
    void versionsNewerThanATimeAreKeptAndTheNewestAlways(@TempDir Path dir) {
        DeltaChain<String> chain = chain(new DirectoryChainStore(dir), 30);
        Instant t20 = chain.deltaAt(20).orElseThrow().timestamp();
        assertEquals(0, chain.retainAfter(T0), "every version after the first is newer; the first's time is unknown");
        assertEquals(21, chain.retainAfter(t20));
        assertHolds(reopen(dir), 21, 30);
        assertEquals(java.util.OptionalInt.of(25), chain.versionAt(chain.deltaAt(25).orElseThrow().timestamp()));
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class, () -> chain.stateAt(t20));
        assertTrue(e.getMessage().contains("version 21's time is not recorded"), e.getMessage());
        assertEquals(8, chain.retainAfter(Instant.parse("2100-01-01T00:00:00Z")), "the newest stays");
        assertHolds(reopen(dir), 29, 30);
    }

    @Test
    void badArgumentsAreRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = chain(new DirectoryChainStore(dir), 10);
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        assertThrows(DeltaConfigurationException.class, () -> chain.retainLast(0));
        VersionNotFoundException past = assertThrows(VersionNotFoundException.class, () -> chain.retainFrom(10));
        assertTrue(past.getMessage().contains("the newest is 9"), past.getMessage());
        assertArrayEquals(manifest, Files.readAllBytes(dir.resolve("manifest.json")));
        assertEquals(0, chain(new InMemoryChainStore(), 0).retainLast(5), "an empty chain: nothing to drop");
    }

    @Test
    void theManifestSaysItsFirstVersionAndOlderVersionsCannotClaimOne() {
        ChainManifest m = new ChainManifest(4, "suffix", "utf8-text", "gzip", 6, ChainPolicy.keepAll(), 8, 100, 0, 0,
                7).withFirst(70);
        assertEquals(5, m.formatVersion());
        String json = new String(ManifestJson.write(m), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"first\":70") && json.contains("\"formatVersion\":5"), json);
        assertEquals(m, ManifestJson.read(ManifestJson.write(m), "m", Limits.defaults()));
        Supplier<String> asVersion4 = () -> json.replace("\"formatVersion\":5", "\"formatVersion\":4");
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> ManifestJson.read(
                asVersion4.get().getBytes(StandardCharsets.UTF_8), "m", Limits.defaults()));
        assertTrue(e.getMessage().contains("CRC32C") || e.getMessage().contains("first"), e.getMessage());
        assertThrows(DeltaConfigurationException.class, () -> m.withLength(70), "first must be below length");
        assertEquals(4, m.withFirst(0).formatVersion());
    }

    @Test
    void aDamagedIndexEntryOfARetainedChainIsRebuiltFromItsFrames(@TempDir Path dir) throws IOException {
        chain(new DirectoryChainStore(dir), 50).retainFrom(20);
        DirectoryChainStore store = new DirectoryChainStore(dir);
        long g = store.readManifest().orElseThrow().generation();
        Path index = dir.resolve(String.format("%012d.didx", g));
        byte[] bytes = Files.readAllBytes(index);
        int entryOf25 = DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * (25 - 20);
        assertEquals(25, java.nio.ByteBuffer.wrap(bytes, entryOf25, 4).getInt(), "entries start at the first version");
        bytes[entryOf25 + 12] ^= 1;
        Files.write(index, bytes);
        DeltaChain<String> chain = reopen(dir);
        for (int i = 20; i < 50; i++) {
            assertEquals(state(i), chain.stateAt(i), "version " + i);
        }
        ChainVerification v = chain.verify();
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("the index entry of version 25 (offset " + entryOf25
                + ")") && p.contains("still reads")), v.toString());
    }

    @Test
    void anIndexCutShortInARetainedChainIsRebuiltFromTheFramesAndTheFramesAloneHoldTheVersionsFromTheFirst(
            @TempDir Path dir) throws IOException {
        DeltaChain<String> chain = chain(new DirectoryChainStore(dir), 40);
        chain.retainFrom(30);
        chain.add(state(40));
        long g = new DirectoryChainStore(dir).readManifest().orElseThrow().generation();
        Path index = dir.resolve(String.format("%012d.didx", g));
        long size = Files.size(index);
        try (var ch = java.nio.channels.FileChannel.open(index, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 7); // the last entry cut short after its frames were whole
        }
        DeltaChain<String> cut = reopen(dir);
        assertEquals(41, cut.length());
        assertEquals(state(40), cut.stateAt(40), "read from its frames");
        assertTrue(cut.verify().problems().stream().anyMatch(p -> p.contains("entry of version 40")), cut.verify()
                .toString());
        StoreRecovery r = new DirectoryChainStore(dir).recover();
        assertTrue(r.actions().stream().anyMatch(a -> a.contains("rebuilt the index entry of version 40")
                && a.contains("from version 39")), r.actions().toString());
        assertEquals(size, Files.size(index));
        assertHolds(reopen(dir), 30, 41);
        assertEquals(41, reopen(dir).add(state(41)));
        assertHolds(reopen(dir), 30, 42);

        DirectoryChainStore.SegmentScan scan = DirectoryChainStore.scanSegment(dir, Limits.defaults());
        assertTrue(scan.skipped().isEmpty(), scan.skipped().toString());
        assertEquals(12, scan.versions(), "the versions the frames hold, from the first");
        DeltaChain<String> fromFrames = DeltaChain.open(scan.store(), registry, StateFormats.utf8());
        assertEquals(30, fromFrames.firstIndex());
        assertEquals(42, fromFrames.length());
        for (int i = 30; i < 42; i++) {
            assertEquals(state(i), fromFrames.stateAt(i), "version " + i + " from the frames alone");
        }
    }
}
