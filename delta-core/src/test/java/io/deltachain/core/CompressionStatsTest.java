package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompressionStatsTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix-a"),
            new Fixtures.SuffixStrategy("suffix-b"));

    private DeltaCompressor<String> auto() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).clock(Fixtures.CLOCK).build();
    }

    @Test
    void aSnapshotNeverChangesAfterItIsTaken() {
        DeltaCompressor<String> c = auto();
        c.diff("a", "ab");
        CompressionStats first = c.stats();
        c.diff("ab", "abc");
        c.apply("a", c.diff("a", "b"));
        assertEquals(1, first.diffs());
        assertEquals(0, first.applies());
        assertEquals(1, first.candidate("suffix-a").runs());
        assertEquals(3, c.stats().diffs());
        assertThrows(UnsupportedOperationException.class, () -> first.candidates().put("x", CandidateStats.ZERO));
    }

    @Test
    void theCandidateMapIsCopiedIn() {
        Map<String, CandidateStats> mine = new HashMap<>(Map.of("b", new CandidateStats(1, 1, 0, 5, 0)));
        CompressionStats s = new CompressionStats(1, 0, 0, 10, 5, 7, mine);
        mine.put("a", CandidateStats.ZERO);
        assertEquals(List.of("b"), List.copyOf(s.candidates().keySet()));
    }

    @Test
    void autoCountsEveryCandidatesRunsAndOneWinPerRecord() {
        DeltaCompressor<String> c = auto();
        String base = "y".repeat(300);
        List<DeltaRecord> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(c.diff(base, base + i));
        }
        CompressionStats s = c.stats();
        assertEquals(List.of("none", "suffix-a", "suffix-b"), List.copyOf(s.candidates().keySet()));
        s.candidates().values().forEach(cs -> assertEquals(3, cs.runs(), s.toString()));
        assertEquals(3, s.candidates().values().stream().mapToLong(CandidateStats::wins).sum());
        assertEquals(3, s.candidate("suffix-a").wins(), "ties go to the lowest id");
        assertEquals(0, s.skippedCandidates());
        assertEquals(made.stream().mapToLong(DeltaRecord::wireSize).sum(), s.storedBytes(), "whole records");
        assertEquals(CandidateStats.ZERO, s.candidate("bsdiff"));
    }

    @Test
    void aFixedStrategyHasNoCandidates() {
        DeltaCompressor<String> c = DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix-b")
                .build();
        c.diff("a", "b");
        assertTrue(c.stats().candidates().isEmpty());
    }

    @Test
    void statisticsAddUpAndTheDifferenceIsTheWorkOfAnInterval() {
        DeltaCompressor<String> c = auto();
        DeltaRecord ab = c.diff("a", "ab");
        DeltaRecord abc = c.diff("ab", "abc");
        CompressionStats before = c.stats();
        c.merge("a", List.of(ab, abc)); // applies both, then re-diffs the end states
        CompressionStats after = c.stats();
        CompressionStats interval = after.minus(before);
        assertEquals(1, interval.diffs());
        assertEquals(2, interval.applies());
        assertEquals(1, interval.merges());
        assertEquals(1, interval.candidate("none").runs());
        assertEquals(after, before.plus(interval));
        assertEquals(before, before.plus(CompressionStats.ZERO));
        assertEquals(CompressionStats.ZERO.diffs(), before.minus(after).diffs(), "a difference stops at 0");
        CandidateStats max = new CandidateStats(Long.MAX_VALUE, 0, 0, 0, 0);
        assertEquals(Long.MAX_VALUE, max.plus(max).runs(), "sums saturate");
    }

    @Test
    void countsAddUpUnderConcurrentUse() throws Exception {
        DeltaCompressor<String> c = auto();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        c.diff("base", "base" + thread + i);
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        CompressionStats s = c.stats();
        assertEquals(200, s.diffs());
        assertEquals(200, s.candidate("suffix-b").runs());
        assertEquals(200, s.candidates().values().stream().mapToLong(CandidateStats::wins).sum());
    }

    @Test
    void negativeFiguresAreRefusedByName() {
        DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                () -> new CompressionStats(0, -1, 0, 0, 0, 0, Map.of()));
        assertTrue(e.getMessage().contains("applies=-1"), e.getMessage());
        assertThrows(DeltaConfigurationException.class, () -> new CandidateStats(0, 0, -2, 0, 0));
    }
}
