package io.deltachain.strategy.jsonpatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.jsonpatch.internal.MergePatch;
import io.deltachain.strategy.jsonpatch.internal.Pointers;
import io.deltachain.strategy.jsonpatch.internal.Trees;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code merge-patch} strategy: RFC 7396 JSON Merge Patch on {@code json-node} states.
 *
 * <p>A merge patch looks like the document: members to set, {@code null} for members to remove,
 * objects merged recursively. Its limits, which RFC 7396 states: it cannot set a member to
 * {@code null} (diff throws {@link io.deltachain.api.UnsupportedDeltaOperationException} naming the
 * member), and it cannot edit an array in place: a changed array is sent whole. Records are not so
 * limited: where the target needs a {@code null} member, the record payload carries the merge patch
 * and the pointers of the members to set to {@code null} after the merge, so every pair round-trips
 * through records; only the native RFC 7396 patch refuses. A document that is not an object
 * is replaced whole. Composition is not offered: two merge patches do not always compose into one (a
 * patch that replaces the document with a scalar, followed by an object patch).
 *
 * <p>Payload: {@code DLTJMP}, version {@code 01}, then the merge patch as canonical JSON, or, when
 * nulls must be set, {@code [{"nulls":[pointers],"patch":merge patch}]}, or nothing when equal
 * documents that are not objects leave nothing to merge ({@code docs/FORMAT.md}); the native format
 * ({@code "RFC 7396"}) is the merge patch's JSON text.
 * Immutable and thread-safe.
 */
public final class MergePatchStrategy implements DeltaStrategy<JsonNode> {
    /** The id. */
    public static final String ID = "merge-patch";

    private static final byte[] MAGIC = {'D', 'L', 'T', 'J', 'M', 'P', 1};
    /** The levels the wrapper {@code [{"patch":...}]} adds above a merge patch. */
    private static final int WRAPPER_DEPTH = 2;

    /** For {@link java.util.ServiceLoader}. */
    public MergePatchStrategy() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StateFormat<JsonNode> stateFormat() {
        return JsonFormats.node();
    }

    @Override
    public byte[] diff(JsonNode base, JsonNode target) {
        if (!target.isObject() && Trees.equal(base, target)) {
            return MAGIC.clone(); // no body: no change, which a merge patch that is not an object cannot say
        }
        List<String> nulls = new ArrayList<>();
        JsonNode merge = MergePatch.diff(base, target, nulls);
        JsonNode body = merge;
        if (!nulls.isEmpty() || wrapper(merge)) { // a patch that looks like the wrapper is wrapped too
            nulls = nulls.isEmpty() ? List.of() : nulls;
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("patch", merge);
            ArrayNode pointers = wrapped.putArray("nulls");
            nulls.forEach(pointers::add);
            body = JsonNodeFactory.instance.arrayNode().add(wrapped);
        }
        byte[] patch = CanonicalJson.write(body, bodyLimits(Limits.defaults()));
        byte[] payload = Arrays.copyOf(MAGIC, MAGIC.length + patch.length);
        System.arraycopy(patch, 0, payload, MAGIC.length, patch.length);
        return payload;
    }

    @Override
    public JsonNode apply(JsonNode base, byte[] payload, Limits limits) {
        JsonNode body = read(payload, limits);
        if (body == null) {
            return Trees.copy(base);
        }
        Optional<List<String>> nulls = nulls(body);
        if (nulls.isEmpty()) {
            return MergePatch.apply(base, body);
        }
        return MergePatch.setNulls(MergePatch.apply(base, body.get(0).get("patch")), nulls.get());
    }

    /** A body {@code [{"nulls":[...],"patch":...}]} carries nulls to set after the merge; any other body is the merge patch. */
    private static Optional<List<String>> nulls(JsonNode body) {
        if (!wrapper(body)) {
            return Optional.empty();
        }
        List<String> pointers = new ArrayList<>();
        for (JsonNode p : body.get(0).get("nulls")) {
            if (!p.isTextual() || Pointers.syntaxError(p.textValue()).isPresent() || p.textValue().isEmpty()) {
                throw new CorruptDeltaException("merge-patch payload: \"nulls\" holds " + p + ", which is no JSON Pointer to a member");
            }
            pointers.add(p.textValue());
        }
        return Optional.of(pointers);
    }

    /** @return the body, or null when the payload has none (no change) */
    private static JsonNode read(byte[] payload, Limits limits) {
        if (payload.length < MAGIC.length || !Arrays.equals(payload, 0, MAGIC.length - 1, MAGIC, 0, MAGIC.length - 1)) {
            throw new CorruptDeltaException("not a merge-patch payload: it does not start with the magic DLTJMP");
        }
        if (payload[MAGIC.length - 1] != MAGIC[MAGIC.length - 1]) {
            throw new CorruptDeltaException("merge-patch payload version " + (payload[MAGIC.length - 1] & 0xff)
                    + " at byte offset 6; this build reads version 1");
        }
        if (payload.length == MAGIC.length) {
            return null;
        }
        JsonNode body = JsonFormats.node().fromBytes(Arrays.copyOfRange(payload, MAGIC.length, payload.length),
                bodyLimits(limits));
        // The wrapper's two levels aside, the merge patch nests no deeper than a state: what it builds neither.
        JsonValues.checkDepth(wrapper(body) ? body.get(0).get("patch") : body, 0, limits, "the merge patch");
        return body;
    }

    /**
     * @param limits the bounds on states
     * @return those on a payload's body: two levels more, for the wrapper {@code [{"patch":...,"nulls":...}]}
     */
    private static Limits bodyLimits(Limits limits) {
        return limits.withMaxJsonDepth((int) Math.min(Integer.MAX_VALUE, limits.maxJsonDepth() + (long) WRAPPER_DEPTH));
    }

    private static boolean wrapper(JsonNode body) {
        return body.isArray() && body.size() == 1 && body.get(0).isObject() && body.get(0).size() == 2
                && body.get(0).has("patch") && body.get(0).path("nulls").isArray();
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        JsonNode body = read(payload, Limits.defaults());
        if (body == null) {
            return PatchSummary.of(0, 0, List.of());
        }
        Optional<List<String>> nulls = nulls(body);
        JsonNode patch = nulls.isPresent() ? body.get(0).get("patch") : body;
        List<String> changed = new ArrayList<>(nulls.orElse(List.of()));
        List<String> removed = new ArrayList<>();
        if (patch.isObject()) {
            collect(patch, "", changed, removed);
        } else {
            changed.add("");
        }
        List<String> keys = new ArrayList<>(changed);
        keys.addAll(removed);
        keys.sort(null);
        return PatchSummary.of(changed.size(), removed.size(), keys);
    }

    private static void collect(JsonNode patch, String path, List<String> changed, List<String> removed) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String where = Pointers.member(path, e.getKey());
            if (e.getValue().isNull()) {
                removed.add(where);
            } else if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                collect(e.getValue(), where, changed, removed);
            } else {
                changed.add(where);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code merge-patch}: one line per member the merge patch sets or removes, as a JSON Pointer,
     * walking into objects: {@code set /a 5}, {@code remove /b}; a null the record sets after the
     * merge is {@code set /c null}; a patch that is not an object is {@code set "" value}. Values as
     * in {@code json-patch}'s rendering (canonical JSON, cut when long).
     */
    @Override
    public Optional<String> describe(byte[] payload) {
        return Optional.of(render(read(payload, Limits.defaults()), null));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code merge-patch}: as {@link #describe(byte[])}, with what the base holds: {@code add /c 4}
     * for a member the base lacks, {@code replace /a 2 (was 1)}, {@code remove /b (was 3)}; members the
     * merge leaves as they were are not listed.
     */
    @Override
    public Optional<String> describe(JsonNode base, byte[] payload, Limits limits) {
        apply(base, payload, limits); // a payload that does not fit the base throws as apply does
        return Optional.of(render(read(payload, limits), base));
    }

    private static String render(JsonNode body, JsonNode base) {
        if (body == null) {
            return "";
        }
        Optional<List<String>> nulls = nulls(body);
        JsonNode patch = nulls.isPresent() ? body.get(0).get("patch") : body;
        return MergePatch.describe(patch, nulls.orElse(List.of()), base);
    }

    @Override
    public Optional<NativeFormat<JsonNode>> nativeFormat() {
        return Optional.of(new NativeFormat<>() {
            @Override
            public String name() {
                return "RFC 7396";
            }

            @Override
            public byte[] diff(JsonNode base, JsonNode target) {
                return CanonicalJson.write(MergePatch.diff(base, target));
            }

            @Override
            public JsonNode apply(JsonNode base, byte[] nativePatch, Limits limits) {
                return MergePatch.apply(base, JsonFormats.node().fromBytes(nativePatch, limits));
            }
        });
    }

    @Override
    public String toString() {
        return ID;
    }
}
