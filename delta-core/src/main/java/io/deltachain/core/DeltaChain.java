package io.deltachain.core;

import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.RecordIndexMismatchException;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.StateFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A history of states kept as a base snapshot plus deltas, with random access and verified integrity.
 *
 * <p>Versions are numbered 0 to {@code length() - 1}; version 0 is the base, stored as a snapshot
 * with no delta. {@link #add} appends a version; {@link #stateAt} rebuilds any version from the
 * nearest snapshot at or before it, checking every hash on the way. What happens as the chain grows
 * is its {@link ChainPolicy}; its {@link DeltaCompressor} makes and applies the records. States
 * handed in are copied, states handed out are fresh copies: a caller can never change stored history.
 *
 * <pre>{@code
 * DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map())
 *         .compressor(Deltas.compressor("dict", JsonFormats.map()))
 *         .policy(ChainPolicy.rebaseAfter(50))
 *         .store(new DirectoryChainStore(Path.of("history")))
 *         .openOrCreate();
 * chain.add(v0);
 * chain.add(v1);
 * Map<String, Object> first = chain.stateAt(0);
 * }</pre>
 *
 * <p>Thread-safe: many readers and one writer (a read-write lock; writers wait for readers). Every
 * write ({@link #add}, {@link #clear}, {@link #rebaseline}, creating the chain) holds the store's writer
 * lock ({@link ChainStore#lock()}) for that write only, so chains over one store, in one process or many,
 * take turns. Under the lock a chain checks that the stored head is the one it last saw; when another
 * writer moved it, the chain re-reads the head and makes its record against that (the version order is
 * the order writes were acknowledged in), or, with {@link Builder#strictAppends(boolean)}, throws
 * {@link ConcurrentAppendException}. It never writes a record against a stale base.
 *
 * @param <S> the state type
 */
public final class DeltaChain<S> {
    /** How many times {@link #verify(ChainStore, DeltaRegistry, Limits)} checks a chain that a writer changes meanwhile. */
    private static final int VERIFY_ATTEMPTS = 5;

    /** Default of {@link Builder#snapshotEvery(int)}. */
    public static final int DEFAULT_SNAPSHOT_EVERY = 32;

    private static final Logger LOG = LoggerFactory.getLogger(DeltaChain.class);

    private final StateFormat<S> format;
    private final DeltaCompressor<S> compressor;
    private final ChainStore store;
    private final ChainPolicy policy;
    private final PolicyRule rule;
    private final int snapshotEvery;
    private final boolean strictAppends;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Guarded by lock.
    private ChainVersions<S> versions;
    private long rebaselines;
    private long optimisations;
    /** The stored head this chain last wrote or read: a write whose store head differs catches up first. */
    private ChainManifest head;
    /** The store's writer while a write holds its lock, else null. */
    private ChainStore.Writer writer;
    /** Set when a whole-chain rewrite failed: the store may hold the old chain or the new one. */
    private volatile DeltaException broken;
    /** Set when {@link #compact} rewrote the chain with another compressor: why this one writes no more. */
    private volatile String compacted;

    private DeltaChain(DeltaCompressor<S> compressor, ChainStore store, ChainPolicy policy, int snapshotEvery,
                       boolean strictAppends) {
        this.strictAppends = strictAppends;
        this.format = compressor.stateFormat();
        this.compressor = compressor;
        this.store = store;
        this.policy = policy;
        this.rule = PolicyRule.of(policy);
        this.snapshotEvery = snapshotEvery;
        this.versions = ChainVersions.empty(compressor);
    }

    /**
     * @param format the state format
     * @param <S> the state type
     * @return a builder with defaults: the compressor {@code DeltaCompressor.builder(format).build()}
     *     (strategy {@code auto}, codec {@code gzip} at its default level, the default registry),
     *     {@link ChainPolicy#keepAll()}, {@code snapshotEvery} 32, an {@link InMemoryChainStore}
     */
    public static <S> Builder<S> builder(StateFormat<S> format) {
        return new Builder<>(format);
    }

    /**
     * Opens the chain {@code store} holds, or creates one there with {@code compressor} and the
     * builder's other defaults; see {@link Builder#openOrCreate()}.
     *
     * @param store where the chain is kept
     * @param compressor makes the records of a new chain; for a stored chain its registry, limits and
     *     clock are used with the stored strategy, codec and level
     * @param <S> the state type
     * @return the chain
     */
    public static <S> DeltaChain<S> openOrCreate(ChainStore store, DeltaCompressor<S> compressor) {
        return builder(compressor.stateFormat()).compressor(compressor).store(store).openOrCreate();
    }

    /**
     * Reopens a stored chain whatever its state format, when {@code registry} knows that format by id
     * (built-in and discovered formats; a typed format such as {@code JsonFormats.of(Order.class)} is
     * reopened with {@link #open(ChainStore, DeltaRegistry, StateFormat)}).
     *
     * @param store a store holding a chain
     * @param registry where to find its state format, strategies and codec
     * @return the chain; opening reads the manifest only (the directory store: with its index's last
     *     entry), so it takes as long for any length; every record and hash is checked when a version is read
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
        return open(store, registry, format, limits, Clock.systemUTC());
    }

    /**
     * @param store a store holding a chain
     * @param registry where to find its strategies and codec
     * @param format the state format the caller expects
     * @param limits bounds for every decode and apply
     * @param clock the clock that stamps the records this chain adds from now on
     * @param <S> the state type
     * @return the chain
     */
    public static <S> DeltaChain<S> open(ChainStore store, DeltaRegistry registry, StateFormat<S> format, Limits limits,
                                         Clock clock) {
        ChainManifest m = manifestOf(store);
        checkFormat(m, format);
        return opened(store, m, compressorFor(m, registry, format, limits, clock), false);
    }

    private static ChainManifest manifestOf(ChainStore store) {
        return store.readManifest().orElseThrow(() -> new ChainStoreException(store
                + " holds no chain (no manifest); create one with DeltaChain.builder(...).store(store).build()"));
    }

    private static void checkFormat(ChainManifest m, StateFormat<?> format) {
        if (!m.stateFormatId().equals(format.id())) {
            throw new IncompatibleStateFormatException("the stored chain holds " + m.stateFormatId() + " states, not "
                    + format.id());
        }
    }

    private static <S> DeltaCompressor<S> compressorFor(ChainManifest m, DeltaRegistry registry, StateFormat<S> format,
                                                        Limits limits, Clock clock) {
        return DeltaCompressor.builder(format).registry(registry).strategy(m.strategyId()).codec(m.codecId())
                .level(m.codecLevel()).limits(limits).clock(clock).build();
    }

    /** The chain {@code m} describes, read with {@code compressor}, which has the stored settings. */
    private static <S> DeltaChain<S> opened(ChainStore store, ChainManifest m, DeltaCompressor<S> compressor,
                                            boolean strictAppends) {
        DeltaChain<S> chain = new DeltaChain<>(compressor, store, m.policy(), m.snapshotEvery(), strictAppends);
        chain.rebaselines = m.rebaselines();
        chain.optimisations = m.optimisations();
        chain.versions = ChainVersions.open(store, m, compressor);
        chain.head = m;
        return chain;
    }

    /**
     * Appends a version; the first state added becomes version 0. The policy decides what adding does
     * past its bound.
     *
     * @param state the new state (copied)
     * @return the index of the new version after the policy ran (0 after a rebase)
     */
    public int add(S state) {
        // the state read back from its canonical bytes is what the chain keeps: a fresh object (no copy
        // of the caller's is needed) equal to what any later read returns
        PreparedState<S> next = ReadBack.check(format, compressor.limits(),
                PreparedState.of(format, Objects.requireNonNull(state, "state")));
        return write(true, () -> {
            if (versions.length() == 0) {
                replaceVersions(ChainVersions.only(compressor, next), 0, 0);
            } else {
                rule.add(this, next);
            }
            return versions.length() - 1;
        });
    }

    /** A write: this chain's lock, then the store's writer lock for {@code body} only. */
    private <T> T write(boolean fromHead, java.util.function.Supplier<T> body) {
        lock.writeLock().lock();
        try (ChainStore.Writer w = store.lock()) {
            checkWritable();
            writer = w;
            catchUp(w, fromHead);
            return body.get();
        } finally {
            writer = null;
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds the version a received record produces: the original's {@code add_delta}, so that a chain
     * can feed a replica over the wire ({@link #deltaBetween} on one side, this on the other). The
     * record must start from this chain's newest version; its result is hash-checked and must read
     * back under this chain's limits before anything is stored. The policy runs as for {@link #add};
     * the version is stored as this chain's own record (its strategy, codec and clock), which produces
     * the same state, hash for hash.
     *
     * <p>The record's index must be the version it produces here, {@link #length()}, or 0 (a record
     * made outside a chain, as {@link DeltaCompressor#diff} makes it, claims no place); a record that
     * claims another version, e.g. one that {@link #deltaBetween} composed over several versions, is
     * refused with a {@link RecordIndexMismatchException}: {@link #appendRenumbered} takes it anyway.
     *
     * @param record a record whose base hash is the newest version's
     * @return the index of the new version after the policy ran
     * @throws StateMismatchException when the record starts from another state, or the chain is empty
     * @throws RecordIndexMismatchException when the record claims another version than the next one
     * @throws io.deltachain.api.InconsistentRecordException when another header field disagrees with the
     *     payload or the result
     * @throws IncompatibleStateFormatException when the record holds another state format
     */
    public int append(DeltaRecord record) {
        return append(record, false);
    }

    /**
     * {@link #append(DeltaRecord)} whatever version the record's index claims: the version is numbered
     * as this chain's next one (its stored record is this chain's own anyway). For a replica numbered
     * otherwise than its source, or a record that takes several versions at once.
     *
     * @param record a record whose base hash is the newest version's
     * @return the index of the new version after the policy ran
     * @throws StateMismatchException when the record starts from another state, or the chain is empty
     * @throws io.deltachain.api.InconsistentRecordException when a header field other than the index
     *     disagrees with the payload or the result
     * @throws IncompatibleStateFormatException when the record holds another state format
     */
    public int appendRenumbered(DeltaRecord record) {
        return append(record, true);
    }

    private int append(DeltaRecord record, boolean renumber) {
        Objects.requireNonNull(record, "record");
        ReadBack.check(compressor.limits(), record);
        return write(true, () -> {
            if (versions.length() == 0) {
                throw new StateMismatchException("the chain is empty: a record needs the version it starts from;"
                        + " add the first state with add()");
            }
            PreparedState<S> head = versions.current();
            if (!record.sameHash(head.hash, false)) {
                throw new StateMismatchException("the record (#" + record.index() + ") starts from SHA-256 "
                        + record.baseHashHex().substring(0, 16) + "..., not this chain's newest version "
                        + (versions.length() - 1) + "; send the records from version " + (versions.length() - 1) + " on");
            }
            if (!renumber && record.index() != 0) {
                RecordChecks.index(record, versions.length(), "appending a record to a chain of " + versions.length()
                        + " versions", "it was made for another numbering (a composed record, another chain);"
                        + " appendRenumbered() takes it as version " + versions.length());
            }
            PreparedState<S> next = compressor.apply(head, record);
            rule.add(this, ReadBack.check(format, compressor.limits(), next));
            return versions.length() - 1;
        });
    }

    /**
     * One record that takes version {@code from} to version {@code to}: the records between composed
     * into one where their strategy can ({@link DeltaCompressor#merge(List)}) and the composed record
     * applies to version {@code from} under the chain's limits (it is applied once to check), otherwise
     * (another strategy, a damaged record between, a composition that passes a limit, or {@code to}
     * before {@code from}) the two states diffed with this chain's compressor. Its index is {@code to}.
     *
     * @param from a version
     * @param to a version
     * @return a record whose base hash is version {@code from}'s and target hash version {@code to}'s
     * @throws VersionNotFoundException when either version does not exist
     * @throws DamagedVersionException when a state it needs is damaged
     */
    public DeltaRecord deltaBetween(int from, int to) {
        lock.readLock().lock();
        try {
            checkIndex(from);
            checkIndex(to);
            if (from < to) {
                try {
                    List<DeltaRecord> between = new ArrayList<>();
                    for (int i = from + 1; i <= to; i++) {
                        between.add(versions.record(i));
                    }
                    DeltaRecord merged = compressor.merge(between).orElseThrow();
                    // What a chain hands out reads back: composing can pass a bound that no record alone
                    // passes (a json-patch's work, moves across a large array summed over many versions).
                    compressor.apply(prepared(from), merged);
                    return merged;
                } catch (UnsupportedDeltaOperationException | DamagedVersionException | LimitExceededException e) {
                    // re-diffed below
                }
            }
            return compressor.diff(prepared(from), prepared(to), to);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * What changes from version {@code from} to version {@code to}, rendered for people: the two states
     * diffed afresh (not the stored records composed, whose hunks may be longer) and described with
     * version {@code from} as the base ({@link DeltaCompressor#describeChange}; for text, a unified
     * diff's hunks with three lines of context).
     *
     * @param from a version
     * @param to a version, before or after {@code from}
     * @return the rendering; empty when no strategy for this chain's states renders one; the empty
     *     string when the two versions are equal
     * @throws VersionNotFoundException when either version does not exist
     * @throws DamagedVersionException when either state is damaged
     */
    public Optional<String> describeChange(int from, int to) {
        lock.readLock().lock();
        try {
            checkIndex(from);
            checkIndex(to);
            return compressor.describeChange(prepared(from).state, prepared(to).state);
        } finally {
            lock.readLock().unlock();
        }
    }

    private PreparedState<S> prepared(int index) {
        return index == versions.length() - 1 ? versions.current() : versions.rebuild(index);
    }

    /**
     * Under the store's lock: when another writer moved the stored head since this chain last saw it,
     * re-reads it (or, in strict mode and for a write that builds on the head, refuses).
     */
    private void catchUp(ChainStore.Writer w, boolean fromHead) {
        ChainManifest stored = w.manifest().orElseThrow(() -> new ChainStoreException(store
                + " no longer holds this chain (its manifest is gone); create it again"));
        if (head != null && stored.sameHead(head)) {
            return;
        }
        if (fromHead && strictAppends) {
            throw new ConcurrentAppendException("another writer moved the head of " + store + " from " + describe(head)
                    + " to " + describe(stored) + " since this chain last saw it; reopen the chain (strict appends)",
                    head, stored);
        }
        LOG.debug("{}: another writer moved the head from {} to {}; re-reading it", store, describe(head),
                describe(stored));
        if (fromHead) {
            versions = ChainVersions.open(store, stored, compressor);
        }
        rebaselines = stored.rebaselines();
        optimisations = stored.optimisations();
        head = stored;
    }

    private static String describe(ChainManifest m) {
        return m == null ? "no chain" : m.length() + " versions (generation " + m.generation() + ")";
    }

    /** For the policy rules, under the write lock: the versions held. */
    ChainVersions<S> versions() {
        return versions;
    }

    /** For the policy rules, under the write lock: stores {@code next} as a delta from the newest version. */
    void appendVersion(PreparedState<S> next) {
        int index = versions.length();
        DeltaRecord record = compressor.diff(versions.current(), next, index);
        ReadBack.check(compressor.limits(), record);
        boolean snapshot = index % snapshotEvery == 0;
        head = writer.append(manifest(versions.first(), index + 1, rebaselines, optimisations)
                        .withGeneration(head.generation()),
                record.toBytes(), snapshot ? next.bytes : null);
        versions.append(record, next, snapshot);
    }

    /**
     * For the policy rules, under the write lock: replaces the whole chain with {@code next} in one
     * step, adding to the counts; if that fails, this chain refuses further writes until reopened.
     */
    void replaceVersions(ChainVersions<S> next, long moreRebaselines, long moreOptimisations) {
        replaceAll(next, rebaselines + moreRebaselines, optimisations + moreOptimisations);
    }

    private void replaceAll(ChainVersions<S> next, long newRebaselines, long newOptimisations) {
        ChainManifest manifest = manifest(next.first(), next.length(), newRebaselines, newOptimisations);
        try {
            head = writer.replace(manifest, next.snapshots(), next.recordWires());
        } catch (DeltaException e) {
            broken = e;
            throw new ChainStoreException("rewriting the chain in " + store + " failed (" + e.getMessage()
                    + "); the store holds the old or the new chain: reopen it with DeltaChain.open", e);
        }
        versions = next.backedBy(store, head);
        rebaselines = manifest.rebaselines();
        optimisations = manifest.optimisations();
    }

    private void checkWritable() {
        if (compacted != null) {
            throw new ChainStoreException(compacted);
        }
        DeltaException cause = broken;
        if (cause != null) {
            throw new ChainStoreException("an earlier rewrite of this chain failed (" + cause.getMessage()
                    + "); reopen it with DeltaChain.open", cause);
        }
    }

    private ChainManifest manifest(int first, int length, long newRebaselines, long newOptimisations) {
        return manifestOf(compressor, first, length, newRebaselines, newOptimisations);
    }

    private ChainManifest manifestOf(DeltaCompressor<S> with, int first, int length, long newRebaselines,
                                     long newOptimisations) {
        return new ChainManifest(ChainManifest.FROM_ZERO_VERSION, with.strategyId(), format.id(), with.codec().id(),
                with.level(), policy, snapshotEvery, length, newRebaselines, newOptimisations).withFirst(first);
    }

    /**
     * One past the newest version's index: the index the next version gets. The versions held are
     * {@link #firstIndex()} to {@code length() - 1}; that is {@code length()} of them unless retention dropped
     * the oldest ({@link #retainFrom}).
     *
     * @return one past the newest version's index (0 for an empty chain)
     */
    public int length() {
        lock.readLock().lock();
        try {
            return versions.length();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The oldest version held: 0, unless retention dropped the versions before it ({@link #retainFrom},
     * {@link #retainLast}, {@link #retainAfter}). That version has no record, as version 0 has none: its state is
     * stored whole. Indices never move: version 1,000 stays version 1,000 when the versions before it go.
     *
     * @return the index of the oldest version held (0 for an empty chain)
     */
    public int firstIndex() {
        lock.readLock().lock();
        try {
            return versions.first();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return how many versions the chain holds: {@code length() - firstIndex()} */
    public int versionsHeld() {
        lock.readLock().lock();
        try {
            return versions.count();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return whether the chain holds no version */
    public boolean isEmpty() {
        return length() == 0;
    }

    /**
     * @param index a version, {@link #firstIndex()} (0 unless retention dropped the oldest) to {@code length() - 1}
     * @return a fresh copy of that version's state
     * @throws VersionNotFoundException when there is no such version
     * @throws DamagedVersionException when it depends on a damaged record or snapshot (the versions that
     *     do not still read; {@link #damagedVersions()} lists the ones that do)
     */
    public S stateAt(int index) {
        lock.readLock().lock();
        try {
            checkIndex(index);
            if (index == versions.length() - 1) {
                return format.copy(versions.current().state);
            }
            return versions.rebuild(index).state;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The newest version added at or before {@code time}, by the timestamps of the records (the first version,
     * 0 or where retention left the chain starting, has none: its time is not recorded, so it is never the answer;
     * ask for it by index). The records are read from
     * the newest back until one is at or before {@code time}, so a time near the head costs a few reads and one
     * before all of them a read of every record's header (timestamps need not grow with the index: records
     * appended with their own may carry any).
     *
     * @param time a point in time
     * @return that version, empty when no version after the first was added at or before it
     * @throws DamagedVersionException when a record read on the way is damaged (its time is not known, so the
     *     answer could be wrong)
     */
    public java.util.OptionalInt versionAt(java.time.Instant time) {
        Objects.requireNonNull(time, "time");
        lock.readLock().lock();
        try {
            for (int i = versions.length() - 1; i > versions.first(); i--) {
                if (!versions.record(i).timestamp().isAfter(time)) {
                    return java.util.OptionalInt.of(i);
                }
            }
            return java.util.OptionalInt.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @param time a point in time
     * @return a copy of the newest version added at or before {@code time} ({@link #versionAt(java.time.Instant)})
     * @throws VersionNotFoundException when no version after the first was added at or before it, naming the
     *     oldest time there is
     * @throws DamagedVersionException when that version, or a record read on the way, is damaged
     */
    public S stateAt(java.time.Instant time) {
        lock.readLock().lock();
        try {
            java.util.OptionalInt v = versionAt(time);
            if (v.isEmpty()) {
                int first = versions.first();
                if (versions.count() < 2) {
                    throw new VersionNotFoundException("no version was added at or before " + time + ": the chain"
                            + " holds " + (versions.length() == 0 ? "no version"
                            : "version " + first + " alone, whose time is not recorded (read it by index: " + first
                            + ")"));
                }
                int oldest = first + 1;
                for (int i = first + 2; i < versions.length(); i++) { // read by versionAt already: from the cache
                    if (versions.record(i).timestamp().isBefore(versions.record(oldest).timestamp())) {
                        oldest = i;
                    }
                }
                throw new VersionNotFoundException("no version was added at or before " + time + ": the oldest time"
                        + " is version " + oldest + "'s, " + versions.record(oldest).timestamp() + " (version " + first
                        + "'s time is not recorded; read it by index: " + first + ")");
            }
            return stateAt(v.getAsInt());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @return a copy of the newest version, or empty when the chain is empty; rebuilt on the first call
     *     after opening, kept after that
     * @throws DamagedVersionException when it depends on a damaged record or snapshot
     */
    public Optional<S> current() {
        lock.readLock().lock();
        try {
            return versions.length() == 0 ? Optional.empty() : Optional.of(format.copy(versions.current().state));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @return a copy of the first version ({@link #firstIndex()}: 0 unless retention dropped the oldest), or empty
     *     when the chain is empty
     * @throws DamagedVersionException when its snapshot is damaged
     */
    public Optional<S> base() {
        lock.readLock().lock();
        try {
            return versions.length() == 0 ? Optional.empty()
                    : Optional.of(format.fromBytes(versions.baseBytes(), compressor.limits()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @param index a version
     * @return the record that produces it from the version before, empty for the first version
     * @throws VersionNotFoundException when there is no such version
     * @throws DamagedVersionException when that record is damaged
     */
    public Optional<DeltaRecord> deltaAt(int index) {
        lock.readLock().lock();
        try {
            checkIndex(index);
            return Optional.ofNullable(versions.record(index));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Every version that cannot be read, each with the fault that stops it (the damaged record or
     * snapshot, its file where the store can tell), from one pass over the stored records and
     * snapshots: CRCs, indices, links, snapshot hashes, and whatever earlier reads found. No state is
     * rebuilt: {@link #verify()} also replays every delta.
     *
     * @return version to fault, ascending; empty when every version reads
     */
    public SortedMap<Integer, String> damagedVersions() {
        lock.readLock().lock();
        try {
            return Collections.unmodifiableSortedMap(versions.damaged());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Sees what the store holds now: a reader that opened the chain before a writer (another process,
     * another chain on the same store) added versions sees them afterwards. Reads the manifest, nothing
     * more; the newest state is rebuilt when next needed. After a rewrite by someone else (rebase, merge,
     * clear) it sees the new chain. A chain whose own rewrite failed may write again after a refresh.
     *
     * @throws ChainStoreException when the store holds no chain any more
     */
    public void refresh() {
        lock.writeLock().lock();
        try {
            ChainManifest m = manifestOf(store);
            versions = ChainVersions.open(store, m, compressor);
            rebaselines = m.rebaselines();
            optimisations = m.optimisations();
            head = m;
            broken = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every version and resets the metrics; the chain's configuration stays. */
    public void clear() {
        write(false, () -> {
            replaceAll(ChainVersions.empty(compressor), 0, 0);
            return null;
        });
    }

    /** Makes the newest version the only one, version 0; counted in {@link ChainMetrics#rebaselines()}. */
    public void rebaseline() {
        write(true, () -> {
            if (versions.length() > 0) {
                replaceVersions(ChainVersions.only(compressor, versions.current()), 1, 0);
            }
            return null;
        });
    }

    /**
     * Rewrites the chain with another compressor (strategy, codec, level), in one step through the store's
     * rewrite (atomic: the store holds the old chain or the new one): every version is rebuilt in order,
     * each record applied and hash-checked, then made anew against the version before with {@code into},
     * which must make it back (applied and hash-checked again) before anything is written. Each version keeps
     * its index and its record's timestamp; the snapshots stay where they were ({@code snapshotEvery}). The
     * new records and the snapshot states are held in memory until the rewrite. This chain serves reads
     * after it, but refuses writes: use the chain returned, whose compressor is {@code into}.
     *
     * @param into the compressor the new records are made with: same state format, its own strategy, codec
     *     and level (a strategy of {@code auto} chooses per version)
     * @return the chain as rewritten
     * @throws DamagedVersionException when a version cannot be read (nothing is written: salvage first)
     * @throws IncompatibleStateFormatException when {@code into} is for another state format
     */
    public DeltaChain<S> compact(DeltaCompressor<S> into) {
        Objects.requireNonNull(into, "into");
        if (!into.stateFormat().id().equals(format.id())) {
            throw new IncompatibleStateFormatException("cannot compact a chain of " + format.id() + " states with a"
                    + " compressor of " + into.stateFormat().id() + " states");
        }
        return write(true, () -> {
            int n = versions.length();
            int first = versions.first();
            java.util.Map<Integer, DeltaRecord> records = new java.util.TreeMap<>();
            java.util.TreeMap<Integer, byte[]> snapshots = new java.util.TreeMap<>();
            PreparedState<S> state = null;
            for (int i = first; i < n; i++) {
                PreparedState<S> next = i == first ? versions.rebuild(first) : versions.next(i, state);
                if (i > first) {
                    DeltaRecord made = into.diff(state, next, i).toBuilder()
                            .timestamp(versions.record(i).timestamp()).build();
                    ReadBack.check(into.limits(), made);
                    if (!java.util.Arrays.equals(into.apply(state, made).hash, next.hash)) {
                        throw new StateMismatchException("compacting version " + i + ": the new record does not"
                                + " make it back");
                    }
                    records.put(i, made);
                }
                if (i == first || i % snapshotEvery == 0) {
                    snapshots.put(i, next.bytes);
                }
                state = next;
            }
            ChainVersions<S> next = n == 0 ? ChainVersions.empty(into)
                    : ChainVersions.held(into, records, snapshots, state);
            ChainManifest manifest = manifestOf(into, first, n, rebaselines, optimisations);
            ChainManifest stored;
            try {
                stored = writer.replace(manifest, next.snapshots(), next.recordWires());
            } catch (DeltaException e) {
                broken = e;
                throw new ChainStoreException("compacting the chain in " + store + " failed (" + e.getMessage()
                        + "); the store holds the old or the new chain: reopen it with DeltaChain.open", e);
            }
            head = stored;
            compacted = "this chain was compacted into strategy '" + into.strategyId() + "', codec '"
                    + into.codec().id() + "': write through the DeltaChain compact() returned";
            versions = ChainVersions.open(store, stored, compressor); // the same versions: reads go on
            DeltaChain<S> into2 = new DeltaChain<>(into, store, policy, snapshotEvery, strictAppends);
            into2.versions = next.backedBy(store, stored);
            into2.rebaselines = rebaselines;
            into2.optimisations = optimisations;
            into2.head = stored;
            return into2;
        });
    }

    /**
     * Retention: drops every version before {@code index}, which becomes the chain's first version, stored whole
     * (as version 0 otherwise is); the versions from it on keep their indices, states, records and timestamps.
     * One atomic rewrite through the store (it holds the old chain or the new one): the versions kept are replayed
     * from {@code index} to the newest, each record applied and hash-checked, before anything is written, and
     * their records are stored as they were. A no-op when {@code index} is at or before the first version.
     * Another writer's chain over the same store sees a rewrite (a new generation) and reopens.
     *
     * @param index the version to keep from, at most the newest ({@code length() - 1})
     * @return how many versions were dropped
     * @throws VersionNotFoundException when {@code index} is past the newest version
     * @throws DamagedVersionException when a version kept cannot be read (nothing is written: salvage first)
     */
    public int retainFrom(int index) {
        return write(true, () -> {
            int first = versions.first();
            int n = versions.length();
            if (index >= n) {
                throw new VersionNotFoundException("cannot keep the versions from " + index + ": " + (n == 0
                        ? "the chain is empty" : "the newest is " + (n - 1) + " (a chain keeps at least its newest)"));
            }
            if (index <= first) {
                return 0;
            }
            replaceAll(replayFrom(index), rebaselines, optimisations);
            return index - first;
        });
    }

    /**
     * Retention: keeps the newest {@code count} versions ({@link #retainFrom} the version {@code count} before the
     * next index).
     *
     * @param count how many versions to keep, at least 1
     * @return how many versions were dropped (0 when the chain holds no more than {@code count})
     * @throws DeltaConfigurationException when {@code count} is below 1
     * @throws DamagedVersionException when a version kept cannot be read (nothing is written)
     */
    public int retainLast(int count) {
        if (count < 1) {
            throw new DeltaConfigurationException("a chain keeps at least its newest version: retainLast(" + count
                    + ") must be at least 1");
        }
        return write(true, () -> {
            int from = versions.length() - count;
            if (from <= versions.first()) {
                return 0;
            }
            int dropped = from - versions.first();
            replaceAll(replayFrom(from), rebaselines, optimisations);
            return dropped;
        });
    }

    /**
     * Retention: keeps the versions added after {@code time}, and always the newest: the chain's first version
     * becomes the oldest version from which on every record's timestamp is after {@code time} (timestamps need not
     * grow with the index: a version added earlier than one before it ends the run). The version it starts from
     * is stored whole and keeps its index; its own time is no longer recorded. When every version after the first
     * is newer, nothing is dropped (the first version's own time is not recorded).
     *
     * @param time versions added at or before it are dropped, but for the newest
     * @return how many versions were dropped
     * @throws DamagedVersionException when a record read on the way, or a version kept, is damaged (nothing is
     *     written)
     */
    public int retainAfter(java.time.Instant time) {
        Objects.requireNonNull(time, "time");
        return write(true, () -> {
            int n = versions.length();
            int first = versions.first();
            if (n == 0) {
                return 0;
            }
            int from = n - 1;
            while (from > first && versions.record(from).timestamp().isAfter(time)) {
                from--;
            }
            if (from == first) {
                return 0; // every record after the first is newer; the first's own time is not recorded: kept
            }
            int keep = Math.min(from + 1, n - 1); // from is the newest added at or before time: the ones after it
            replaceAll(replayFrom(keep), rebaselines, optimisations);
            return keep - first;
        });
    }

    /**
     * @return the versions from {@code from} to the newest, held in memory: {@code from}'s state rebuilt and
     *     stored whole, each later version replayed (applied, hash-checked) and kept with its record as it is, and
     *     a snapshot wherever one is due ({@code snapshotEvery})
     */
    private ChainVersions<S> replayFrom(int from) {
        java.util.Map<Integer, DeltaRecord> records = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, byte[]> snapshots = new java.util.TreeMap<>();
        PreparedState<S> state = versions.rebuild(from);
        snapshots.put(from, state.bytes);
        for (int i = from + 1; i < versions.length(); i++) {
            state = versions.next(i, state);
            records.put(i, versions.record(i));
            if (i % snapshotEvery == 0) {
                snapshots.put(i, state.bytes);
            }
        }
        return ChainVersions.held(compressor, records, snapshots, state);
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
            return ChainAudit.verifyOpen(store, compressor, versions);
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
        // Readers take no lock: a writer's append or rewrite during the check can look like a fault (an entry
        // past the head read, a generation gone). Faults count only from a check of a chain at rest.
        for (int attempt = 1; ; attempt++) {
            long before = store.revision();
            ChainManifest m = manifestOf(store);
            ChainVerification v = ChainAudit.verifyStored(store, compressorFor(m, registry,
                    registry.stateFormat(m.stateFormatId()), limits, Clock.systemUTC()), m.first(), m.length());
            if (v.ok() || store.revision() == before) {
                return v;
            }
            if (attempt == VERIFY_ATTEMPTS) {
                List<String> problems = new ArrayList<>(v.problems());
                problems.add("the chain changed during each of " + VERIFY_ATTEMPTS + " checks (a writer at work), so"
                        + " the faults above may be appends in flight; verify again when nothing writes");
                return new ChainVerification(v.versionsChecked(), problems, v.notes());
            }
            try {
                Thread.sleep(20L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
        }
    }

    /**
     * @return the chain's shape and cost now; {@link ChainMetrics#storedBytes()} is asked of the store
     * @throws ChainStoreException when the store cannot tell what it holds
     */
    public ChainMetrics metrics() {
        lock.readLock().lock();
        try {
            return versions.metrics(rebaselines, optimisations, store.storedBytes());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the policy, with its parameters */
    public ChainPolicy policy() {
        return policy;
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
        int length = versions.length();
        int first = versions.first();
        if (index < first && index >= 0) {
            throw new VersionNotFoundException("version " + index + " was dropped by retention: the chain holds"
                    + " versions " + first + " to " + (length - 1));
        }
        if (index < 0 || index >= length) {
            throw new VersionNotFoundException(length == 0 ? "the chain is empty; there is no version " + index
                    : "no version " + index + "; the chain holds versions " + first + " to " + (length - 1));
        }
    }

    @Override
    public String toString() {
        return "DeltaChain[" + length() + " versions of " + format.id() + ", " + compressor.strategyId() + ", " + policy
                + ", " + store + "]";
    }

    /**
     * Configures a {@link DeltaChain}: where it is kept, its policy, its snapshot spacing and the
     * compressor that makes its records. Each setter checks its argument at once, naming a bad value;
     * {@link #build()} creates a chain, {@link #openOrCreate()} also reopens one. Not thread-safe.
     *
     * @param <S> the state type
     */
    public static final class Builder<S> {
        private final StateFormat<S> format;
        private DeltaCompressor<S> compressor;
        private ChainStore store;
        private ChainPolicy policy = ChainPolicy.keepAll();
        private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private boolean strictAppends;

        private Builder(StateFormat<S> format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        /** @param v where the chain is kept (default: a new {@link InMemoryChainStore}) @return this */
        public Builder<S> store(ChainStore v) {
            this.store = Objects.requireNonNull(v, "store");
            return this;
        }

        /** @param v what the chain does as it grows (default: {@link ChainPolicy#keepAll()}) @return this */
        public Builder<S> policy(ChainPolicy v) {
            this.policy = Objects.requireNonNull(v, "policy");
            return this;
        }

        /**
         * @param v store a snapshot every this many versions, whatever the policy; at least 1 (default 32)
         * @return this
         * @throws DeltaConfigurationException when {@code v} is below 1
         */
        public Builder<S> snapshotEvery(int v) {
            if (v < 1) {
                throw new DeltaConfigurationException("snapshotEvery must be at least 1, got " + v);
            }
            this.snapshotEvery = v;
            return this;
        }

        /**
         * @param v makes and applies the records: strategy, codec, level, registry, limits, clock
         *     (default: {@code DeltaCompressor.builder(format).build()}); the chain's manifest records its
         *     {@link DeltaCompressor#strategyId()}, so a reopened chain finds an instance-given strategy
         *     by id in the registry: register it there too
         * @return this
         * @throws IncompatibleStateFormatException when the compressor works on another state format
         */
        public Builder<S> compressor(DeltaCompressor<S> v) {
            Objects.requireNonNull(v, "compressor");
            if (!v.stateFormat().id().equals(format.id())) {
                throw new IncompatibleStateFormatException("the compressor works on " + v.stateFormat().id()
                        + " states; this chain holds " + format.id());
            }
            this.compressor = v;
            return this;
        }

        /**
         * @param v whether a write fails with {@link ConcurrentAppendException} when another writer moved
         *     the stored head since this chain last saw it (default false: the chain re-reads the head and
         *     makes its record against it)
         * @return this
         */
        public Builder<S> strictAppends(boolean v) {
            this.strictAppends = v;
            return this;
        }

        /**
         * Creates a new chain.
         *
         * @return the chain, its manifest written to the store
         * @throws DeltaConfigurationException when the store already holds a chain (reopen that with
         *     {@link #openOrCreate()} or {@link DeltaChain#open})
         */
        public DeltaChain<S> build() {
            return create(false);
        }

        /** Creates the chain under the store's writer lock, or (when {@code orOpen}) opens the one found there. */
        private DeltaChain<S> create(boolean orOpen) {
            ChainStore target = store != null ? store : new InMemoryChainStore();
            ChainManifest existing;
            try (ChainStore.Writer w = target.lock()) {
                existing = w.manifest().orElse(null);
                if (existing == null) {
                    DeltaChain<S> chain = new DeltaChain<>(compressor(), target, policy, snapshotEvery, strictAppends);
                    chain.head = w.create(chain.manifest(0, 0, 0, 0));
                    return chain;
                }
            }
            if (!orOpen) {
                throw new DeltaConfigurationException(target + " already holds a chain; reopen it with openOrCreate()"
                        + " or DeltaChain.open");
            }
            return openStored(existing);
        }

        /**
         * Opens the chain the store holds, or creates one as {@link #build()} does when it holds none,
         * so that the same code serves the first run and every later one.
         *
         * <p>A stored chain keeps the settings it was made with: its strategy, codec and level, its
         * policy and its snapshot spacing, as its manifest records them, win over this builder's (a
         * history is never silently re-configured; an INFO log line names the settings that differ).
         * This builder's compressor still lends its registry, limits and clock, and its {@code auto}
         * rules when the stored strategy is {@code auto}. Opening reads the manifest and the snapshot
         * list only; records and hashes are checked as versions are read.
         *
         * @return the stored chain, or a new one
         * @throws IncompatibleStateFormatException when the stored chain holds another state format
         */
        public DeltaChain<S> openOrCreate() {
            if (store == null) {
                return build();
            }
            Optional<ChainManifest> stored = store.readManifest();
            return stored.isEmpty() ? create(true) : openStored(stored.get());
        }

        private DeltaChain<S> openStored(ChainManifest m) {
            checkFormat(m, format);
            DeltaCompressor<S> mine = compressor();
            DeltaCompressor<S> theirs = mine.withSettings(m.strategyId(), m.codecId(), m.codecLevel());
            if (theirs != mine || !policy.equals(m.policy()) || snapshotEvery != m.snapshotEvery()) {
                LOG.info("{} holds a chain made with strategy {}, codec {}:{}, {}, snapshotEvery {}; it keeps those"
                        + " settings, not this builder's ({}, {}:{}, {}, snapshotEvery {})", store, m.strategyId(),
                        m.codecId(), m.codecLevel(), m.policy(), m.snapshotEvery(), mine.strategyId(), mine.codec().id(),
                        mine.level(), policy, snapshotEvery);
            }
            return opened(store, m, theirs, strictAppends);
        }

        private DeltaCompressor<S> compressor() {
            return compressor != null ? compressor : DeltaCompressor.builder(format).build();
        }
    }
}
