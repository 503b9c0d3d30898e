package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaker's finding on store format 4: a snapshot whose own record cannot be given whole (its base hash is
 * in the damaged record before it) and that no record after it vouches for (the head) was served unchecked, so a
 * snapshot frame rewritten under a valid CRC read as the version. It is now checked against the target hash its
 * record's frame names, which needs no base hash.
 */
class SnapshotOfAnUnlinkedRecordTest {

    @Test
    void aForgedHeadSnapshotIsRefusedWhenTheRecordBeforeItsOwnIsDamaged(@TempDir Path dir) throws IOException {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(Fixtures.registry()).strategy("none").codec("identity")
                .clock(Fixtures.CLOCK).build()).snapshotEvery(2).store(new DirectoryChainStore(dir)).build();
        StringBuilder s = new StringBuilder("state");
        for (int i = 0; i < 9; i++) {
            chain.add(s.append(" #").append(i).toString());
        }
        DirectoryChainStore store = new DirectoryChainStore(dir);
        DirectoryChainStore.Span seven = store.span(7, false);
        DirectoryChainStore.Span snapshot = store.span(8, true);
        byte[] bytes = Files.readAllBytes(seven.file());
        bytes[(int) seven.offset() + seven.length() / 2] ^= 1; // ordinary damage: the CRC fails
        String frame = new String(bytes, (int) snapshot.offset(), snapshot.length(), StandardCharsets.ISO_8859_1);
        int at = frame.lastIndexOf("#8");
        assertTrue(at > 0, "the snapshot delta holds the new bytes as they are (identity codec)");
        bytes[(int) snapshot.offset() + at + 1] = '9'; // forged: the frame's CRC made to hold
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, (int) snapshot.offset(), snapshot.length() - 4);
        java.nio.ByteBuffer.wrap(bytes, (int) snapshot.offset() + snapshot.length() - 4, 4).putInt((int) crc.getValue());
        Files.write(seven.file(), bytes);

        DeltaChain<String> read = DeltaChain.open(new DirectoryChainStore(dir), Fixtures.registry(),
                StateFormats.utf8());
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> read.stateAt(8));
        assertEquals(8, e.version());
        assertTrue(e.getMessage().contains("record of version 7"), e.getMessage()); // the way round, through 6
        ChainVerification v = read.verify();
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("snapshot of version 8: does not hash to the state its"
                + " record produces")), v.problems().toString());
        assertTrue(read.damagedVersions().containsKey(8), read.damagedVersions().toString());
        for (int i = 0; i < 7; i++) {
            assertTrue(read.stateAt(i).endsWith("#" + i), "version " + i + " still reads");
        }
    }
}
