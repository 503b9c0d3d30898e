package io.deltachain.strategy.jsonpatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.jsonpatch.internal.MergePatch;
import io.deltachain.strategy.jsonpatch.internal.Pointers;
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
 * member; use {@code json-patch}, or {@code auto}, which skips a strategy that cannot diff a pair), and
 * it cannot edit an array in place: a changed array is sent whole. A document that is not an object
 * is replaced whole. Composition is not offered: two merge patches do not always compose into one (a
 * patch that replaces the document with a scalar, followed by an object patch).
 *
 * <p>Payload: {@code DLTJMP}, version {@code 01}, then the merge patch as canonical JSON
 * ({@code docs/FORMAT.md}); the native format ({@code "RFC 7396"}) is the merge patch's JSON text.
 * Immutable and thread-safe.
 */
public final class MergePatchStrategy implements DeltaStrategy<JsonNode> {
    /** The id. */
    public static final String ID = "merge-patch";

    private static final byte[] MAGIC = {'D', 'L', 'T', 'J', 'M', 'P', 1};

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
        byte[] patch = CanonicalJson.write(MergePatch.diff(base, target));
        byte[] payload = Arrays.copyOf(MAGIC, MAGIC.length + patch.length);
        System.arraycopy(patch, 0, payload, MAGIC.length, patch.length);
        return payload;
    }

    @Override
    public JsonNode apply(JsonNode base, byte[] payload, Limits limits) {
        return MergePatch.apply(base, read(payload, limits));
    }

    private static JsonNode read(byte[] payload, Limits limits) {
        if (payload.length < MAGIC.length || !Arrays.equals(payload, 0, MAGIC.length - 1, MAGIC, 0, MAGIC.length - 1)) {
            throw new CorruptDeltaException("not a merge-patch payload: it does not start with the magic DLTJMP");
        }
        if (payload[MAGIC.length - 1] != MAGIC[MAGIC.length - 1]) {
            throw new CorruptDeltaException("merge-patch payload version " + (payload[MAGIC.length - 1] & 0xff)
                    + " at byte offset 6; this build reads version 1");
        }
        return JsonFormats.node().fromBytes(Arrays.copyOfRange(payload, MAGIC.length, payload.length), limits);
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        JsonNode patch = read(payload, Limits.defaults());
        List<String> changed = new ArrayList<>();
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
