package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: {@link DeltaChain#compact} rewrites a chain with another strategy and codec, every version kept. */
class CompactionTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> chain(Path dir, int versions) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(registry).strategy("suffix").codec("gzip").build())
                .snapshotEvery(8).store(new DirectoryChainStore(dir)).build();
        StringBuilder s = new StringBuilder("v");
        for (int i = 0; i < versions; i++) {
            chain.add(s.append(' ').append(i).toString());
        }
        return chain;
    }

    @Test
    void aChainCompactedToAnotherStrategyAndCodecReadsBackIdentically(@TempDir Path dir) {
        DeltaChain<String> before = chain(dir, 40);
        List<String> states = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            states.add(before.stateAt(i));
            times.add(i == 0 ? null : before.deltaAt(i).orElseThrow().timestamp());
        }
        DeltaCompressor<String> into = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("none").codec("identity").build();
        DeltaChain<String> after = before.compact(into);
        ChainManifest m = new DirectoryChainStore(dir).readManifest().orElseThrow();
        assertEquals("none", m.strategyId());
        assertEquals("identity", m.codecId());
        assertEquals(40, m.length());
        DeltaChain<String> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
        for (DeltaChain<String> c : List.of(after, reopened, before)) {
            for (int i = 0; i < 40; i++) {
                assertEquals(states.get(i), c.stateAt(i), "version " + i);
                if (i > 0) {
                    DeltaRecord r = c.deltaAt(i).orElseThrow();
                    assertEquals("none", r.strategyId(), "version " + i);
                    assertEquals("identity", r.codecId(), "version " + i);
                    assertEquals(times.get(i), r.timestamp(), "version " + i + " keeps its time");
                }
            }
        }
        assertTrue(reopened.verify().ok(), reopened.verify().toString());
        assertEquals(new java.util.TreeSet<>(List.of(0, 8, 16, 24, 32)), new DirectoryChainStore(dir).snapshotIndices());
        ChainStoreException refused = assertThrows(ChainStoreException.class, () -> before.add("after"));
        assertTrue(refused.getMessage().contains("compacted into strategy 'none', codec 'identity'"),
                refused.getMessage());
        after.add("after");
        assertEquals("after", DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8()).stateAt(40));
    }

    @Test
    void aDamagedChainIsNotCompactedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        chain(dir, 20);
        DirectoryChainStore.Span five = new DirectoryChainStore(dir).span(5, false);
        byte[] bytes = Files.readAllBytes(five.file());
        bytes[(int) five.offset() + five.length() / 2] ^= 1;
        Files.write(five.file(), bytes);
        byte[] segment = Files.readAllBytes(five.file());
        DeltaChain<String> damaged = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> damaged.compact(
                DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("none").build()));
        assertEquals(5, e.version(), e.getMessage());
        assertArrayEquals(segment, Files.readAllBytes(five.file()), "nothing written");
        assertEquals("suffix", new DirectoryChainStore(dir).readManifest().orElseThrow().strategyId());
    }
}
