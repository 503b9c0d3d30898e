package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnknownCodecException;
import io.deltachain.api.UnknownStrategyException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaCompressorTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaCompressor<String> compressor(String strategy) {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy(strategy).clock(Fixtures.CLOCK)
                .build();
    }

    @Test
    void diffAndApplyRoundTripWithHashesAndClock() {
        DeltaCompressor<String> c = compressor("suffix");
        DeltaRecord r = c.diff("hello world", "hello there");
        assertEquals("suffix", r.strategyId());
        assertEquals("utf8-text", r.stateFormatId());
        assertEquals("gzip", r.codecId());
        assertEquals(6, r.codecLevel());
        assertEquals(Instant.parse("2026-11-24T10:15:30.123456789Z"), r.timestamp());
        assertEquals(11, r.rawSize());
        assertEquals("hello there", c.apply("hello world", r));
        assertEquals("hello there", c.apply("hello world", c.deserialize(c.serialize(r))));
    }

    @Test
    void wrongBaseIsAStateMismatchNotGarbage() {
        DeltaCompressor<String> c = compressor("suffix");
        DeltaRecord r = c.diff("hello world", "hello there");
        StateMismatchException e = assertThrows(StateMismatchException.class, () -> c.apply("hello WORLD", r));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aPayloadThatGivesTheWrongTargetIsCaught() {
        DeltaCompressor<String> c = DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix")
                .codec("identity").build();
        DeltaRecord r = c.diff("abc", "abd");
        DeltaRecord forged = r.toBuilder().payload("2:X".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
        assertThrows(StateMismatchException.class, () -> c.apply("abc", forged));
        DeltaRecord wrongSize = r.toBuilder().payloadSize(99).build();
        assertThrows(CorruptDeltaException.class, () -> c.apply("abc", wrongSize));
    }

    @Test
    void sameInputsGiveSameBytes() {
        assertArrayEquals(compressor("suffix").diff("a", "ab").toBytes(), compressor("suffix").diff("a", "ab").toBytes());
    }

    @Test
    void levelOutOfRangeIsRefusedNotClamped() {
        DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                () -> DeltaCompressor.builder(StateFormats.utf8()).registry(registry).level(10).build());
        assertTrue(e.getMessage().contains("1 to 9"), e.getMessage());
        assertThrows(DeltaConfigurationException.class,
                () -> DeltaCompressor.builder(StateFormats.utf8()).registry(registry).codec("identity").level(9).build());
        assertEquals(9, DeltaCompressor.builder(StateFormats.utf8()).registry(registry).level(9).build().level());
    }

    @Test
    void unknownIdsFailAtBuildTime() {
        UnknownStrategyException s = assertThrows(UnknownStrategyException.class, () -> compressor("bsdiff"));
        assertTrue(s.getMessage().contains("io.deltachain:delta-strategy-bsdiff"), s.getMessage());
        assertThrows(UnknownCodecException.class,
                () -> DeltaCompressor.builder(StateFormats.utf8()).registry(registry).codec("zstd").build());
    }

    @Test
    void explicitStrategyOnAnotherFormatIsRefused() {
        assertThrows(IncompatibleStateFormatException.class, () -> DeltaCompressor.builder(StateFormats.bytes())
                .registry(registry).strategy("suffix").build());
    }

    @Test
    void autoPicksTheSmallestAndTiesGoToTheLowestId() {
        DeltaRegistry two = Fixtures.registry(new Fixtures.SuffixStrategy("suffix-b"), new Fixtures.SuffixStrategy("suffix-a"));
        DeltaCompressor<String> auto = DeltaCompressor.builder(StateFormats.utf8()).registry(two).codec("identity").build();
        String base = "x".repeat(200);
        DeltaRecord r = auto.diff(base, base + "y");
        assertEquals("suffix-a", r.strategyId());
        DeltaRecord whole = auto.diff(base, "z");
        assertEquals("none", whole.strategyId(), "storing 'z' whole (1 byte) beats '0:z' (3 bytes)");
        assertEquals("z", auto.apply(base, whole));
    }

    @Test
    void noneStoresTheTargetWhole() {
        DeltaCompressor<String> none = DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("none")
                .codec("identity").build();
        DeltaRecord r = none.diff("old", "new text");
        assertEquals("new text", new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("new text", none.apply("old", r));
    }

    @Test
    void mergeOfNothingIsEmptyAndOfNonContiguousRecordsIsAMismatch() {
        DeltaCompressor<String> c = compressor("none");
        assertTrue(c.merge(List.of()).isEmpty());
        assertTrue(c.merge("a", List.of()).isEmpty());
        DeltaRecord ab = c.diff("a", "b");
        DeltaRecord cd = c.diff("c", "d");
        assertThrows(StateMismatchException.class, () -> c.merge(List.of(ab, cd)));
    }

    @Test
    void mergeComposesWhenItCanAndOtherwiseSaysHow() {
        DeltaCompressor<String> none = compressor("none");
        DeltaRecord ab = none.diff("a", "b");
        DeltaRecord bc = none.diff("b", "c");
        DeltaRecord merged = none.merge(List.of(ab, bc)).orElseThrow();
        assertEquals("c", none.apply("a", merged));
        assertEquals("2", merged.metadata().get("merged"));

        DeltaCompressor<String> suffix = compressor("suffix");
        DeltaRecord s1 = suffix.diff("a", "ab");
        DeltaRecord s2 = suffix.diff("ab", "abc");
        UnsupportedDeltaOperationException e = assertThrows(UnsupportedDeltaOperationException.class,
                () -> suffix.merge(List.of(s1, s2)));
        assertTrue(e.getMessage().contains("merge(base, records)"), e.getMessage());
        DeltaRecord rediffed = suffix.merge("a", List.of(s1, s2)).orElseThrow();
        assertEquals("abc", suffix.apply("a", rediffed));
    }

    @Test
    void statisticsAreARatioOfSums() {
        DeltaCompressor<String> c = compressor("suffix");
        String base = "y".repeat(1000);
        c.diff(base, base + "1");
        c.diff(base, base + "2");
        CompressionStats s = c.stats();
        assertEquals(2, s.diffs());
        assertEquals(2002, s.rawBytes());
        assertTrue(s.ratio() > 1, "a 1-char change to 1000 chars must save space: " + s);
        assertEquals(s.ratio(), (double) s.rawBytes() / s.storedBytes());
        assertEquals(s.plus(s).diffs(), 4);
        assertFalse(CompressionStats.ZERO.ratio() != 1.0);
    }

    @Test
    void aRecordItCouldNotReadBackIsNeverMade() {
        DeltaCompressor<String> small = DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("none")
                .limits(io.deltachain.api.Limits.defaults().withMaxPayloadBytes(10)).build();
        io.deltachain.api.LimitExceededException e = assertThrows(io.deltachain.api.LimitExceededException.class,
                () -> small.diff("a", "x".repeat(100)));
        assertTrue(e.getMessage().contains("maxPayloadBytes"), e.getMessage());
    }

    @Test
    void recordTextFormReadsLikeTheOriginal() {
        DeltaRecord r = compressor("suffix").diff("a", "ab");
        assertTrue(r.toString().startsWith("DeltaRecord(0 changes, 0 removals, " + r.storedSize() + " bytes"),
                r.toString());
    }
}
