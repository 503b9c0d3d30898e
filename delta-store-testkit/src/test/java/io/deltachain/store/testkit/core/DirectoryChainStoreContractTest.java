package io.deltachain.store.testkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
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
        int at = only(bytes, store.readRecord(index));
        bytes[at + store.readRecord(index).length / 2] ^= 0x5A;
        write(segment, bytes);
        return true;
    }

    @Override
    protected boolean tearLastAppend(ChainStore store) {
        Path segment = segment(store);
        byte[] record = store.readRecord(store.readManifest().orElseThrow().length() - 1);
        int at = only(read(segment), record);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(at + record.length / 2);
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
            int at = only(read(segment(store)), reader.readRecord(i));
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

    /** @return the one offset at which {@code part} occurs in {@code whole} */
    private static int only(byte[] whole, byte[] part) {
        int found = -1;
        for (int at = 0; at + part.length <= whole.length; at++) {
            if (Arrays.equals(whole, at, at + part.length, part, 0, part.length)) {
                assertTrue(found < 0, "the record's bytes occur twice in the segment");
                found = at;
            }
        }
        assertTrue(found >= 0, "the record's bytes are not in the segment");
        return found;
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
