package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.StateFormats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: versions by time, {@link DeltaChain#versionAt} and {@link DeltaChain#stateAt(Instant)}. */
class VersionsByTimeTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final io.deltachain.api.DeltaRegistry REGISTRY = Fixtures.registry(
            new Fixtures.SuffixStrategy("suffix"));

    private static DeltaChain<String> chain(Path dir, int versions) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(REGISTRY).strategy("suffix").clock(new Fixtures.Minutes(T0)).build())
                .snapshotEvery(4).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < versions; i++) {
            chain.add("v" + i);
        }
        return chain;
    }

    @Test
    void theNewestVersionAtOrBeforeATimeIsTheAnswer(@TempDir Path dir) {
        DeltaChain<String> written = chain(dir, 12);
        DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir), REGISTRY,
                StateFormats.utf8());
        for (int i = 1; i < 12; i++) {
            Instant stamped = written.deltaAt(i).orElseThrow().timestamp();
            assertEquals(OptionalInt.of(i), chain.versionAt(stamped), "at version " + i + "'s own time");
            assertEquals("v" + i, chain.stateAt(stamped.plusSeconds(59)), "a little after version " + i);
            assertEquals(i == 1 ? OptionalInt.empty() : OptionalInt.of(i - 1), chain.versionAt(stamped.minusNanos(1)),
                    "just before version " + i);
        }
        assertEquals("v11", chain.stateAt(Instant.parse("2099-01-01T00:00:00Z")), "after the head: the head");
        VersionNotFoundException before = assertThrows(VersionNotFoundException.class, () -> chain.stateAt(T0));
        assertTrue(before.getMessage().contains("the oldest time is version 1's, "
                + chain.deltaAt(1).orElseThrow().timestamp()) && before.getMessage().contains("read it by index: 0"),
                before.getMessage());
    }

    @Test
    void aChainOfTheBaseAloneHasNoVersionByTime(@TempDir Path dir) {
        DeltaChain<String> chain = chain(dir, 1);
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                () -> chain.stateAt(Instant.parse("2099-01-01T00:00:00Z")));
        assertTrue(e.getMessage().contains("version 0 alone, whose time is not recorded"), e.getMessage());
    }

    @Test
    void aDamagedRecordOnTheWayIsNamedNotSkipped(@TempDir Path dir) throws java.io.IOException {
        DeltaChain<String> written = chain(dir, 12);
        Instant eleven = written.deltaAt(11).orElseThrow().timestamp();
        Instant five = written.deltaAt(5).orElseThrow().timestamp();
        DirectoryChainStore.Span nine = new DirectoryChainStore(dir).span(9, false);
        byte[] bytes = java.nio.file.Files.readAllBytes(nine.file());
        bytes[(int) nine.offset() + nine.length() / 2] ^= 1;
        java.nio.file.Files.write(nine.file(), bytes);
        DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir), REGISTRY,
                StateFormats.utf8());
        assertEquals(OptionalInt.of(11), chain.versionAt(eleven), "the records after the damage read");
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> chain.versionAt(five));
        assertTrue(e.getMessage().contains("record of version 9"), e.getMessage());
    }
}
