package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaChainTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaCompressor<String> suffix() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").clock(Fixtures.CLOCK)
                .build();
    }

    private DeltaChain.Builder<String> builder() {
        return DeltaChain.builder(StateFormats.utf8()).compressor(suffix());
    }

    @Test
    void emptyChainHasNoVersions() {
        DeltaChain<String> chain = builder().build();
        assertEquals(0, chain.length());
        assertTrue(chain.current().isEmpty());
        assertTrue(chain.base().isEmpty());
        assertThrows(VersionNotFoundException.class, () -> chain.stateAt(0));
        assertEquals(0, chain.metrics().length());
    }

    @Test
    void everyVersionIsReadableAndDeltasNameTheirIndex() {
        DeltaChain<String> chain = builder().snapshotEvery(4).build();
        for (int i = 0; i < 20; i++) {
            assertEquals(i, chain.add("v" + "x".repeat(i)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("v" + "x".repeat(i), chain.stateAt(i));
        }
        assertTrue(chain.deltaAt(0).isEmpty());
        assertEquals(7, chain.deltaAt(7).orElseThrow().index());
        assertThrows(VersionNotFoundException.class, () -> chain.stateAt(20));
        assertThrows(VersionNotFoundException.class, () -> chain.stateAt(-1));
        ChainMetrics m = chain.metrics();
        assertEquals(5, m.snapshots(), "versions 0, 4, 8, 12, 16");
        assertEquals(3, m.longestReconstructionPath());
        assertTrue(chain.verify().ok(), chain.verify().problems().toString());
    }

    @Test
    void rebasePolicyKeepsOnlyTheNewestPastTheMaximum() {
        DeltaChain<String> chain = builder().policy(ChainPolicy.rebaseAfter(3)).build();
        for (int i = 1; i <= 4; i++) {
            chain.add("a" + i);
        }
        assertEquals(1, chain.length());
        assertEquals("a4", chain.base().orElseThrow());
        assertEquals(1, chain.metrics().optimisations());
    }

    @Test
    void mergePolicyFoldsTheOldestDeltasBackToHalf() {
        DeltaChain<String> chain = builder().policy(ChainPolicy.mergeAfter(6)).build();
        for (int i = 0; i < 7; i++) {
            chain.add("s" + i);
        }
        assertEquals(3, chain.length());
        assertEquals("s0", chain.stateAt(0));
        assertEquals("s5", chain.stateAt(1));
        assertEquals("s6", chain.stateAt(2));
        assertEquals(1, chain.metrics().optimisations());
        assertEquals(1, chain.deltaAt(1).orElseThrow().index());
        assertTrue(chain.verify().ok(), chain.verify().problems().toString());
    }

    @Test
    void rebaselineAndClear() {
        DeltaChain<String> chain = builder().build();
        chain.add("one");
        chain.add("two");
        chain.add("three");
        chain.rebaseline();
        assertEquals(1, chain.length());
        assertEquals("three", chain.current().orElseThrow());
        assertEquals(1, chain.metrics().rebaselines());
        chain.clear();
        assertEquals(0, chain.length());
        assertEquals(0, chain.metrics().totalChanges());
        assertEquals(0, chain.metrics().rebaselines());
    }

    @Test
    void directoryStoreReopensAndVerifies(@TempDir Path dir) {
        DeltaChain<String> chain = builder().store(new DirectoryChainStore(dir)).snapshotEvery(3).build();
        for (int i = 0; i < 10; i++) {
            chain.add("line " + i + " " + "z".repeat(i));
        }
        DeltaChain<String> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
        assertEquals(10, reopened.length());
        assertEquals(3, reopened.snapshotEvery());
        for (int i = 0; i < 10; i++) {
            assertEquals(chain.stateAt(i), reopened.stateAt(i));
        }
        assertTrue(reopened.verify().ok());
        DeltaChain<?> untyped = DeltaChain.open(new DirectoryChainStore(dir), registry);
        assertEquals(10, untyped.length());
        assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.bytes()));
        reopened.add("after reopen");
        assertEquals("after reopen", DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8())
                .current().orElseThrow());
    }

    @Test
    void storedBytesAreWhatTheDirectoryHoldsBesidesTheManifest(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = builder().store(new DirectoryChainStore(dir)).snapshotEvery(4).build();
        for (int i = 0; i < 30; i++) {
            chain.add("line " + i + " " + "z".repeat(i % 7));
        }
        long files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).mapToLong(DeltaChainTest::size).sum();
        }
        long manifest = Files.size(dir.resolve("manifest.json")) + Files.size(dir.resolve("lock"));
        ChainMetrics m = chain.metrics();
        assertEquals(files - manifest, m.storedBytes(), "every record and snapshot file, headers and frames included");
        assertTrue(manifest < 450, "the manifest and the lock are all that is left out: " + manifest + " bytes");
        assertEquals((double) m.rawBytes() / m.storedBytes(), m.ratio());
    }

    @Test
    void storedBytesInMemoryAreWholeRecordsAndSnapshots() {
        DeltaChain<String> chain = builder().snapshotEvery(2).build();
        for (int i = 0; i < 5; i++) {
            chain.add("v" + i);
        }
        long expected = 0;
        for (int i = 1; i < 5; i++) {
            expected += chain.deltaAt(i).orElseThrow().wireSize();
        }
        expected += 3 * "v0".length(); // snapshots of versions 0, 2 and 4
        assertEquals(expected, chain.metrics().storedBytes());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void verifyReportsADamagedRecordFile(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = builder().store(new DirectoryChainStore(dir)).build();
        chain.add("alpha");
        chain.add("alphabet");
        chain.add("alphabetical");
        Path segment;
        try (Stream<Path> list = Files.list(dir)) {
            segment = list.filter(p -> p.toString().endsWith(".dseg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 10] ^= 1; // inside the record of version 2, the last thing appended
        Files.write(segment, bytes);
        ChainVerification v = chain.verify();
        assertFalse(v.ok());
        assertTrue(v.problems().get(0).contains("version 2"), v.problems().toString());
        assertTrue(v.problems().get(0).contains("CRC32C"), v.problems().toString());
        DeltaChain<?> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry);
        assertEquals("alphabet", reopened.stateAt(1), "versions that do not depend on the damaged record still read");
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> reopened.stateAt(2));
        assertTrue(e.getMessage().contains("record of version 2 (" + segment), e.getMessage());
        assertTrue(e instanceof CorruptDeltaException);
    }

    @Test
    void aStoreThatHoldsAChainIsNotOverwritten() {
        InMemoryChainStore store = new InMemoryChainStore();
        builder().store(store).build().add("x");
        assertThrows(DeltaConfigurationException.class, () -> builder().store(store).build());
        assertThrows(ChainStoreException.class, () -> DeltaChain.open(new InMemoryChainStore(), registry));
    }

    @Test
    void keepAllKeepsEveryVersionPastAnyLength() {
        DeltaChain<String> chain = builder().policy(ChainPolicy.keepAll()).build();
        for (int i = 0; i < ChainPolicy.DEFAULT_MAX_CHAIN_LENGTH + 5; i++) {
            assertEquals(i, chain.add("k" + i));
        }
        assertEquals(ChainPolicy.DEFAULT_MAX_CHAIN_LENGTH + 5, chain.length());
        assertEquals(0, chain.metrics().optimisations());
        assertEquals(ChainPolicy.keepAll(), builder().build().policy(), "the default");
    }

    @Test
    void theSetterRefusesABadValueAtOnceAndNamesIt() {
        DeltaChain.Builder<String> b = builder();
        DeltaConfigurationException zero = assertThrows(DeltaConfigurationException.class, () -> b.snapshotEvery(0));
        assertEquals("snapshotEvery must be at least 1, got 0", zero.getMessage());
        assertEquals("store", assertThrows(NullPointerException.class, () -> b.store(null)).getMessage());
        assertEquals("policy", assertThrows(NullPointerException.class, () -> b.policy(null)).getMessage());
        assertEquals("compressor", assertThrows(NullPointerException.class, () -> b.compressor(null)).getMessage());
        assertEquals(1, b.snapshotEvery(1).build().snapshotEvery(), "the builder is still usable");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aCompressorOfAnotherStateFormatIsRefused() {
        DeltaCompressor<byte[]> bytes = DeltaCompressor.builder(StateFormats.bytes()).registry(registry).build();
        DeltaChain.Builder raw = builder();
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> raw.compressor(bytes));
        assertTrue(e.getMessage().contains("bytes") && e.getMessage().contains("utf8-text"), e.getMessage());
    }

    @Test
    void theChainTakesItsStrategyAndCodecFromTheCompressor(@TempDir Path dir) throws IOException {
        DeltaCompressor<String> identity = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("suffix").codec("identity").clock(Fixtures.CLOCK).build();
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(identity)
                .store(new DirectoryChainStore(dir)).build();
        chain.add("a");
        chain.add("ab");
        assertEquals("identity", chain.deltaAt(1).orElseThrow().codecId());
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"strategy\":\"suffix\"") && manifest.contains("\"codec\":\"identity\""),
                manifest);
        DeltaChain<String> auto = DeltaChain.builder(StateFormats.utf8()).build();
        assertEquals(DeltaCompressor.AUTO, auto.compressor().strategyId(), "the default compressor is auto");
        assertEquals("gzip", auto.compressor().codec().id());
    }
}
