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

    private static void flip(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x5A;
        Files.write(file, bytes);
    }

    @Test
    void oneFlippedByteInAnEightyVersionChainFailsOnlyTheVersionsThatNeedIt(@TempDir Path dir) throws IOException {
        create(dir, 80, 32);
        Path record = dir.resolve("records/000000040.dltr");
        flip(record, 30);
        DeltaChain<String> chain = open(dir);
        for (int i = 0; i < 80; i++) {
            int v = i;
            if (i >= 40 && i < 64) {
                DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> chain.stateAt(v));
                assertEquals(i, e.version());
                assertTrue(e.getMessage().contains("version " + i + " cannot be read"), e.getMessage());
                assertTrue(e.getMessage().contains(record.toString()), e.getMessage());
            } else {
                assertEquals(state(i), chain.stateAt(i), "version " + i);
            }
        }
        assertEquals(state(79), chain.current().orElseThrow(), "the head rebuilds from snapshot 64");
        assertEquals(IntStream.range(40, 64).boxed().collect(Collectors.toSet()), chain.damagedVersions().keySet());
        assertTrue(chain.damagedVersions().get(50).contains(record.toString()), chain.damagedVersions().get(50));
        assertThrows(DamagedVersionException.class, () -> chain.deltaAt(40));
        assertEquals(41, chain.deltaAt(41).orElseThrow().index(), "the log reads every other record");
        assertEquals(80, chain.metrics().length());
        ChainVerification v = chain.verify();
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains(record.toString()) && v.problems().get(0).contains("CRC32C"),
                v.problems().toString());
        assertEquals(80 - 24, v.versionsChecked());
        chain.add("after the damage");
        assertEquals("after the damage", open(dir).stateAt(80), "a readable head still takes new versions");
    }

    @Test
    void aDamagedSnapshotIsBypassedFromTheSnapshotBefore(@TempDir Path dir) throws IOException {
        create(dir, 12, 4);
        flip(dir.resolve("snapshots/000000004.dlts"), 9);
        DeltaChain<String> chain = open(dir);
        for (int i = 0; i < 12; i++) {
            assertEquals(state(i), chain.stateAt(i));
        }
        assertTrue(chain.damagedVersions().isEmpty(), chain.damagedVersions().toString());
        ChainVerification v = chain.verify();
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains("000000004.dlts"), v.problems().toString());
    }

    @Test
    void aMissingRecordFailsTheVersionsAfterItUpToTheNextSnapshot(@TempDir Path dir) throws IOException {
        create(dir, 10, 4);
        Files.delete(dir.resolve("records/000000006.dltr"));
        DeltaChain<String> chain = open(dir);
        assertEquals(Set.of(6, 7), chain.damagedVersions().keySet());
        assertEquals(state(9), chain.current().orElseThrow());
        assertTrue(assertThrows(DamagedVersionException.class, () -> chain.stateAt(7)).getMessage()
                .contains("000000006.dltr"));
        assertFalse(chain.verify().ok());
    }

    /**
     * Every single-byte change of every record and snapshot file of a small chain: verify finds it and
     * names the file, and every version that does not depend on the changed file still reads, equal to
     * what was added. The manifest is left out: it carries no checksum (the store's format owns that).
     */
    @Test
    void everySingleByteFlipIsDetectedAndSparesTheVersionsThatDoNotNeedIt(@TempDir Path dir) throws IOException {
        int length = 10;
        int every = 4;
        create(dir, length, every);
        SortedSet<Integer> snapshots = new TreeSet<>(List.of(0, 4, 8));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(f -> f.toString().endsWith(".dltr") || f.toString().endsWith(".dlts")).sorted()
                    .forEach(files::add);
        }
        assertEquals(length - 1 + snapshots.size(), files.size());
        int flips = 0;
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            int n = Integer.parseInt(name.substring(0, 9));
            Set<Integer> needing = name.endsWith(".dltr")
                    ? IntStream.range(n, length).filter(j -> snapshots.subSet(n, j + 1).isEmpty()).boxed()
                            .collect(Collectors.toSet())
                    : n == 0 ? IntStream.range(0, every).boxed().collect(Collectors.toSet()) : Set.of();
            for (int offset = 0; offset < original.length; offset++) {
                byte[] bad = original.clone();
                bad[offset] ^= (byte) (1 << (offset % 8));
                Files.write(file, bad);
                String where = name + " offset " + offset;
                DeltaChain<String> chain = open(dir);
                ChainVerification v = chain.verify();
                if (v.ok() || v.problems().stream().noneMatch(p -> p.contains(file.toString()) || p.contains(name))) {
                    fail(where + ": verify did not name the file: " + v.problems());
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
            Files.write(file, original);
        }
        assertTrue(open(dir).verify().ok());
        assertTrue(flips > 1000, "flips: " + flips);
    }
}
