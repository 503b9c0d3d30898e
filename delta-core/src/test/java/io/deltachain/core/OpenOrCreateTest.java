package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.StateFormats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenOrCreateTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaCompressor.Builder<String> compressor() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).clock(Fixtures.CLOCK);
    }

    /** What a program does on every run: open the history, or start it, and add to it. */
    private DeltaChain<String> run(Path dir, List<String> states) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(compressor().strategy("suffix").build())
                .policy(ChainPolicy.mergeAfter(10)).snapshotEvery(3).store(new DirectoryChainStore(dir)).openOrCreate();
        states.forEach(chain::add);
        return chain;
    }

    @Test
    void theSameCodeCreatesTheChainOnTheFirstRunAndReopensItOnTheNext(@TempDir Path dir) {
        DeltaChain<String> first = run(dir, List.of("a", "ab", "abc"));
        assertEquals(3, first.length());
        DeltaChain<String> second = run(dir, List.of("abcd"));
        assertEquals(4, second.length(), "the second run adds to the first run's history");
        assertEquals("a", second.stateAt(0));
        assertEquals("abc", second.stateAt(2));
        assertEquals(ChainPolicy.mergeAfter(10), second.policy());
        assertTrue(second.verify().ok(), second.verify().problems().toString());
    }

    @Test
    void aStoredChainKeepsItsOwnSettingsOverTheBuilders(@TempDir Path dir) {
        run(dir, List.of("a", "ab"));
        DeltaCompressor<String> other = compressor().strategy("none").codec("identity").build();
        DeltaChain<String> reopened = DeltaChain.builder(StateFormats.utf8()).compressor(other)
                .policy(ChainPolicy.rebaseAfter(2)).snapshotEvery(1).store(new DirectoryChainStore(dir)).openOrCreate();
        assertEquals(ChainPolicy.mergeAfter(10), reopened.policy());
        assertEquals(3, reopened.snapshotEvery());
        assertEquals("suffix", reopened.compressor().strategyId());
        assertEquals("gzip", reopened.compressor().codec().id());
        reopened.add("abc");
        assertEquals(3, reopened.length(), "rebaseAfter(2) was not applied");
        assertEquals("suffix", reopened.deltaAt(2).orElseThrow().strategyId());
        assertEquals(Fixtures.CLOCK.instant(), reopened.deltaAt(2).orElseThrow().timestamp(),
                "the builder's compressor still lends its clock");
    }

    @Test
    void anAutoChainReopensWithTheBuildersAutoRules(@TempDir Path dir) {
        AutoSelection budgeted = AutoSelection.standard().withTimeBudget(Duration.ofSeconds(30));
        DeltaCompressor<String> auto = compressor().auto(budgeted).build();
        DeltaChain.openOrCreate(new DirectoryChainStore(dir), auto).add("x");
        DeltaChain<String> again = DeltaChain.openOrCreate(new DirectoryChainStore(dir), auto);
        assertEquals(1, again.length());
        assertTrue(again.compressor() == auto, "nothing differs, so the very compressor is used");
    }

    @Test
    void aStoredChainOfAnotherStateFormatIsRefused(@TempDir Path dir) {
        run(dir, List.of("text"));
        DeltaCompressor<byte[]> bytes = DeltaCompressor.builder(StateFormats.bytes()).registry(registry).build();
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaChain.openOrCreate(new DirectoryChainStore(dir), bytes));
        assertTrue(e.getMessage().contains("utf8-text"), e.getMessage());
    }

    @Test
    void withoutAStoreItCreatesAChainInMemory() {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(compressor().build()).openOrCreate();
        assertTrue(chain.store() instanceof InMemoryChainStore);
        assertTrue(chain.isEmpty());
    }
}
