package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: the read bound holds on a 10,000-version chain (docs/FORMAT.md, "Snapshot frame, version 3"): a
 * read of any version, by a reader that has cached nothing, applies fewer than {@code snapshotEvery} records
 * and reads a bounded slice of the segment (one whole snapshot, at most 31 snapshot deltas, the records after
 * the snapshot and the one before each whose frame completes its base hash), however long the chain.
 */
class ReadBoundTest {
    private static final int VERSIONS = 10_000;
    private static final int EVERY = 32;
    private static final AtomicInteger APPLIED = new AtomicInteger();

    /** The suffix strategy of {@link Fixtures}, counting what it applies. */
    private static final class CountingSuffix extends Fixtures.TextStrategy {
        private final Fixtures.SuffixStrategy suffix = new Fixtures.SuffixStrategy("counted");

        CountingSuffix() {
            super("counted", 0);
        }

        @Override
        public byte[] diff(String base, String target) {
            return suffix.diff(base, target);
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            APPLIED.incrementAndGet();
            return suffix.apply(base, payload, limits);
        }
    }

    private static String state(int v) {
        return "x".repeat(2000) + " version " + v;
    }

    @Test
    void aReadOfAnyVersionAppliesFewerThanSnapshotEveryRecordsAndReadsABoundedSlice(@TempDir Path dir)
            throws java.io.IOException {
        DeltaRegistry registry = Fixtures.registry(new CountingSuffix());
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(registry).strategy("counted").clock(Fixtures.CLOCK).build())
                .snapshotEvery(EVERY).store(new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.never(),
                        Duration.ofSeconds(30))).build();
        for (int v = 0; v < VERSIONS; v++) {
            chain.add(state(v));
        }
        long segment;
        try (var files = Files.list(dir)) {
            segment = Files.size(files.filter(p -> p.toString().endsWith(".dseg")).findFirst().orElseThrow());
        }
        SplittableRandom random = new SplittableRandom(10_000);
        int worstApplied = 0;
        long worstBytes = 0;
        for (int k = 0; k < 40; k++) {
            int v = k == 0 ? VERSIONS - 2 : k == 1 ? EVERY * 31 - 1 : random.nextInt(VERSIONS - 1);
            CountingFiles files = new CountingFiles();
            DeltaChain<String> fresh = DeltaChain.open(new DirectoryChainStore(dir, Limits.defaults(),
                    FsyncPolicy.never(), Duration.ofSeconds(30), files), registry, StateFormats.utf8());
            APPLIED.set(0);
            assertEquals(state(v), fresh.stateAt(v), "version " + v);
            worstApplied = Math.max(worstApplied, APPLIED.get());
            worstBytes = Math.max(worstBytes, files.bytesRead("dseg"));
            assertTrue(APPLIED.get() <= v % EVERY, "version " + v + " applied " + APPLIED.get() + " records");
        }
        assertTrue(worstApplied < EVERY, "records applied by a read: at most " + worstApplied);
        // one whole snapshot (about 2 KB, gzip), 31 deltas and 2 × 31 record frames of a few dozen bytes each
        assertTrue(worstBytes < 64 << 10, "a read reads at most " + worstBytes + " bytes of a " + segment
                + "-byte segment");
        assertTrue(segment > 20 * worstBytes, "the segment (" + segment + " bytes) is far larger than a read");
        assertEquals(new String(state(VERSIONS - 1).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                chain.current().orElseThrow());
    }
}
