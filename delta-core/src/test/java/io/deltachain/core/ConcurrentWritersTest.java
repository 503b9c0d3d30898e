package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two chains over one store take turns: nothing acknowledged is lost, duplicated or written on a stale base. */
class ConcurrentWritersTest {
    private static final int TRIALS = 10;
    private static final int EACH = 20;
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaCompressor<String> suffix() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").build();
    }

    @Test
    void twoChainsOverOneDirectoryBothSucceedAndLoseNothing(@TempDir Path root) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                Path dir = root.resolve("t" + trial);
                DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(5)
                        .store(new DirectoryChainStore(dir)).build().add("base");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> writers = List.of("a", "b").stream().map(name -> pool.<Object>submit(() -> {
                    DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        chain.add(name + i);
                    }
                    return null;
                })).toList();
                start.countDown();
                for (Future<Object> f : writers) {
                    f.get();
                }
                DeltaChain<String> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
                assertEquals(1 + 2 * EACH, reopened.length(), "trial " + trial);
                assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
                Set<String> seen = new HashSet<>();
                for (int v = 0; v < reopened.length(); v++) {
                    String state = reopened.stateAt(v);
                    assertTrue(seen.add(state), "duplicated " + state + " in trial " + trial);
                }
                assertEquals(1 + 2 * EACH, seen.size(), "every acknowledged version, once: " + seen);
                for (String name : List.of("a", "b")) {
                    List<String> mine = new ArrayList<>();
                    for (int v = 0; v < reopened.length(); v++) {
                        if (reopened.stateAt(v).matches(name + "\\d+")) {
                            mine.add(reopened.stateAt(v));
                        }
                    }
                    assertEquals(IntStream.range(0, EACH).mapToObj(i -> name + i).toList(), mine,
                            "each writer's versions in the order it added them");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriterThatCannotGetTheLockFailsNamingTheDirectoryAndHolder(@TempDir Path dir) {
        DirectoryChainStore store = new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(),
                Duration.ofMillis(200));
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(store).build();
        try (ChainStore.Writer held = new DirectoryChainStore(dir).lock()) {
            long started = System.nanoTime();
            ChainLockedException e = assertThrows(ChainLockedException.class, () -> chain.add("blocked"));
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(200).toNanos());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertEquals(ProcessHandle.current().pid(), e.holderPid().orElseThrow());
        }
        chain.add("after");
        assertEquals(1, chain.length());
    }

    @Test
    void aStrictChainRefusesToAppendPastAMovedHead() {
        InMemoryChainStore store = new InMemoryChainStore();
        DeltaChain<String> strict = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).strictAppends(true)
                .store(store).build();
        strict.add("a");
        DeltaChain<String> other = DeltaChain.open(store, registry, StateFormats.utf8());
        other.add("ab");
        ConcurrentAppendException e = assertThrows(ConcurrentAppendException.class, () -> strict.add("abc"));
        assertEquals(2, e.found().orElseThrow().length());
        assertEquals(2, DeltaChain.open(store, registry, StateFormats.utf8()).length(), "nothing written");
    }

    @Test
    void aDefaultChainReReadsAMovedHeadAndDiffsAgainstIt() {
        InMemoryChainStore store = new InMemoryChainStore();
        DeltaChain<String> first = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(store).build();
        first.add("a");
        DeltaChain<String> other = DeltaChain.open(store, registry, StateFormats.utf8());
        other.add("ab");
        other.rebaseline();
        other.add("abx");
        assertEquals(2, first.add("abxy"));
        DeltaChain<String> reopened = DeltaChain.open(store, registry, StateFormats.utf8());
        assertEquals(List.of("ab", "abx", "abxy"), List.of(reopened.stateAt(0), reopened.stateAt(1), reopened.stateAt(2)));
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
    }

    @Test
    void aStoreRefusesAnAppendThatDoesNotFollowItsHead() {
        InMemoryChainStore store = new InMemoryChainStore();
        DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(store).build().add("a");
        ChainManifest head = store.readManifest().orElseThrow();
        try (ChainStore.Writer w = store.lock()) {
            assertThrows(ConcurrentAppendException.class, () -> w.append(head.withLength(3), new byte[1], null));
            assertThrows(ConcurrentAppendException.class,
                    () -> w.append(head.withLength(2).withGeneration(head.generation() + 1), new byte[1], null));
        }
    }

    /**
     * A reader that opened before another writer's rebaseline must not read the new chain's versions
     * under the old numbering: over a shared store (in memory, or one directory store object) the bytes
     * it reads next are the new chain's, and over separate directory stores the old files are gone.
     */
    @Test
    void aReaderOverlappedByAnotherWritersRewriteIsToldToRefreshNotGivenTheNewChain(@TempDir Path dir) {
        DirectoryChainStore shared = new DirectoryChainStore(dir.resolve("shared"));
        List<java.util.function.Supplier<ChainStore>> stores = List.of(InMemoryChainStore::new, () -> shared,
                () -> new DirectoryChainStore(dir.resolve("separate")));
        for (java.util.function.Supplier<ChainStore> make : stores) {
            ChainStore store = make.get();
            DeltaChain<String> writer = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(100)
                    .store(store).build();
            for (String s : List.of("a", "ab", "abc", "abcd")) {
                writer.add(s);
            }
            ChainStore readerStore = store instanceof DirectoryChainStore d && store != shared
                    ? new DirectoryChainStore(d.directory()) : store;
            DeltaChain<String> reader = DeltaChain.open(readerStore, registry, StateFormats.utf8());
            assertEquals("ab", reader.stateAt(1));
            writer.rebaseline(); // the chain is now one version, "abcd"
            writer.add("abcde");
            ChainRewrittenException e = assertThrows(ChainRewrittenException.class, () -> reader.stateAt(0), store.toString());
            assertTrue(e.getMessage().contains("refresh()"), e.getMessage());
            assertTrue(e.foundGeneration() > e.seenGeneration(), e.getMessage());
            assertThrows(ChainRewrittenException.class, () -> reader.stateAt(2));
            assertThrows(ChainRewrittenException.class, reader::damagedVersions, "no damage is made up");
            reader.refresh();
            assertEquals(List.of("abcd", "abcde"), List.of(reader.stateAt(0), reader.stateAt(1)));
            assertTrue(reader.damagedVersions().isEmpty(), reader.damagedVersions().toString());
        }
    }
}
