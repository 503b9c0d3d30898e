package io.deltachain.core;

import io.deltachain.core.internal.ConcurrentStatsCounter;
import io.deltachain.core.internal.NoneStrategy;
import io.deltachain.core.internal.Sha256;
import io.deltachain.spi.Codec;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.UnknownStrategyException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, applies, merges and (de)serialises {@link DeltaRecord}s for one state format with one
 * strategy, codec and level.
 *
 * <p>Every apply checks the base's SHA-256 before (a wrong base is a
 * {@link StateMismatchException}, never garbage) and the result's after. The strategy may be a
 * discovered id, an instance, or one of core's meta-strategies: {@code none} stores the target
 * whole; {@code auto} (the default) tries, per delta, the candidates its {@link AutoSelection} names
 * (by default every strategy that serves the state format, and {@code none}) and keeps the smallest
 * encoded payload, ties going to the lowest id; a candidate that throws is skipped and counted in
 * {@link CompressionStats#candidates()}. {@code auto} is deterministic unless given a time budget.
 * Records name the strategy actually used, so any compressor of the same format and registry can
 * apply them; nothing measured (no timing) ever goes into a record.
 *
 * <p>Thread-safe: one compressor may serve many threads; {@link #stats()} hands out immutable
 * snapshots of counters updated without locks.
 *
 * @param <S> the state type
 */
public final class DeltaCompressor<S> {
    /** Id of the meta-strategy that picks the smallest record per delta. */
    public static final String AUTO = "auto";
    /** Id of the meta-strategy that stores states whole. */
    public static final String NONE = NoneStrategy.ID;
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCompressor.class);

    private final StateFormat<S> format;
    private final DeltaRegistry registry;
    private final String strategyId;
    private final DeltaStrategy<S> explicitStrategy;
    /** The strategy of every diff; null for {@code auto}. */
    private final DeltaStrategy<S> fixedStrategy;
    /** Null unless the strategy is {@code auto}. */
    private final AutoSelection auto;
    private final List<DeltaStrategy<S>> autoCandidates;
    private final Codec codec;
    private final int level;
    private final Limits limits;
    private final Clock clock;
    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();

    private DeltaCompressor(Builder<S> b) {
        this.format = b.format;
        this.registry = b.registry != null ? b.registry : Deltas.registry();
        this.explicitStrategy = b.strategy;
        this.strategyId = b.strategy != null ? b.strategy.id() : b.strategyId;
        if (explicitStrategy != null && !explicitStrategy.stateFormat().id().equals(format.id())) {
            throw new IncompatibleStateFormatException("strategy '" + strategyId + "' works on "
                    + explicitStrategy.stateFormat().id() + ", not " + format.id());
        }
        boolean isAuto = explicitStrategy == null && AUTO.equals(strategyId);
        this.auto = isAuto ? b.auto : null;
        this.autoCandidates = isAuto ? auto.candidates(registry, format) : List.of();
        this.fixedStrategy = isAuto ? null : resolve(strategyId); // fails now, not at the first diff
        this.codec = b.codec != null ? b.codec : registry.codec(b.codecId);
        this.level = codec.checkLevel(b.level != null ? b.level : codec.defaultLevel());
        this.limits = b.limits;
        this.clock = b.clock;
    }

    /**
     * @param format the state format the compressor works on
     * @param <S> the state type
     * @return a builder with defaults: strategy {@code auto}, codec {@code gzip} at its default level,
     *     default limits, the system UTC clock, the default registry
     */
    public static <S> Builder<S> builder(StateFormat<S> format) {
        return new Builder<>(format);
    }

    /** @return the state format */
    public StateFormat<S> stateFormat() {
        return format;
    }

    /** @return the configured strategy id ({@code auto}, {@code none} or a provider's id) */
    public String strategyId() {
        return strategyId;
    }

    /** @return the rules of {@code auto}, empty when the strategy is not {@code auto} */
    public Optional<AutoSelection> autoSelection() {
        return Optional.ofNullable(auto);
    }

    /** @return the codec */
    public Codec codec() {
        return codec;
    }

    /** @return the codec level */
    public int level() {
        return level;
    }

    /** @return the limits applied to every decode and apply */
    public Limits limits() {
        return limits;
    }

    /** @return the registry used to resolve the strategies and codecs named in records */
    public DeltaRegistry registry() {
        return registry;
    }

    /**
     * Makes a record that turns {@code base} into {@code target}, with index 0.
     *
     * @param base the older state
     * @param target the newer state
     * @return the record
     */
    public DeltaRecord diff(S base, S target) {
        // nothing of the prepared states outlives the call: hash views, not copies
        PreparedState<S> to = PreparedState.viewOf(format, target);
        if (!format.id().equals(StateFormats.BYTES_ID) && !format.id().equals(StateFormats.UTF8_TEXT_ID)) {
            // symmetric limits: a target whose canonical bytes would not read back (a number or a depth the
            // limits refuse) is refused now, not by whoever reads the record (DeltaChain.add reads back too)
            format.fromBytes(to.bytes, limits);
        }
        return diff(PreparedState.viewOf(format, base), to, 0);
    }

    DeltaRecord diff(PreparedState<S> base, PreparedState<S> target, int index) {
        long start = System.nanoTime();
        EncodedDelta<S> best = auto != null
                ? auto.choose(autoCandidates, s -> encode(s, base, target), stats, format.id())
                : encode(fixedStrategy, base, target);
        checkReadsBack(best.strategy().id(), best.payload(), best.encoded(), base.bytes.length, target.bytes.length);
        PatchSummary summary = best.strategy().summary(best.payload());
        DeltaRecord.Builder record = DeltaRecord.builder()
                .index(index)
                .timestamp(Instant.now(clock))
                .strategyId(best.strategy().id())
                .stateFormatId(format.id())
                .codec(codec.id(), level)
                .payload(best.encoded())
                .rawSize(target.bytes.length)
                .payloadSize(best.payload().length)
                .baseHash(base.hash)
                .targetHash(target.hash)
                .summary(summary);
        if (Arrays.equals(base.hash, target.hash)) {
            record.metadata("empty", "true");
        }
        DeltaRecord made = record.build();
        stats.recordDiff(target.bytes.length, made.wireSize(), System.nanoTime() - start);
        return made;
    }

    /**
     * Never hands out a record this compressor could not read back: its payload within the payload
     * limit, the codec's encoding of it within the expansion ratio (as the codec checks it decoding),
     * and the target within the ratio of the payload and base (as a patch decoder checks it).
     *
     * @param baseBytes the base's canonical size, or -1 when it is not known (a composed payload)
     * @param targetBytes the target's canonical size, or -1 when it is not known
     */
    private void checkReadsBack(String strategyId, byte[] payload, byte[] encoded, long baseBytes, long targetBytes) {
        String what = "this delta would not read back under these limits: its " + strategyId + " payload";
        limits.checkPayloadSize(payload.length, what);
        limits.checkDecodedSize(payload.length, encoded.length, what + " encoded by codec '" + codec.id() + "'");
        if (targetBytes >= 0) {
            limits.checkExpansion(targetBytes, payload.length, baseBytes, what + ", applied to its base,");
        }
    }

    /**
     * The heap {@link #diff} needs for states whose canonical forms have these sizes, beyond the states
     * themselves: the strategy's own estimate ({@link DeltaStrategy#diffHeapBytes}) and the encoded
     * payload; for {@code auto}, that of the candidate needing least, since {@code auto} passes over a
     * candidate the free heap cannot hold. An estimate from the sizes alone, so that a caller can refuse
     * work before reading its inputs (as {@code delta diff} does); 0 parts where a strategy does not say.
     *
     * @param baseBytes the base's canonical size
     * @param targetBytes the target's canonical size
     * @return bytes of heap
     */
    public long diffHeapBytes(long baseBytes, long targetBytes) {
        // none cannot store a target above the payload limit, so auto does not count on it then
        long strategy = auto == null ? fixedStrategy.diffHeapBytes(baseBytes, targetBytes)
                : autoCandidates.stream().filter(s -> !s.id().equals(NONE) || targetBytes <= limits.maxPayloadBytes())
                .mapToLong(s -> s.diffHeapBytes(baseBytes, targetBytes)).min().orElse(0);
        return strategy + targetBytes;
    }

    private EncodedDelta<S> encode(DeltaStrategy<S> strategy, PreparedState<S> base, PreparedState<S> target) {
        // refused before it starts, never an OutOfMemoryError half-way (auto goes on to the next candidate)
        if (strategy.id().equals(NONE)) {
            limits.checkPayloadSize(target.bytes.length, "this delta would not read back under these limits: its"
                    + " none payload (the whole target)");
        }
        Limits.requireHeap(strategy.diffHeapBytes(base.bytes.length, target.bytes.length) + target.bytes.length,
                "strategy '" + strategy.id() + "' on a " + base.bytes.length + "-byte base and a " + target.bytes.length
                + "-byte target");
        byte[] payload = strategy.diff(base.state, target.state);
        return new EncodedDelta<>(strategy, payload, codec.encode(payload, level));
    }

    /**
     * Applies a record, checking the base hash before and the target hash after.
     *
     * <p>A record made on another state format is applied when its strategy also serves this one
     * (through canonical bytes, a view, or {@link DeltaStrategy#on}; payloads are the strategy's own
     * either way) — e.g. a {@code text} record of {@code utf8-text} states to {@code bytes} that are
     * the same file. Both hashes are then checked over this format's canonical bytes, so a state that
     * is not the record's base, or a result that is not its target, is refused as always.
     *
     * <p>The header is checked against what it describes (docs/FORMAT.md, "Header checks"): the codec
     * level against the codec's range, the payload size against the decoded payload, the raw size
     * against the result's canonical bytes, and a known summary against the one the strategy reads
     * from the payload.
     *
     * @param base the state the record was made from
     * @param record the record
     * @return the target state
     * @throws StateMismatchException when {@code base} is not the record's base, or the result does
     *     not hash to the record's target
     * @throws io.deltachain.api.InconsistentRecordException when a header field disagrees with the
     *     payload or the result
     * @throws CorruptDeltaException when the payload is malformed
     */
    public S apply(S base, DeltaRecord record) {
        // the base is only hashed and read here: a view, not a copy (a large byte state is not doubled)
        return apply(PreparedState.viewOf(format, base), record).state;
    }

    PreparedState<S> apply(PreparedState<S> base, DeltaRecord record) {
        DeltaStrategy<S> strategy = strategyAcrossFormats(record);
        checkBase(base, record, "apply it to");
        limits.checkStateSize(record.rawSize(), "record #" + record.index() + "'s target (its raw size)");
        byte[] payload = decode(record);
        PatchSummary[] read = new PatchSummary[1];
        S result = strategy.apply(base.state, payload, limits, summary -> read[0] = summary);
        PreparedState<S> prepared = PreparedState.of(format, result);
        if (!record.sameHash(prepared.hash, true)) {
            throw new StateMismatchException("applying record #" + record.index() + " (" + record.strategyId()
                    + ") gave a state with SHA-256 " + Sha256.shortHex(prepared.hash) + "..., not the recorded "
                    + Sha256.shortHex(record.targetHash()) + "...; " + (record.stateFormatId().equals(format.id())
                    ? "the record or the strategy is inconsistent" : "the record holds " + record.stateFormatId()
                    + " states and the states here are " + format.id() + ": its result in " + format.id()
                    + "'s canonical form is not the bytes it was made to produce. Make the record from " + format.id()
                    + " states (with a strategy that serves them)"));
        }
        RecordChecks.rawSize(record, prepared.bytes.length);
        if (read[0] != null) {
            RecordChecks.summary(record, read[0]);
        } else {
            checkSummary(strategy, record, payload);
        }
        stats.recordApply();
        return prepared;
    }

    /**
     * Applies {@code record} to {@code base} without hashing either: for the records of a chain between a
     * snapshot and the version asked, whose links (each base hash the target hash before it) the caller has
     * checked in their headers, and whose last result it writes out and hashes against the last target hash
     * (which also vouches for the raw sizes, which are not checked here). A fault
     * anywhere sends the caller to {@link #apply(PreparedState, DeltaRecord)}, record by record, to name it.
     */
    PreparedState<S> applyLinked(PreparedState<S> base, DeltaRecord record) {
        DeltaStrategy<S> strategy = strategyAcrossFormats(record);
        limits.checkStateSize(record.rawSize(), "record #" + record.index() + "'s target (its raw size)");
        S result = strategy.apply(base.state, decode(record), limits, summary -> { });
        stats.recordApply();
        return PreparedState.unhashed(result);
    }

    /**
     * Checks what a record's header says that can be checked without its base (docs/FORMAT.md,
     * "Header checks"): the codec level against the codec's range, the raw size against
     * {@link Limits#maxStateBytes()}, the payload size against what the codec decodes (within the
     * limits), and a known summary against the strategy's reading of the payload. The base's and the
     * target's hashes, and the raw size against the result, need the base: {@link #apply} checks them.
     *
     * @param record a record of a strategy this compressor can resolve for its state format
     * @throws io.deltachain.api.InconsistentRecordException when a header field disagrees with the payload
     * @throws CorruptDeltaException when the payload does not decode
     * @throws LimitExceededException when the record needs more than the limits allow
     * @throws IncompatibleStateFormatException when the record's strategy does not serve this format
     */
    public void check(DeltaRecord record) {
        DeltaStrategy<S> strategy = strategyAcrossFormats(record);
        limits.checkStateSize(record.rawSize(), "record #" + record.index() + "'s target (its raw size)");
        checkSummary(strategy, record, decode(record));
    }

    /**
     * Composes contiguous records into one that has exactly their combined effect, when their
     * strategy can compose ({@link DeltaStrategy#canCompose()}).
     *
     * @param records records where each one's target hash is the next one's base hash
     * @return the merged record (the last record's index, the latest timestamp), or empty when
     *     {@code records} is empty
     * @throws StateMismatchException when the records are not contiguous
     * @throws UnsupportedDeltaOperationException when their strategy cannot compose or they use
     *     different strategies; use {@link #merge(Object, List)} then
     */
    public Optional<DeltaRecord> merge(List<DeltaRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        checkContiguous(records);
        DeltaRecord first = records.get(0);
        if (records.size() == 1) {
            return Optional.of(first);
        }
        for (DeltaRecord r : records) {
            if (!r.strategyId().equals(first.strategyId())) {
                throw new UnsupportedDeltaOperationException("records use different strategies ('" + first.strategyId()
                        + "' and '" + r.strategyId() + "') and cannot be composed; use merge(base, records)");
            }
        }
        DeltaStrategy<S> strategy = resolve(first.strategyId());
        if (!strategy.canCompose()) {
            throw new UnsupportedDeltaOperationException("strategy '" + strategy.id()
                    + "' cannot compose patches; use merge(base, records), which re-diffs the end states");
        }
        byte[] composed = decode(first);
        Instant latest = first.timestamp();
        for (DeltaRecord r : records.subList(1, records.size())) {
            composed = strategy.compose(composed, decode(r));
            latest = latest.isAfter(r.timestamp()) ? latest : r.timestamp();
        }
        DeltaRecord last = records.get(records.size() - 1);
        byte[] encoded = codec.encode(composed, level);
        // The base's size is not known here, but the first record bounds it from below: its target came
        // from that base within the ratio. Checked against that bound, the merged record reads back
        // under these limits whatever the base is.
        long baseAtLeast = Math.max(0, (first.rawSize() - Limits.EXPANSION_ALLOWANCE_BYTES + limits.maxExpansionRatio()
                - 1) / limits.maxExpansionRatio() - first.payloadSize());
        try {
            checkReadsBack(strategy.id(), composed, encoded, baseAtLeast, last.rawSize());
        } catch (LimitExceededException e) {
            throw e.in("merging " + records.size() + " records (their base is at least " + baseAtLeast + " bytes, by"
                    + " the first record; merge(base, records) checks against the base itself)");
        }
        DeltaRecord.Builder merged = last.toBuilder()
                .timestamp(latest)
                .codec(codec.id(), level)
                .payload(encoded)
                .payloadSize(composed.length)
                .baseHash(first.baseHash())
                .summary(strategy.summary(composed))
                .metadata("merged", String.valueOf(records.size()));
        stats.recordMerge();
        return Optional.of(merged.build());
    }

    /**
     * Merges any contiguous records, whatever their strategies: applies them to {@code base} in
     * turn (checking every hash) and diffs {@code base} against the end state with this compressor.
     *
     * @param base the base state of the first record
     * @param records contiguous records
     * @return one record from {@code base} to the last target (the last record's index), or empty
     *     when {@code records} is empty
     */
    public Optional<DeltaRecord> merge(S base, List<DeltaRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        checkContiguous(records);
        PreparedState<S> start = PreparedState.of(format, base);
        PreparedState<S> state = start;
        for (DeltaRecord r : records) {
            state = apply(state, r);
        }
        DeltaRecord merged = diff(start, state, records.get(records.size() - 1).index()).toBuilder()
                .metadata("merged", String.valueOf(records.size())).build();
        stats.recordMerge();
        return Optional.of(merged);
    }

    /**
     * What a record changes, rendered for people by its strategy from the payload alone
     * ({@link DeltaStrategy#describe(byte[])}: for {@code text} the hunks with the added lines, for
     * {@code dict} one line per key).
     *
     * @param record a record of this compressor's state format
     * @return the rendering; empty when the record's strategy renders none; the empty string when the
     *     record changes nothing
     * @throws CorruptDeltaException when the payload is malformed
     * @throws io.deltachain.api.UnknownStrategyException when the record's strategy is not available
     */
    public Optional<String> describe(DeltaRecord record) {
        checkFormat(record);
        return resolve(record.strategyId()).describe(decode(record));
    }

    /**
     * What a record does to its base, rendered for people with what the base holds
     * ({@link DeltaStrategy#describe(Object, byte[], Limits)}: for {@code text} a unified diff's hunks
     * with context and the removed lines).
     *
     * @param base the state the record was made from
     * @param record the record
     * @return the rendering; empty when the record's strategy renders none
     * @throws StateMismatchException when {@code base} is not the record's base
     * @throws CorruptDeltaException when the payload is malformed
     */
    public Optional<String> describe(S base, DeltaRecord record) {
        checkFormat(record);
        PreparedState<S> prepared = PreparedState.of(format, base);
        checkBase(prepared, record, "describe it with");
        return resolve(record.strategyId()).describe(prepared.state, decode(record), limits);
    }

    /**
     * What changes from {@code base} to {@code target}, rendered for people: the two states diffed
     * afresh and described with the base ({@link DeltaStrategy#describe(Object, byte[], Limits)}; for
     * text, a unified diff's hunks with three lines of context). The strategy is this compressor's;
     * when it renders nothing (a binary strategy) or is {@code auto} or {@code none}, every strategy
     * serving the format is tried and the one with the smallest payload that renders is used, as
     * {@code auto} would pick it. A strategy that declines the states is skipped. Nothing is counted
     * in {@link #stats()}.
     *
     * @param base the older state
     * @param target the newer state
     * @return the rendering; empty when no strategy for these states renders one; the empty string when
     *     nothing changes
     */
    public Optional<String> describeChange(S base, S target) {
        if (fixedStrategy != null) {
            try {
                Optional<String> own = fixedStrategy.describe(base, fixedStrategy.diff(base, target), limits);
                if (own.isPresent()) {
                    return own;
                }
            } catch (RuntimeException declined) { // as auto skips it
                LOG.debug("describeChange: strategy '{}' declined these states", fixedStrategy.id(), declined);
            }
        }
        List<DeltaStrategy<S>> candidates = auto != null ? autoCandidates
                : AutoSelection.standard().candidates(registry, format);
        record Tried<S>(DeltaStrategy<S> strategy, byte[] payload) {
        }
        List<Tried<S>> tried = new ArrayList<>();
        for (DeltaStrategy<S> s : candidates) {
            if (NONE.equals(s.id()) || (fixedStrategy != null && s.id().equals(fixedStrategy.id()))) {
                continue;
            }
            try {
                tried.add(new Tried<>(s, s.diff(base, target)));
            } catch (RuntimeException declined) { // as auto skips it
                LOG.debug("describeChange: strategy '{}' declined these states", s.id(), declined);
            }
        }
        tried.sort(Comparator.comparingInt(t -> t.payload().length));
        for (Tried<S> t : tried) {
            Optional<String> d = t.strategy().describe(base, t.payload(), limits);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static void checkBase(PreparedState<?> base, DeltaRecord record, String wayOn) {
        if (!record.sameHash(base.hash, false)) {
            throw new StateMismatchException("record #" + record.index() + " was made from a base with SHA-256 "
                    + Sha256.shortHex(record.baseHash()) + "..., but the given state hashes to "
                    + Sha256.shortHex(base.hash) + "...; " + wayOn + " the state it was made from");
        }
    }

    /** The record's strategy on this format, refusing a record of another format it does not serve. */
    private DeltaStrategy<S> strategyAcrossFormats(DeltaRecord record) {
        if (record.stateFormatId().equals(format.id())) {
            return resolve(record.strategyId());
        }
        try {
            return resolve(record.strategyId());
        } catch (IncompatibleStateFormatException | UnknownStrategyException e) {
            throw new IncompatibleStateFormatException("record #" + record.index() + " holds " + record.stateFormatId()
                    + " states, and its strategy '" + record.strategyId() + "' does not serve " + format.id()
                    + ", the states here: " + e.getMessage(), e);
        }
    }

    private void checkFormat(DeltaRecord record) {
        if (!record.stateFormatId().equals(format.id())) {
            throw new IncompatibleStateFormatException("record #" + record.index() + " holds " + record.stateFormatId()
                    + " states; this compressor works on " + format.id());
        }
    }

    private static void checkContiguous(List<DeltaRecord> records) {
        for (int i = 1; i < records.size(); i++) {
            DeltaRecord prev = records.get(i - 1);
            DeltaRecord next = records.get(i);
            Objects.requireNonNull(next, "record");
            if (!Arrays.equals(prev.targetHash(), next.baseHash())) {
                throw new StateMismatchException("records are not contiguous: record " + (i - 1) + " (#" + prev.index()
                        + ") ends at SHA-256 " + Sha256.shortHex(prev.targetHash()) + "... but record " + i + " (#"
                        + next.index() + ") starts from " + Sha256.shortHex(next.baseHash()) + "...");
            }
        }
    }

    /** The payload before the codec, the header's codec level and payload size checked. */
    private byte[] decode(DeltaRecord record) {
        Codec recordCodec = registry.codec(record.codecId());
        RecordChecks.level(record, recordCodec);
        byte[] payload = recordCodec.decode(record.payload(), limits);
        RecordChecks.payloadSize(record, payload.length);
        return payload;
    }

    /**
     * The header's summary against the strategy's reading of the payload, when the strategy can give one
     * within the default limits it reads summaries under (a payload above them is applied unchecked).
     */
    private static void checkSummary(DeltaStrategy<?> strategy, DeltaRecord record, byte[] payload) {
        PatchSummary recomputed;
        try {
            recomputed = strategy.summary(payload);
        } catch (LimitExceededException beyondDefaults) {
            LOG.debug("record #{}: its {} summary is not checked: {}", record.index(), strategy.id(),
                    beyondDefaults.getMessage());
            return;
        }
        RecordChecks.summary(record, recomputed);
    }

    /**
     * @param record a record
     * @return its wire bytes ({@link DeltaRecord#toBytes()})
     */
    public byte[] serialize(DeltaRecord record) {
        return record.toBytes();
    }

    /**
     * @param wire bytes from {@link #serialize}
     * @return the record, read with this compressor's limits
     */
    public DeltaRecord deserialize(byte[] wire) {
        return DeltaRecord.fromBytes(wire, limits);
    }

    /** @return statistics so far, an immutable snapshot (later work does not change it) */
    public CompressionStats stats() {
        return stats.snapshot();
    }

    /**
     * This compressor with another strategy, codec and level, as a stored chain names them; its
     * registry, limits, clock, a strategy or codec instance of the same id and its {@code auto} rules
     * stay.
     *
     * @return this when nothing differs
     */
    DeltaCompressor<S> withSettings(String newStrategyId, String newCodecId, int newLevel) {
        if (strategyId.equals(newStrategyId) && codec.id().equals(newCodecId) && level == newLevel) {
            return this;
        }
        Builder<S> b = builder(format).registry(registry).limits(limits).clock(clock).level(newLevel);
        if (codec.id().equals(newCodecId)) {
            b.codec(codec);
        } else {
            b.codec(newCodecId);
        }
        if (strategyId.equals(newStrategyId) && explicitStrategy != null) {
            b.strategy(explicitStrategy);
        } else if (AUTO.equals(newStrategyId)) {
            b.auto(auto != null ? auto : AutoSelection.standard());
        } else {
            b.strategy(newStrategyId);
        }
        return b.build();
    }

    DeltaStrategy<S> resolve(String id) {
        if (explicitStrategy != null && explicitStrategy.id().equals(id)) {
            return explicitStrategy;
        }
        if (NONE.equals(id)) {
            return new NoneStrategy<>(format);
        }
        if (AUTO.equals(id)) {
            throw new CorruptDeltaException("a record names strategy 'auto'; records name the strategy actually used");
        }
        return registry.strategy(id, format);
    }

    @Override
    public String toString() {
        return "DeltaCompressor[" + strategyId + " on " + format.id() + ", " + codec.id() + ":" + level + "]";
    }

    /**
     * Configures a {@link DeltaCompressor}; validated eagerly by {@link #build()}. Not thread-safe.
     *
     * @param <S> the state type
     */
    public static final class Builder<S> {
        private final StateFormat<S> format;
        private DeltaRegistry registry;
        private String strategyId = AUTO;
        private DeltaStrategy<S> strategy;
        private AutoSelection auto = AutoSelection.standard();
        private String codecId = "gzip";
        private Codec codec;
        private Integer level;
        private Limits limits = Limits.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder(StateFormat<S> format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        /** @param v where strategies and codecs are looked up @return this */
        public Builder<S> registry(DeltaRegistry v) {
            this.registry = Objects.requireNonNull(v, "registry");
            return this;
        }

        /**
         * @param id a strategy id, {@code auto} (with the rules last given to {@link #auto}, by default
         *     {@link AutoSelection#standard()}) or {@code none}
         * @return this
         */
        public Builder<S> strategy(String id) {
            this.strategyId = Objects.requireNonNull(id, "strategy id");
            this.strategy = null;
            return this;
        }

        /** @param v a strategy instance, used for its id instead of the registry's @return this */
        public Builder<S> strategy(DeltaStrategy<S> v) {
            this.strategy = Objects.requireNonNull(v, "strategy");
            return this;
        }

        /**
         * Makes the strategy {@code auto}, with these rules.
         *
         * @param v which candidates run, in what order, under what time budget
         * @return this
         */
        public Builder<S> auto(AutoSelection v) {
            this.auto = Objects.requireNonNull(v, "auto selection");
            this.strategyId = AUTO;
            this.strategy = null;
            return this;
        }

        /** @param id a codec id, e.g. {@code gzip} or {@code identity} @return this */
        public Builder<S> codec(String id) {
            this.codecId = Objects.requireNonNull(id, "codec id");
            this.codec = null;
            return this;
        }

        /** @param v a codec instance @return this */
        public Builder<S> codec(Codec v) {
            this.codec = Objects.requireNonNull(v, "codec");
            return this;
        }

        /** @param v the codec level; refused at build time when out of the codec's range @return this */
        public Builder<S> level(int v) {
            this.level = v;
            return this;
        }

        /** @param v limits for every decode and apply @return this */
        public Builder<S> limits(Limits v) {
            this.limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        /** @param v the clock that stamps records @return this */
        public Builder<S> clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * @return the compressor
         * @throws io.deltachain.api.UnknownStrategyException when the strategy is not available
         * @throws io.deltachain.api.UnknownCodecException when the codec is not available
         * @throws DeltaConfigurationException when the level is out of the codec's range
         */
        public DeltaCompressor<S> build() {
            return new DeltaCompressor<>(this);
        }
    }
}
