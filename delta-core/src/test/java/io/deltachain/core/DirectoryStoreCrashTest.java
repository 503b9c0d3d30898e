package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebase, merge and clear replace a directory chain in one step: a crash leaves the old chain or the new. */
class DirectoryStoreCrashTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> chain(Path dir) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).snapshotEvery(3)
                .store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < 10; i++) {
            chain.add("version " + i + " " + "x".repeat(i));
        }
        return chain;
    }

    private DeltaCompressor<String> suffix() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").build();
    }

    private DeltaChain<String> reopen(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
    }

    /** Stages the chain that {@code dir}'s chain becomes after a rebaseline, as a committed replace. */
    private static void stageRebaselineOf(Path dir, Path scratch, DeltaRegistry registry) throws IOException {
        copyTree(dir, scratch);
        DeltaChain.open(new DirectoryChainStore(scratch), registry, StateFormats.utf8()).rebaseline();
        Path ready = dir.resolve("replace.ready");
        Files.createDirectories(ready.resolve("snapshots"));
        Files.createDirectories(ready.resolve("records"));
        Files.copy(scratch.resolve("manifest.json"), ready.resolve("manifest.json"));
        Files.copy(scratch.resolve("snapshots/000000000.dlts"), ready.resolve("snapshots/000000000.dlts"));
        Files.writeString(ready.resolve("snapshots.list"), "0\n");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aReplaceThatWasNeverCommittedIsDiscarded(@TempDir Path dir) throws IOException {
        chain(dir);
        Path staging = Files.createDirectories(dir.resolve("replace.tmp/records"));
        Files.writeString(staging.resolve("000000001.dltr"), "half-written");
        DeltaChain<String> reopened = reopen(dir);
        assertEquals(10, reopened.length());
        assertEquals("version 9 xxxxxxxxx", reopened.current().orElseThrow());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
        assertFalse(Files.exists(dir.resolve("replace.tmp")));
    }

    @Test
    void aCommittedReplaceIsFinishedBeforeAnythingIsRead(@TempDir Path dir, @TempDir Path scratch) throws IOException {
        chain(dir);
        stageRebaselineOf(dir, scratch, registry);
        DeltaChain<String> reopened = reopen(dir);
        assertEquals(1, reopened.length());
        assertEquals("version 9 xxxxxxxxx", reopened.current().orElseThrow());
        assertEquals(1, reopened.metrics().rebaselines());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
        assertFalse(Files.exists(dir.resolve("replace.ready")));
        try (Stream<Path> records = Files.list(dir.resolve("records"))) {
            assertEquals(List.of(), records.toList(), "stale records are gone");
        }
    }

    @Test
    void aPartlyFinishedReplaceIsFinished(@TempDir Path dir, @TempDir Path scratch) throws IOException {
        chain(dir);
        stageRebaselineOf(dir, scratch, registry);
        // The crash came after the new snapshot moved into place, before stale files and the manifest.
        Files.move(dir.resolve("replace.ready/snapshots/000000000.dlts"), dir.resolve("snapshots/000000000.dlts"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DeltaChain<String> reopened = reopen(dir);
        assertEquals(1, reopened.length());
        assertEquals("version 9 xxxxxxxxx", reopened.current().orElseThrow());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
    }

    @Test
    void aCrashDuringTheFinalCleanUpIsFinished(@TempDir Path dir, @TempDir Path scratch) throws IOException {
        DeltaChain<String> chain = chain(dir);
        chain.rebaseline();
        // The crash came while replace.ready/ was being deleted: its list is gone, empty folders remain.
        Files.createDirectories(dir.resolve("replace.ready/records"));
        Files.createDirectories(dir.resolve("replace.ready/snapshots"));
        DeltaChain<String> reopened = reopen(dir);
        assertEquals(1, reopened.length());
        assertFalse(Files.exists(dir.resolve("replace.ready")));
        reopened.clear();
        assertEquals(0, reopen(dir).length());
    }

    @Test
    void twoStoresOnOneDirectoryNeverSeeAHalfDoneRewrite(@TempDir Path dir) throws Exception {
        DeltaChain<String> writer = chain(dir);
        DirectoryChainStore readerStore = new DirectoryChainStore(dir);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    readerStore.readManifest();
                    readerStore.snapshotIndices();
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        reader.start();
        for (int i = 0; i < 40; i++) {
            writer.rebaseline();
            writer.add("more " + i);
        }
        reader.join();
        assertEquals(null, failure.get());
        DeltaChain<String> reopened = reopen(dir);
        assertEquals("more 39", reopened.current().orElseThrow());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
    }

    @Test
    void aChainWhoseRewriteFailedRefusesFurtherWrites() {
        InMemoryChainStore memory = new InMemoryChainStore();
        ChainStore failing = new ChainStore() {
            @Override
            public java.util.Optional<ChainManifest> readManifest() {
                return memory.readManifest();
            }

            @Override
            public void writeManifest(ChainManifest manifest) {
                memory.writeManifest(manifest);
            }

            @Override
            public void writeRecord(int index, byte[] wire) {
                memory.writeRecord(index, wire);
            }

            @Override
            public byte[] readRecord(int index) {
                return memory.readRecord(index);
            }

            @Override
            public void writeSnapshot(int index, byte[] canonicalState) {
                memory.writeSnapshot(index, canonicalState);
            }

            @Override
            public byte[] readSnapshot(int index) {
                return memory.readSnapshot(index);
            }

            @Override
            public java.util.SortedSet<Integer> snapshotIndices() {
                return memory.snapshotIndices();
            }

            @Override
            public void clear() {
                memory.clear();
            }

            @Override
            public void replace(ChainManifest m, java.util.SortedMap<Integer, byte[]> s,
                                java.util.SortedMap<Integer, byte[]> r) {
                throw new ChainStoreException("disk full");
            }
        };
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(suffix()).store(failing).build();
        ChainStoreException first = org.junit.jupiter.api.Assertions.assertThrows(ChainStoreException.class,
                () -> chain.add("first"));
        assertTrue(first.getMessage().contains("reopen"), first.getMessage());
        ChainStoreException then = org.junit.jupiter.api.Assertions.assertThrows(ChainStoreException.class,
                () -> chain.add("second"));
        assertTrue(then.getMessage().contains("disk full"), then.getMessage());
    }

    @Test
    void rebaseMergeAndClearLeaveNoStagingBehind(@TempDir Path dir) {
        DeltaChain<String> chain = chain(dir);
        chain.rebaseline();
        chain.add("after");
        chain.clear();
        chain.add("again");
        assertFalse(Files.exists(dir.resolve("replace.tmp")) || Files.exists(dir.resolve("replace.ready")));
        assertEquals("again", reopen(dir).current().orElseThrow());
    }
}
