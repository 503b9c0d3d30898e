package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import io.deltachain.core.internal.SnapshotDelta;
import io.deltachain.core.internal.SnapshotFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store format 3's and 4's snapshot deltas (docs/FORMAT.md, "Snapshot frame, version 3"): the store's binary delta
 * round-trips, refuses what reaches outside its base or its length, and a chain of slowly changing states
 * keeps its snapshots as deltas from the snapshot before, at most {@link SnapshotFrame#MAX_DEPTH} deep (format 4),
 * {@link SnapshotFrame#FORMAT_3_DEPTH} in a format 3 chain.
 */
class SnapshotDeltaTest {
    private final DeltaRegistry registry = Fixtures.registry();

    private static byte[] edited(byte[] base, Random random, int edits) {
        byte[] b = base;
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(b.length + 1);
            int cut = random.nextInt(Math.min(40, b.length - at) + 1);
            byte[] insert = new byte[random.nextInt(40)];
            random.nextBytes(insert);
            byte[] next = new byte[b.length - cut + insert.length];
            System.arraycopy(b, 0, next, 0, at);
            System.arraycopy(insert, 0, next, at, insert.length);
            System.arraycopy(b, at + cut, next, at + insert.length, b.length - at - cut);
            b = next;
        }
        return b;
    }

    @Test
    void theDeltaRoundTripsOnSeededEdits() {
        Random random = new Random(23);
        for (int trial = 0; trial < 300; trial++) {
            byte[] base = new byte[random.nextInt(5000)];
            for (int i = 0; i < base.length; i++) {
                base[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
            }
            byte[] target = trial % 10 == 0 ? new byte[random.nextInt(100)] : edited(base, random, random.nextInt(12));
            byte[] delta = SnapshotDelta.diff(base, target);
            assertArrayEquals(target, SnapshotDelta.apply(base, delta, target.length, "trial " + trial), "trial " + trial);
            if (target.length > 1000 && trial % 10 != 0) {
                assertTrue(delta.length < target.length / 2, "a few edits make a small delta: " + delta.length);
            }
        }
    }

    @Test
    void aDeltaThatReachesOutsideItsBaseOrLengthIsRefused() {
        byte[] base = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] copyPastEnd = {(byte) (40 << 1 | 1), 0}; // copy 40 bytes from offset 0 of a 32-byte base
        assertThrows(CorruptDeltaException.class, () -> SnapshotDelta.apply(base, copyPastEnd, 40, "t"));
        byte[] literal = {(byte) (4 << 1), 'a', 'b', 'c', 'd'};
        assertThrows(CorruptDeltaException.class, () -> SnapshotDelta.apply(base, literal, 3, "t"), "too long");
        assertThrows(CorruptDeltaException.class, () -> SnapshotDelta.apply(base, literal, 5, "t"), "too short");
        byte[] cut = {(byte) (4 << 1), 'a'};
        assertThrows(CorruptDeltaException.class, () -> SnapshotDelta.apply(base, cut, 4, "t"));
        byte[] endless = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThrows(CorruptDeltaException.class, () -> SnapshotDelta.apply(base, endless, 4, "t"));
    }

    @Test
    void aChainKeepsSnapshotsAsDeltasAtMostMaxDepthDeepAndReadsEveryVersion(@TempDir Path dir) throws IOException {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes()).compressor(DeltaCompressor.builder(
                StateFormats.bytes()).registry(registry).strategy("none").clock(Fixtures.CLOCK).build())
                .snapshotEvery(2).store(new DirectoryChainStore(dir)).build();
        Random random = new Random(5);
        byte[] state = new byte[20_000];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) ('a' + random.nextInt(26));
        }
        java.util.List<byte[]> written = new java.util.ArrayList<>();
        for (int v = 0; v < 40; v++) {
            state = v == 0 ? state : edited(state, random, 3);
            chain.add(state);
            written.add(state);
        }
        DirectoryChainStore store = new DirectoryChainStore(dir);
        int deltas = 0;
        int depth = 0;
        for (int s = 2; s < 40; s += 2) {
            DirectoryChainStore.Span span = store.span(s, true);
            byte[] frame = java.util.Arrays.copyOfRange(Files.readAllBytes(span.file()), (int) span.offset(),
                    (int) span.offset() + span.length());
            SnapshotFrame.Contents c = SnapshotFrame.read(frame, io.deltachain.api.Limits.defaults(), "t",
                    DirectoryChainStore.CODECS, s);
            depth = c.isDelta() ? depth + 1 : 0;
            assertEquals(depth, c.isDelta() ? c.depth() : 0, "snapshot " + s);
            assertTrue(depth <= SnapshotFrame.MAX_DEPTH);
            if (c.isDelta()) {
                deltas++;
                assertEquals(s - 2, c.base(), "a delta from the snapshot before");
            }
        }
        assertTrue(deltas >= 14, deltas + " of 19 snapshots are deltas");
        DeltaChain<byte[]> read = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes());
        for (int v = 39; v >= 0; v--) {
            assertArrayEquals(written.get(v), read.stateAt(v), "version " + v);
        }
        assertTrue(read.verify().ok(), read.verify().toString());
        // A depth that does not match the chain of bases (the re-check: 2 rewritten as 5 under a valid CRC)
        DirectoryChainStore.Span four = store.span(4, true);
        byte[] segment = Files.readAllBytes(four.file());
        byte[] forged = segment.clone();
        int at = (int) four.offset();
        forged[at + 18] = 5;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(forged, at, four.length() - 4);
        java.nio.ByteBuffer.wrap(forged, at + four.length() - 4, 4).putInt((int) crc.getValue());
        Files.write(four.file(), forged);
        DeltaChain<byte[]> lying = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes());
        for (int v = 0; v < 40; v++) {
            assertArrayEquals(written.get(v), lying.stateAt(v), "version " + v + ", through the snapshot before");
        }
        assertTrue(lying.verify().problems().toString().contains("says it is 4 deltas from a whole snapshot"),
                lying.verify().problems().toString());
        Files.write(four.file(), segment);
        chain.rebaseline(); // a rewrite writes its one snapshot whole
        assertArrayEquals(written.get(39), DeltaChain.open(new DirectoryChainStore(dir), registry,
                StateFormats.bytes()).stateAt(0));
    }

    /** @return the depth of each snapshot frame of {@code store}'s versions 2, 4, … below {@code length} */
    private static java.util.List<Integer> depths(DirectoryChainStore store, int length) throws IOException {
        java.util.List<Integer> depths = new java.util.ArrayList<>();
        for (int s = 2; s < length; s += 2) {
            DirectoryChainStore.Span span = store.span(s, true);
            byte[] frame = java.util.Arrays.copyOfRange(Files.readAllBytes(span.file()), (int) span.offset(),
                    (int) span.offset() + span.length());
            depths.add(SnapshotFrame.depthOf(frame));
        }
        return depths;
    }

    @Test
    void aFormat4ChainGoesDeeperThanFormat3AndAFormat3ChainKeepsItsBoundOnAppends(@TempDir Path dir)
            throws IOException {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes()).compressor(DeltaCompressor.builder(
                StateFormats.bytes()).registry(registry).strategy("none").clock(Fixtures.CLOCK).build())
                .snapshotEvery(2).store(new DirectoryChainStore(dir)).build();
        Random random = new Random(9);
        byte[] state = new byte[20_000];
        random.nextBytes(state);
        java.util.List<byte[]> written = new java.util.ArrayList<>();
        for (int v = 0; v < 24; v++) {
            state = v == 0 ? state : edited(state, random, 2);
            chain.add(state);
            written.add(state);
        }
        java.util.List<Integer> format4 = depths(new DirectoryChainStore(dir), 24);
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 11).boxed().toList(), format4,
                "format 4: every snapshot a delta from the one before, 11 deep");
        // The same chain as a format 3 chain (its manifest says 3): appends keep format 3's bound
        Path manifest = dir.resolve("manifest.json");
        ChainManifest m = new DirectoryChainStore(dir).readManifest().orElseThrow();
        Files.write(manifest, io.deltachain.core.internal.ManifestJson.write(new ChainManifest(3, m.strategyId(),
                m.stateFormatId(), m.codecId(), m.codecLevel(), m.policy(), m.snapshotEvery(), m.length(),
                m.rebaselines(), m.optimisations(), m.generation())));
        DeltaChain<byte[]> asFormat3 = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes());
        for (int v = 24; v < 40; v++) {
            state = edited(state, random, 2);
            asFormat3.add(state);
            written.add(state);
        }
        java.util.List<Integer> after = depths(new DirectoryChainStore(dir), 40);
        assertEquals(format4, after.subList(0, 11), "what was written stays");
        assertTrue(after.subList(11, after.size()).stream().allMatch(d -> d <= SnapshotFrame.FORMAT_3_DEPTH),
                "format 3 appends stay at most " + SnapshotFrame.FORMAT_3_DEPTH + " deep: " + after);
        assertEquals(3, new DirectoryChainStore(dir).readManifest().orElseThrow().formatVersion());
        DeltaChain<byte[]> read = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes());
        for (int v = 39; v >= 0; v--) {
            assertArrayEquals(written.get(v), read.stateAt(v), "version " + v);
        }
        assertTrue(read.verify().ok(), read.verify().toString());
    }
}
