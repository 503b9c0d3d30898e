package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifests name the policy records as builds before them did, both ways: docs/FORMAT.md, "Directory chain store". */
class ChainManifestCompatibilityTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    /** A manifest exactly as the build before the policy records wrote it (canonical JSON). */
    private static String manifestAsWrittenBefore(String policy, int maxChainLength, int length) {
        return "{\"codec\":\"gzip\",\"format\":\"deltachain-chain\",\"formatVersion\":1,\"length\":" + length
                + ",\"level\":6,\"maxChainLength\":" + maxChainLength + ",\"optimisations\":0,\"policy\":\"" + policy
                + "\",\"rebaselines\":0,\"snapshotEvery\":32,\"stateFormat\":\"utf8-text\",\"strategy\":\"suffix\"}";
    }

    private DeltaChain<String> chainOf(Path dir, ChainPolicy policy, int versions) {
        DeltaCompressor<String> suffix = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("suffix").clock(Fixtures.CLOCK).build();
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix).policy(policy)
                .store(dir == null ? new InMemoryChainStore() : new DirectoryChainStore(dir)).build();
        for (int i = 0; i < versions; i++) {
            chain.add("v" + "x".repeat(i));
        }
        return chain;
    }

    @ParameterizedTest
    @CsvSource({"SNAPSHOT, 20", "REBASE, 5", "MERGE, 4"})
    void aManifestWrittenBeforeThePolicyRecordsStillReads(String name, int maxChainLength, @TempDir Path dir)
            throws IOException {
        Fixtures.writeFormat1(dir, chainOf(null, ChainPolicy.keepAll(), 3), manifestAsWrittenBefore(name, maxChainLength, 3));
        DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
        ChainPolicy expected = switch (name) {
            case "SNAPSHOT" -> ChainPolicy.keepAll();
            case "REBASE" -> ChainPolicy.rebaseAfter(maxChainLength);
            default -> ChainPolicy.mergeAfter(maxChainLength);
        };
        assertEquals(expected, chain.policy());
        assertEquals("vxx", chain.stateAt(2));
        chain.add("vxxx");
        chain.add("vxxxx");
        int expectedLength = switch (name) {
            case "SNAPSHOT", "REBASE" -> 5;
            default -> 2; // past 4 versions, folded back to 2
        };
        assertEquals(expectedLength, chain.length());
        assertEquals("vxxxx", chain.current().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"SNAPSHOT, 20", "REBASE, 5", "MERGE, 4"})
    void theManifestWrittenNowIsTheOneOlderBuildsRead(String name, int maxChainLength, @TempDir Path dir)
            throws IOException {
        ChainPolicy policy = switch (name) {
            case "SNAPSHOT" -> ChainPolicy.keepAll();
            case "REBASE" -> ChainPolicy.rebaseAfter(maxChainLength);
            default -> ChainPolicy.mergeAfter(maxChainLength);
        };
        ChainManifest now = chainOf(dir, policy, 3).store().readManifest().orElseThrow();
        ChainManifest asFormat1 = new ChainManifest(1, now.strategyId(), now.stateFormatId(), now.codecId(),
                now.codecLevel(), now.policy(), now.snapshotEvery(), now.length(), now.rebaselines(), now.optimisations());
        assertEquals(manifestAsWrittenBefore(name, maxChainLength, 3),
                new String(io.deltachain.core.internal.ManifestJson.write(asFormat1), java.nio.charset.StandardCharsets.UTF_8));
        String written = Files.readString(dir.resolve("manifest.json"));
        assertTrue(written.contains("\"policy\":\"" + name + "\"") && written.contains("\"maxChainLength\":"
                + maxChainLength) && written.contains("\"formatVersion\":" + ChainManifest.FROM_ZERO_VERSION), written);
    }

    @Test
    void aSnapshotManifestNeedsNoLengthBound(@TempDir Path dir) throws IOException {
        Fixtures.writeFormat1(dir, chainOf(null, ChainPolicy.keepAll(), 2), manifestAsWrittenBefore("SNAPSHOT", 20, 2)
                .replace("\"maxChainLength\":20,", ""));
        assertEquals(ChainPolicy.keepAll(), DeltaChain.open(new DirectoryChainStore(dir), registry).policy());
    }

    @Test
    void aBadPolicyOrBoundIsCorruptAndNamed(@TempDir Path dir) throws IOException {
        Fixtures.writeFormat1(dir, chainOf(null, ChainPolicy.keepAll(), 2), manifestAsWrittenBefore("SNAPSHOT", 20, 2));
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, manifestAsWrittenBefore("REBASE", 1, 2));
        CorruptDeltaException low = assertThrows(CorruptDeltaException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry));
        assertTrue(low.getMessage().contains("maxChainLength") && low.getMessage().contains("got 1"), low.getMessage());
        Files.writeString(manifest, manifestAsWrittenBefore("SOMETIMES", 20, 2));
        CorruptDeltaException unknown = assertThrows(CorruptDeltaException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry));
        assertTrue(unknown.getMessage().contains("unknown policy 'SOMETIMES'"), unknown.getMessage());
        Files.writeString(manifest, manifestAsWrittenBefore("MERGE", 4, 2).replace("\"maxChainLength\":4,", ""));
        CorruptDeltaException missing = assertThrows(CorruptDeltaException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry));
        assertTrue(missing.getMessage().contains("'maxChainLength'"), missing.getMessage());
    }
}
