package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A history of states kept as a base snapshot plus deltas, with random access and verified integrity.
 *
 * <p>Versions are numbered 0 to {@code length() - 1}; version 0 is the base, stored as a snapshot
 * with no delta. {@link #add} appends a version; {@link #stateAt} rebuilds any version from the
 * nearest snapshot at or before it, checking every hash on the way. What happens as the chain grows
 * is the {@link ChainPolicy}. States handed in are copied, states handed out are fresh copies: a
 * caller can never change stored history.
 *
 * <pre>{@code
 * DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map()).strategy("dict").build();
 * chain.add(v0);
 * chain.add(v1);
 * Map<String, Object> first = chain.stateAt(0);
 * }</pre>
 *
 * <p>Thread-safe: many readers and one writer (a read-write lock; writers wait for readers).
 *
 * @param <S> the state type
 */
public final class DeltaChain<S> {
    /** Default of {@link Builder#maxChainLength(int)}. */
    public static final int DEFAULT_MAX_CHAIN_LENGTH = 20;
    /** Default of {@link Builder#snapshotEvery(int)}. */
    public static final int DEFAULT_SNAPSHOT_EVERY = 32;

    private final StateFormat<S> format;
    private final DeltaCompressor<S> compressor;
    private final ChainStore store;
    private final ChainPolicy policy;
    private final int maxChainLength;
    private final int snapshotEvery;
    private final String configuredStrategy;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Guarded by lock. records.get(i) produces version i; records.get(0) is null (the base).
    private final List<DeltaRecord> records = new ArrayList<>();
    private final TreeMap<Integer, byte[]> snapshots = new TreeMap<>();
    private PreparedState<S> current;
    private long rebaselines;
    private long optimisations;
    /** Set when a whole-chain rewrite failed: the store may hold the old chain or the new one. */
    private volatile DeltaException broken;

    private DeltaChain(StateFormat<S> format, DeltaCompressor<S> compressor, ChainStore store, ChainPolicy policy,
                       int maxChainLength, int snapshotEvery, String configuredStrategy) {
        this.format = format;
        this.compressor = compressor;
        this.store = store;
        this.policy = policy;
        this.maxChainLength = maxChainLength;
        this.snapshotEvery = snapshotEvery;
        this.configuredStrategy = configuredStrategy;
    }

    /**
     * @param format the state format
     * @param <S> the state type
     * @return a builder with defaults: strategy {@code auto}, codec {@code gzip} at its default level,
     *     policy {@link ChainPolicy#SNAPSHOT}, {@code maxChainLength} 20, {@code snapshotEvery} 32,
     *     an {@link InMemoryChainStore}, the default registry
     */
    public static <S> Builder<S> builder(StateFormat<S> format) {
        return new Builder<>(format);
    }

    /**
     * Reopens a stored chain whatever its state format.
     *
     * @param store a store holding a chain
     * @param registry where to find its state format, strategies and codec
     * @return the chain, every record's CRC and every hash on the way to the current version checked
     * @throws ChainStoreException when the store holds no chain
     */
    public static DeltaChain<?> open(ChainStore store, DeltaRegistry registry) {
        ChainManifest m = manifestOf(store);
        return open(store, registry, registry.stateFormat(m.stateFormatId()), Limits.defaults());
    }

    /**
     * Reopens a stored chain of a known state format.
     *
     * @param store a store holding a chain
     * @param registry where to find its strategies and codec
     * @param format the state format the caller expects
     * @param <S> the state type
     * @return the chain
     * @throws IncompatibleStateFormatException when the chain holds another format
     */
    public static <S> DeltaChain<S> open(ChainStore store, DeltaRegistry registry, StateFormat<S> format) {
        return open(store, registry, format, Limits.defaults());
    }

    /**
     * @param store a store holding a chain
     * @param registry where to find its strategies and codec
     * @param format the state format the caller expects
     * @param limits bounds for every decode and apply
     * @param <S> the state type
     * @return the chain
     */
    public static <S> DeltaChain<S> open(ChainStore store, DeltaRegistry registry, StateFormat<S> format, Limits limits) {
        ChainManifest m = manifestOf(store);
        if (!m.stateFormatId().equals(format.id())) {
            throw new IncompatibleStateFormatException("the stored chain holds " + m.stateFormatId() + " states, not "
                    + format.id());
        }
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).registry(registry).strategy(m.strategyId())
                .codec(m.codecId()).level(m.codecLevel()).limits(limits).build();
        DeltaChain<S> chain = new DeltaChain<>(format, compressor, store, m.policy(), m.maxChainLength(),
                m.snapshotEvery(), m.strategyId());
        chain.load(m);
        return chain;
    }

    private static ChainManifest manifestOf(ChainStore store) {
        return store.readManifest().orElseThrow(() -> new ChainStoreException(store
                + " holds no chain (no manifest); create one with DeltaChain.builder(...).store(store).build()"));
    }

    private void load(ChainManifest m) {
        rebaselines = m.rebaselines();
        optimisations = m.optimisations();
        if (m.length() == 0) {
            return;
        }
        for (int index : store.snapshotIndices()) {
            if (index < m.length()) {
                snapshots.put(index, store.readSnapshot(index));
            }
        }
        if (!snapshots.containsKey(0)) {
            throw new ChainStoreException(store + " lacks the snapshot of version 0");
        }
        records.add(null);
        for (int i = 1; i < m.length(); i++) {
            DeltaRecord r;
            try {
                r = DeltaRecord.fromBytes(store.readRecord(i), compressor.limits());
            } catch (io.deltachain.api.CorruptDeltaException e) {
                throw new io.deltachain.api.CorruptDeltaException("record of version " + i + " in " + store + ": "
                        + e.getMessage(), e);
            }
            if (r.index() != i || !r.stateFormatId().equals(format.id())) {
                throw new io.deltachain.api.CorruptDeltaException("record file of version " + i + " holds record #"
                        + r.index() + " of " + r.stateFormatId() + " states");
            }
            records.add(r);
        }
        current = rebuild(m.length() - 1);
    }

    /**
     * Appends a version; the first state added becomes version 0. Applies the policy afterwards.
     *
     * @param state the new state (copied)
     * @return the index of the new version after the policy ran (0 after a rebase)
     */
    public int add(S state) {
        PreparedState<S> next = PreparedState.of(format, format.copy(Objects.requireNonNull(state, "state")));
        lock.writeLock().lock();
        try {
            checkWritable();
            if (records.isEmpty()) {
                resetTo(next, rebaselines, optimisations);
                return 0;
            }
            int index = records.size();
            if (policy == ChainPolicy.REBASE && index + 1 > maxChainLength) {
                resetTo(next, rebaselines + 1, optimisations + 1);
                return 0;
            }
            DeltaRecord record = compressor.diff(current, next, index);
            store.writeRecord(index, record.toBytes());
            records.add(record);
            if (index % snapshotEvery == 0) {
                store.writeSnapshot(index, next.bytes);
                snapshots.put(index, next.bytes);
            }
            current = next;
            if (policy == ChainPolicy.MERGE && records.size() > maxChainLength) {
                foldOldest();
            } else {
                writeManifest();
            }
            return records.size() - 1;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes {@code base} the only version, replacing the stored chain in one step first. */
    private void resetTo(PreparedState<S> base, long newRebaselines, long newOptimisations) {
        TreeMap<Integer, byte[]> onlySnapshot = new TreeMap<>();
        onlySnapshot.put(0, base.bytes);
        replaceStored(manifest(1, newRebaselines, newOptimisations), onlySnapshot, new TreeMap<>());
        records.clear();
        snapshots.clear();
        records.add(null);
        snapshots.put(0, base.bytes);
        current = base;
        rebaselines = newRebaselines;
        optimisations = newOptimisations;
    }

    /** Folds deltas 1..k into one so that the chain has max(2, maxChainLength / 2) versions. */
    private void foldOldest() {
        int target = Math.max(2, maxChainLength / 2);
        int k = records.size() - target + 1;
        List<DeltaRecord> oldest = records.subList(1, k + 1);
        DeltaRecord merged;
        try {
            merged = compressor.merge(List.copyOf(oldest)).orElseThrow();
        } catch (UnsupportedDeltaOperationException e) {
            S base = format.fromBytes(snapshots.get(0), compressor.limits());
            merged = compressor.merge(base, List.copyOf(oldest)).orElseThrow();
        }
        List<DeltaRecord> kept = new ArrayList<>();
        kept.add(null);
        kept.add(merged.withIndex(1));
        for (int i = k + 1; i < records.size(); i++) {
            kept.add(records.get(i).withIndex(kept.size()));
        }
        TreeMap<Integer, byte[]> keptSnapshots = new TreeMap<>();
        keptSnapshots.put(0, snapshots.get(0));
        snapshots.tailMap(k, true).forEach((i, bytes) -> keptSnapshots.put(i - k + 1, bytes));
        TreeMap<Integer, byte[]> wire = new TreeMap<>();
        for (int i = 1; i < kept.size(); i++) {
            wire.put(i, kept.get(i).toBytes());
        }
        replaceStored(manifest(kept.size(), rebaselines, optimisations + 1), keptSnapshots, wire);
        records.clear();
        records.addAll(kept);
        snapshots.clear();
        snapshots.putAll(keptSnapshots);
        optimisations++;
    }

    /** Replaces the stored chain; if that fails, this chain refuses further writes until reopened. */
    private void replaceStored(ChainManifest manifest, TreeMap<Integer, byte[]> newSnapshots,
                               TreeMap<Integer, byte[]> newRecords) {
        try {
            store.replace(manifest, newSnapshots, newRecords);
        } catch (DeltaException e) {
            broken = e;
            throw new ChainStoreException("rewriting the chain in " + store + " failed (" + e.getMessage()
                    + "); the store holds the old or the new chain: reopen it with DeltaChain.open", e);
        }
    }

    private void checkWritable() {
        DeltaException cause = broken;
        if (cause != null) {
            throw new ChainStoreException("an earlier rewrite of this chain failed (" + cause.getMessage()
                    + "); reopen it with DeltaChain.open", cause);
        }
    }

    private void writeManifest() {
        store.writeManifest(manifest(records.size(), rebaselines, optimisations));
    }

    private ChainManifest manifest(int length, long newRebaselines, long newOptimisations) {
        return new ChainManifest(ChainManifest.CURRENT_VERSION, configuredStrategy, format.id(), compressor.codec().id(),
                compressor.level(), policy, maxChainLength, snapshotEvery, length, newRebaselines, newOptimisations);
    }

    /** @return the number of versions (0 for an empty chain) */
    public int length() {
        lock.readLock().lock();
        try {
            return records.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return whether the chain holds no version */
    public boolean isEmpty() {
        return length() == 0;
    }

    /**
     * @param index a version, 0 to {@code length() - 1}
     * @return a fresh copy of that version's state
     * @throws VersionNotFoundException when there is no such version
     */
    public S stateAt(int index) {
        lock.readLock().lock();
        try {
            checkIndex(index);
            if (index == records.size() - 1) {
                return format.copy(current.state);
            }
            return rebuild(index).state;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return a copy of the newest version, or empty when the chain is empty */
    public Optional<S> current() {
        lock.readLock().lock();
        try {
            return records.isEmpty() ? Optional.empty() : Optional.of(format.copy(current.state));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return a copy of version 0, or empty when the chain is empty */
    public Optional<S> base() {
        lock.readLock().lock();
        try {
            return records.isEmpty() ? Optional.empty()
                    : Optional.of(format.fromBytes(snapshots.get(0), compressor.limits()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @param index a version
     * @return the record that produces it from the version before, empty for version 0
     * @throws VersionNotFoundException when there is no such version
     */
    public Optional<DeltaRecord> deltaAt(int index) {
        lock.readLock().lock();
        try {
            checkIndex(index);
            return Optional.ofNullable(records.get(index));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes every version and resets the metrics; the chain's configuration stays. */
    public void clear() {
        lock.writeLock().lock();
        try {
            checkWritable();
            replaceStored(manifest(0, 0, 0), new TreeMap<>(), new TreeMap<>());
            records.clear();
            snapshots.clear();
            current = null;
            rebaselines = 0;
            optimisations = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes the newest version the only one, version 0; counted in {@link ChainMetrics#rebaselines()}. */
    public void rebaseline() {
        lock.writeLock().lock();
        try {
            checkWritable();
            if (records.isEmpty()) {
                return;
            }
            resetTo(current, rebaselines + 1, optimisations);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Re-reads every record and snapshot from the store (checking their CRCs), checks that each
     * record starts where the previous one ends, and rebuilds every version from the snapshots,
     * checking every hash; then compares what the store holds with this chain's view of it. Never
     * throws for a fault in the data: faults are listed.
     *
     * @return what was checked and what was wrong
     */
    public ChainVerification verify() {
        lock.readLock().lock();
        try {
            List<String> problems = new ArrayList<>();
            try {
                Optional<ChainManifest> manifest = store.readManifest();
                int stored = manifest.map(ChainManifest::length).orElse(0);
                if (stored != records.size()) {
                    problems.add("manifest: counts " + stored + " versions, the chain " + records.size());
                }
            } catch (DeltaException e) {
                problems.add("manifest: " + e.getMessage());
            }
            ChainAudit<S> audit = ChainAudit.run(store, compressor, records.size());
            problems.addAll(audit.problems);
            for (int i = 1; i < records.size(); i++) {
                DeltaRecord read = audit.records.get(i);
                if (read != null && !read.equals(records.get(i))) {
                    problems.add("record of version " + i + ": the stored record differs from the one in memory");
                }
            }
            if (audit.last != null && current != null && !Arrays.equals(audit.last.hash, current.hash)) {
                problems.add("version " + (records.size() - 1) + ": rebuilt state differs from the current state");
            }
            return new ChainVerification(audit.checked, problems);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Verifies a stored chain without opening it, so that a damaged chain can still be diagnosed:
     * everything {@link #verify()} checks except the comparison with an open chain's memory.
     *
     * @param store a store holding a chain
     * @param registry where to find its state format, strategies and codec
     * @param limits bounds for every decode and apply
     * @return what was checked and what was wrong
     * @throws ChainStoreException when the store holds no chain
     */
    public static ChainVerification verify(ChainStore store, DeltaRegistry registry, Limits limits) {
        ChainManifest m = manifestOf(store);
        return verifyStored(store, registry, registry.stateFormat(m.stateFormatId()), m, limits);
    }

    private static <S> ChainVerification verifyStored(ChainStore store, DeltaRegistry registry, StateFormat<S> format,
                                                      ChainManifest m, Limits limits) {
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).registry(registry).strategy(m.strategyId())
                .codec(m.codecId()).level(m.codecLevel()).limits(limits).build();
        ChainAudit<S> audit = ChainAudit.run(store, compressor, m.length());
        return new ChainVerification(audit.checked, audit.problems);
    }

    /**
     * @return the chain's shape and cost now; {@link ChainMetrics#storedBytes()} is asked of the store
     * @throws ChainStoreException when the store cannot tell what it holds
     */
    public ChainMetrics metrics() {
        lock.readLock().lock();
        try {
            long changes = 0;
            long removals = 0;
            long raw = 0;
            int longest = 0;
            int sinceSnapshot = 0;
            for (int i = 0; i < records.size(); i++) {
                DeltaRecord r = records.get(i);
                if (r != null) {
                    changes += r.changes();
                    removals += r.removals();
                    raw += r.rawSize();
                }
                byte[] snapshot = snapshots.get(i);
                if (snapshot != null) {
                    sinceSnapshot = 0;
                    if (i == 0) {
                        raw += snapshot.length;
                    }
                } else {
                    sinceSnapshot++;
                }
                longest = Math.max(longest, sinceSnapshot);
            }
            long stored = store.storedBytes();
            return new ChainMetrics(records.size(), rebaselines, optimisations, changes, removals, raw, stored,
                    snapshots.size(), longest);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the policy */
    public ChainPolicy policy() {
        return policy;
    }

    /** @return the policy's length bound */
    public int maxChainLength() {
        return maxChainLength;
    }

    /** @return the snapshot interval */
    public int snapshotEvery() {
        return snapshotEvery;
    }

    /** @return the state format */
    public StateFormat<S> stateFormat() {
        return format;
    }

    /** @return the compressor that makes and applies this chain's records */
    public DeltaCompressor<S> compressor() {
        return compressor;
    }

    /** @return the store */
    public ChainStore store() {
        return store;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= records.size()) {
            throw new VersionNotFoundException(records.isEmpty() ? "the chain is empty; there is no version " + index
                    : "no version " + index + "; the chain holds versions 0 to " + (records.size() - 1));
        }
    }

    private PreparedState<S> rebuild(int index) {
        Map.Entry<Integer, byte[]> snapshot = snapshots.floorEntry(index);
        byte[] bytes = snapshot.getValue();
        PreparedState<S> state = PreparedState.of(format.fromBytes(bytes, compressor.limits()), bytes);
        if (snapshot.getKey() > 0 && !records.get(snapshot.getKey()).sameHash(state.hash, true)) {
            throw new StateMismatchException("snapshot of version " + snapshot.getKey()
                    + " does not hash to the state its record produces; run verify()");
        }
        for (int i = snapshot.getKey() + 1; i <= index; i++) {
            state = compressor.apply(state, records.get(i));
        }
        return state;
    }

    @Override
    public String toString() {
        return "DeltaChain[" + length() + " versions of " + format.id() + ", " + configuredStrategy + ", " + policy
                + ", " + store + "]";
    }

    /**
     * Configures a new {@link DeltaChain}; {@link #build()} validates eagerly. Not thread-safe.
     *
     * @param <S> the state type
     */
    public static final class Builder<S> {
        private final DeltaCompressor.Builder<S> compressor;
        private String strategyId = DeltaCompressor.AUTO;
        private ChainStore store;
        private ChainPolicy policy = ChainPolicy.SNAPSHOT;
        private int maxChainLength = DEFAULT_MAX_CHAIN_LENGTH;
        private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private final StateFormat<S> format;

        private Builder(StateFormat<S> format) {
            this.format = Objects.requireNonNull(format, "format");
            this.compressor = DeltaCompressor.builder(format);
        }

        /** @param id a strategy id, {@code auto} or {@code none} @return this */
        public Builder<S> strategy(String id) {
            compressor.strategy(id);
            strategyId = id;
            return this;
        }

        /**
         * @param strategy a strategy instance; a reopened chain finds it by id in the registry, so
         *     register it there too
         * @return this
         */
        public Builder<S> strategy(DeltaStrategy<S> strategy) {
            compressor.strategy(strategy);
            strategyId = strategy.id();
            return this;
        }

        /** @param id codec id @return this */
        public Builder<S> codec(String id) {
            compressor.codec(id);
            return this;
        }

        /** @param level codec level @return this */
        public Builder<S> level(int level) {
            compressor.level(level);
            return this;
        }

        /** @param v registry @return this */
        public Builder<S> registry(DeltaRegistry v) {
            compressor.registry(v);
            return this;
        }

        /** @param v clock that stamps records @return this */
        public Builder<S> clock(Clock v) {
            compressor.clock(v);
            return this;
        }

        /** @param v limits for every decode and apply @return this */
        public Builder<S> limits(Limits v) {
            compressor.limits(v);
            return this;
        }

        /** @param v where the chain is kept; must hold no chain yet @return this */
        public Builder<S> store(ChainStore v) {
            this.store = Objects.requireNonNull(v, "store");
            return this;
        }

        /** @param v the policy @return this */
        public Builder<S> policy(ChainPolicy v) {
            this.policy = Objects.requireNonNull(v, "policy");
            return this;
        }

        /** @param v the length bound of {@code REBASE} and {@code MERGE}; at least 2 @return this */
        public Builder<S> maxChainLength(int v) {
            this.maxChainLength = v;
            return this;
        }

        /** @param v store a snapshot every this many versions; at least 1 @return this */
        public Builder<S> snapshotEvery(int v) {
            this.snapshotEvery = v;
            return this;
        }

        /**
         * @return the chain, its manifest written to the store
         * @throws DeltaConfigurationException when a setting is out of range or the store already
         *     holds a chain (reopen that with {@link DeltaChain#open})
         */
        public DeltaChain<S> build() {
            if (maxChainLength < 2) {
                throw new DeltaConfigurationException("maxChainLength must be at least 2, got " + maxChainLength);
            }
            if (snapshotEvery < 1) {
                throw new DeltaConfigurationException("snapshotEvery must be at least 1, got " + snapshotEvery);
            }
            ChainStore target = store != null ? store : new InMemoryChainStore();
            if (target.readManifest().isPresent()) {
                throw new DeltaConfigurationException(target + " already holds a chain; reopen it with DeltaChain.open");
            }
            DeltaChain<S> chain = new DeltaChain<>(format, compressor.build(), target, policy, maxChainLength,
                    snapshotEvery, strategyId);
            chain.writeManifest();
            return chain;
        }
    }
}
