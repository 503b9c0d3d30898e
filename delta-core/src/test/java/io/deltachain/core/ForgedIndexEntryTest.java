package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index entries whose CRC holds but which lie (the breaker pass of the middle-entry rebuild,
 * docs/robustness): an entry pointing at another version's frames never makes a read return that
 * version's state; an entry claiming frames past the segment's end is rebuilt from the frames like a
 * damaged one; a long run of zeros past the index's last entry costs a reader a few reads, not one per
 * slot.
 */
class ForgedIndexEntryTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private static String state(int i) {
        return "version " + i + " " + "x".repeat(i);
    }

    /** Ten versions, snapshots at 0, 3, 6 and 9. */
    private Path chain(Path dir) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(
                StateFormats.utf8()).registry(registry).strategy("suffix").clock(Fixtures.CLOCK).build())
                .snapshotEvery(3).store(new DirectoryChainStore(dir)).build();
        for (int i = 0; i < 10; i++) {
            chain.add(state(i));
        }
        return only(dir, ".didx");
    }

    private static Path only(Path dir, String ending) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(ending)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DirectoryChainStore.Entry entry(byte[] index, int i) {
        return DirectoryChainStore.Entry.decode(index, DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * i);
    }

    private static void put(Path index, int i, DirectoryChainStore.Entry e) throws IOException {
        byte[] b = Files.readAllBytes(index);
        System.arraycopy(e.encode(), 0, b, DirectoryChainStore.HEADER + DirectoryChainStore.ENTRY * i,
                DirectoryChainStore.ENTRY);
        Files.write(index, b);
    }

    private DeltaChain<String> reopen(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), registry, StateFormats.utf8());
    }

    /** Reads every version: each is what was written, or refused; never another version's state. */
    private static void neverAnotherVersion(DeltaChain<String> chain) {
        for (int i = 0; i < 10; i++) {
            try {
                assertEquals(state(i), chain.stateAt(i), "version " + i);
            } catch (DamagedVersionException refused) {
                // refused: allowed, as the entry lies
            }
        }
    }

    @Test
    void version0sEntryPointingAtAnotherSnapshotIsRefusedNotReadAsThatVersion(@TempDir Path dir) throws IOException {
        Path index = chain(dir);
        DirectoryChainStore.Entry three = entry(Files.readAllBytes(index), 3);
        put(index, 0, new DirectoryChainStore.Entry(0, false, true, true, 0, three.snapshotOffset(), 0,
                three.snapshotOffset(), three.snapshotLength()));
        DeltaChain<String> chain = reopen(dir);
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> chain.stateAt(0));
        assertTrue(e.getMessage().contains("holds the state of version 3, not of version 0"), e.getMessage());
        neverAnotherVersion(chain);
        assertEquals(state(5), chain.stateAt(5));
        List<String> problems = chain.verify().problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("the entry of version 0 starts at")), problems.toString());
        assertFalse(problems.stream().anyMatch(p -> p.startsWith("record of version 1")), "record 1 is sound: " + problems);
    }

    @Test
    void aSnapshotEntryWithoutItsRecordPointingAtAnotherSnapshotIsNeverReadAsThatVersion(@TempDir Path dir)
            throws IOException {
        Path index = chain(dir);
        byte[] b = Files.readAllBytes(index);
        DirectoryChainStore.Entry three = entry(b, 3);
        DirectoryChainStore.Entry six = entry(b, 6);
        for (boolean keepRecord : new boolean[] {false, true}) {
            put(index, 3, new DirectoryChainStore.Entry(3, keepRecord, true, true, 3, three.recordOffset(),
                    keepRecord ? three.recordLength() : 0, six.snapshotOffset(), six.snapshotLength()));
            DeltaChain<String> chain = reopen(dir);
            neverAnotherVersion(chain);
            assertFalse(chain.verify().ok());
        }
    }

    /**
     * The re-check's finding: the last version's entry without its record, its snapshot pointer at another
     * version's frame. No record vouches for that snapshot; the frame itself names its version (format 3).
     */
    @Test
    void aSnapshotNoRecordVouchesForIsCheckedByTheVersionItsFrameNames(@TempDir Path dir) throws IOException {
        Path index = chain(dir);
        byte[] b = Files.readAllBytes(index);
        DirectoryChainStore.Entry six = entry(b, 6);
        DirectoryChainStore.Entry nine = entry(b, 9);
        put(index, 9, new DirectoryChainStore.Entry(9, false, true, true, 9, nine.recordOffset(), 0,
                six.snapshotOffset(), six.snapshotLength()));
        DeltaChain<String> chain = reopen(dir);
        neverAnotherVersion(chain);
        assertFalse(chain.verify().ok());
    }

    @Test
    void anEntryWhoseCrcHoldsButWhoseFramesEndPastTheSegmentIsReadFromTheFrames(@TempDir Path dir) throws IOException {
        Path index = chain(dir);
        DirectoryChainStore.Entry five = entry(Files.readAllBytes(index), 5);
        put(index, 5, new DirectoryChainStore.Entry(5, true, false, true, five.rebuildFrom(), five.recordOffset(),
                0x7ffffff0, 0, 0));
        DeltaChain<String> chain = reopen(dir);
        for (int i = 0; i < 10; i++) {
            assertEquals(state(i), chain.stateAt(i), "version " + i);
        }
        List<String> problems = chain.verify().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("index entry of version 5") && problems.get(0).contains("still reads"),
                problems.toString());
    }

    @Test
    void aTwoGibClaimInsideASparseSegmentIsNotReadWhenTheEntriesAroundItDisagree(@TempDir Path dir) throws IOException {
        Path index = chain(dir);
        DirectoryChainStore.Entry five = entry(Files.readAllBytes(index), 5);
        put(index, 5, new DirectoryChainStore.Entry(5, true, false, true, five.rebuildFrom(), five.recordOffset(),
                0x7ffffff0, 0, 0));
        try (RandomAccessFile f = new RandomAccessFile(only(dir, ".dseg").toFile(), "rw")) {
            f.setLength(2_200_000_000L); // sparse: the claim lies inside the file
        }
        CountingFiles files = new CountingFiles();
        DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(),
                ChainStore.DEFAULT_LOCK_TIMEOUT, files), registry, StateFormats.utf8());
        assertEquals(state(5), chain.stateAt(5), "read from its frames, between the entries around it");
        assertTrue(files.largestAsked() < 1 << 20, "largest read: " + files.largestAsked());
    }

    @Test
    void aMillionZeroSlotsPastTheIndexCostAReaderAFewReads(@TempDir Path dir) throws IOException {
        Path index = chain(dir);
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
            f.setLength(f.length() + DirectoryChainStore.ENTRY * 1_000_000L); // sparse zeros, what a crash can leave
        }
        CountingFiles files = new CountingFiles();
        DeltaChain<String> chain = DeltaChain.open(new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(),
                ChainStore.DEFAULT_LOCK_TIMEOUT, files), registry, StateFormats.utf8());
        assertEquals(10, chain.length());
        assertEquals(state(9), chain.stateAt(9));
        assertTrue(files.reads("didx") < 300, files.reads("didx") + " reads of the index");
        try {
            chain.verify();
        } catch (DeltaException e) {
            throw new AssertionError(e);
        }
    }
}
