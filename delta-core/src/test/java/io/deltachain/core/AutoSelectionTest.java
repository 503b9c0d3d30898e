package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoSelectionTest {
    private static final String BASE = "x".repeat(200);

    private static DeltaCompressor<String> auto(DeltaRegistry registry, AutoSelection selection) {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).auto(selection).codec("identity")
                .clock(Fixtures.CLOCK).build();
    }

    @Test
    void candidatesAreEveryStrategyServingTheFormatAndNoneInIdOrder() {
        DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix-b"),
                new Fixtures.SuffixStrategy("suffix-a"), new WholeBytes(), new Fixtures.SuffixStrategy("zz-text"));
        List<String> ids = AutoSelection.standard().candidates(registry, StateFormats.utf8()).stream()
                .map(DeltaStrategy::id).toList();
        assertEquals(List.of("none", "suffix-a", "suffix-b", "whole-bytes", "zz-text"), ids,
                "the format's own strategies, byte strategies over its canonical bytes, and none");
        assertEquals(List.of("none", "whole-bytes"), AutoSelection.standard().candidates(registry, StateFormats.bytes())
                .stream().map(DeltaStrategy::id).toList(), "text strategies do not serve bytes");
    }

    @Test
    void theDefaultIsTheStandardSelectionWithNoTimeBudget() {
        DeltaRegistry registry = Fixtures.registry();
        DeltaCompressor<String> c = DeltaCompressor.builder(StateFormats.utf8()).registry(registry).build();
        assertEquals(Optional.of(AutoSelection.standard()), c.autoSelection());
        assertTrue(AutoSelection.standard().timeBudget().isEmpty());
        assertTrue(DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("none").build()
                .autoSelection().isEmpty(), "a fixed strategy has no selection");
        assertEquals(Optional.of(Duration.ofMillis(5)), AutoSelection.standard().withTimeBudget(Duration.ofMillis(5))
                .timeBudget());
        assertEquals(AutoSelection.standard(), AutoSelection.standard().withTimeBudget(Duration.ofDays(1))
                .withoutTimeBudget());
    }

    @Test
    void aTimeBudgetMustBePositiveAndTheMessageNamesIt() {
        DeltaConfigurationException zero = assertThrows(DeltaConfigurationException.class,
                () -> AutoSelection.standard().withTimeBudget(Duration.ZERO));
        assertTrue(zero.getMessage().contains("PT0S"), zero.getMessage());
        DeltaConfigurationException negative = assertThrows(DeltaConfigurationException.class,
                () -> AutoSelection.standard().withTimeBudget(Duration.ofMillis(-3)));
        assertTrue(negative.getMessage().contains("PT-0.003S"), negative.getMessage());
        assertThrows(NullPointerException.class, () -> AutoSelection.standard().withTimeBudget(null));
    }

    @Test
    void onceTheBudgetIsSpentNoFurtherCandidateStarts() {
        DeltaRegistry registry = Fixtures.registry(new Padded("a-slow", 30), new Fixtures.SuffixStrategy("suffix"));
        DeltaCompressor<String> budgeted = auto(registry, AutoSelection.standard().withTimeBudget(Duration.ofMillis(1)));
        DeltaRecord r = budgeted.diff(BASE, BASE + "y");
        assertEquals("a-slow", r.strategyId(), "the first candidate always runs, and was all the budget allowed");
        assertEquals(BASE + "y", budgeted.apply(BASE, r));
        CompressionStats s = budgeted.stats();
        assertEquals(new CandidateStats(1, 1, 0, s.candidate("a-slow").nanos(), 0), s.candidate("a-slow"));
        assertTrue(s.candidate("a-slow").nanos() >= 30_000_000L, "its time is counted: " + s.candidate("a-slow"));
        assertEquals(new CandidateStats(0, 0, 0, 0, 1), s.candidate("none"));
        assertEquals(new CandidateStats(0, 0, 0, 0, 1), s.candidate("suffix"));

        DeltaRecord unbudgeted = auto(registry, AutoSelection.standard()).diff(BASE, BASE + "y");
        assertEquals("suffix", unbudgeted.strategyId(), "without a budget the smallest wins");
    }

    @Test
    void aFailedCandidateDoesNotUseUpTheBudgetForARecord() {
        DeltaRegistry registry = Fixtures.registry(new Failing("a-fail", 10), new Fixtures.SuffixStrategy("suffix"));
        DeltaCompressor<String> budgeted = auto(registry, AutoSelection.standard().withTimeBudget(Duration.ofMillis(1)));
        DeltaRecord r = budgeted.diff(BASE, BASE + "y");
        assertEquals("none", r.strategyId(), "the next candidate still runs when no record is in hand");
        CompressionStats s = budgeted.stats();
        assertEquals(1, s.candidate("a-fail").failures());
        assertEquals(1, s.skippedCandidates());
        assertEquals(1, s.candidate("suffix").notStarted());
    }

    @Test
    void whenEveryCandidateFailsTheMessageNamesEachFailure() {
        DeltaRegistry registry = Fixtures.registry(new Failing("a-fail", 0));
        AutoSelection selection = AutoSelection.standard();
        UnsupportedDeltaOperationException e = assertThrows(UnsupportedDeltaOperationException.class,
                () -> selection.choose(selection.candidates(registry, StateFormats.utf8()), s -> {
                    throw new IllegalStateException(s.id() + " broke");
                }, new io.deltachain.core.internal.ConcurrentStatsCounter(), "utf8-text"));
        assertTrue(e.getMessage().contains("a-fail: a-fail broke; none: none broke"), e.getMessage());
    }

    @Test
    void aBudgetNeverChangesTheBytesOfTheRecordItKeeps() {
        DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix-a"),
                new Fixtures.SuffixStrategy("suffix-b"));
        byte[] standard = auto(registry, AutoSelection.standard()).diff(BASE, BASE + "q").toBytes();
        byte[] generous = auto(registry, AutoSelection.standard().withTimeBudget(Duration.ofHours(1)))
                .diff(BASE, BASE + "q").toBytes();
        assertArrayEquals(standard, generous, "no timing goes into a record");
    }

    /** Stores the target's bytes whole: a strategy on bytes, which serves every format. */
    static final class WholeBytes implements DeltaStrategy<byte[]> {
        @Override
        public String id() {
            return "whole-bytes";
        }

        @Override
        public StateFormat<byte[]> stateFormat() {
            return StateFormats.bytes();
        }

        @Override
        public byte[] diff(byte[] base, byte[] target) {
            return target.clone();
        }

        @Override
        public byte[] apply(byte[] base, byte[] payload, Limits limits) {
            return payload.clone();
        }
    }

    /** Takes its time and stores the target whole behind a kilobyte of padding: slow and large. */
    static final class Padded extends Fixtures.TextStrategy {
        private static final int PAD = 1024;

        Padded(String id, long diffMillis) {
            super(id, diffMillis);
        }

        @Override
        public byte[] diff(String base, String target) {
            takeTime();
            byte[] t = target.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[PAD + t.length];
            System.arraycopy(t, 0, out, PAD, t.length);
            return out;
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            return new String(Arrays.copyOfRange(payload, PAD, payload.length), StandardCharsets.UTF_8);
        }
    }

    /** Takes its time, then throws. */
    static final class Failing extends Fixtures.TextStrategy {
        Failing(String id, long diffMillis) {
            super(id, diffMillis);
        }

        @Override
        public byte[] diff(String base, String target) {
            takeTime();
            throw new UnsupportedDeltaOperationException(id() + " cannot diff anything");
        }

        @Override
        public String apply(String base, byte[] payload, Limits limits) {
            throw new UnsupportedDeltaOperationException(id() + " cannot apply anything");
        }
    }
}
