package io.deltachain.store.testkit;

import static io.deltachain.store.testkit.ContractFixture.await;
import static io.deltachain.store.testkit.ContractFixture.chainOf;
import static io.deltachain.store.testkit.ContractFixture.manifest;
import static io.deltachain.store.testkit.ContractFixture.newChain;
import static io.deltachain.store.testkit.ContractFixture.open;
import static io.deltachain.store.testkit.ContractFixture.record;
import static io.deltachain.store.testkit.ContractFixture.snapshot;
import static io.deltachain.store.testkit.ContractFixture.state;
import static io.deltachain.store.testkit.ContractFixture.states;
import static io.deltachain.store.testkit.ContractFixture.writeThroughPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.StateFormats;
import io.deltachain.core.ChainLockedException;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainStore;
import io.deltachain.core.ChainStoreException;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.ConcurrentAppendException;
import io.deltachain.core.DamagedVersionException;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChainStore} promises, as JUnit 5 tests: extend this class in your store's tests,
 * supply {@link #newStore()}, and the inherited tests check your store through the port directly and
 * through {@link DeltaChain} on top of it.
 *
 * <pre>{@code
 * class PostgresChainStoreContractTest extends ChainStoreContract {
 *     @Override protected ChainStore newStore() { return new PostgresChainStore(freshSchema()); }
 *     @Override protected ChainStore reopen(ChainStore store) { return new PostgresChainStore(schemaOf(store)); }
 * }
 * }</pre>
 *
 * <p>What it checks: records and snapshots read back byte for byte, also through a new instance
 * ({@link #reopen}); the manifest's generation rules (an append keeps the generation and adds one to the
 * length, a replace bumps it); an append that does not follow the stored head is a
 * {@link ConcurrentAppendException} and changes nothing; {@code create} refuses a store that holds a
 * chain; reads of versions the store does not hold are {@link ChainStoreException}s; one writer at a time
 * ({@link ChainLockedException} past a timeout, the lock released on close); readers see a consistent
 * prefix while a writer appends and a rewrite whole or not at all; stale appends through two chains
 * (re-diffed by default, refused in strict mode); {@link ChainStore#storedBytes()}. Damage and torn-tail
 * recovery are checked where the store offers a way to cause them ({@link #damageRecord},
 * {@link #tearLastAppend}); without one those two tests are skipped, not passed.
 *
 * <p>Every test takes fresh stores from {@link #newStore()}; on a local store most take well under a
 * second, and the concurrent ones start at most two worker threads. The states and records are the
 * contract's own (a small strategy on {@code utf8-text} and the {@code identity} codec), so a store's
 * tests need nothing but this module and a JUnit engine. Like any JUnit test class it is not
 * thread-safe: JUnit makes an instance per test, and the hooks are called from the test's thread and
 * its workers, so they must be safe to call from any thread.
 */
public abstract class ChainStoreContract {
    /** How long a second writer waits for a held lock in the checks that expect it to give up. */
    private static final Duration SHORT_WAIT = Duration.ofMillis(100);
    /** How many add-then-rebaseline rounds the rewriting writer runs beside a reader. */
    private static final int ROUNDS = 6;

    private ExecutorService workers;

    /** For subclasses. */
    protected ChainStoreContract() {
    }

    /**
     * @return a new, empty store that no other test uses (a fresh directory, a fresh schema); called
     *     several times by some tests
     */
    protected abstract ChainStore newStore();

    /**
     * Another instance over what {@code store} holds, as a second process or a restarted one would
     * open it. The default returns {@code store} itself, for stores that live in one object (memory);
     * a store kept elsewhere returns a new instance, so that every check on sharing runs across
     * instances.
     *
     * @param store a store from {@link #newStore()}
     * @return a store over the same chain
     */
    protected ChainStore reopen(ChainStore store) {
        return store;
    }

    /**
     * Damages the stored record of version {@code index} in place, behind the store's back, as a bad disk
     * sector or a stray write would: change bytes inside the record so that its CRC no longer matches.
     * The default returns {@code false}: the damage check is then skipped.
     *
     * @param store a store holding a chain of more than {@code index} versions, no writer active
     * @param index a version from 1
     * @return whether the record was damaged
     */
    protected boolean damageRecord(ChainStore store, int index) {
        return false;
    }

    /**
     * Leaves {@code store} as a crash in the middle of its last append would: part of the newest version
     * written, the rest lost (truncate a file inside the newest record, drop half of an index entry). The
     * default returns {@code false}: the recovery check is then skipped (a store whose appends are
     * transactions cannot be torn).
     *
     * @param store a store holding a chain whose newest version was appended (not rewritten), no writer
     *     active
     * @return whether the tail was torn
     */
    protected boolean tearLastAppend(ChainStore store) {
        return false;
    }

    /** Starts the two worker threads the concurrent checks use. */
    @BeforeEach
    public final void startWorkers() {
        workers = Executors.newFixedThreadPool(2);
    }

    /** Stops the worker threads. */
    @AfterEach
    public final void stopWorkers() {
        workers.shutdownNow();
    }

    // ------------------------------------------------------------------ the port: round trips

    /** A new store holds no chain, costs no bytes, refuses reads, and taking its lock creates nothing. */
    @Test
    public void anEmptyStoreHoldsNoChainAndCostsNothing() {
        ChainStore store = newStore();
        assertEquals(Optional.empty(), store.readManifest());
        assertEquals(0, store.storedBytes());
        assertThrows(ChainStoreException.class, () -> store.readRecord(1));
        assertThrows(ChainStoreException.class, () -> store.readSnapshot(0));
        try (ChainStore.Writer w = store.lock()) {
            assertTrue(w.recovery().isClean(), w.recovery().actions()::toString);
            assertEquals(Optional.empty(), w.manifest());
        }
        assertEquals(Optional.empty(), store.readManifest(), "taking the lock creates no chain");
    }

    /** {@code create} stores the manifest it is given (the store assigns the generation); another instance reads it. */
    @Test
    public void createStoresAnEmptyChainThatAnotherInstanceReads() {
        ChainStore store = newStore();
        ChainManifest stored;
        try (ChainStore.Writer w = store.lock()) {
            stored = w.create(manifest(0));
            assertEquals(Optional.of(stored), w.manifest(), "the writer sees what it wrote");
        }
        assertSameChain(manifest(0), stored);
        assertEquals(Optional.of(stored), store.readManifest());
        assertEquals(Optional.of(stored), reopen(store).readManifest());
    }

    /** {@code create} on a store that holds a chain is a {@link ChainStoreException}; the chain stays as it was. */
    @Test
    public void createRefusesAStoreThatHoldsAChainAndChangesNothing() {
        ChainStore store = newStore();
        writeThroughPort(store, 4);
        ChainManifest before = store.readManifest().orElseThrow();
        try (ChainStore.Writer w = store.lock()) {
            assertThrows(ChainStoreException.class, () -> w.create(manifest(0)));
        }
        assertEquals(before, reopen(store).readManifest().orElseThrow());
        assertArrayEquals(snapshot(3), reopen(store).readSnapshot(3));
    }

    /** Every record and snapshot written reads back byte for byte, from this instance and from another. */
    @Test
    public void everyRecordAndSnapshotReadsBackByteForByteAlsoThroughAnotherInstance() {
        ChainStore store = newStore();
        int length = 10;
        List<byte[]> wires = writeThroughPort(store, length);
        for (ChainStore reader : List.of(store, reopen(store))) {
            assertEquals(length, reader.readManifest().orElseThrow().length());
            for (int i = 1; i < length; i++) {
                assertArrayEquals(wires.get(i), reader.readRecord(i), "record of version " + i);
                assertEquals(i, DeltaRecord.fromBytes(reader.readRecord(i)).index());
            }
            assertEquals(new TreeSet<>(List.of(0, 3, 6, 9)), reader.snapshotIndices());
            for (int s : reader.snapshotIndices()) {
                assertArrayEquals(snapshot(s), reader.readSnapshot(s), "snapshot of version " + s);
            }
        }
    }

    /** {@link ChainStore#nearestSnapshot(int)} is the newest snapshot at or before each version. */
    @Test
    public void nearestSnapshotIsTheNewestSnapshotAtOrBeforeAVersion() {
        ChainStore store = newStore();
        writeThroughPort(store, 8);
        ChainStore reader = reopen(store);
        reader.readManifest();
        int[] expected = {0, 0, 0, 3, 3, 3, 6, 6};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(OptionalInt.of(expected[i]), reader.nearestSnapshot(i), "version " + i);
        }
    }

    /** Arrays are copied in and out: changing one afterwards changes nothing stored. */
    @Test
    public void arraysAreCopiedInAndOut() {
        ChainStore store = newStore();
        writeThroughPort(store, 2);
        byte[] wire = record(2);
        byte[] state = snapshot(2);
        byte[] wireCopy = wire.clone();
        byte[] stateCopy = state.clone();
        try (ChainStore.Writer w = store.lock()) {
            w.append(w.manifest().orElseThrow().withLength(3), wire, state);
            wire[wire.length / 2] ^= 0x55;
            state[0] ^= 0x55;
        }
        store.readRecord(2)[0] ^= 0x55;
        store.readSnapshot(2)[0] ^= 0x55;
        assertArrayEquals(wireCopy, store.readRecord(2), "the store keeps what was appended, not the caller's array");
        assertArrayEquals(stateCopy, store.readSnapshot(2));
    }

    // ------------------------------------------------------------------ the port: manifests and writes

    /** An append returns the manifest it was given, with the generation unchanged; the store reads it back. */
    @Test
    public void anAppendKeepsTheGenerationAndAddsOneToTheLength() {
        ChainStore store = newStore();
        writeThroughPort(store, 1);
        ChainManifest head = store.readManifest().orElseThrow();
        try (ChainStore.Writer w = store.lock()) {
            for (int i = 1; i < 5; i++) {
                ChainManifest next = w.append(head.withLength(i + 1), record(i), null);
                assertEquals(head.generation(), next.generation(), "append of version " + i);
                assertEquals(i + 1, next.length());
                assertSameChain(head.withLength(i + 1), next);
                assertEquals(Optional.of(next), w.manifest());
                head = next;
            }
        }
        assertEquals(head, reopen(store).readManifest().orElseThrow());
    }

    /** A replace bumps the generation and leaves nothing of the old chain; replacing with no version clears it. */
    @Test
    public void aReplaceBumpsTheGenerationAndReplacesEveryVersion() {
        ChainStore store = newStore();
        writeThroughPort(store, 7);
        ChainManifest old = store.readManifest().orElseThrow();
        byte[] wire = ContractFixture.compressor().diff(state(1), state(2)).withIndex(1).toBytes();
        ChainManifest rewritten;
        try (ChainStore.Writer w = store.lock()) {
            rewritten = w.replace(manifest(2), new TreeMap<>(Map.of(0, snapshot(1), 1, snapshot(2))),
                    new TreeMap<>(Map.of(1, wire)));
        }
        assertTrue(rewritten.generation() > old.generation(), "generation " + old.generation() + " then "
                + rewritten.generation());
        assertSameChain(manifest(2), rewritten);
        for (ChainStore reader : List.of(store, reopen(store))) {
            assertEquals(rewritten, reader.readManifest().orElseThrow());
            assertEquals(new TreeSet<>(List.of(0, 1)), reader.snapshotIndices());
            assertArrayEquals(snapshot(1), reader.readSnapshot(0));
            assertArrayEquals(wire, reader.readRecord(1));
            assertThrows(ChainStoreException.class, () -> reader.readRecord(3), "the old chain is gone");
            assertThrows(ChainStoreException.class, () -> reader.readSnapshot(6));
        }
        ChainManifest cleared;
        try (ChainStore.Writer w = store.lock()) {
            cleared = w.replace(manifest(0), new TreeMap<>(), new TreeMap<>());
        }
        assertTrue(cleared.generation() > rewritten.generation());
        assertEquals(0, reopen(store).readManifest().orElseThrow().length());
    }

    /**
     * {@link ChainStore#generation()} agrees with {@link ChainStore#readManifest()} at every step — no chain,
     * created, appended to, replaced — also on an instance that has not read the manifest, and on one that
     * read it before another instance replaced the chain.
     */
    @Test
    public void generationAgreesWithTheStoredManifest() {
        ChainStore store = newStore();
        assertEquals(-1, store.generation(), "no chain");
        writeThroughPort(store, 3);
        ChainStore seen = reopen(store);
        assertGenerationOf(store, seen);
        try (ChainStore.Writer w = store.lock()) {
            w.append(w.manifest().orElseThrow().withLength(4), record(3), null);
        }
        assertGenerationOf(store, seen);
        try (ChainStore.Writer w = store.lock()) {
            w.replace(manifest(1), new TreeMap<>(Map.of(0, snapshot(1))), new TreeMap<>());
        }
        assertGenerationOf(store, seen);
        assertGenerationOf(store, reopen(store));
    }

    private static void assertGenerationOf(ChainStore writer, ChainStore reader) {
        long expected = writer.readManifest().orElseThrow().generation();
        assertEquals(expected, reader.generation(), "generation() before readManifest()");
        assertEquals(expected, reader.readManifest().orElseThrow().generation());
        assertEquals(expected, reader.generation(), "generation() after readManifest()");
    }

    /** A replace that would leave a version unreadable (no base snapshot, a missing record) is refused before anything is written. */
    @Test
    public void aReplaceThatLacksTheBaseSnapshotOrARecordIsRefusedAndChangesNothing() {
        ChainStore store = newStore();
        writeThroughPort(store, 4);
        ChainManifest before = store.readManifest().orElseThrow();
        SortedMap<Integer, byte[]> base = new TreeMap<>(Map.of(0, snapshot(0)));
        SortedMap<Integer, byte[]> oneRecord = new TreeMap<>(Map.of(1, record(1)));
        try (ChainStore.Writer w = store.lock()) {
            assertThrows(ChainStoreException.class, () -> w.replace(manifest(2), new TreeMap<>(), oneRecord),
                    "no snapshot of version 0");
            assertThrows(ChainStoreException.class, () -> w.replace(manifest(3), base, oneRecord), "no record of version 2");
        }
        assertEquals(before, reopen(store).readManifest().orElseThrow());
        assertEquals(3, DeltaRecord.fromBytes(store.readRecord(3)).index());
    }

    /** An append whose manifest does not follow the stored head (wrong length or generation) is a {@link ConcurrentAppendException} naming the head, and writes nothing. */
    @Test
    public void anAppendThatDoesNotFollowTheStoredHeadIsRefusedAndChangesNothing() {
        ChainStore store = newStore();
        writeThroughPort(store, 3);
        ChainManifest head = store.readManifest().orElseThrow();
        long bytes = store.storedBytes();
        ChainManifest follows = head.withLength(4);
        List<ChainManifest> stale = new ArrayList<>(List.of(head, head.withLength(5), head.withLength(2),
                follows.withGeneration(head.generation() + 1)));
        if (head.generation() > 0) {
            stale.add(follows.withGeneration(head.generation() - 1));
        }
        try (ChainStore.Writer w = store.lock()) {
            for (ChainManifest next : stale) {
                ConcurrentAppendException e = assertThrows(ConcurrentAppendException.class,
                        () -> w.append(next, record(3), snapshot(3)), () -> "append with " + next);
                assertEquals(Optional.of(head), e.found(), "the exception names the stored head");
            }
            assertEquals(Optional.of(head), w.manifest());
            assertEquals(head, reopen(store).readManifest().orElseThrow());
            assertEquals(bytes, store.storedBytes());
            assertThrows(ChainStoreException.class, () -> reopen(store).readRecord(3));
            assertEquals(follows, w.append(follows, record(3), null),
                    "the writer still appends the version that follows");
        }
    }

    /** An append to a store that holds no chain is a {@link ConcurrentAppendException} with no head found. */
    @Test
    public void anAppendToAStoreWithoutAChainIsRefused() {
        ChainStore store = newStore();
        try (ChainStore.Writer w = store.lock()) {
            ConcurrentAppendException e = assertThrows(ConcurrentAppendException.class,
                    () -> w.append(manifest(2), record(1), null));
            assertEquals(Optional.empty(), e.found());
        }
        assertEquals(Optional.empty(), store.readManifest());
    }

    /** Reading a record or snapshot the store does not hold is a {@link ChainStoreException}, never a null or another type. */
    @Test
    public void readsOfVersionsTheStoreDoesNotHoldFailWithChainStoreException() {
        ChainStore store = newStore();
        writeThroughPort(store, 5);
        for (ChainStore reader : List.of(store, reopen(store))) {
            reader.readManifest();
            assertThrows(ChainStoreException.class, () -> reader.readRecord(0), "version 0 has no record");
            assertThrows(ChainStoreException.class, () -> reader.readRecord(5), "past the head");
            assertThrows(ChainStoreException.class, () -> reader.readRecord(-1));
            assertThrows(ChainStoreException.class, () -> reader.readSnapshot(1), "version 1 has no snapshot");
            assertThrows(ChainStoreException.class, () -> reader.readSnapshot(6), "past the head");
        }
    }

    /** {@link ChainStore#storedBytes()} is 0 without a chain and grows with every append. */
    @Test
    public void storedBytesIsZeroWithoutAChainAndGrowsWithEveryAppend() {
        ChainStore store = newStore();
        assertEquals(0, store.storedBytes());
        writeThroughPort(store, 1);
        long before = store.storedBytes();
        assertTrue(before > 0, "a base snapshot costs bytes: " + before);
        try (ChainStore.Writer w = store.lock()) {
            for (int i = 1; i < 5; i++) {
                w.append(w.manifest().orElseThrow().withLength(i + 1), record(i), i % 2 == 0 ? snapshot(i) : null);
                long now = store.storedBytes();
                assertTrue(now > before, "after version " + i + ": " + before + " then " + now); // a store may frame
                // its records more compactly than their wire bytes (the directory store's format 4 does)
                before = now;
            }
        }
        assertEquals(before, reopen(store).storedBytes(), "another instance counts the same bytes");
    }

    /** A closed writer refuses writes; closing it twice releases the lock once. */
    @Test
    public void aClosedWriterRefusesToWriteAndClosingTwiceIsHarmless() {
        ChainStore store = newStore();
        writeThroughPort(store, 2);
        ChainManifest head = store.readManifest().orElseThrow();
        ChainStore.Writer w = store.lock();
        w.close();
        w.close();
        assertThrows(ChainStoreException.class, () -> w.append(head.withLength(3), record(2), null));
        assertEquals(head, store.readManifest().orElseThrow());
        try (ChainStore.Writer again = store.lock(SHORT_WAIT)) {
            assertEquals(Optional.of(head), again.manifest(), "closing twice released the lock once");
        }
    }

    // ------------------------------------------------------------------ the port: one writer at a time

    /** While one writer holds the lock, another (on this instance or another, on another thread) gives up after its timeout with a {@link ChainLockedException}. */
    @Test
    public void aSecondWriterGivesUpWithChainLockedExceptionWhileTheFirstHoldsTheLock() throws Exception {
        ChainStore store = newStore();
        writeThroughPort(store, 1);
        try (ChainStore.Writer held = store.lock()) {
            for (ChainStore other : List.of(store, reopen(store))) {
                Future<ChainLockedException> second = workers.submit(() -> assertThrows(ChainLockedException.class,
                        () -> other.lock(SHORT_WAIT).close()));
                ChainLockedException e = await(second);
                assertFalse(e.store().isBlank(), "the exception names the store");
            }
            assertEquals(2, held.append(held.manifest().orElseThrow().withLength(2), record(1), null).length(),
                    "the holder still writes");
        }
    }

    /** A writer waiting for the lock gets it when the holder closes, and sees what the holder wrote. */
    @Test
    public void closingTheWriterReleasesTheLockToAWaitingWriter() throws Exception {
        ChainStore store = newStore();
        writeThroughPort(store, 1);
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Integer> second;
        try (ChainStore.Writer held = store.lock()) {
            second = workers.submit(() -> {
                waiting.countDown();
                try (ChainStore.Writer w = reopen(store).lock(Duration.ofSeconds(20))) {
                    return w.manifest().orElseThrow().length();
                }
            });
            waiting.await();
            Thread.sleep(50);
            held.append(held.manifest().orElseThrow().withLength(2), record(1), null);
        }
        assertEquals(2, await(second), "the waiting writer got the lock and saw the holder's append");
    }

    /** A write the chain refuses (a stale strict append, building over a stored chain) leaves the lock free. */
    @Test
    public void aRefusedWriteReleasesTheLock() throws Exception {
        ChainStore store = newStore();
        DeltaChain<String> strict = newChain(store, true);
        strict.add(state(0));
        open(reopen(store)).add(state(1));
        assertThrows(ConcurrentAppendException.class, () -> strict.add(state(2)));
        assertThrows(DeltaConfigurationException.class, () -> newChain(store, false));
        await(workers.submit(() -> {
            reopen(store).lock(SHORT_WAIT).close();
            return null;
        }));
    }

    // ------------------------------------------------------------------ through DeltaChain

    /** A {@link DeltaChain} over the store reopens from another instance with every version, verifies, and counts the store's bytes. */
    @Test
    public void aChainRoundTripsThroughTheStoreAndReopensWhole() {
        ChainStore store = newStore();
        DeltaChain<String> chain = newChain(store, false);
        int length = 11;
        for (int i = 0; i < length; i++) {
            assertEquals(i, chain.add(state(i)));
        }
        DeltaChain<String> reopened = assertHolds(store, firstStates(length));
        assertEquals(state(length - 1), reopened.current().orElseThrow());
        assertEquals(state(0), reopened.base().orElseThrow());
        assertEquals(7, reopened.deltaAt(7).orElseThrow().index());
        assertTrue(reopened.damagedVersions().isEmpty(), reopened.damagedVersions()::toString);
        assertEquals(store.storedBytes(), reopened.metrics().storedBytes());
        assertEquals(length, reopened.metrics().length());
    }

    /** Building a chain over a store that holds one is refused; {@code openOrCreate} opens the stored one. */
    @Test
    public void aChainOverAStoreThatHoldsOneRefusesToBeBuiltAndOpensInstead() {
        ChainStore store = newStore();
        newChain(store, false).add(state(0));
        assertThrows(DeltaConfigurationException.class, () -> newChain(reopen(store), false));
        DeltaChain<String> opened = DeltaChain.builder(StateFormats.utf8())
                .compressor(ContractFixture.compressor()).store(reopen(store)).openOrCreate();
        assertEquals(List.of(state(0)), states(opened));
    }

    /** Rebaseline and clear rewrite the chain (a new generation); what they leave reopens. */
    @Test
    public void rebaselineAndClearLeaveAChainThatReopens() {
        ChainStore store = newStore();
        DeltaChain<String> chain = chainOf(store, 5);
        long generation = store.readManifest().orElseThrow().generation();
        chain.rebaseline();
        ChainManifest rebased = reopen(store).readManifest().orElseThrow();
        assertTrue(rebased.generation() > generation);
        assertEquals(1, rebased.rebaselines());
        assertHolds(store, List.of(state(4)));
        chain.clear();
        assertHolds(store, List.of());
        chain.add(state(7));
        assertHolds(store, List.of(state(7)));
    }

    /**
     * Retention drops the oldest versions in one replace: the store then holds versions {@code first} on, under
     * their own indices (the first one as a snapshot without a record), refuses reads of the ones dropped, and
     * takes appends after the newest.
     */
    @Test
    public void aRetainedChainHoldsItsVersionsFromItsFirstUnderTheirOwnIndices() {
        ChainStore store = newStore();
        DeltaChain<String> chain = chainOf(store, 11);
        long before = store.storedBytes();
        assertEquals(6, chain.retainFrom(6));
        ChainStore other = reopen(store);
        ChainManifest m = other.readManifest().orElseThrow();
        assertEquals(6, m.first());
        assertEquals(11, m.length());
        assertEquals(5, m.versionsHeld());
        assertArrayEquals(snapshot(6), other.readSnapshot(6), "the first version is stored whole");
        assertEquals(6, other.snapshotIndices().first());
        assertEquals(OptionalInt.empty(), other.nearestSnapshot(5));
        assertEquals(OptionalInt.of(6), other.nearestSnapshot(7));
        for (int dropped : new int[] {1, 5, 6}) {
            assertThrows(ChainStoreException.class, () -> other.readRecord(dropped), "no record of version " + dropped);
        }
        assertThrows(ChainStoreException.class, () -> other.readSnapshot(3));
        assertEquals(7, DeltaRecord.fromBytes(other.readRecord(7), io.deltachain.api.Limits.defaults()).index());
        assertTrue(store.storedBytes() < before, store.storedBytes() + " of " + before);
        assertHolds(store, List.of(state(6), state(7), state(8), state(9), state(10)));
        assertEquals(11, open(reopen(store)).add(state(11)));
        assertHolds(store, List.of(state(6), state(7), state(8), state(9), state(10), state(11)));
        assertEquals(6, open(reopen(store)).firstIndex());
    }

    /** A chain that another writer overtook re-reads the head and appends after it (the default). */
    @Test
    public void aStaleChainReReadsTheHeadAndDiffsAgainstIt() {
        ChainStore store = newStore();
        DeltaChain<String> first = newChain(store, false);
        first.add(state(0));
        DeltaChain<String> second = open(reopen(store));
        first.add(state(1));
        first.add(state(2));
        assertEquals(3, second.add(state(3)), "the second chain's version goes after the first's");
        assertHolds(store, List.of(state(0), state(1), state(2), state(3)));
    }

    /** A rewrite by another writer that leaves the length as it was is still seen as a moved head: the store bumped the generation. */
    @Test
    public void aRewriteByAnotherWriterIsSeenEvenWhenTheLengthIsUnchanged() {
        ChainStore store = newStore();
        DeltaChain<String> first = newChain(store, false);
        first.add(state(0));
        first.add(state(1));
        DeltaChain<String> other = open(reopen(store));
        other.rebaseline();
        other.add(state(2));
        assertEquals(2, first.add(state(3)));
        assertHolds(store, List.of(state(1), state(2), state(3)));
    }

    /** A strict chain that another writer overtook fails with a {@link ConcurrentAppendException} and writes nothing; after a refresh it appends. */
    @Test
    public void aStrictChainRefusesToAppendPastAMovedHeadAndWritesNothing() {
        ChainStore store = newStore();
        DeltaChain<String> strict = newChain(store, true);
        strict.add(state(0));
        open(reopen(store)).add(state(1));
        ChainManifest moved = store.readManifest().orElseThrow();
        long bytes = store.storedBytes();
        ConcurrentAppendException e = assertThrows(ConcurrentAppendException.class, () -> strict.add(state(2)));
        assertEquals(2, e.found().orElseThrow().length());
        assertEquals(1, e.expected().orElseThrow().length());
        assertEquals(moved, reopen(store).readManifest().orElseThrow(), "nothing written");
        assertEquals(bytes, store.storedBytes());
        strict.refresh();
        assertEquals(2, strict.add(state(2)), "after a refresh the strict chain appends");
        assertHolds(store, List.of(state(0), state(1), state(2)));
    }

    /** Two chains adding at once, on two threads and two instances, both succeed: every version once, each writer's in its order. */
    @Test
    public void twoWritersTakeTurnsAndLoseNothing() throws Exception {
        ChainStore store = newStore();
        newChain(store, false).add("base");
        int each = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> writers = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            ChainStore mine = name.equals("a") ? store : reopen(store);
            writers.add(workers.submit(() -> {
                DeltaChain<String> chain = open(mine);
                start.await();
                for (int i = 0; i < each; i++) {
                    chain.add(name + " " + i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<Void> w : writers) {
            await(w);
        }
        DeltaChain<String> reopened = open(reopen(store));
        List<String> all = states(reopened);
        assertEquals(1 + 2 * each, all.size(), all::toString);
        assertEquals(all.size(), new HashSet<>(all).size(), () -> "a version twice: " + all);
        for (String name : List.of("a", "b")) {
            assertEquals(IntStream.range(0, each).mapToObj(i -> name + " " + i).toList(),
                    all.stream().filter(s -> s.startsWith(name + " ")).toList(), "one writer's versions in its order");
        }
        assertTrue(reopened.verify().ok(), reopened.verify().problems()::toString);
    }

    // ------------------------------------------------------------------ readers beside a writer

    /** A reader beside an appending writer sees a head that never goes back, and every version it counts reads. */
    @Test
    public void aReaderSeesAConsistentPrefixWhileAWriterAppends() throws Exception {
        ChainStore store = newStore();
        DeltaChain<String> writer = newChain(store, false);
        writer.add(state(0));
        int length = 16;
        AtomicBoolean done = new AtomicBoolean();
        Future<Void> appends = workers.submit(() -> {
            try {
                for (int i = 1; i < length; i++) {
                    writer.add(state(i));
                }
            } finally {
                done.set(true);
            }
            return null;
        });
        Future<Integer> reads = workers.submit(() -> {
            int seen = 0;
            int rounds = 0;
            boolean last;
            do {
                last = done.get();
                ChainStore reader = reopen(store);
                ChainManifest m = reader.readManifest().orElseThrow();
                assertTrue(m.length() >= seen, "the head went back from " + seen + " to " + m.length());
                for (int i = 1; i < m.length(); i++) {
                    assertEquals(i, DeltaRecord.fromBytes(reader.readRecord(i)).index(), "record of version " + i);
                }
                DeltaChain<String> chain = open(reader);
                int n = chain.length();
                assertTrue(n >= m.length());
                assertEquals(state(n - 1), chain.current().orElseThrow(), "the newest version a reader sees");
                assertEquals(state(n / 2), chain.stateAt(n / 2));
                seen = n;
                rounds++;
            } while (!last);
            return rounds;
        });
        await(appends);
        assertTrue(await(reads) >= 1);
        assertHolds(store, firstStates(length));
    }

    /**
     * A writer rebaselines over and over while a reader reads the whole chain. Round {@code r} adds
     * {@code "r.1"} to {@code "r.3"}, then rebaselines: so a chain with {@code k} rebaselines is
     * {@code [(k-1).3, k.1, ...]}. Every read that returns must see a chain of that form; a read that a
     * rewrite overtook may fail, but only with a {@link ChainStoreException} (a
     * {@link io.deltachain.core.ChainRewrittenException} once the chain is open), never with made-up damage
     * or the new chain's states under the old numbering.
     */
    @Test
    public void aReaderSeesARewriteWholeOrNotAtAll() throws Exception {
        ChainStore store = newStore();
        DeltaChain<String> writer = newChain(store, false);
        writer.add("start");
        AtomicBoolean done = new AtomicBoolean();
        Future<Void> rewrites = workers.submit(() -> {
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (int step = 1; step <= 3; step++) {
                        writer.add(round + "." + step);
                    }
                    writer.rebaseline();
                }
            } finally {
                done.set(true);
            }
            return null;
        });
        Future<Integer> reads = workers.submit(() -> {
            int whole = 0;
            boolean last;
            do {
                last = done.get();
                ChainStore reader = reopen(store);
                List<String> seen;
                long rebaselines;
                try {
                    DeltaChain<String> chain = open(reader);
                    rebaselines = chain.metrics().rebaselines();
                    seen = states(chain);
                } catch (ChainStoreException e) {
                    continue; // a rewrite overtook this read, and said so
                }
                List<String> expected = new ArrayList<>();
                expected.add(rebaselines == 0 ? "start" : (rebaselines - 1) + ".3");
                for (int i = 1; i < seen.size(); i++) {
                    expected.add(rebaselines + "." + i);
                }
                assertEquals(expected, seen, "a chain after " + rebaselines + " rebaselines");
                whole++;
            } while (!last);
            return whole;
        });
        await(rewrites);
        assertTrue(await(reads) >= 1, "the read after the writer finished sees a whole chain");
        assertHolds(store, List.of((ROUNDS - 1) + ".3"));
    }

    // ------------------------------------------------------------------ damage and crashes, where the store can have them

    /** A damaged record ({@link #damageRecord}) fails only the versions rebuilt through it, {@code verify} names it where {@link ChainStore#describeRecord(int)} says, and the chain still takes versions. */
    @Test
    public void aDamagedRecordFailsOnlyTheVersionsThatNeedIt() {
        ChainStore store = newStore();
        int length = 11;
        chainOf(store, length);
        assumeTrue(damageRecord(store, 4), "this store offers no way to damage a record (damageRecord)");
        Set<Integer> needIt = Set.of(4, 5);
        DeltaChain<String> reopened = open(reopen(store));
        for (int i = 0; i < length; i++) {
            int v = i;
            if (needIt.contains(i)) {
                assertEquals(i, assertThrows(DamagedVersionException.class, () -> reopened.stateAt(v)).version());
            } else {
                assertEquals(state(i), reopened.stateAt(i), "version " + i + " does not need the damaged record");
            }
        }
        assertEquals(needIt, reopened.damagedVersions().keySet());
        assertEquals(state(length - 1), reopened.current().orElseThrow());
        ChainVerification v = reopened.verify();
        assertFalse(v.ok());
        String where = reopened.store().describeRecord(4);
        assertTrue(v.problems().stream().anyMatch(p -> p.contains(where)), () -> "no problem names " + where + ": "
                + v.problems());
        reopened.add("after the damage");
        assertEquals("after the damage", open(reopen(store)).stateAt(length), "a readable head still takes versions");
    }

    /** A torn last append ({@link #tearLastAppend}): readers see the versions before it, the next writer's recovery drops it and says so (once), and the chain reopens with the rest and takes new versions. */
    @Test
    public void aTornLastAppendIsDroppedByTheNextWriterAndTheChainReopensWithTheRest() {
        ChainStore store = newStore();
        int length = 8;
        chainOf(store, length);
        assumeTrue(tearLastAppend(store), "this store cannot be torn (tearLastAppend)");
        ChainStore after = reopen(store);
        assertEquals(length - 1, after.readManifest().orElseThrow().length(),
                "a reader sees the versions before the torn one");
        try (ChainStore.Writer w = after.lock()) {
            assertFalse(w.recovery().isClean(), "recovery reports what it dropped");
            assertEquals(length - 1, w.manifest().orElseThrow().length());
        }
        try (ChainStore.Writer w = reopen(store).lock()) {
            assertTrue(w.recovery().isClean(), () -> "recovery ran twice: " + w.recovery().actions());
        }
        assertHolds(store, firstStates(length - 1)).add("after the crash");
        assertEquals("after the crash", open(reopen(store)).stateAt(length - 1));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Reopens the chain {@code store} holds through another instance and asserts that it holds exactly
     * {@code expected} and verifies.
     *
     * @return the reopened chain
     */
    private DeltaChain<String> assertHolds(ChainStore store, List<String> expected) {
        DeltaChain<String> reopened = open(reopen(store));
        assertEquals(expected, states(reopened));
        ChainVerification v = reopened.verify();
        assertTrue(v.ok(), v.problems()::toString);
        return reopened;
    }

    /** @return the contract's states of versions 0 to {@code length - 1} */
    private static List<String> firstStates(int length) {
        return IntStream.range(0, length).mapToObj(ContractFixture::state).toList();
    }

    /** Asserts that {@code actual} describes the chain {@code expected} does: every field but the format and generation. */
    private static void assertSameChain(ChainManifest expected, ChainManifest actual) {
        assertEquals(expected.withGeneration(0), new ChainManifest(expected.formatVersion(), actual.strategyId(),
                actual.stateFormatId(), actual.codecId(), actual.codecLevel(), actual.policy(), actual.snapshotEvery(),
                actual.length(), actual.rebaselines(), actual.optimisations(), 0), "the manifest as stored");
    }
}
