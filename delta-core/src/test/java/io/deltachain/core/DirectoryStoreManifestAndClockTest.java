package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged manifest is reported in the store's words; a reopened chain stamps records with the given clock. */
class DirectoryStoreManifestAndClockTest {
    @TempDir
    Path dir;

    private Path chainWithOneVersion() {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8())
                .compressor(DeltaCompressor.builder(StateFormats.utf8()).registry(Fixtures.registry()).strategy("none")
                        .build())
                .store(new DirectoryChainStore(dir)).build();
        chain.add("zero");
        return dir.resolve("manifest.json");
    }

    @Test
    void aDamagedManifestIsNamedAndSaysHowAndWhatToDoWithoutTheParsersText() throws Exception {
        Path manifest = chainWithOneVersion();
        byte[] whole = Files.readAllBytes(manifest);
        String[][] cases = {{"cut short or garbled JSON", new String(Arrays.copyOf(whole, 20), StandardCharsets.UTF_8)},
            {"empty", ""}, {"empty", "  \n"}, {"not JSON", "garbage"}, {"not JSON", "[1, 2"}};
        for (String[] c : cases) {
            Files.writeString(manifest, c[1]);
            CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                    () -> new DirectoryChainStore(dir).readManifest());
            assertTrue(e.getMessage().startsWith(manifest + " is damaged (" + c[0] + "): it is not a readable chain"
                    + " manifest. A power loss does not leave it so"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; restore manifest.json from a backup to read the chain again, or run"
                    + " 'delta chain salvage " + dir + " NEW' to copy them into a new chain from the segment's frames"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("Unexpected"), e.getMessage());
        }
    }

    @Test
    void aChainReopenedWithAClockStampsNewRecordsWithIt() {
        chainWithOneVersion();
        DeltaChain<String> reopened = DeltaChain.open(new DirectoryChainStore(dir), Fixtures.registry(),
                StateFormats.utf8(), Limits.defaults(), Fixtures.CLOCK);
        int index = reopened.add("one");
        assertEquals(Fixtures.CLOCK.instant(), reopened.deltaAt(index).orElseThrow().timestamp());
        assertTrue(DeltaChain.open(new DirectoryChainStore(dir), Fixtures.registry()).verify().ok());
    }
}
