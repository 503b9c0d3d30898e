package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnknownCodecException;
import io.deltachain.core.internal.SnapshotFrame;
import io.deltachain.spi.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store format 3: snapshot frames compressed with the chain's codec (docs/FORMAT.md, "Snapshot frame").
 * A chain written by the build before (format 2, raw snapshots, {@code format2-chain} in the test
 * resources) reads as it is and takes appends as format 2; its first rewrite makes it format 3.
 */
class CompressedSnapshotsTest {
    private final DeltaRegistry registry = Fixtures.registry();

    private static String version(int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            b.append("line ").append(k).append(" of version ").append(i).append(": ").append("abcdefgh".repeat(4))
                    .append('\n');
        }
        return b.toString();
    }

    private static Path fixture(Path dir) throws IOException {
        for (String name : List.of("manifest.json", "000000000002.didx", "000000000002.dseg")) {
            try (InputStream in = CompressedSnapshotsTest.class.getResourceAsStream("format2-chain/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    private static int frameVersion(DirectoryChainStore store, int index) throws IOException {
        DirectoryChainStore.Span span = store.span(index, true);
        return Files.readAllBytes(span.file())[(int) span.offset() + 4];
    }

    @Test
    void aFormat2ChainReadsTakesAppendsAsFormat2AndItsFirstRewriteMakesItFormat3(@TempDir Path dir) throws IOException {
        fixture(dir);
        DirectoryChainStore store = new DirectoryChainStore(dir);
        assertEquals(2, store.readManifest().orElseThrow().formatVersion());
        DeltaChain<String> chain = DeltaChain.open(store, registry, StateFormats.utf8());
        for (int i = 0; i < 10; i++) {
            assertEquals(version(i), chain.stateAt(i), "version " + i + " as the build before wrote it");
        }
        assertTrue(chain.verify().ok(), chain.verify().toString());
        for (int i = 10; i < 13; i++) {
            chain.add(version(i));
        }
        assertEquals(2, new DirectoryChainStore(dir).readManifest().orElseThrow().formatVersion(),
                "an append leaves the format as it is: older builds still read the chain");
        assertEquals(1, frameVersion(new DirectoryChainStore(dir), 12), "format 2 keeps raw snapshots");
        chain.rebaseline();
        DirectoryChainStore rewritten = new DirectoryChainStore(dir);
        assertEquals(ChainManifest.FROM_ZERO_VERSION, rewritten.readManifest().orElseThrow().formatVersion());
        assertEquals(2, frameVersion(rewritten, 0), "a rewrite compresses");
        assertEquals(version(12), DeltaChain.open(rewritten, registry, StateFormats.utf8()).stateAt(0));
    }

    @Test
    void aNewChainCompressesItsSnapshotsAndReadsThemBack(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(registry).strategy("none").clock(Fixtures.CLOCK).build())
                .snapshotEvery(4).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < 10; i++) {
            chain.add(version(i));
        }
        DirectoryChainStore store = new DirectoryChainStore(dir);
        assertEquals(ChainManifest.FROM_ZERO_VERSION, store.readManifest().orElseThrow().formatVersion());
        for (int s : List.of(0, 4, 8)) {
            assertEquals(2, frameVersion(store, s), "snapshot " + s);
            assertTrue(store.span(s, true).length() < version(s).length() / 4, "compressed: " + store.span(s, true));
        }
        DeltaChain<String> read = DeltaChain.open(store, registry, StateFormats.utf8());
        for (int i = 0; i < 10; i++) {
            assertEquals(version(i), read.stateAt(i));
        }
        assertTrue(read.verify().ok(), read.verify().toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    /** Snapshot states are cached between reads: what a caller does to a state it was given never reaches them. */
    @Test
    void aStateHandedOutIsTheCallersAndNeverTheCachedSnapshot(@TempDir Path dir) {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes()).compressor(DeltaCompressor.builder(
                StateFormats.bytes()).registry(registry).strategy("none").clock(Fixtures.CLOCK).build())
                .snapshotEvery(4).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < 10; i++) {
            chain.add(version(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        DeltaChain<byte[]> read = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes());
        for (int round = 0; round < 2; round++) {
            for (int i : new int[] {4, 5, 6, 4, 0, 1}) {
                byte[] state = read.stateAt(i);
                assertEquals(version(i), new String(state, java.nio.charset.StandardCharsets.UTF_8), "version " + i);
                java.util.Arrays.fill(state, (byte) 'x'); // the caller's to change
            }
        }
    }

    /** A frame whose codec bytes decode to more than its length says stops there, and is damage, not a limit. */
    @Test
    void aBombInASnapshotFrameStopsAtTheLengthTheFrameSays() {
        Codec gzip = Deltas.registry().codec("gzip");
        byte[] bomb = gzip.encode(new byte[8 << 20], 9);
        byte[] small = SnapshotFrame.write("abc".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8), 4,
                gzip, 6, Limits.defaults());
        int idLength = small[14];
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(10 + 4 + 1 + idLength + 4 + bomb.length + 4);
        frame.put(small, 0, 6).putInt(4 + 1 + idLength + 4 + bomb.length).put(small, 10, 4 + 1 + idLength)
                .putInt(600).put(bomb);
        byte[] b = frame.array();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, 0, b.length - 4);
        frame.putInt((int) crc.getValue());
        io.deltachain.api.CorruptDeltaException e = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> SnapshotFrame.read(b, Limits.defaults(), "test", DirectoryChainStore.CODECS, 4));
        assertTrue(e.getMessage().contains("decodes to more than the 600 bytes its frame says"), e.getMessage());
    }

    @Test
    void aSnapshotThatDoesNotCompressIsStoredAsItIs() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        Codec gzip = Deltas.registry().codec("gzip");
        byte[] frame = SnapshotFrame.write(random, 7, gzip, 6, Limits.defaults());
        assertEquals(2, frame[4]);
        assertEquals(0, frame[14], "no codec id: gzip would not make it smaller");
        SnapshotFrame.Contents c = SnapshotFrame.read(frame, Limits.defaults(), "test", DirectoryChainStore.CODECS);
        assertArrayEquals(random, c.state());
        assertEquals(7, c.version());
        assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> SnapshotFrame.read(frame, Limits.defaults(), "test", DirectoryChainStore.CODECS, 8));
    }

    @Test
    void aCompressedSnapshotOfACodecNotOnTheClassPathNamesIt() {
        byte[] state = "abc".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Codec gzip = Deltas.registry().codec("gzip");
        Codec renamed = new Codec() {
            @Override public String id() { return "lz-from-elsewhere"; }
            @Override public int defaultLevel() { return 6; }
            @Override public int minLevel() { return 1; }
            @Override public int maxLevel() { return 9; }
            @Override public byte[] encode(byte[] data, int level) { return gzip.encode(data, level); }
            @Override public byte[] decode(byte[] data, Limits limits) { return gzip.decode(data, limits); }
        };
        byte[] frame = SnapshotFrame.write(state, 0, renamed, 6, Limits.defaults());
        assertEquals(2, frame[4]);
        UnknownCodecException e = assertThrows(UnknownCodecException.class,
                () -> SnapshotFrame.read(frame, Limits.defaults(), "test", DirectoryChainStore.CODECS));
        assertTrue(e.getMessage().contains("lz-from-elsewhere"), e.getMessage());
        assertArrayEquals(state, SnapshotFrame.read(frame, Limits.defaults(), "test", id -> renamed, 0).state());
    }
}
