package io.deltachain.strategy.dict;

import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.dict.internal.MapPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dict} strategy: key-level deltas of JSON maps ({@code json-map} states).
 *
 * <p>A patch sets changed and added keys, removes removed keys, and, where a key holds an object
 * both before and after, patches that object recursively, so a change deep inside a nested map does
 * not copy the whole top-level value. Values are compared by JSON semantics ({@code 1} equals
 * {@code 1.0}, {@code true} never equals {@code 1}). Composition is exact: a key removed and later
 * re-added survives. The summary counts set and removed keys at every depth and lists them as
 * RFC 6901 JSON Pointers ({@code /key1}, {@code /key4/added}).
 *
 * <p>Payload: canonical JSON, specified in {@code docs/FORMAT.md}. Immutable and thread-safe.
 */
public final class DictStrategy implements DeltaStrategy<Map<String, Object>> {
    /** The id. */
    public static final String ID = "dict";

    private final boolean includeUnchanged;

    /** The discovered instance: unchanged keys are not listed. */
    public DictStrategy() {
        this(false);
    }

    private DictStrategy(boolean includeUnchanged) {
        this.includeUnchanged = includeUnchanged;
    }

    /**
     * @return a {@code dict} strategy whose patches also list unchanged top-level keys and their
     *     values (informational: applying ignores them; composing drops them)
     */
    public static DictStrategy includingUnchanged() {
        return new DictStrategy(true);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<Map<String, Object>> stateFormat() {
        return JsonFormats.map();
    }

    @Override
    public byte[] diff(Map<String, Object> base, Map<String, Object> target) {
        return MapPatch.diff(base, target, includeUnchanged).toPayload();
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> base, byte[] payload, Limits limits) {
        return MapPatch.fromPayload(payload, limits).applyTo(base, "");
    }

    /** One reading of the payload gives both the target and the summary. */
    @Override
    public Map<String, Object> apply(Map<String, Object> base, byte[] payload, Limits limits,
                                     java.util.function.Consumer<PatchSummary> summary) {
        MapPatch patch = MapPatch.fromPayload(payload, limits);
        Map<String, Object> result = patch.applyTo(base, "");
        summary.accept(summaryOf(patch));
        return result;
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        return MapPatch.compose(MapPatch.fromPayload(first, Limits.defaults()),
                MapPatch.fromPayload(second, Limits.defaults()), "").toPayload();
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        return summaryOf(MapPatch.fromPayload(payload, Limits.defaults()));
    }

    private static PatchSummary summaryOf(MapPatch patch) {
        List<String> changes = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        patch.collect("", changes, removals);
        List<String> keys = new ArrayList<>(changes);
        keys.addAll(removals);
        keys.sort(null);
        return PatchSummary.of(changes.size(), removals.size(), keys);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code dict}: one line per changed key at every depth, in key order, as a JSON Pointer with
     * canonical JSON values: {@code ~ /a: 2} for a key set (the payload does not say whether it is new),
     * {@code - /b} for a key removed.
     */
    @Override
    public Optional<String> describe(byte[] payload) {
        StringBuilder out = new StringBuilder();
        MapPatch.fromPayload(payload, Limits.defaults()).describe("", null, out);
        return Optional.of(out.toString());
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code dict}: as {@link #describe(byte[])}, with what the base holds: {@code + /c: 4} for a key
     * added, {@code ~ /a: 1 -> 2} for one changed, {@code - /b: 3} for one removed.
     */
    @Override
    public Optional<String> describe(Map<String, Object> base, byte[] payload, Limits limits) {
        StringBuilder out = new StringBuilder();
        MapPatch.fromPayload(payload, limits).describe("", base, out);
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        return includeUnchanged ? "dict (including unchanged keys)" : "dict";
    }
}
