package io.deltachain.store.testkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.core.internal.RecordFrame;
import io.deltachain.store.testkit.ChainStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory store keeps the store contract, every check across two instances over one directory (as
 * two processes would open it). Damage is a flipped byte inside a record in the segment file, a torn
 * append a segment cut inside the newest record: found through what the store reads back, not its
 * internals, as a user's test would find them.
 */
class DirectoryChainStoreContractTest extends ChainStoreContract {
    @TempDir
    Path root;

    private final AtomicInteger stores = new AtomicInteger();

    /** Appends are not forced to disk: the contract checks behaviour, durability is DirectoryStoreCrashTest's. */
    private static DirectoryChainStore at(Path dir) {
        return new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.never(), ChainStore.DEFAULT_LOCK_TIMEOUT);
    }

    @Override
    protected ChainStore newStore() {
        return at(root.resolve("chain-" + stores.incrementAndGet()));
    }

    @Override
    protected ChainStore reopen(ChainStore store) {
        return at(((DirectoryChainStore) store).directory());
    }

    @Override
    protected boolean damageRecord(ChainStore store, int index) {
        Path segment = segment(store);
        byte[] bytes = read(segment);
        int at = frameOf(store, bytes, index);
        bytes[at + frameLength(bytes, at) / 2] ^= 0x5A;
        write(segment, bytes);
        return true;
    }

    @Override
    protected boolean tearLastAppend(ChainStore store) {
        Path segment = segment(store);
        byte[] bytes = read(segment);
        int at = frameOf(store, bytes, store.readManifest().orElseThrow().length() - 1);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(at + frameLength(bytes, at) / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** What a damage message names is where the record's bytes really are. */
    @Test
    void describeRecordNamesTheSegmentAndTheRecordsOffset() {
        ChainStore store = newStore();
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).store(store).build();
        for (String s : List.of("a", "ab", "abc")) {
            chain.add(s);
        }
        ChainStore reader = reopen(store);
        reader.readManifest();
        for (int i = 1; i < 3; i++) {
            int at = frameOf(reader, read(segment(store)), i);
            assertEquals("record of version " + i + " (" + segment(store) + " at offset " + at + ")",
                    reader.describeRecord(i));
        }
    }

    /** @return the chain's one segment file (a writer removes those of other generations) */
    private static Path segment(ChainStore store) {
        try (Stream<Path> files = Files.list(((DirectoryChainStore) store).directory())) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().endsWith(".dseg")).toList();
            assertEquals(1, segments.size(), segments::toString);
            return segments.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return where the record frame of version {@code i} starts in {@code segment} (store format 4: the frame, not
     *     the record's wire bytes), found as the one frame whose target hash is the record's
     */
    private static int frameOf(ChainStore store, byte[] segment, int i) {
        byte[] target = DeltaRecord.fromBytes(store.readRecord(i)).targetHash();
        int found = -1;
        for (int at = 0; at + 4 <= segment.length; at++) {
            if (segment[at] == 'D' && segment[at + 1] == 'L' && segment[at + 2] == 'T' && segment[at + 3] == 'C') {
                int length = frameLength(segment, at);
                byte[] frame = length > 0 && at + length <= segment.length
                        ? Arrays.copyOfRange(segment, at, at + length) : null;
                try {
                    if (frame != null && Arrays.equals(RecordFrame.targetHash(frame, Limits.defaults()), target)) {
                        assertTrue(found < 0, "two record frames hold the record of version " + i);
                        found = at;
                    }
                } catch (io.deltachain.api.DeltaException notAFrame) {
                    // the magic's bytes inside another frame
                }
            }
        }
        assertTrue(found >= 0, "no record frame holds the record of version " + i);
        return found;
    }

    /** @return the length of the record frame at {@code at}, as its head says */
    private static int frameLength(byte[] segment, int at) {
        return (int) RecordFrame.length(Arrays.copyOfRange(segment, at, Math.min(segment.length, at + 10)));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
