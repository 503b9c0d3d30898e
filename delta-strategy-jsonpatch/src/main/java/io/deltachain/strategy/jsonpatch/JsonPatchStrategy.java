package io.deltachain.strategy.jsonpatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import io.deltachain.strategy.jsonpatch.internal.Op;
import io.deltachain.strategy.jsonpatch.internal.OpKind;
import io.deltachain.strategy.jsonpatch.internal.PatchApplier;
import io.deltachain.strategy.jsonpatch.internal.PatchDiff;
import io.deltachain.strategy.jsonpatch.internal.Payload;
import io.deltachain.strategy.jsonpatch.internal.Pointers;
import io.deltachain.strategy.jsonpatch.internal.Rendering;
import io.deltachain.strategy.jsonpatch.internal.Rfc6902;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code json-patch} strategy: RFC 6902 JSON Patch on {@code json-node} states.
 *
 * <p><b>Diff.</b> Objects are diffed member by member (removed, added, changed members recursively);
 * arrays by a longest common subsequence of their elements, two elements being the same when their
 * canonical JSON is, so that a record inserted, removed or moved inside an array of records costs one
 * operation, and a record edited in place costs operations on its changed members (or one
 * {@code replace} of the record, whichever is smaller). By default an element removed in one place
 * and added in another is written as {@code move}; {@link #detecting(boolean, boolean)} turns that off
 * or turns on {@code copy} for added elements equal to an earlier element of the same array. Very
 * large arrays with very many edits fall back from the exact alignment to a patience alignment on
 * elements that occur once on each side (linear memory; the patch stays correct, and may be larger
 * than the smallest). Root-level scalars and arrays are diffed like anything else; JSON Pointers
 * escape {@code ~} as {@code ~0} and {@code /} as {@code ~1}.
 *
 * <p><b>Apply.</b> All six operations, atomically: the result is built on a deep copy (its objects
 * keep their members in an insertion-ordered array map rather than a {@code LinkedHashMap}: fewer
 * allocations, the same {@code ObjectNode} behaviour), so the result never shares a container with the
 * base, and an invalid
 * patch leaves the state as it was and throws a {@link JsonPatchException} subtype naming the
 * operation's index ({@link InvalidPatchException}, {@link PatchConflictException},
 * {@link PatchTestFailedException}). Values compare by JSON semantics ({@code test} of {@code 1}
 * matches {@code 1.0}).
 *
 * <p><b>Payload and native format.</b> Records store a compact binary list of operations
 * ({@code docs/FORMAT.md}); the native format ({@link #nativeFormat()}, {@code "RFC 6902"}) is the JSON
 * text other tools read, one operation a line. {@link #compose} is exact (the operations of the first
 * patch, then of the second). {@link #summary} counts operations ({@code remove} as removals, {@code test}
 * not at all, the others as changes) and lists the members they touch as JSON Pointers cut before the
 * first array index ({@code /orders/12/lines/0/price} is listed as {@code /orders}, as {@code dict} would
 * list it; a member whose name is all digits is taken for an index), so that the records a chain keeps
 * stay small.
 * Immutable and thread-safe.
 */
public final class JsonPatchStrategy implements DeltaStrategy<JsonNode> {
    /** The id. */
    public static final String ID = "json-patch";

    private final boolean moves;
    private final boolean copies;

    /** The discovered instance: moves detected, copies not. */
    public JsonPatchStrategy() {
        this(true, false);
    }

    private JsonPatchStrategy(boolean moves, boolean copies) {
        this.moves = moves;
        this.copies = copies;
    }

    /**
     * @param moves write {@code move} for an array element removed in one place and added in another
     * @param copies write {@code copy} for an added array element equal to an earlier one
     * @return a strategy with those diff settings (apply reads every patch either way)
     */
    public static JsonPatchStrategy detecting(boolean moves, boolean copies) {
        return new JsonPatchStrategy(moves, copies);
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
        return Payload.write(PatchDiff.diff(base, target, moves, copies));
    }

    @Override
    public JsonNode apply(JsonNode base, byte[] payload, Limits limits) {
        return PatchApplier.apply(base, Payload.read(payload, limits), payload.length, limits);
    }

    @Override
    public boolean canCompose() {
        return true;
    }

    @Override
    public byte[] compose(byte[] first, byte[] second) {
        List<Op> ops = new ArrayList<>(Payload.read(first, Limits.defaults()));
        ops.addAll(Payload.read(second, Limits.defaults()));
        return Payload.write(ops);
    }

    @Override
    public PatchSummary summary(byte[] payload) {
        long changes = 0;
        long removals = 0;
        TreeSet<String> pointers = new TreeSet<>();
        for (Op op : Payload.read(payload, Limits.defaults())) {
            if (op.kind() == OpKind.TEST) {
                continue;
            }
            if (op.kind() == OpKind.REMOVE) {
                removals++;
            } else {
                changes++;
            }
            pointers.add(Pointers.upToFirstIndex(op.path()));
            if (op.kind() == OpKind.MOVE) {
                pointers.add(Pointers.upToFirstIndex(op.from()));
            }
        }
        return PatchSummary.of(changes, removals, List.copyOf(pointers));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code json-patch}: the RFC 6902 operations, one a line, in order: the operation, its
     * {@code from} and {@code ->} for {@code move} and {@code copy}, its path, and its value as
     * canonical JSON ({@code replace /orders/3/qty 5}, {@code move /orders/7 -> /orders/2},
     * {@code remove /crm/customers/12}). A value longer than {@value Rendering#MAX_VALUE_CHARS}
     * characters is cut, with a note of its whole length; a pointer that is empty (the whole
     * document) or holds a space, a quote or a control character is written as a JSON string.
     */
    @Override
    public Optional<String> describe(byte[] payload) {
        return Optional.of(Rendering.operations(Payload.read(payload, Limits.defaults()), null));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code json-patch}: as {@link #describe(byte[])}, with the value each {@code replace} and
     * {@code remove} (and {@code add} onto an existing member) takes away: {@code replace /a 2 (was 1)}.
     * The patch is applied to a copy of the base to find them, so a patch that does not fit the base
     * throws as {@link #apply} does.
     */
    @Override
    public Optional<String> describe(JsonNode base, byte[] payload, Limits limits) {
        List<Op> ops = Payload.read(payload, limits);
        JsonNode[] before = new JsonNode[ops.size()];
        PatchApplier.apply(base, ops, payload.length, limits, before);
        return Optional.of(Rendering.operations(ops, before));
    }

    @Override
    public Optional<NativeFormat<JsonNode>> nativeFormat() {
        return Optional.of(new NativeFormat<>() {
            @Override
            public String name() {
                return "RFC 6902";
            }

            @Override
            public byte[] diff(JsonNode base, JsonNode target) {
                return Rfc6902.write(PatchDiff.diff(base, target, moves, copies));
            }

            @Override
            public JsonNode apply(JsonNode base, byte[] nativePatch, Limits limits) {
                return PatchApplier.apply(base, Rfc6902.read(nativePatch, limits), nativePatch.length, limits);
            }
        });
    }

    @Override
    public String toString() {
        return ID + (moves ? "" : " (no moves)") + (copies ? " (copies)" : "");
    }
}
