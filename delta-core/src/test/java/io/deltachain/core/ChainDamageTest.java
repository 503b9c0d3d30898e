package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage stays local: a bad record or snapshot fails only the versions that need it. */
class ChainDamageTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> create(Path dir, int versions, int snapshotEvery) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8())
                .compressor(DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix")
                        .clock(Fixtures.CLOCK).build())
                .snapshotEvery(snapshotEvery).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < versions; i++) {
            chain.add(state(i));
        }
        return chain;
    }

    private static String state(int i) {
        return "v" + i + ":" + "x".repeat(i % 7);
    }

    private DeltaChain<String> open(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
    }

    /** Where version {@code index}'s record (or snapshot) frame lies in the chain's segment file. */
    private static DirectoryChainStore.Span span(Path dir, int index, boolean snapshot) {
        return new DirectoryChainStore(dir).span(index, snapshot);
    }

    private static void flip(DirectoryChainStore.Span span, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(span.file());
        bytes[(int) span.offset() + offset] ^= 0x5A;
        Files.write(span.file(), bytes);
    }

    @Test
    void oneFlippedByteInAnEightyVersionChainFailsOnlyTheVersionsThatNeedIt(@TempDir Path dir) throws IOException {
        create(dir, 80, 32);
        DirectoryChainStore.Span record = span(dir, 40, false);
        String where = "record of version 40 (" + record.file() + " at offset " + record.offset() + ")";
        flip(record, 30);
        DeltaChain<String> chain = open(dir);
        for (int i = 0; i < 80; i++) {
            int v = i;
            if (i >= 40 && i < 64) {
                DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> chain.stateAt(v));
                assertEquals(i, e.version());
                assertTrue(e.getMessage().contains("version " + i + " cannot be read"), e.getMessage());
                assertTrue(e.getMessage().contains(where), e.getMessage());
            } else {
                assertEquals(state(i), chain.stateAt(i), "version " + i);
            }
        }
        assertEquals(state(79), chain.current().orElseThrow(), "the head rebuilds from snapshot 64");
        assertEquals(IntStream.range(40, 64).boxed().collect(Collectors.toSet()), chain.damagedVersions().keySet());
        assertTrue(chain.damagedVersions().get(50).contains(where), chain.damagedVersions().get(50));
        assertThrows(DamagedVersionException.class, () -> chain.deltaAt(40));
        // Store format 4: the record frame of version 41 keeps only 4 bytes of its base hash, the rest is the target
        // hash of record 40 (version 40 has no snapshot): its record cannot be given whole either (its versions are
        // lost with version 40 anyway); every record after it reads
        DamagedVersionException follows = assertThrows(DamagedVersionException.class, () -> chain.deltaAt(41));
        assertTrue(follows.getMessage().contains("takes its base hash from the record of version 40, which does not"
                + " read"), follows.getMessage());
        assertEquals(42, chain.deltaAt(42).orElseThrow().index(), "the log reads every other record");
        assertEquals(80, chain.metrics().length());
        ChainVerification v = chain.verify();
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains(where) && v.problems().get(0).contains("CRC32C"),
                v.problems().toString());
        assertTrue(v.problems().get(0).endsWith("; versions 41 to 63 rebuild through it and cannot be rebuilt either"),
                v.problems().toString());
        assertEquals(80 - 24, v.versionsChecked());
        chain.add("after the damage");
        assertEquals("after the damage", open(dir).stateAt(80), "a readable head still takes new versions");
    }

    /** A damaged base snapshot's size is unknown: metrics say so instead of counting it as 0 bytes. */
    @Test
    void aDamagedBaseIsUncountedInTheMetricsNotZeroBytes(@TempDir Path dir) throws IOException {
        create(dir, 10, 4);
        ChainMetrics whole = open(dir).metrics();
        assertEquals(0, whole.uncountedVersions());
        flip(span(dir, 0, true), 12);
        ChainMetrics m = open(dir).metrics();
        assertEquals(1, m.uncountedVersions(), m.toString());
        assertEquals(whole.rawBytes() - state(0).length(), m.rawBytes(), m.toString());
    }

    @Test
    void aDamagedSnapshotIsBypassedFromTheSnapshotBefore(@TempDir Path dir) throws IOException {
        create(dir, 12, 4);
        DirectoryChainStore.Span snapshot = span(dir, 4, true);
        flip(snapshot, 9);
        DeltaChain<String> chain = open(dir);
        for (int i = 0; i < 12; i++) {
            assertEquals(state(i), chain.stateAt(i));
        }
        assertTrue(chain.damagedVersions().isEmpty(), chain.damagedVersions().toString());
        ChainVerification v = chain.verify();
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains("at offset " + snapshot.offset()), v.problems().toString());
    }

    @Test
    void aZeroedRecordFailsTheVersionsAfterItUpToTheNextSnapshot(@TempDir Path dir) throws IOException {
        create(dir, 10, 4);
        DirectoryChainStore.Span record = span(dir, 6, false);
        byte[] bytes = Files.readAllBytes(record.file());
        java.util.Arrays.fill(bytes, (int) record.offset(), (int) record.offset() + record.length(), (byte) 0);
        Files.write(record.file(), bytes);
        DeltaChain<String> chain = open(dir);
        assertEquals(Set.of(6, 7), chain.damagedVersions().keySet());
        assertEquals(state(9), chain.current().orElseThrow());
        assertTrue(assertThrows(DamagedVersionException.class, () -> chain.stateAt(7)).getMessage()
                .contains("record of version 6 (" + record.file()));
        assertFalse(chain.verify().ok());
    }

    /**
     * Every single-byte change of every record and snapshot frame of a small chain: verify finds it and
     * names the frame, and every version that does not depend on it still reads, equal to what was
     * added. Headers, the index and the manifest carry CRCs of their own (DirectoryStoreCrashTest).
     */
    @Test
    void everySingleByteFlipIsDetectedAndSparesTheVersionsThatDoNotNeedIt(@TempDir Path dir) throws IOException {
        int length = 10;
        int every = 4;
        create(dir, length, every);
        SortedSet<Integer> snapshots = new TreeSet<>(List.of(0, 4, 8));
        List<DirectoryChainStore.Span> frames = new ArrayList<>();
        for (int i = 1; i < length; i++) {
            frames.add(span(dir, i, false));
        }
        snapshots.forEach(i -> frames.add(span(dir, i, true)));
        int flips = 0;
        for (int f = 0; f < frames.size(); f++) {
            DirectoryChainStore.Span frame = frames.get(f);
            boolean isRecord = f < length - 1;
            int n = isRecord ? f + 1 : snapshots.stream().skip(f - (length - 1)).findFirst().orElseThrow();
            byte[] original = Files.readAllBytes(frame.file());
            Set<Integer> needing = isRecord
                    ? IntStream.range(n, length).filter(j -> snapshots.subSet(n, j + 1).isEmpty()).boxed()
                            .collect(Collectors.toSet())
                    : n == 0 ? IntStream.range(0, every).boxed().collect(Collectors.toSet()) : Set.of();
            String name = (isRecord ? "record" : "snapshot") + " of version " + n;
            for (int offset = 0; offset < frame.length(); offset++) {
                byte[] bad = original.clone();
                int at = (int) frame.offset() + offset;
                bad[at] ^= (byte) (1 << (offset % 8));
                Files.write(frame.file(), bad);
                String where = name + " offset " + offset;
                DeltaChain<String> chain = open(dir);
                ChainVerification v = chain.verify();
                String offsetText = "offset " + frame.offset();
                if (v.ok() || v.problems().stream().noneMatch(p -> p.contains(offsetText) || p.contains(name))) {
                    fail(where + ": verify did not name the damage: " + v.problems());
                }
                for (int j = 0; j < length; j++) {
                    int version = j;
                    if (needing.contains(j)) {
                        assertEquals(j, assertThrows(DamagedVersionException.class, () -> chain.stateAt(version),
                                where).version(), where);
                    } else {
                        assertEquals(state(j), chain.stateAt(j), where + ", version " + j);
                    }
                }
                assertEquals(needing, chain.damagedVersions().keySet(), where);
                flips++;
            }
            Files.write(frame.file(), original);
        }
        assertTrue(open(dir).verify().ok());
        assertTrue(flips > 800, "flips: " + flips); // record frames of store format 4 are small
    }
}
