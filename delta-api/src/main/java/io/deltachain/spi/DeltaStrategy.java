package io.deltachain.spi;

import io.deltachain.api.DeltaException;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnsupportedDeltaOperationException;

import io.deltachain.api.internal.ByteStrategyAdapter;
import java.util.Optional;

/**
 * A way to express the difference between two states as a payload, and to apply it again.
 *
 * <p>Payloads are uncompressed: the record's {@link Codec} compresses them. A payload format has
 * its own magic or structure and is never a tool's native file format (see {@link NativeFormat}).
 *
 * <p>Implementations must be thread-safe and cheap to construct. Strategies found by
 * {@link java.util.ServiceLoader} are plain classes with a public no-argument constructor, listed
 * in {@code META-INF/services/io.deltachain.spi.DeltaStrategy}. Every method that reads a payload
 * must throw a {@link DeltaException} subtype on bad input, never another exception type, and must
 * bound its allocations by the given {@link Limits}. The {@code delta-testkit} module checks this.
 *
 * @param <S> the Java type of the states this strategy handles
 */
public interface DeltaStrategy<S> {

    /** @return the stable, lower-case id stored in records, e.g. {@code "dict"} */
    String id();

    /** @return the format of the states this strategy handles */
    StateFormat<S> stateFormat();

    /**
     * @param base the older state
     * @param target the newer state
     * @return a payload that turns {@code base} into {@code target}; deterministic
     */
    byte[] diff(S base, S target);

    /**
     * @param base the state the payload was made from; read, never modified (a chain passes states it keeps
     *     and reuses, such as a cached snapshot's; {@code DeltaStrategyContract.applyDoesNotMutateBase} checks it)
     * @param payload a payload from {@link #diff}, possibly corrupt
     * @param limits bounds on allocation
     * @return the target state, never sharing mutable objects with {@code base}
     * @throws DeltaException (a subtype) when the payload is malformed or does not fit the base
     */
    S apply(S base, byte[] payload, Limits limits);

    /**
     * {@link #apply(Object, byte[], Limits)}, handing the payload's {@link #summary} to {@code summary}
     * too when the strategy reads it on the way: a record's header summary is checked against it on
     * every apply, and a strategy that parses its payload to apply it can give the summary without
     * parsing it again (for {@code dict} that second reading was a quarter of an apply). The default
     * applies and gives nothing; the caller then asks {@link #summary(byte[])}. An override must give
     * exactly what {@link #summary(byte[])} returns for the payload, or nothing.
     *
     * @param base the state the payload was made from
     * @param payload a payload from {@link #diff}, possibly corrupt
     * @param limits bounds on allocation
     * @param summary takes the payload's summary, at most once, or is not called
     * @return the target state, as {@link #apply(Object, byte[], Limits)} returns it
     * @throws DeltaException (a subtype) when the payload is malformed or does not fit the base
     */
    default S apply(S base, byte[] payload, Limits limits, java.util.function.Consumer<PatchSummary> summary) {
        return apply(base, payload, limits);
    }

    /** @return whether {@link #compose} works for this strategy */
    default boolean canCompose() {
        return false;
    }

    /**
     * Folds two consecutive payloads into one that has exactly the effect of applying both in turn.
     *
     * @param first the payload from state A to state B
     * @param second the payload from state B to state C
     * @return a payload from A to C
     * @throws UnsupportedDeltaOperationException when the strategy cannot compose
     */
    default byte[] compose(byte[] first, byte[] second) {
        throw new UnsupportedDeltaOperationException(id() + " cannot compose patches; re-diff the end states instead");
    }

    /**
     * The heap {@link #diff} needs for states whose canonical forms have these sizes, beyond the two
     * states themselves, estimated from the sizes alone: what lets a caller refuse work that cannot fit
     * before it starts (the {@code delta diff} command does, before reading its files), and lets
     * {@code auto} pass over a candidate the heap cannot hold instead of ending in an
     * {@link OutOfMemoryError}. An estimate of the peak, not a promise; the strategy still checks the
     * free heap itself before it allocates. The default, 0, means the strategy does not say.
     *
     * @param baseBytes the base's canonical size
     * @param targetBytes the target's canonical size
     * @return the heap the diff needs beyond its inputs, in bytes, or 0 when not known
     */
    default long diffHeapBytes(long baseBytes, long targetBytes) {
        return 0;
    }

    /**
     * @param payload a payload from {@link #diff}
     * @return what it changes, or {@link PatchSummary#UNKNOWN}
     */
    default PatchSummary summary(byte[] payload) {
        return PatchSummary.UNKNOWN;
    }

    /**
     * What a payload changes, rendered for people ({@code delta show}, {@code delta chain diff}): e.g.
     * {@code text} gives the hunks of a unified diff, {@code dict} one line per changed key. The layout
     * is for reading, not parsing, and may change between versions; use {@link #summary} or the payload
     * itself in programs.
     *
     * <p>The result is an {@link Optional} because "this strategy has no rendering" and "this payload
     * changes nothing" are different answers: the first is empty (the default, and what binary
     * strategies give), the second is present and the empty string. A present rendering is a whole
     * number of lines, each ended by {@code 
}, unless a line of the state itself has another ending.
     * It holds only what the payload holds; {@link #describe(Object, byte[], Limits)} can add what the
     * base holds (removed lines, context).
     *
     * @param payload a payload from {@link #diff}, possibly corrupt; not modified
     * @return the rendering, or empty when this strategy renders none
     * @throws DeltaException (a subtype) when the payload is malformed
     */
    default Optional<String> describe(byte[] payload) {
        return Optional.empty();
    }

    /**
     * What a payload does to {@code base}, rendered for people with what the base adds: e.g. {@code text}
     * gives a unified diff's hunks with three lines of context and the removed lines, where
     * {@link #describe(byte[])} can only count them. Same contract otherwise; the default ignores the
     * base.
     *
     * @param base the state the payload was made from
     * @param payload a payload from {@link #diff}, possibly corrupt; not modified
     * @param limits bounds on allocation (the rendering may rebuild the target)
     * @return the rendering, or empty when this strategy renders none
     * @throws DeltaException (a subtype) when the payload is malformed or does not fit the base
     */
    default Optional<String> describe(S base, byte[] payload, Limits limits) {
        return describe(payload);
    }

    /**
     * This strategy on another state format than its own, for a strategy that can serve one directly
     * (e.g. {@code text}, on {@code utf8-text}, also serves {@code bytes} that are valid UTF-8). The
     * registry's typed lookup and {@code strategiesFor} use it; a strategy on {@code bytes} needs none,
     * since it serves every format through canonical bytes ({@link #overBytes}).
     *
     * @param format a state format other than {@link #stateFormat()}
     * @param <T> its state type
     * @return the strategy on that format, with the same id, or empty (the default)
     */
    default <T> Optional<DeltaStrategy<T>> on(StateFormat<T> format) {
        return Optional.empty();
    }

    /** @return the standard file format other tools read, when this strategy has one */
    default Optional<NativeFormat<S>> nativeFormat() {
        return Optional.empty();
    }

    /**
     * Runs a strategy on raw bytes over any state format by way of the format's canonical bytes:
     * a binary delta of a JSON map is the binary delta of its canonical JSON.
     *
     * @param strategy a strategy on {@link StateFormats#bytes()}
     * @param format the state format to serve
     * @param <S> the state type of that format
     * @return a strategy with the same id that works on {@code format}
     * @throws IncompatibleStateFormatException when {@code strategy} does not work on bytes
     */
    static <S> DeltaStrategy<S> overBytes(DeltaStrategy<byte[]> strategy, StateFormat<S> format) {
        return ByteStrategyAdapter.adapt(strategy, format);
    }
}
