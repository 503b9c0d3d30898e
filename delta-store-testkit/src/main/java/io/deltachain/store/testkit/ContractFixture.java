package io.deltachain.store.testkit;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainPolicy;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the contract's checks share: the states they store, the registry and compressor that make their
 * records, manifests and whole chains written through the port, and waiting for worker threads.
 */
final class ContractFixture {
    /** The snapshot spacing of every chain the contract writes: versions 0, 3, 6, ... carry a snapshot. */
    static final int SNAPSHOT_EVERY = 3;
    /** Knows the contract's strategy; the {@code identity} codec and {@code utf8-text} are always present. */
    static final DeltaRegistry REGISTRY = DeltaRegistry.builder().strategy(new PrefixTailStrategy()).build();
    /** How long a worker thread may take before the check fails as a deadlock. */
    private static final long WORKER_SECONDS = 60;

    private ContractFixture() {
    }

    /** @return a fresh compressor: the contract's strategy, the identity codec */
    static DeltaCompressor<String> compressor() {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(REGISTRY).strategy(PrefixTailStrategy.ID)
                .codec("identity").build();
    }

    /** @return the state the contract stores as version {@code i}: each shares a prefix with the one before */
    static String state(int i) {
        return "version " + i + " of the contract " + "x".repeat(i % 5);
    }

    /** @return the canonical bytes of {@link #state(int)} */
    static byte[] snapshot(int i) {
        return StateFormats.utf8().toBytes(state(i));
    }

    /** @return the wire bytes of the record that turns version {@code i - 1} into version {@code i} */
    static byte[] record(int i) {
        return compressor().diff(state(i - 1), state(i)).withIndex(i).toBytes();
    }

    /** @return the manifest of a chain of {@code length} versions made with {@link #compressor()} */
    static ChainManifest manifest(int length) {
        DeltaCompressor<String> c = compressor();
        return new ChainManifest(ChainManifest.FROM_ZERO_VERSION, c.strategyId(), StateFormats.utf8().id(), c.codec().id(),
                c.level(), ChainPolicy.keepAll(), SNAPSHOT_EVERY, length, 0, 0);
    }

    /**
     * Writes a chain of {@code length} versions (at least 1) through the port, as {@link DeltaChain} does:
     * create, a replace holding version 0, then one append per version.
     *
     * @return the record wires written, by version (index 0 unused)
     */
    static List<byte[]> writeThroughPort(ChainStore store, int length) {
        List<byte[]> wires = new ArrayList<>();
        wires.add(null);
        try (ChainStore.Writer w = store.lock()) {
            w.create(manifest(0));
            ChainManifest head = w.replace(manifest(1), new TreeMap<>(Map.of(0, snapshot(0))), new TreeMap<>());
            for (int i = 1; i < length; i++) {
                byte[] wire = record(i);
                wires.add(wire);
                head = w.append(head.withLength(i + 1), wire, i % SNAPSHOT_EVERY == 0 ? snapshot(i) : null);
            }
        }
        return wires;
    }

    /** @return a new chain over {@code store}, made with {@link #compressor()} */
    static DeltaChain<String> newChain(ChainStore store, boolean strict) {
        return DeltaChain.builder(StateFormats.utf8()).compressor(compressor()).snapshotEvery(SNAPSHOT_EVERY)
                .strictAppends(strict).store(store).build();
    }

    /** @return a new chain over {@code store} holding {@link #state(int) states} 0 to {@code length - 1} */
    static DeltaChain<String> chainOf(ChainStore store, int length) {
        DeltaChain<String> chain = newChain(store, false);
        for (int i = 0; i < length; i++) {
            chain.add(state(i));
        }
        return chain;
    }

    /** @return the chain {@code store} holds, opened as a reader or another writer would */
    static DeltaChain<String> open(ChainStore store) {
        return DeltaChain.open(store, REGISTRY, StateFormats.utf8());
    }

    /** @return every state of {@code chain}, oldest first (from its first version: retention may drop some) */
    static List<String> states(DeltaChain<String> chain) {
        List<String> out = new ArrayList<>();
        for (int i = chain.firstIndex(); i < chain.length(); i++) {
            out.add(chain.stateAt(i));
        }
        return out;
    }

    /** @return what a worker returned; its assertion failure or exception is rethrown as the check's own */
    static <T> T await(Future<T> worker) throws Exception {
        try {
            return worker.get(WORKER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("a worker thread did not finish within " + WORKER_SECONDS + " s (deadlock?)", e);
        }
    }
}
